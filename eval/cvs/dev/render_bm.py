"""Render the dev-bm CVs from their Markdown text to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bm/render.py

- PDF  (reportlab, real text layer): cv-dev-806, cv-dev-808 (two-column), cv-dev-811, cv-dev-814
- DOCX (python-docx): cv-dev-805, cv-dev-809 (Word table for skills), cv-dev-812, cv-dev-815
- MD   (the .md file itself is the target): cv-dev-807, cv-dev-810, cv-dev-813, cv-dev-816
"""
import os
import re
from html import escape

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
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-dev-806", "cv-dev-808", "cv-dev-811", "cv-dev-814"]
TWO_COLUMN_IDS = {"cv-dev-808"}
DOCX_IDS = ["cv-dev-805", "cv-dev-809", "cv-dev-812", "cv-dev-815"]
MD_IDS = ["cv-dev-807", "cv-dev-810", "cv-dev-813", "cv-dev-816"]

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Turn the small Markdown subset used by the CVs into a block list.

    Blocks: ("h1", s), ("h2", s), ("h3", s), ("p", s), ("bullet", s, level),
    ("table", rows)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(x.strip() for x in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
            i += 1
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3}) (.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        m = re.match(r"^( *)- (.*)$", line)
        if m:
            flush()
            level = 1 if len(m.group(1)) >= 2 else 0
            blocks.append(("bullet", m.group(2).strip(), level))
            i += 1
            continue
        # contact / header lines directly under the name: keep line breaks
        if blocks and blocks[-1][0] == "h1":
            blocks.append(("p", s))
            i += 1
            continue
        if blocks and blocks[-1][0] == "p" and not para and i > 0 and lines[i - 1].strip() \
                and len(blocks) >= 2 and blocks[-2][0] == "h1":
            blocks.append(("p", s))
            i += 1
            continue
        para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Return (header_blocks, [(section_title, blocks)])."""
    header, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def inline_html(s):
    s = escape(s, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", s)
    return s


def inline_runs(s):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    pos = 0
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    for m in pattern.finditer(s):
        if m.start() > pos:
            runs.append((s[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(s):
        runs.append((s[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.lib.fonts import addMapping
        addMapping("CVSans", 0, 0, "CVSans")
        addMapping("CVSans", 1, 0, "CVSans-Bold")
        addMapping("CVSans", 0, 1, "CVSans-Oblique")
        addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
        return "CVSans", "CVSans-Bold"
    except Exception:  # fall back to the built-in fonts
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()


def styles(scale=1.0):
    f = lambda x: x * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=f(17), leading=f(21),
                             spaceAfter=f(3), textColor=colors.HexColor("#1d3557")),
        "head": ParagraphStyle("head", fontName=FONT, fontSize=f(9), leading=f(12),
                               textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=f(11.5), leading=f(14),
                             spaceBefore=f(8), spaceAfter=f(3),
                             textColor=colors.HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=f(9.5), leading=f(12),
                             spaceBefore=f(4), spaceAfter=f(1)),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=f(9), leading=f(12),
                            spaceAfter=f(3), alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=f(9), leading=f(12),
                                 leftIndent=f(12), bulletIndent=f(3), spaceAfter=f(1.5),
                                 bulletFontName="Helvetica"),
        "bullet2": ParagraphStyle("bullet2", fontName=FONT, fontSize=f(8.5), leading=f(11),
                                  leftIndent=f(24), bulletIndent=f(15), spaceAfter=f(1.5),
                                  bulletFontName="Helvetica"),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=f(8.5), leading=f(10.5)),
        "cellb": ParagraphStyle("cellb", fontName=FONT_BOLD, fontSize=f(8.5), leading=f(10.5)),
    }


def pdf_flowables(blocks, st, width, in_header=False):
    out = []
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            out.append(Paragraph(inline_html(b[1]), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_html(b[1]), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(inline_html(b[1]), st["h3"]))
        elif kind == "p":
            out.append(Paragraph(inline_html(b[1]), st["head"] if in_header else st["p"]))
        elif kind == "bullet":
            style = st["bullet2"] if b[2] else st["bullet"]
            out.append(Paragraph(inline_html(b[1]), style, bulletText="-"))
        elif kind == "table":
            rows = b[1]
            data = []
            for r_i, row in enumerate(rows):
                cs = st["cellb"] if r_i == 0 else st["cell"]
                data.append([Paragraph(inline_html(c), cs) for c in row])
            ncol = max(len(r) for r in rows)
            col_w = [width * 0.5] + [width * 0.5 / (ncol - 1)] * (ncol - 1) if ncol > 1 else [width]
            t = Table(data, colWidths=col_w, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 3))
    return out


def render_pdf_single(cv_id, text):
    blocks = parse_md(text)
    header, sections = split_sections(blocks)
    st = styles()
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    width = A4[0] - 36 * mm
    story = pdf_flowables(header, st, width, in_header=True)
    for title, blks in sections:
        story.extend(pdf_flowables([("h2", title)] + blks, st, width))
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, text):
    """Header across the top, a sidebar frame on the left and a main frame on the right."""
    blocks = parse_md(text)
    header, sections = split_sections(blocks)
    st = styles(scale=0.95)
    path = os.path.join(HERE, cv_id + ".pdf")
    pw, ph = A4
    margin = 14 * mm
    header_h = 30 * mm
    gap = 6 * mm
    side_w = 60 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    header_frame = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    side_secs = [(t, b) for t, b in sections if t in SIDEBAR_SECTIONS]
    main_secs = [(t, b) for t, b in sections if t not in SIDEBAR_SECTIONS]

    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, st, pw - 2 * margin, in_header=True)
    story.append(FrameBreak())
    for title, blks in side_secs:
        story.extend(pdf_flowables([("h2", title)] + blks, st, side_w - 8))
    story.append(FrameBreak())
    for title, blks in main_secs:
        story.extend(pdf_flowables([("h2", title)] + blks, st, main_w))
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, s, bold=False, size=None):
    for txt, b, it in inline_runs(s):
        r = par.add_run(txt)
        r.bold = bold or b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, text):
    blocks = parse_md(text)
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, b[1])
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, b[1])
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, b[1])
        elif kind == "p":
            p = d.add_paragraph()
            add_runs(p, b[1])
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet 2" if b[2] else "List Bullet")
            add_runs(p, b[1])
        elif kind == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            for r_i, row in enumerate(rows):
                for c_i, cell_text in enumerate(row):
                    cell = t.cell(r_i, c_i)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text, bold=(r_i == 0))
            d.add_paragraph()
    core = d.core_properties
    core.title = cv_id
    core.author = "synthetic CV"
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


# ---------------------------------------------------------------- main
def main():
    made = []
    for cv_id in PDF_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            text = fh.read()
        if cv_id in TWO_COLUMN_IDS:
            made.append(render_pdf_two_column(cv_id, text))
        else:
            made.append(render_pdf_single(cv_id, text))
    for cv_id in DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            text = fh.read()
        made.append(render_docx(cv_id, text))
    for cv_id in MD_IDS:
        made.append(os.path.join(HERE, cv_id + ".md"))
    for p in made:
        print("%-60s %7d bytes" % (os.path.relpath(p, HERE), os.path.getsize(p)))


if __name__ == "__main__":
    main()
