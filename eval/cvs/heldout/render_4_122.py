"""Render the heldout4-122 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-122/render.py
The .md file is always the CV's exact content; PDFs and DOCX files are
rendered from it. MD-target CVs are left as they are.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph,
                                Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, SimpleDocTemplate, ListFlowable,
                                ListItem)
from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2053": "pdf2col",
    "cv-ho-2054": "docx",
    "cv-ho-2055": "md",
    "cv-ho-2056": "pdf",
    "cv-ho-2057": "docx",
    "cv-ho-2058": "docx",
    "cv-ho-2059": "pdf",
    "cv-ho-2060": "md",
    "cv-ho-2061": "md",
    "cv-ho-2062": "pdf",
    "cv-ho-2063": "docx",
    "cv-ho-2064": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"skills", "currently learning", "certifications", "languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("section", line[3:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(". ", 1)
            blocks.append(("number", (num, rest.strip())))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_to_rl(s):
    s = escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)
    return s


def inline_runs(s):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", s):
        if m.start() > pos:
            runs.append((s[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(s):
        runs.append((s[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "section": ParagraphStyle("s", parent=ss["Heading2"], fontSize=12, leading=15,
                                  spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=9, leading=11),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_to_rl(payload), st["title"]))
        elif kind == "section":
            out.append(Paragraph(inline_to_rl(payload), st["section"]))
        elif kind == "para":
            out.append(Paragraph(inline_to_rl(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), st["bullet"], bulletText="\u2013"))
        elif kind == "number":
            num, rest = payload
            out.append(Paragraph(inline_to_rl(rest), st["bullet"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    st = pdf_styles()
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st))


def split_sidebar(blocks):
    side, main = [], []
    current = side  # title + contact line go to the sidebar top
    for kind, payload in blocks:
        if kind == "section":
            current = side if payload.lower() in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks):
    st = pdf_styles()
    side_style = dict(st)
    for k in ("para", "bullet"):
        side_style[k] = ParagraphStyle(k + "side", parent=st[k], fontSize=8.8, leading=11.5)
    side_style["title"] = ParagraphStyle("tside", parent=st["title"], fontSize=15, leading=18)
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side, main = split_sidebar(blocks)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side, side_style)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "section":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "number":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    run = p.add_run(cell)
                    run.bold = (r == 0)
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(os.path.join(HERE, cv_id + ".docx"))


def main():
    for cv_id, target in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "pdf":
            render_pdf(cv_id, blocks)
        elif target == "pdf2col":
            render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            render_docx(cv_id, blocks)
        print(cv_id, target)


if __name__ == "__main__":
    main()
