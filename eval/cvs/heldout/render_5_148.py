"""Render the CV Markdown files of this folder to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout5-148/render.py

- PDF  (real text layer, reportlab): cv-ho-2365, cv-ho-2368 (two-column), cv-ho-2371, cv-ho-2374
- DOCX (python-docx):                cv-ho-2366, cv-ho-2369, cv-ho-2372 (Word table for skills), cv-ho-2375
- MD   (the .md file itself):        cv-ho-2367, cv-ho-2370, cv-ho-2373, cv-ho-2376
"""
import os
import re
from html import escape

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-2365", "cv-ho-2371", "cv-ho-2374"]
PDF_TWO_COLUMN = {"cv-ho-2368": ["Contact", "Skills", "Languages", "Education"]}  # sidebar sections
DOCX_IDS = ["cv-ho-2366", "cv-ho-2369", "cv-ho-2372", "cv-ho-2375"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DEJAVU + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DEJAVU + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DEJAVU + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DEJAVU + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DEJAVU + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 p bullet num table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("num", re.sub(r"^\d+\. ", "", line)))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


def inline_runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for t, b, it in inline_runs(text):
        t = escape(t, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4,
                             textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10.5, leading=13, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base_size, leading=base_size * 1.3, spaceAfter=2,
                            alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1, bulletFontName=FONT),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    num = 0
    for kind, payload in blocks:
        if kind != "num":
            num = 0
        if kind in ("h1", "h2", "h3", "p"):
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "num":
            num += 1
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="%d." % num))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks, sidebar_titles):
    """Split blocks into (header blocks, sidebar blocks, main blocks) by h2 section title."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    out = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", leftPadding=0, rightPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main", leftPadding=0, rightPadding=0)
    later_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="later", leftPadding=0, rightPadding=0)
    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame], onPage=draw_sidebar_bg),
    ])
    header, side, main = split_sections(blocks, sidebar_titles)
    side_st = pdf_styles(base_size=8.8)
    main_st = pdf_styles(base_size=9.8)
    story = blocks_to_flowables(side, side_st, side_w)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += blocks_to_flowables(header, main_st, main_w)
    story += blocks_to_flowables(main, main_st, main_w)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            add_runs(doc.add_paragraph(style="List Number"), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.author = ""
    doc.core_properties.title = cv_id
    doc.save(out)
    return out


def main():
    def load(cv_id):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            return parse_md(f.read())

    written = []
    for cv_id in PDF_IDS:
        written.append(render_pdf(cv_id, load(cv_id)))
    for cv_id, sidebar in PDF_TWO_COLUMN.items():
        written.append(render_pdf_two_column(cv_id, load(cv_id), sidebar))
    for cv_id in DOCX_IDS:
        written.append(render_docx(cv_id, load(cv_id)))
    for path in written:
        print("%-60s %7d bytes" % (os.path.relpath(path, HERE), os.path.getsize(path)))


if __name__ == "__main__":
    main()
