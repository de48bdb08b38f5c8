"""Render the held-out CVs (batch 72) from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-72/render.py
The .md files are the source of truth; .md targets are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1453": "pdf-2col",
    "cv-ho-1454": "docx",
    "cv-ho-1455": "md",
    "cv-ho-1456": "pdf",
    "cv-ho-1457": "docx",
    "cv-ho-1458": "md",
    "cv-ho-1459": "pdf",
    "cv-ho-1460": "docx",
    "cv-ho-1461": "md",
    "cv-ho-1462": "pdf",
    "cv-ho-1463": "docx",
    "cv-ho-1464": "md",
}

SIDEBAR_SECTIONS = {"skills", "certifications", "languages", "interests"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, para, table."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("para", para[:]))
            para.clear()

    def flush_table():
        if table:
            rows = [r for r in table if not re.match(r"^\|\s*-+", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            blocks.append(("table", cells))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush_para()
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:]))
        else:
            para.append(line)
    flush_para()
    flush_table()
    return blocks


def split_sections(blocks):
    """Split into header (before first h2) and a list of (title, blocks)."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


# --------------------------------------------------------------------------- PDF
def esc(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontSize=18 * scale, leading=22 * scale,
                             alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=12 * scale, leading=15 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", parent=base["Heading4"], fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=base["BodyText"], fontSize=9.5 * scale,
                               leading=12.5 * scale, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base["BodyText"], fontSize=9.5 * scale,
                                 leading=12.5 * scale, leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontSize=9 * scale, leading=11 * scale),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(esc(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(esc(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(esc(x) for x in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(esc(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(blocks, path):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=path.stem, author="synthetic")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path):
    """Header across the top, skills sidebar on the left, experience column on the right."""
    st = pdf_styles(scale=0.95)
    side_st = pdf_styles(scale=0.88)
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 30 * mm
    gap = 6 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header")
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2 * mm, margin, side_w + 3 * mm, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[later_frame]),
    ])

    header, sections = split_sections(blocks)
    side = [(t, b) for t, b in sections if t.lower() in SIDEBAR_SECTIONS]
    main = [(t, b) for t, b in sections if t.lower() not in SIDEBAR_SECTIONS]

    story = pdf_flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    for title, b in side:
        story += pdf_flowables([("h2", title)] + b, side_st, side_w)
    story.append(FrameBreak())
    story.append(NextPageTemplate("rest"))
    for title, b in main:
        story += pdf_flowables([("h2", title)] + b, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(blocks, path):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    doc.core_properties.title = path.stem
    doc.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = val
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    doc.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
