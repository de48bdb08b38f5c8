"""Render the dev-x CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-x/render.py
PDFs are built with reportlab (real text layer); DOCX with python-docx.
The .md files are the source and, for the MD targets, the target itself.
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
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-277": "pdf",
    "cv-dev-278": "docx",
    "cv-dev-279": "md",
    "cv-dev-280": "pdf2col",
    "cv-dev-281": "docx",
    "cv-dev-282": "md",
    "cv-dev-283": "pdf",
    "cv-dev-284": "docx",
    "cv-dev-285": "md",
    "cv-dev-286": "pdf",
    "cv-dev-287": "docx",
    "cv-dev-288": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-dev-280": {"Contact", "Compétences", "Langues", "Certifications"}}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    try:
        pdfmetrics.registerFont(TTFont("DV", str(_DEJAVU / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DV-B", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("DV-I", str(_DEJAVU / "DejaVuSans-Oblique.ttf")))
        pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-B")
        FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"
    except Exception:  # fall back to the base-14 fonts
        pass


# ---------------------------------------------------------------- markdown
def parse_md(text: str) -> list[tuple[str, object]]:
    """Tiny Markdown reader: h1/h2/h3, bullets, pipe tables, paragraphs."""
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
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
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("- "):
            blocks.append(("li", line.lstrip()[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
    if table:
        blocks.append(("table", table))
    return blocks


def md_inline_to_rl(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def md_inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split a line into (text, bold, italic) runs."""
    runs: list[tuple[str, bool, bool]] = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    s = scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=17 * s, leading=21 * s, spaceAfter=3),
        "h2": ParagraphStyle(
            "h2", fontName=FONT_B, fontSize=11.5 * s, leading=14 * s, spaceBefore=8 * s, spaceAfter=3,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * s, leading=12.5 * s, spaceBefore=4),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9.5 * s, leading=12.5 * s, spaceAfter=2, alignment=TA_LEFT),
        "li": ParagraphStyle(
            "li", fontName=FONT, fontSize=9.5 * s, leading=12.5 * s, leftIndent=10, bulletIndent=2, spaceAfter=1, bulletFontName=FONT,
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9 * s, leading=11 * s),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "table":
            rows = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in r] for r in val]
            t = Table(rows, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(md_inline_to_rl(val), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(md_inline_to_rl(val), st[kind]))
    return out


def render_pdf(cv_id: str, blocks) -> Path:
    path = HERE / f"{cv_id}.pdf"
    st = styles()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=cv_id, author="synthetic CV",
    )
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks, sidebar_titles):
    """Return (header blocks, sidebar blocks, main blocks)."""
    header, side, main = [], [], []
    current = header
    for kind, val in blocks:
        if kind == "h2":
            current = side if val in sidebar_titles else main
        current.append((kind, val))
    return header, side, main


def render_pdf_two_column(cv_id: str, blocks) -> Path:
    """Two real frames: a narrow sidebar (skills, contact) and a main column."""
    path = HERE / f"{cv_id}.pdf"
    pw, ph = A4
    margin = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 60 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    header_frame = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=decorate),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, side, main = split_sections(blocks, SIDEBAR[cv_id])
    st_main = styles(0.95)
    st_side = styles(0.88)
    story = [NextPageTemplate("later")]
    story += flowables(header, st_main, pw - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold, italic in md_inline_runs(text):
        r = par.add_run(t)
        r.bold = bold
        r.italic = italic


def render_docx(cv_id: str, blocks) -> Path:
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            doc.add_heading(val, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            table = doc.add_table(rows=len(val), cols=len(val[0]))
            table.style = "Table Grid"
            for i, row in enumerate(val):
                for j, cell in enumerate(row):
                    c = table.cell(i, j)
                    c.text = ""
                    p = c.paragraphs[0]
                    add_runs(p, cell)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), val)
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- main
def main() -> None:
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse_md(md_path.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = md_path
        print(f"{cv_id}: {out.name} ({os.path.getsize(out) // 1024 + 1} KB)")


if __name__ == "__main__":
    main()
