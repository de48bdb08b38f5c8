"""Render the heldout-w4g CVs from their Markdown source to PDF / DOCX.

Run from anywhere with the project venv:
    /work/main/.venv/bin/python eval/cvs/heldout-w4g/render.py

Targets:
  PDF  : cv-ho-469 (two-column: sidebar + main), cv-ho-472, cv-ho-475, cv-ho-479
  DOCX : cv-ho-471 (skills as a real Word table), cv-ho-474, cv-ho-477, cv-ho-480
  MD   : cv-ho-470, cv-ho-473, cv-ho-476, cv-ho-478 (the .md itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-469", "cv-ho-472", "cv-ho-475", "cv-ho-479"]
TWO_COLUMN = {"cv-ho-469": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-471", "cv-ho-474", "cv-ho-477", "cv-ho-480"]

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD, FONT_IT = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu"
if os.path.exists(f"{_DEJAVU}/DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", f"{_DEJAVU}/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", f"{_DEJAVU}/DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", f"{_DEJAVU}/DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", f"{_DEJAVU}/DejaVuSans-BoldOblique.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
    FONT, FONT_BOLD, FONT_IT = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows).
    """
    blocks = []
    table: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
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
    if table:
        blocks.append(("table", table))
    return blocks


def split_sections(blocks):
    """Group blocks by h2 heading: returns [(heading or None, [blocks...])]."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        else:
            sections[-1][1].append(b)
    return sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text: str) -> str:
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale: float = 1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=10 * scale, leading=13 * scale,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base * 1.3,
                               spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base * 1.3,
                                 leftIndent=10, bulletIndent=1, spaceAfter=1,
                                 bulletFontName=FONT, bulletFontSize=base),
    }


def flowables(blocks, st, avail_width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[avail_width * 0.65, avail_width * 0.35])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id: str, text: str):
    blocks = parse_md(text)
    path = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    page_w, page_h = A4
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        sections = split_sections(blocks)
        header = sections[0][1]  # name (h1) and anything before the first h2
        side = [b for h, bl in sections[1:] if h in side_names for b in bl]
        main = [b for h, bl in sections[1:] if h not in side_names for b in bl]
        side_w = 58 * mm
        gap = 6 * mm
        main_w = page_w - 2 * margin - side_w - gap
        h = page_h - 2 * margin
        left = Frame(margin, margin, side_w, h, id="sidebar", showBoundary=0,
                     leftPadding=4, rightPadding=4)
        right = Frame(margin + side_w + gap, margin, main_w, h, id="main", showBoundary=0)
        full = Frame(margin + side_w + gap, margin, main_w, h, id="main2", showBoundary=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 2, margin - 2, side_w + 4, h + 4, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, title=cv_id,
                              author="synthetic")
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[left, right], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[full]),
        ])
        st_side = styles(0.9)
        st_main = styles(1.0)
        # sidebar (left frame): contact, skills, languages, interests
        story = flowables(side, st_side, side_w - 8)
        story += [NextPageTemplate("later"), FrameBreak()]
        # main column (right frame): name, then profile / experience / education ...
        story += flowables(header, st_main, main_w - 12)
        story += flowables(main, st_main, main_w - 12)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic")
        st = styles(1.0)
        story = flowables(blocks, st, page_w - 2 * margin - 12)
        doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = i


def render_docx(cv_id: str, text: str):
    blocks = parse_md(text)
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
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"{p.name}: {p.stat().st_size} bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
