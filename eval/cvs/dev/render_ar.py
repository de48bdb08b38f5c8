"""Render the dev-ar CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ar/render.py
PDF: cv-dev-553, cv-dev-556 (two-column), cv-dev-559, cv-dev-562
DOCX: cv-dev-554 (Word table for skills), cv-dev-557, cv-dev-560, cv-dev-563
MD: cv-dev-555, cv-dev-558, cv-dev-561, cv-dev-564 (the .md is the target)
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.fonts import addMapping
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

# Embedded TrueType fonts give a clean ToUnicode map, so the PDF text layer
# extracts correctly (bullets, dashes, accented letters).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("CVSans", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Oblique", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
addMapping("CVSans", 0, 0, "CVSans")
addMapping("CVSans", 1, 0, "CVSans-Bold")
addMapping("CVSans", 0, 1, "CVSans-Oblique")
addMapping("CVSans", 1, 1, "CVSans-BoldOblique")

PDF_IDS = ["cv-dev-553", "cv-dev-559", "cv-dev-562"]
TWO_COLUMN_PDF = "cv-dev-556"
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}
DOCX_IDS = ["cv-dev-554", "cv-dev-557", "cv-dev-560", "cv-dev-563"]


# ---------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple[str, object]]:
    """Very small Markdown subset -> list of blocks (kind, payload)."""
    blocks: list[tuple[str, object]] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in md.splitlines():
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
        elif line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush_para(); blocks.append(("li", line[2:]))
        else:
            para.append(line)
    flush_para(); flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text: str) -> str:
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size: float = 10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="CVSans",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="CVSans-Bold",
                             fontSize=base_size + 8, leading=base_size + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="CVSans-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 6, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=body, fontName="CVSans-Bold",
                             spaceBefore=4, spaceAfter=2),
        "p": body,
        "li": ParagraphStyle("li", parent=body, leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName="CVSans"),
    }


def flowables(blocks, st, col_width):
    out = []
    for kind, payload in blocks:
        if kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            rows = [[Paragraph(to_rl(c), st["p"]) for c in r] for r in payload]
            t = Table(rows, colWidths=[col_width * 0.5, col_width * 0.5])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id: str) -> Path:
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles(), doc.width))
    return out


def split_sections(blocks):
    """Split blocks into header (before first h2) and a list of (title, blocks)."""
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


def render_two_column_pdf(cv_id: str) -> Path:
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    side = [b for title, bs in sections if title in SIDEBAR_SECTIONS for b in bs]
    main = [b for title, bs in sections if title not in SIDEBAR_SECTIONS for b in bs]

    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = W - 2 * m - side_w - gap
    body_h = H - 2 * m - header_h

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=m, rightMargin=m,
                          topMargin=m, bottomMargin=m, title=cv_id, author="synthetic CV")
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head", showBoundary=0)
    f_side = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, main_w, body_h, id="main", showBoundary=0)
    f_later = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="later", showBoundary=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = pdf_styles(9.5)
    side_st = pdf_styles(8.8)
    story = flowables(header, st, W - 2 * m)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(side, side_st, side_w)
    story += [FrameBreak()]
    story += flowables(main, st, main_w)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str) -> Path:
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    d = Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, payload)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3B, 0x5A)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            par = d.add_paragraph()
            for n, l in enumerate(payload):
                if n:
                    par.add_run().add_break()
                add_runs(par, l)
        elif kind == "table":
            t = d.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, c in enumerate(row):
                    cells[ci].text = ""
                    add_runs(cells[ci].paragraphs[0], c)
                    if ri == 0:
                        for r in cells[ci].paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


def main():
    made = []
    for cv in PDF_IDS:
        made.append(render_pdf(cv))
    made.append(render_two_column_pdf(TWO_COLUMN_PDF))
    for cv in DOCX_IDS:
        made.append(render_docx(cv))
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
