"""Render the heldout3-43 CVs from their Markdown sources into target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-43/render.py

- PDF targets are built with reportlab (real text layer, standard Helvetica).
  One PDF uses a two-column page (sidebar frame + main frame) via BaseDocTemplate.
- DOCX targets are built with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1105": "docx",
    "cv-ho-1106": "pdf-2col",
    "cv-ho-1107": "md",
    "cv-ho-1108": "docx",
    "cv-ho-1109": "pdf",
    "cv-ho-1110": "md",
    "cv-ho-1111": "pdf",
    "cv-ho-1112": "docx",
    "cv-ho-1113": "md",
    "cv-ho-1114": "pdf",
    "cv-ho-1115": "docx",
    "cv-ho-1116": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Tools", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3 (text); bullet (text); para (list of lines); table (rows).
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            table.append(line)
            continue
        if table:
            flush()
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if line.lstrip().startswith("- "):
            flush()
            blocks.append(("bullet", line.lstrip()[2:]))
            continue
        para.append(line)
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (title, blocks) pairs; the header before the first h2 has title None."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        else:
            sections[-1][1].append((kind, payload))
    return sections


# ---------------------------------------------------------------- inline markup
def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def add_runs(par, text, size=None):
    """Add text with **bold** / *italic* to a python-docx paragraph."""
    pos = 0
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    for m in pattern.finditer(text):
        if m.start() > pos:
            r = par.add_run(text[pos:m.start()])
            if size:
                r.font.size = size
        if m.group(1) is not None:
            r = par.add_run(m.group(1))
            r.bold = True
        else:
            r = par.add_run(m.group(2))
            r.italic = True
        if size:
            r.font.size = size
        pos = m.end()
    if pos < len(text):
        r = par.add_run(text[pos:])
        if size:
            r.font.size = size


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 9, leading=base + 12, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2, leading=base + 4,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5, leading=base + 3,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base, leading=base + 3,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5, leading=base + 2),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin, margin, page_w - 2 * margin, body_h, id="later")

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, body_h + 6, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic",
                          leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[side_frame, main_frame], onPage=draw_sidebar),
        PageTemplate(id="Later", frames=[later_frame]),
    ])

    sections = split_sections(blocks)
    header = sections[0][1]
    side = [b for t, bl in sections[1:] if t in SIDEBAR_SECTIONS for b in bl]
    main = header + [b for t, bl in sections[1:] if t not in SIDEBAR_SECTIONS for b in bl]

    side_st = pdf_styles(scale=0.9)
    main_st = pdf_styles(scale=1.0)
    story = [NextPageTemplate("Later")]
    story += blocks_to_flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, main_st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind in ("h2", "h3"):
            h = doc.add_heading(level=1 if kind == "h2" else 2)
            add_runs(h, payload)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
