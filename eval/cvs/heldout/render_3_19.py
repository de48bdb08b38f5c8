"""Render the CVs of batch heldout3-19 from their Markdown source.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-19/render.py

Each CV's text lives in <id>.md. Targets:
  - PDF  : 817 (two-column: sidebar + main frame), 820, 823, 826
  - DOCX : 818 (skills as a real Word table), 821, 825, 828
  - MD   : 819, 822, 824, 827 (the .md file itself is the target; nothing to render)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-817", "cv-ho-820", "cv-ho-823", "cv-ho-826"]
TWO_COLUMN = {"cv-ho-817": {"Skills", "Currently learning", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-818", "cv-ho-821", "cv-ho-825", "cv-ho-828"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dejavu = "/usr/share/fonts/truetype/dejavu"
if os.path.exists(os.path.join(_dejavu, "DejaVuSans.ttf")):
    try:
        pdfmetrics.registerFont(TTFont("DV", os.path.join(_dejavu, "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DV-B", os.path.join(_dejavu, "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("DV-I", os.path.join(_dejavu, "DejaVuSans-Oblique.ttf")))
        pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-B")
        FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"
    except Exception:  # fall back to the base-14 fonts
        pass


# ---------------------------------------------------------------- markdown parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif re.match(r"^\s*- ", line):
            level = (len(line) - len(line.lstrip(" "))) // 2
            blocks.append(("bullet", (level, line.strip()[2:])))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Header blocks (before the first h2) and a list of (title, blocks)."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def rl_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)
    return text


def docx_inline(par, text: str, size=None):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            run = par.add_run(part[2:-2])
            run.bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            run = par.add_run(part[1:-1])
            run.italic = True
        else:
            run = par.add_run(part)
        if size:
            run.font.size = Pt(size)


# ---------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4,
                             textColor=colors.HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 0.5, leading=base + 3.5,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base + 3,
                               spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base + 3),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
        "cellb": ParagraphStyle("cellb", fontName=FONT_B, fontSize=base - 0.5, leading=base + 2),
    }


def pdf_flowables(blocks, st, width):
    out = []
    pending = []  # consecutive bullets

    def flush():
        if pending:
            items = [ListItem(Paragraph(rl_inline(t), st["bullet"]), leftIndent=12 + 10 * lvl,
                              value="•") for lvl, t in pending]
            out.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                                    bulletFontName=FONT, bulletFontSize=st["bullet"].fontSize))
            pending.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            pending.append(payload)
            continue
        flush()
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(rl_inline(payload), st[kind]))
        elif kind == "table":
            rows = [[Paragraph(rl_inline(c), st["cellb" if i == 0 else "cell"]) for c in r]
                    for i, r in enumerate(payload)]
            t = Table(rows, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    flush()
    return out


def render_pdf(cv_id: str, blocks):
    target = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    pw, ph = A4
    if cv_id not in TWO_COLUMN:
        st = pdf_styles()
        doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic CV")
        doc.build(pdf_flowables(blocks, st, pw - 2 * margin))
        return target

    # Two-column layout: full-width header, narrow sidebar frame (left), main frame (right).
    st = pdf_styles(base=8.8)
    side_titles = TWO_COLUMN[cv_id]
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in side_titles for b in [("h2", t)] + bl]
    main = [b for t, bl in sections if t not in side_titles for b in [("h2", t)] + bl]

    header_h = 30 * mm
    gap = 7 * mm
    side_w = 55 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h
    f_head = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="head",
                   leftPadding=0, rightPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=6, rightPadding=6)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0)
    f_rest = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="rest")

    def deco(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(target), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=deco),
        PageTemplate(id="rest", frames=[f_rest]),
    ])
    story = [NextPageTemplate("rest")]
    story += pdf_flowables(header, st, pw - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, st, side_w - 12)
    story.append(FrameBreak())
    story += pdf_flowables(main, st, main_w)
    doc.build(story)
    return target


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id: str, blocks):
    target = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            docx_inline(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            docx_inline(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            docx_inline(h, payload)
        elif kind == "bullet":
            lvl, text = payload
            p = doc.add_paragraph(style="List Bullet 2" if lvl else "List Bullet")
            docx_inline(p, text)
        elif kind == "para":
            p = doc.add_paragraph()
            docx_inline(p, payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, text in enumerate(row):
                    cells[j].text = ""
                    par = cells[j].paragraphs[0]
                    docx_inline(par, f"**{text}**" if i == 0 else text)
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(target))
    return target


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        path = render_pdf(cv_id, blocks) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
