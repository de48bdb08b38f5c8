"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout5-153/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2425", "cv-ho-2428", "cv-ho-2431", "cv-ho-2434"]
TWO_COLUMN = {"cv-ho-2428": {"Contact", "Skills", "Languages", "Interests"}}
DOCX = ["cv-ho-2426", "cv-ho-2429", "cv-ho-2432", "cv-ho-2435"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size + 3, leftIndent=12, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        render_two_column(cv_id, blocks, path)
        return path
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    st = pdf_styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_two_column(cv_id, blocks, path):
    """Sidebar (name, contact, skills, ...) on the left, experience on the right."""
    sidebar_titles = TWO_COLUMN[cv_id]
    side, main = [], []
    target = side
    for kind, payload in blocks:
        if kind == "h1":
            side.append((kind, payload))
            continue
        if kind == "h2":
            target = side if payload in sidebar_titles else main
        target.append((kind, payload))

    page_w, page_h = A4
    margin = 1.4 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    h = page_h - 2 * margin
    sidebar = Frame(margin, margin, side_w, h, id="sidebar", showBoundary=0)
    mainf = Frame(margin + side_w + gap, margin, main_w, h, id="main", showBoundary=0)
    later = Frame(margin, margin, page_w - 2 * margin, h, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id)
    doc.addPageTemplates([PageTemplate(id="first", frames=[sidebar, mainf], onPage=draw_sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    st_side = pdf_styles(base_size=9)
    st_side["h1"] = ParagraphStyle("h1s", parent=st_side["h1"], fontSize=16, leading=19)
    st_main = pdf_styles(base_size=9.5)
    story = [NextPageTemplate("later")]
    story += flowables(side, st_side, side_w)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncols):
                    text = row[c_i] if c_i < len(row) else ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF:
        p = render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)
    for cv_id in DOCX:
        p = render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
