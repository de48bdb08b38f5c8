"""Render the heldout5-149 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-149/render.py

The .md file is the CV's exact content. Targets:
  PDF : cv-ho-2377 (two-column, sidebar + main), cv-ho-2380, cv-ho-2383, cv-ho-2386
  DOCX: cv-ho-2378 (skills as a real Word table), cv-ho-2381, cv-ho-2384, cv-ho-2387
  MD  : cv-ho-2379, cv-ho-2382, cv-ho-2385, cv-ho-2388 (the .md itself)
"""
import html
import re
from pathlib import Path

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

PDF_IDS = ["cv-ho-2377", "cv-ho-2380", "cv-ho-2383", "cv-ho-2386"]
TWO_COLUMN = {"cv-ho-2377": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-2378", "cv-ho-2381", "cv-ho-2384", "cv-ho-2387"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush(); blocks.append(("li", line[2:]))
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
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split markdown inline text into (text, bold, italic) runs."""
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


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=17, leading=20, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3.5,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
            out.append(t)
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        render_pdf_two_column(cv_id, blocks, out)
        return out
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(flowables(blocks, st))
    return out


def render_pdf_two_column(cv_id, blocks, out):
    """Sidebar frame (left) with contact/skills, main frame (right) with the rest."""
    sidebar_titles = TWO_COLUMN[cv_id]
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))

    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 7 * mm
    header_h = 22 * mm
    body_h = H - 2 * margin - header_h
    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=2, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main", leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    f_full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[f_full]),
    ])
    st = styles(9)
    side_st = styles(8.3)
    story = flowables(header, st)
    story.append(FrameBreak())
    story += flowables(side, side_st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("rest"))
    story += flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
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
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_pdf(cv_id, blocks).name)
    for cv_id in DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_docx(cv_id, blocks).name)


if __name__ == "__main__":
    main()
