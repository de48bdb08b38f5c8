"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-125/render.py
The .md files are the source of truth; .md targets are left untouched.
"""
import html
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2089": "pdf-two-column",
    "cv-ho-2090": "docx",
    "cv-ho-2091": "md",
    "cv-ho-2092": "pdf",
    "cv-ho-2093": "docx",
    "cv-ho-2094": "md",
    "cv-ho-2095": "pdf",
    "cv-ho-2096": "md",
    "cv-ho-2097": "docx",
    "cv-ho-2098": "pdf",
    "cv-ho-2099": "docx",
    "cv-ho-2100": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, intro_paragraphs, sections); sections = [(title, blocks)].

    A block is ("p", text) | ("li", text) | ("table", rows).
    """
    name, intro, sections = "", [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else intro).append(("table", table))
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
            (current[1] if current else intro).append(("li", line[2:].strip()))
        else:
            (current[1] if current else intro).append(("p", line.strip()))
    return name, intro, sections


def inline_to_rl(text):
    """Markdown emphasis -> reportlab mini-markup."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Markdown emphasis -> list of (text, bold, italic)."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=TA_LEFT, spaceAfter=2),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=11.5, leading=14,
                            spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1.5),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "p":
            out.append(Paragraph(inline_to_rl(payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_to_rl(payload), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, md_text):
    name, intro, sections = parse(md_text)
    st = styles()
    story = [Paragraph(inline_to_rl(name), st["name"])]
    story += blocks_to_flowables(intro, st)
    for title, blocks in sections:
        story.append(Paragraph(inline_to_rl(title), st["h"]))
        story += blocks_to_flowables(blocks, st)
    doc = SimpleDocTemplate(os.path.join(HERE, cv_id + ".pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV - {name}", author=name)
    doc.build(story)


def render_pdf_two_column(cv_id, md_text):
    """Sidebar (contact, skills, languages, interests) on the left, main column on the right.

    Uses BaseDocTemplate with real frames, so the text layer is two columns.
    """
    name, intro, sections = parse(md_text)
    st = styles(8.8)
    side_st = styles(8.3)
    width, height = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 6 * mm
    side_w = 58 * mm
    body_top = height - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, width - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, width - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(os.path.join(HERE, cv_id + ".pdf"), pagesize=A4,
                          title=f"CV - {name}", author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])

    story = [NextPageTemplate("later"), Paragraph(inline_to_rl(name), st["name"])]
    story += blocks_to_flowables(intro, st)
    story.append(FrameBreak())  # -> sidebar
    for title, blocks in sections:
        if title in SIDEBAR:
            story.append(Paragraph(inline_to_rl(title), side_st["h"]))
            story += blocks_to_flowables(blocks, side_st)
    story.append(FrameBreak())  # -> main column
    for title, blocks in sections:
        if title not in SIDEBAR:
            story.append(Paragraph(inline_to_rl(title), st["h"]))
            story += blocks_to_flowables(blocks, st)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, md_text):
    name, intro, sections = parse(md_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(name, level=0)
    all_blocks = [(None, intro)] + sections
    for title, blocks in all_blocks:
        if title:
            doc.add_heading(title, level=1)
        for kind, payload in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), payload)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), payload)
            elif kind == "table":
                ncols = max(len(r) for r in payload)
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                for ri, row in enumerate(payload):
                    cells = table.add_row().cells
                    for ci, val in enumerate(row):
                        cells[ci].text = ""
                        p = cells[ci].paragraphs[0]
                        for t, b, i in inline_runs(val):
                            r = p.add_run(t)
                            r.bold = b or ri == 0
                            r.italic = i
    doc.core_properties.title = f"CV - {name}"
    doc.core_properties.author = name
    doc.save(os.path.join(HERE, cv_id + ".docx"))


def main():
    for cv_id, target in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            md_text = fh.read()
        if target == "pdf":
            render_pdf(cv_id, md_text)
        elif target == "pdf-two-column":
            render_pdf_two_column(cv_id, md_text)
        elif target == "docx":
            render_docx(cv_id, md_text)
        print(cv_id, "->", target)


if __name__ == "__main__":
    main()
