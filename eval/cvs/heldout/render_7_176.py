"""Render the heldout7-176 CVs from their Markdown sources.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-176/render.py

- PDF  (reportlab, real text layer): cv-ho-2701 (two-column), 2704, 2706, 2710
- DOCX (python-docx): cv-ho-2702 (skills as a real Word table), 2705, 2708, 2711
- MD   (the .md file itself is the target): cv-ho-2703, 2707, 2709, 2712
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2701", "cv-ho-2704", "cv-ho-2706", "cv-ho-2710"]
TWO_COLUMN = {"cv-ho-2701": {"Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-2702", "cv-ho-2705", "cv-ho-2708", "cv-ho-2711"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). Kinds: title, h2, h3, bullet, table, para."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for seg, bold, italic in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            seg = f"<b>{seg}</b>"
        if italic:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18,
                                leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base_size,
                                 leading=base_size + 3),
    }


def flowables(blocks, st):
    out = []
    bullets = []

    def flush():
        if bullets:
            out.append(ListFlowable(
                [ListItem(Paragraph(to_rl(b), st["bullet"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            out.append(Spacer(1, 3))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    flush()
    return out


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        render_two_column(cv_id, blocks, path, TWO_COLUMN[cv_id])
        return
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                            title=cv_id, author="synthetic")
    doc.build(flowables(blocks, styles(10)))


def render_two_column(cv_id, blocks, path, sidebar_titles):
    # header = everything before the first section heading
    header, sections, current = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            current = [payload, [(kind, payload)]]
            sections.append(current)
        elif current is None:
            header.append((kind, payload))
        else:
            current[1].append((kind, payload))
    side = [b for title, bl in sections if title in sidebar_titles for b in bl]
    main = [b for title, bl in sections if title not in sidebar_titles for b in bl]

    W, H = A4
    margin = 15 * mm
    header_h = 28 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_h = H - 2 * margin - header_h
    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     showBoundary=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main", showBoundary=0)
    f_later = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                    H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st_side = styles(9)
    st_main = styles(9.5)
    story = flowables(header, st_main)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += flowables(side, st_side)
    story.append(FrameBreak())
    story += flowables(main, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, bold, italic in inline_runs(text):
        run = paragraph.add_run(seg)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(HERE / f"{cv_id}.docx"))


if __name__ == "__main__":
    for cv in PDF_IDS:
        render_pdf(cv)
        print("wrote", cv + ".pdf")
    for cv in DOCX_IDS:
        render_docx(cv)
        print("wrote", cv + ".docx")
