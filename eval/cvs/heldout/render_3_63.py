"""Render the heldout3-63 CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-63/render.py
PDFs are built with reportlab (real text layer), DOCX with python-docx.
The .md files are the source; for MD targets the .md itself is the target file.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1345": "md",
    "cv-ho-1346": "pdf2col",
    "cv-ho-1347": "docx",
    "cv-ho-1348": "pdf",
    "cv-ho-1349": "docx",
    "cv-ho-1350": "md",
    "cv-ho-1351": "pdf",
    "cv-ho-1352": "md",
    "cv-ho-1353": "docx",
    "cv-ho-1354": "pdf",
    "cv-ho-1355": "docx",
    "cv-ho-1356": "md",
}

# Sections placed in the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-ho-1346": {"Contact", "Skills", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, para, bullet, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Group blocks into (heading, blocks) sections; the preamble has heading None."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        else:
            sections[-1][1].append(b)
    return sections


def inline_runs(text):
    """Split text on **bold** and *italic* markers -> list of (text, bold, italic)."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=2)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=4),
        "para": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    st = pdf_styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    sidebar_names = SIDEBAR_SECTIONS[cv_id]
    sections = split_sections(blocks)
    header = sections[0][1]
    side = [b for name, bl in sections[1:] if name in sidebar_names for b in bl]
    main = [b for name, bl in sections[1:] if name not in sidebar_names for b in bl]

    page_w, page_h = A4
    margin = 15 * mm
    header_h = 22 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    f_header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                     id="header", showBoundary=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)
    f_later = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(side, st_side, side_w)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.core_properties.title = cv_id
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / (cv_id + ".md")
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            out = src
        elif fmt == "pdf":
            out = HERE / (cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = HERE / (cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / (cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("%s -> %s (%d bytes)" % (cv_id, out.name, out.stat().st_size))


if __name__ == "__main__":
    main()
