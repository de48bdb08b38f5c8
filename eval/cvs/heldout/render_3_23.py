"""Render the heldout3-23 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-23/render.py
Only a small Markdown subset is supported (headings, bullets, paragraphs,
pipe tables, **bold** and *italic*).
"""
import html
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-865": "pdf",
    "cv-ho-866": "docx",
    "cv-ho-867": "md",
    "cv-ho-868": "pdf2col",
    "cv-ho-869": "docx",
    "cv-ho-870": "pdf",
    "cv-ho-871": "md",
    "cv-ho-872": "docx",
    "cv-ho-873": "md",
    "cv-ho-874": "pdf",
    "cv-ho-875": "docx",
    "cv-ho-876": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("- "):
            flush(); blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # a line ending a paragraph line-by-line (e.g. address lines) stays its own line
            para.append(line)
            if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].startswith(("#", "-", "|")):
                blocks.append(("p", " ".join(s.strip() for s in para)))
                para.clear()
        i += 1
    flush()
    return blocks


def to_rl(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=4),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=os.path.basename(path))
    doc.build(flowables(blocks, st))


def split_sidebar(blocks):
    side, main = [], []
    target = main
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR_SECTIONS else main
        target.append((kind, payload))
    return side, main


def render_pdf_two_column(blocks, path):
    st = styles()
    for k in ("p", "li", "cell"):
        st[k].fontSize = 9
        st[k].leading = 11.5
    side_st = dict(st)
    side_st["li"] = ParagraphStyle("sli", parent=st["li"], fontSize=8.5, leading=11)
    side_st["p"] = ParagraphStyle("sp", parent=st["p"], fontSize=8.5, leading=11)
    side, main = split_sidebar(blocks)
    width, height = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 6 * mm
    side_frame = Frame(margin, margin, side_w, height - 2 * margin, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, width - 2 * margin - side_w - gap,
                       height - 2 * margin, id="main")
    rest_frame = Frame(margin + side_w + gap, margin, width - 2 * margin - side_w - gap,
                       height - 2 * margin, id="main_rest")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, height, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=os.path.basename(path))
    doc.addPageTemplates([PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
                          PageTemplate(id="rest", frames=[rest_frame])])
    story = flowables(side, side_st)
    story.append(NextPageTemplate("rest"))
    story.append(FrameBreak())
    story += flowables(main, st)
    doc.build(story)


def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(blocks, path):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = os.path.basename(path)
    doc.core_properties.author = "Synthetic CV"
    doc.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            render_pdf(blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "pdf2col":
            render_pdf_two_column(blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "docx":
            render_docx(blocks, os.path.join(HERE, cv_id + ".docx"))
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
