"""Render the heldout4-096 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-096/render.py
The .md files are the CV text; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1741": "pdf-2col",
    "cv-ho-1742": "docx",
    "cv-ho-1743": "md",
    "cv-ho-1744": "pdf",
    "cv-ho-1745": "docx",
    "cv-ho-1746": "pdf",
    "cv-ho-1747": "md",
    "cv-ho-1748": "pdf",
    "cv-ho-1749": "docx",
    "cv-ho-1750": "md",
    "cv-ho-1751": "md",
    "cv-ho-1752": "docx",
}

# Sections of the two-column CV that go in the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Courses", "Languages"}


def parse(md_text):
    """Parse the small Markdown subset used by the CVs into blocks.

    Returns a list of (kind, payload): title, h2, h3, para, bullet, table.
    """
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-+", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def inline_rl(text):
    """Markdown inline (**bold**) to reportlab mini-markup."""
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "title": ParagraphStyle("t", parent=base, fontName="Helvetica-Bold",
                                fontSize=18, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10, leading=13, spaceBefore=4, spaceAfter=2),
        "para": base,
        "bullet": ParagraphStyle("b", parent=base, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("c", parent=base, spaceAfter=0),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (skills etc.) in a narrow left frame, experience in the main frame."""
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_x = margin + side_w + gap
    main_w = pw - main_x - margin
    h = ph - 2 * margin
    side = Frame(margin, margin, side_w, h, id="side", leftPadding=4, rightPadding=4)
    main = Frame(main_x, margin, main_w, h, id="main", leftPadding=4, rightPadding=4)
    main_later = Frame(main_x, margin, main_w, h, id="main2", leftPadding=4, rightPadding=4)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[main_later]),
    ])

    side_blocks, main_blocks = [], []
    current = None
    for kind, payload in blocks:
        if kind == "h2":
            current = payload
        target = side_blocks if (current in SIDEBAR_SECTIONS) else main_blocks
        target.append((kind, payload))

    side_st = dict(st)
    side_st["para"] = ParagraphStyle("sp", parent=st["para"], fontSize=8.8, leading=11.5)
    side_st["bullet"] = ParagraphStyle("sb", parent=st["bullet"], fontSize=8.8, leading=11.5)
    story = [NextPageTemplate("later")]
    story += flowables(side_blocks, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = t.add_row().cells
                for j, val in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    add_runs(p, val)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
