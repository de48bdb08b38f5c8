"""Render the CVs of this folder from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-173/render.py

PDF  : cv-ho-2665, cv-ho-2666 (skills table), cv-ho-2667 (two-column), cv-ho-2668
DOCX : cv-ho-2669, cv-ho-2670 (Word table for skills), cv-ho-2671, cv-ho-2672
MD   : cv-ho-2673 .. cv-ho-2676 (the .md file itself is the target)
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2665", "cv-ho-2666", "cv-ho-2667", "cv-ho-2668"]
TWO_COLUMN = {"cv-ho-2667": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-2669", "cv-ho-2670", "cv-ho-2671", "cv-ho-2672"]


# ---------------------------------------------------------------- parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload). kinds: title, h2, para, bullet, table."""
    blocks = []
    lines = md.splitlines()
    i = 0
    para: list[str] = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
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
        elif not any(k == "h2" for k, _ in blocks):
            # header lines (name, title, contact) stay on separate lines
            flush()
            blocks.append(("para", line.strip()))
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text: str) -> str:
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>" + escape(part[2:-2]) + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append("<i>" + escape(part[1:-1]) + "</i>")
        else:
            out.append(escape(part))
    return "".join(out)


def add_runs(paragraph, text: str):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# ---------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=9, leading=11),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    pending_bullets = []

    def flush_bullets():
        if pending_bullets:
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(b), st["bullet"]), leftIndent=10)
                 for b in pending_bullets],
                bulletType="bullet", start="\u2013", leftIndent=10, bulletFontSize=8,
                bulletFontName="Helvetica"))
            pending_bullets.clear()

    for kind, payload in blocks:
        if kind != "bullet":
            flush_bullets()
        if kind == "title":
            flow.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            pending_bullets.append(payload)
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    flush_bullets()
    return flow


def split_sections(blocks):
    """Split into header blocks (before first h2) and a list of (heading, blocks)."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf(cv_id: str):
    md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    blocks = parse(md)
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    pw, ph = A4
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        header, sections = split_sections(blocks)
        side = [b for name, bs in sections if name in side_names for b in bs]
        main = header + [b for name, bs in sections if name not in side_names for b in bs]
        side_w = 58 * mm
        gap = 8 * mm
        main_w = pw - 2 * margin - side_w - gap
        h = ph - 2 * margin
        f_side = Frame(margin, margin, side_w, h, id="side", showBoundary=0)
        f_main = Frame(margin + side_w + gap, margin, main_w, h, id="main", showBoundary=0)

        def draw_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 4 * mm, margin - 4 * mm, side_w + 8 * mm, h + 8 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, title=cv_id)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[f_side, f_main], onPage=draw_bg),
        ])
        story = pdf_flowables(side, st, side_w) + [FrameBreak()] + pdf_flowables(main, st, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id)
        doc.build(pdf_flowables(blocks, st, pw - 2 * margin))
    return out


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id: str):
    md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    blocks = parse(md)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id)
        print(p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id)
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
