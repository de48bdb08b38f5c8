"""Render the batch-ay CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ay/render.py
PDFs get a real text layer (reportlab); DOCX files are built with python-docx.
cv-dev-645 is laid out in two columns (sidebar + main column) with two Frames.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-dev-639", "cv-dev-640", "cv-dev-643"]
PDF_TWO_COLUMN = {"cv-dev-645": ["Contact", "Skills", "Picking up now", "Certifications", "Languages"]}
DOCX = ["cv-dev-638", "cv-dev-641", "cv-dev-644", "cv-dev-647"]
# cv-dev-637, 642, 646, 648: the .md file is the target.


def parse(md_text):
    """Very small Markdown reader: returns a list of blocks (kind, payload)."""
    blocks = []
    table = []
    for line in md_text.splitlines():
        s = line.rstrip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not s:
            continue
        if s.startswith("# "):
            blocks.append(("title", s[2:]))
        elif s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("- "):
            blocks.append(("bullet", s[2:]))
        else:
            blocks.append(("para", s))
    if table:
        blocks.append(("table", table))
    return blocks


def inline_pdf(text):
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=base_size + 8, leading=base_size + 11,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h", parent=ss["Heading2"], fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_pdf(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[70 * mm, 100 * mm])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_pdf(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(inline_pdf(payload), st[kind]))
    return out


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, styles()))


def split_sections(blocks, sidebar_names):
    """Split blocks into (title, sidebar, main) by the section heading they fall under."""
    title, sidebar, main = [], [], []
    current = title
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in sidebar_names else main
        current.append((kind, payload))
    return title, sidebar, main


def render_pdf_two_column(cv_id, sidebar_names):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    title, sidebar, main = split_sections(blocks, sidebar_names)
    page_w, page_h = A4
    margin = 14 * mm
    gap = 6 * mm
    side_w = 58 * mm
    title_h = 22 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - title_h

    f_title = Frame(margin, page_h - margin - title_h, page_w - 2 * margin, title_h, id="title",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=4, rightPadding=4)
    f_later = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[f_title, f_side, f_main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[f_later])])
    st_side = styles(base_size=8.5)
    st_main = styles(base_size=9.5)
    story = flowables(title, st_main)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += flowables(sidebar, st_side)
    story.append(FrameBreak())
    story += flowables(main, st_main)
    doc.build(story)


def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF:
        render_pdf(cv_id)
    for cv_id, names in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, names)
    for cv_id in DOCX:
        render_docx(cv_id)
    for p in sorted(HERE.glob("cv-dev-*.*")):
        if p.suffix in (".pdf", ".docx"):
            print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
