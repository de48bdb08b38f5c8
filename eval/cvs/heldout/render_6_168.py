"""Render the heldout6-168 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout6-168/render.py

Targets
  PDF : cv-ho-2606 (two-column), cv-ho-2608, cv-ho-2610, cv-ho-2612
  DOCX: cv-ho-2607, cv-ho-2609 (skills as a real Word table), cv-ho-2613, cv-ho-2615
  MD  : cv-ho-2605, cv-ho-2611, cv-ho-2614, cv-ho-2616 (the .md itself)

A tiny Markdown subset is understood: #/##/### headings, "- " bullets,
pipe tables, paragraphs (line breaks kept), **bold** and *italic*.
"""
import html
import os
import re

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

import docx
from docx.shared import Pt, Cm

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_SINGLE = ["cv-ho-2608", "cv-ho-2610", "cv-ho-2612"]
PDF_TWO_COLUMN = {"cv-ho-2606": {"Contact", "Skills", "Tools", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-2607", "cv-ho-2609", "cv-ho-2613", "cv-ho-2615"]

# ---------------------------------------------------------------- parsing

def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    def flush_table():
        if table:
            rows = [r for r in table if not re.match(r"^\|\s*-+", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            blocks.append(("table", cells))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("li", line[2:]))
        else:
            para.append(line)
    flush_para()
    flush_table()
    return blocks


def inline_to_rl(s):
    s = html.escape(s, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<i>\1</i>", s)
    return s


def inline_runs(s):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
    pos = 0
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

FONT = "Helvetica"
FONT_B = "Helvetica-Bold"


def register_fonts():
    global FONT, FONT_B
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DejaVu", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                      italic="DejaVu-Oblique", boldItalic="DejaVu-BoldOblique")
        FONT, FONT_B = "DejaVu", "DejaVu-Bold"
    except Exception:  # fall back to the standard fonts
        pass


def styles(scale=1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_B, fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=3, textColor=colors.HexColor("#1b2a41"))
    s["h2"] = ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#24507a"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=5, spaceAfter=1)
    s["p"] = ParagraphStyle("p", fontName=FONT, fontSize=9.3 * scale, leading=12.2 * scale,
                            spaceAfter=3, alignment=TA_LEFT)
    s["li"] = ParagraphStyle("li", parent=s["p"], leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=FONT)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_to_rl(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(inline_to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_to_rl(x) for x in payload), st["p"]))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf_single(cv_id):
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, styles()))
    return path


def render_pdf_two_column(cv_id, sidebar_titles):
    """Header across the top, then a real two-column text layer:
    a narrow sidebar frame (left) and a main frame (right)."""
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in sidebar_titles else main
        current.append((kind, payload))

    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_top = H - m - header_h
    f_header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_top - m, id="sidebar", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main",
                   showBoundary=0)
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_top - m + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = styles()
    side_st = styles(0.93)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(header, st)
    story.append(FrameBreak())
    story += blocks_to_flowables(sidebar, side_st)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st)
    doc.build(story)
    return path

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id):
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for sec in d.sections:
        sec.left_margin = sec.right_margin = Cm(2)
        sec.top_margin = sec.bottom_margin = Cm(1.7)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            par = d.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    register_fonts()
    made = []
    for cv_id, side in PDF_TWO_COLUMN.items():
        made.append(render_pdf_two_column(cv_id, side))
    for cv_id in PDF_SINGLE:
        made.append(render_pdf_single(cv_id))
    for cv_id in DOCX_IDS:
        made.append(render_docx(cv_id))
    for p in made:
        print("%-60s %7d bytes" % (os.path.relpath(p, HERE), os.path.getsize(p)))


if __name__ == "__main__":
    main()
