"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bs/render.py
The .md file is the CV's content; .md targets need no rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-877": "pdf",
    "cv-dev-878": "docx",   # real Word table for skills
    "cv-dev-879": "md",
    "cv-dev-880": "pdf2col",  # two-column PDF (sidebar + main frame)
    "cv-dev-881": "docx",
    "cv-dev-882": "md",
    "cv-dev-883": "pdf",
    "cv-dev-884": "docx",
    "cv-dev-885": "md",
    "cv-dev-886": "pdf",    # skills table rendered as a PDF table
    "cv-dev-887": "md",
    "cv-dev-888": "docx",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, h2, para, bullet, table."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    if table:
        blocks.append(("table", table))
    return blocks


def split_runs(text):
    """Split '**bold** rest' into [(text, bold)]."""
    runs = []
    for i, part in enumerate(re.split(r"\*\*", text)):
        if part:
            runs.append((part, i % 2 == 1))
    return runs


def to_rl(text):
    out = []
    for part, bold in split_runs(text):
        part = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{part}</b>" if bold else part)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=17,
                                leading=21, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica", fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size * 1.3),
    }


def flowables(blocks, st, width):
    story = []
    bullets = []

    def flush():
        if bullets:
            story.append(ListFlowable(
                [ListItem(Paragraph(to_rl(b), st["bullet"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            story.append(Spacer(1, 3))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "title":
            story.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            story.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            story.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.62, width * 0.38])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story.append(t)
            story.append(Spacer(1, 4))
    flush()
    return story


def render_pdf(blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=out.stem)
    doc.build(flowables(blocks, pdf_styles(), doc.width))


def render_pdf_two_column(blocks, out):
    """Page 1: sidebar frame (left) + main frame (right). Later pages: main frame only."""
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")
    doc = BaseDocTemplate(str(out), pagesize=A4, title=out.stem)
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=first_page),
                          PageTemplate(id="later", frames=[later])])

    side_blocks, main_blocks = [], []
    current = side_blocks  # title + subtitle open the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR_SECTIONS else main_blocks
        current.append((kind, payload))

    side_st = pdf_styles(8.5)
    side_st["title"].fontSize = 15
    side_st["title"].leading = 18
    story = [NextPageTemplate("later")]
    story += flowables(side_blocks, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, pdf_styles(9.5), main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part, bold in split_runs(text):
        run = par.add_run(part)
        run.bold = bold


def render_docx(blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, text in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    run = p.add_run(text)
                    run.bold = i == 0
            doc.add_paragraph()
    doc.core_properties.title = out.stem
    doc.core_properties.author = "synthetic"
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out)
        else:
            out = md
        print(f"{cv_id}: {fmt:7s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
