"""Render the heldout-w5d CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-w5d/render.py

Formats:
  PDF  : cv-ho-529 (two-column: sidebar + main column), cv-ho-532, cv-ho-535, cv-ho-538
  DOCX : cv-ho-530 (real Word table for skills), cv-ho-533, cv-ho-536, cv-ho-539
  MD   : cv-ho-531, cv-ho-534, cv-ho-537, cv-ho-540 (the .md file itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-529", "cv-ho-532", "cv-ho-535", "cv-ho-538"]
TWO_COLUMN_ID = "cv-ho-529"
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}
DOCX_IDS = ["cv-ho-530", "cv-ho-533", "cv-ho-536", "cv-ho-539"]


# ---------------------------------------------------------------- fonts
def _register_fonts() -> tuple[str, str, str]:
    base = "/usr/share/fonts/truetype/liberation/"
    files = {"CVSans": "LiberationSans-Regular.ttf", "CVSans-Bold": "LiberationSans-Bold.ttf",
             "CVSans-Italic": "LiberationSans-Italic.ttf",
             "CVSans-BoldItalic": "LiberationSans-BoldItalic.ttf"}
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
        return "CVSans", "CVSans-Bold", "CVSans-Italic"
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


FONT, FONT_B, FONT_I = _register_fonts()


# ---------------------------------------------------------------- markdown parsing
def parse_md(text: str) -> list[tuple]:
    """Return blocks: ('h1', s), ('h2', s), ('p', s), ('li', s), ('table', rows)."""
    blocks: list[tuple] = []
    table: list[list[str]] = []
    para: list[str] = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para()
            blocks.append(("h1", line[2:].strip()))
        elif re.match(r"#{2,6} ", line):
            flush_para()
            blocks.append(("h2", line.lstrip("#").strip()))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("li", line[2:].strip()))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_segments(s: str) -> list[tuple[str, bool, bool]]:
    out = []
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl_markup(s: str) -> str:
    res = []
    for text, bold, ital in inline_segments(s):
        t = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            t = f"<b>{t}</b>"
        if ital:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(small: bool = False) -> dict[str, ParagraphStyle]:
    size = 8.6 if small else 9.8
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4,
                             textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=size + 2.2, leading=size + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=size, leading=size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=size, leading=size * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=size - 0.5, leading=size * 1.2),
    }


def blocks_to_flowables(blocks: list[tuple], st: dict[str, ParagraphStyle], width: float):
    flow = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in val]
            ncol = len(val[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(val), st["li"], bulletText="•"))
        else:
            flow.append(Paragraph(to_rl_markup(val), st[kind]))
    return flow


def render_pdf(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    margin = 18 * mm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="")
    doc.build(blocks_to_flowables(blocks, st, A4[0] - 2 * margin))
    return out


def split_sections(blocks: list[tuple]) -> tuple[list, list, list]:
    """Header (h1 + contact), sidebar sections, main sections."""
    header, side, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h2":
            current = side if b[1] in SIDEBAR_SECTIONS else main
        current.append(b)
    return header, side, main


def render_pdf_two_column(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 15 * mm
    header_h = 30 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, side, main = split_sections(blocks)
    st_main = pdf_styles()
    st_side = pdf_styles(small=True)
    flow = [NextPageTemplate("later")]
    flow += blocks_to_flowables(header, st_main, W - 2 * margin)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side, st_side, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, s: str):
    for text, bold, ital in inline_segments(s):
        r = par.add_run(text)
        r.bold = bold or None
        r.italic = ital or None


def render_docx(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.docx"
    d = Document()
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "p":
            add_runs(d.add_paragraph(), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for i, row in enumerate(val):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    d.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id == TWO_COLUMN_ID:
            out = render_pdf_two_column(cv_id, blocks)
        elif cv_id in PDF_IDS:
            out = render_pdf(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
