"""Render the CV Markdown files in this folder to their target formats.

Targets: 4 PDF (one two-column), 4 DOCX (one with a real Word table), 4 MD (the .md is the target).
Run: /work/main/.venv/bin/python eval/cvs/heldout5-150/render.py
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, Spacer, SimpleDocTemplate, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_SIMPLE = ["cv-ho-2389", "cv-ho-2391", "cv-ho-2392"]
PDF_TWO_COLUMN = {"cv-ho-2390": {"Contact", "Skills", "Education", "Languages"}}
DOCX = ["cv-ho-2393", "cv-ho-2394", "cv-ho-2395", "cv-ho-2396"]


def parse(md_text):
    """Return blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_rl(text):
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=17, leading=21, spaceAfter=4, alignment=0),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10, leading=12),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.3, leading=12, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.3, leading=12, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    st = styles()
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st))


def split_sections(blocks):
    """Header blocks (before first h2) and list of (h2 title, blocks incl. heading)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    st = styles()
    side_st = dict(st)
    side_st["para"] = ParagraphStyle("sp", parent=st["para"], fontSize=8.6, leading=11)
    side_st["bullet"] = ParagraphStyle("sb", parent=st["bullet"], fontSize=8.6, leading=11)
    side_st["h2"] = ParagraphStyle("sh2", parent=st["h2"], fontSize=10.5)
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in sidebar_titles for b in bl]
    main = [b for t, bl in sections if t not in sidebar_titles for b in bl]

    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 6 * mm
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head", showBoundary=0)
    f_side = Frame(m, m, side_w, H - 2 * m - header_h, id="side", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h, id="main",
                   showBoundary=0)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, H - 2 * m - header_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="two", frames=[f_head, f_side, f_main], onPage=draw_bg)])
    story = flowables(header, st) + [FrameBreak()] + flowables(side, side_st) + [FrameBreak()] + flowables(main, st)
    doc.build(story)


def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*|\*[^*]+?\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        elif p.startswith("*") and p.endswith("*") and len(p) > 2:
            par.add_run(p[1:-1]).italic = True
        else:
            par.add_run(p)


def render_docx(cv_id, blocks):
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10)
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
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    d.save(os.path.join(HERE, cv_id + ".docx"))


def main():
    def load(cv_id):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            return parse(f.read())

    for cv_id in PDF_SIMPLE:
        render_pdf(cv_id, load(cv_id))
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, load(cv_id), side)
    for cv_id in DOCX:
        render_docx(cv_id, load(cv_id))
    print("rendered", len(PDF_SIMPLE) + len(PDF_TWO_COLUMN), "pdf and", len(DOCX), "docx")


if __name__ == "__main__":
    main()
