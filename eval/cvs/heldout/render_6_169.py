"""Render the batch-169 held-out CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout6-169/render.py

The .md file is the exact CV content. Targets:
  PDF  : cv-ho-2618 (two-column: sidebar + main frames), cv-ho-2620, cv-ho-2622, cv-ho-2625
  DOCX : cv-ho-2619, cv-ho-2621 (skills as a real Word table), cv-ho-2624, cv-ho-2626
  MD   : cv-ho-2617, cv-ho-2623, cv-ho-2627, cv-ho-2628 (the .md itself is the target)
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import HRFlowable

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2618", "cv-ho-2620", "cv-ho-2622", "cv-ho-2625"]
TWO_COLUMN = {"cv-ho-2618": {"Skills", "Education", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-2619", "cv-ho-2621", "cv-ho-2624", "cv-ho-2626"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
_DJ = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DJ + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DJ + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DJ + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DJ + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DJ + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I, FONT_BI = "DV", "DV-B", "DV-I", "DV-BI"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text: str):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, p, li, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_to_rl(s: str) -> str:
    s = html.escape(s, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", s)
    return s


def inline_runs(s: str):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*[^*]+?\*)", s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=17, leading=21, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=FONT),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_to_rl(payload), st["h2"]))
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.HexColor("#9aa8b8"),
                                  spaceAfter=3))
        elif kind == "p":
            out.append(Paragraph(inline_to_rl(payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_to_rl(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id: str):
    text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    blocks = parse_md(text)
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    W, H = A4
    if cv_id not in TWO_COLUMN:
        st = styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
        doc.build(blocks_to_flowables(blocks, st, W - 2 * margin))
        return out

    # two-column layout: header frame on top, sidebar frame (left), main frame (right)
    sidebar_titles = TWO_COLUMN[cv_id]
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    header_h = 28 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    f_header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_x = margin + side_w + gap
    f_main = Frame(main_x, margin, W - margin - main_x, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[f_header, f_side, f_main],
                                       onPage=sidebar_bg)])
    st = styles()
    st_side = styles(base_size=8.6)
    story = blocks_to_flowables(header, st, W - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st, W - margin - main_x)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, s):
    for txt, b, it in inline_runs(s):
        r = par.add_run(txt)
        r.bold = b
        r.italic = it


def render_docx(cv_id: str):
    text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    blocks = parse_md(text)
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            p = d.add_heading(level=0)
            add_runs(p, payload)
        elif kind == "h2":
            p = d.add_heading(level=1)
            add_runs(p, payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


if __name__ == "__main__":
    for i in PDF_IDS:
        p = render_pdf(i)
        print(p.name, p.stat().st_size, "bytes")
    for i in DOCX_IDS:
        p = render_docx(i)
        print(p.name, p.stat().st_size, "bytes")
