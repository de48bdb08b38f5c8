"""Render the dev-o CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-o/render.py
- PDF targets use reportlab (real text layer); cv-dev-169 uses a two-column
  layout built from reportlab Frames (header frame, sidebar frame, main frame).
- DOCX targets use python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-169": "pdf-two-column",
    "cv-dev-170": "docx",
    "cv-dev-171": "md",
    "cv-dev-172": "pdf",
    "cv-dev-173": "docx",
    "cv-dev-174": "md",
    "cv-dev-175": "pdf",
    "cv-dev-176": "pdf",
    "cv-dev-177": "md",
    "cv-dev-178": "docx",
    "cv-dev-179": "docx",
    "cv-dev-180": "md",
}

SIDEBAR_SECTIONS = {"skills", "languages", "interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD, FONT_ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-Bold", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-Oblique", _DV + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BoldOblique", _DV + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-Bold",
                                  italic="DV-Oblique", boldItalic="DV-BoldOblique")
    FONT, FONT_BOLD, FONT_ITALIC = "DV", "DV-Bold", "DV-Oblique"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
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
        elif re.match(r"^\s*- ", line):
            flush()
            indent = len(line) - len(line.lstrip())
            blocks.append(("li", (line.lstrip()[2:].strip(), 1 if indent >= 2 else 0)))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_rl(text):
    """Markdown inline (**bold**, *italic*) to reportlab markup."""
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split Markdown inline text into (text, bold) runs for python-docx."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True))
        else:
            runs.append((part, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base + 8, leading=base + 12,
                             spaceAfter=2),
        "contact": ParagraphStyle("contact", fontName=FONT, fontSize=base - 1,
                                  leading=base + 2, textColor=colors.HexColor("#444444"),
                                  spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3,
                            spaceAfter=3, alignment=TA_LEFT),
        "li0": ParagraphStyle("li0", fontName=FONT, fontSize=base, leading=base + 3,
                              leftIndent=12, bulletIndent=3, spaceAfter=1.5, bulletFontName=FONT),
        "li1": ParagraphStyle("li1", fontName=FONT, fontSize=base, leading=base + 3,
                              leftIndent=24, bulletIndent=15, spaceAfter=1.5, bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, avail_width):
    out = []
    seen_h1 = False
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_rl(payload), st["h1"]))
            seen_h1 = True
        elif kind == "p" and seen_h1 and out and out[-1].style.name == "h1":
            out.append(Paragraph(inline_rl(payload), st["contact"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(payload.upper()), st["h2"]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(payload), st["p"]))
        elif kind == "li":
            text, level = payload
            bullet = "\u2022" if level == 0 else "\u2013"
            out.append(Paragraph(inline_rl(text), st["li%d" % level], bulletText=bullet))
        elif kind == "table":
            data = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % inline_rl(c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
            ncol = len(payload[0])
            first = avail_width * (0.45 if ncol > 2 else 0.5)
            rest = (avail_width - first) / (ncol - 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out_path):
    margin = 18 * mm
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id,
                            author="synthetic CV (evaluation set)")
    doc.build(flowables(blocks, styles(), A4[0] - 2 * margin))


def split_sections(blocks):
    """Split blocks into header (before first h2), and a list of (title, blocks)."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, out_path):
    W, H = A4
    m = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = W - 2 * m - side_w - gap
    body_top = H - m - header_h
    header_frame = Frame(m, body_top, W - 2 * m, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(m, m, side_w, body_top - m, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(m + side_w + gap, m, main_w, body_top - m, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later_frame = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(m, m, side_w, body_top - m, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1F3A5F"))
        canvas.setLineWidth(1)
        canvas.line(m, body_top, W - m, body_top)
        canvas.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=cv_id,
                          author="synthetic CV (evaluation set)")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=first_page),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0].lower() in SIDEBAR_SECTIONS]
    main = [s for s in sections if s[0].lower() not in SIDEBAR_SECTIONS]
    st = styles(10)
    st_side = styles(9)
    story = flowables(header, st, W - 2 * m)
    story.append(FrameBreak())
    for _, blks in side:
        story += flowables(blks, st_side, side_w - 12)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    for _, blks in main:
        story += flowables(blks, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold in inline_runs(text):
        run = par.add_run(chunk)
        run.bold = bold


def render_docx(cv_id, blocks, out_path):
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV (evaluation set)"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    prev = None
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "p":
            p = d.add_paragraph()
            add_runs(p, payload)
            if prev == "h1":
                for r in p.runs:
                    r.italic = True
        elif kind == "li":
            text, level = payload
            p = d.add_paragraph(style="List Bullet" if level == 0 else "List Bullet 2")
            add_runs(p, text)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            d.add_paragraph()
        prev = kind
    d.save(out_path)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            out = src
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
