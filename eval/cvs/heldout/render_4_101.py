"""Render the heldout4-101 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-101/render.py
The .md files are the CV text; PDFs/DOCX are produced next to them.
Markdown targets need no rendering (the .md is the deliverable).
"""
import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-1802", "cv-ho-1804", "cv-ho-1806", "cv-ho-1809"]
TWO_COLUMN = {"cv-ho-1802": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_TARGETS = ["cv-ho-1803", "cv-ho-1805", "cv-ho-1808", "cv-ho-1811"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf"):
    try:
        pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DV-B", _DV + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DV-I", _DV + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-B")
        FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"
    except Exception:  # fall back to the standard fonts
        pass


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return (name, blocks). blocks: list of (section, kind, payload).
    kind: 'line' (payload str), 'bullet' (str), 'table' (list of rows)."""
    name = None
    section = None
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append((section, "table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            section = line[3:].strip()
            blocks.append((section, "heading", section))
        elif line.startswith("- "):
            blocks.append((section, "bullet", line[2:].strip()))
        else:
            blocks.append((section, "line", line.strip()))
    return name, blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
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
def styles(base_size=9.5):
    return {
        "name": ParagraphStyle("name", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4),
        "h": ParagraphStyle("h", fontName=FONT_B, fontSize=base_size + 2, leading=base_size + 5,
                            spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base_size, leading=base_size + 3,
                            alignment=TA_LEFT, spaceAfter=2),
        "b": ParagraphStyle("b", fontName=FONT, fontSize=base_size, leading=base_size + 3),
    }


def flowables(blocks, st, name=None):
    out = []
    if name:
        out.append(Paragraph(to_rl_markup(name), st["name"]))
    pending = []

    def flush():
        if pending:
            out.append(ListFlowable([ListItem(Paragraph(to_rl_markup(t), st["b"]), leftIndent=10)
                                     for t in pending], bulletType="bullet", start="•",
                                    leftIndent=10, bulletFontName=FONT))
            pending.clear()

    for _sec, kind, payload in blocks:
        if kind == "bullet":
            pending.append(payload)
            continue
        flush()
        if kind == "heading":
            out.append(Paragraph(to_rl_markup(payload), st["h"]))
        elif kind == "line":
            out.append(Paragraph(to_rl_markup(payload), st["p"]))
        elif kind == "table":
            for row in payload:
                out.append(Paragraph(to_rl_markup(" — ".join(c for c in row if c)), st["p"]))
    flush()
    return out


def render_pdf(cid):
    md = (HERE / f"{cid}.md").read_text(encoding="utf-8")
    name, blocks = parse(md)
    out = str(HERE / f"{cid}.pdf")
    if cid in TWO_COLUMN:
        side_secs = TWO_COLUMN[cid]
        side = [b for b in blocks if b[0] in side_secs]
        main = [b for b in blocks if b[0] not in side_secs]
        doc = BaseDocTemplate(out, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                              topMargin=14 * mm, bottomMargin=14 * mm, title=name, author=name)
        W, H = A4
        side_w = 58 * mm
        gap = 7 * mm
        fh = H - 28 * mm
        side_frame = Frame(12 * mm, 14 * mm, side_w, fh, id="sidebar", showBoundary=0)
        main_frame = Frame(12 * mm + side_w + gap, 14 * mm, W - 24 * mm - side_w - gap, fh,
                           id="main", showBoundary=0)
        later_frame = Frame(12 * mm, 14 * mm, W - 24 * mm, fh, id="later")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(8 * mm, 10 * mm, side_w + 8 * mm, H - 20 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later_frame]),
        ])
        st_side = styles(8.5)
        st_main = styles(9.5)
        story = flowables(side, st_side)
        story += [NextPageTemplate("later"), FrameBreak()]
        # the candidate's name and the line under it sit at the top of the main column
        story += flowables(main, st_main, name=name)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name)
        doc.build(flowables(blocks, styles(), name=name))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cid):
    md = (HERE / f"{cid}.md").read_text(encoding="utf-8")
    name, blocks = parse(md)
    d = docx.Document()
    d.core_properties.title = name or cid
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    d.add_heading(name, level=0)
    for _sec, kind, payload in blocks:
        if kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "line":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j in range(ncol):
                    cell = t.cell(i, j)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], row[j] if j < len(row) else "")
                    if i == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
    out = str(HERE / f"{cid}.docx")
    d.save(out)
    return out


if __name__ == "__main__":
    for cid in PDF_TARGETS:
        print("wrote", render_pdf(cid))
    for cid in DOCX_TARGETS:
        print("wrote", render_docx(cid))
