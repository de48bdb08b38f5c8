"""Render the batch-28 held-out CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-28/render.py
The .md files are the CV text; the MD-target CVs need no rendering.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-925", "cv-ho-932", "cv-ho-934"]
PDF_TWO_COLUMN = {"cv-ho-926": {"Contact", "Skills", "Education", "Languages"}}
DOCX = ["cv-ho-928", "cv-ho-930", "cv-ho-931", "cv-ho-935"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, blocks) where blocks is a list of (section, items);
    items are ('p', text) | ('li', text) | ('table', rows)."""
    name = None
    sections = []
    current = ("", [])
    sections.append(current)
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                current[1].append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("- "):
            current[1].append(("li", line[2:].strip()))
        else:
            current[1].append(("p", line.strip()))
    return name, [s for s in sections if s[0] or s[1]]


def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=TA_LEFT, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=base_size + 2,
                            leading=base_size + 5, spaceBefore=7, spaceAfter=3,
                            textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def flow_section(title, items, st):
    out = []
    if title:
        out.append(Paragraph(rl_inline(title), st["h"]))
    for kind, val in items:
        if kind == "p":
            out.append(Paragraph(rl_inline(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(rl_inline(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(rl_inline(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id):
    name, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = styles()
    story = [Paragraph(rl_inline(name), st["name"])]
    for title, items in sections:
        story += flow_section(title, items, st)
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV - {name}", author=name)
    doc.build(story)


def render_pdf_two_column(cv_id, sidebar_titles):
    name, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    path = HERE / f"{cv_id}.pdf"
    w, h = A4
    margin = 14 * mm
    header_h = 18 * mm
    gap = 6 * mm
    side_w = 62 * mm
    body_top = h - margin - header_h
    body_h = body_top - margin
    header = Frame(margin, body_top, w - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, w - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=4, rightPadding=0)
    later = Frame(margin, margin, w - 2 * margin, h - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=f"CV - {name}", author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    st_side = styles(8.5)
    st_main = styles(9.5)
    story = [NextPageTemplate("later"), Paragraph(rl_inline(name), st_main["name"]),
             FrameBreak()]
    for title, items in sections:
        if title in sidebar_titles:
            story += flow_section(title, items, st_side)
    story.append(FrameBreak())
    for title, items in sections:
        if title not in sidebar_titles:
            story += flow_section(title, items, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for i, chunk in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if chunk:
            par.add_run(chunk).bold = bool(i % 2)


def render_docx(cv_id):
    name, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {name}"
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    for title, items in sections:
        if title:
            doc.add_heading(title, level=1)
        for kind, val in items:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                table = doc.add_table(rows=len(val), cols=len(val[0]))
                table.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        p = table.cell(r, c).paragraphs[0]
                        add_runs(p, cell)
                        if r == 0:
                            for run in p.runs:
                                run.bold = True
    doc.save(str(HERE / f"{cv_id}.docx"))


if __name__ == "__main__":
    for cv in PDF:
        render_pdf(cv)
    for cv, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv, side)
    for cv in DOCX:
        render_docx(cv)
    print("rendered", len(PDF) + len(PDF_TWO_COLUMN), "PDF and", len(DOCX), "DOCX")
