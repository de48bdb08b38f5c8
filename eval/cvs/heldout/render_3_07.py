"""Render the heldout3-07 CVs from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-07/render.py

Each <id>.md holds the CV's exact content. Targets:
  - PDF  (reportlab, real text layer; one CV in a true two-column layout)
  - DOCX (python-docx; one CV with its skills as a real Word table)
  - MD   (the .md file itself is the target; nothing to render)
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_ONE_COLUMN = ["cv-ho-676", "cv-ho-679", "cv-ho-681"]
PDF_TWO_COLUMN = {"cv-ho-674": ["Contact", "Skills", "Certifications", "Languages"]}
DOCX = ["cv-ho-675", "cv-ho-678", "cv-ho-680", "cv-ho-684"]  # cv-ho-680 has the skills table
MD = ["cv-ho-673", "cv-ho-677", "cv-ho-682", "cv-ho-683"]

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-Oblique", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BoldOblique", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-Bold", italic="DV-Oblique",
                              boldItalic="DV-BoldOblique")


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush(); blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_rl(s):
    s = escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", s)
    return s


def runs(s):
    """Split inline markdown into (text, bold) pieces."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*)", s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True))
        else:
            out.append((part, False))
    return out


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="DV-Bold", fontSize=base + 8, leading=base + 11,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="DV-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName="DV-Bold", fontSize=base + 0.5, leading=base + 3.5,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="DV", fontSize=base, leading=base + 3.5,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="DV", fontSize=base, leading=base + 3.5,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName="DV"),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf_one_column(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(flowables(blocks, styles(), doc.width))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_sections):
    """Sidebar (left frame) holds the listed sections; main frame holds the rest."""
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_sections else main
        current.append((kind, payload))
    path = os.path.join(HERE, cv_id + ".pdf")
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    frame_h = ph - 2 * margin
    left = Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=0, rightPadding=0)
    right = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                  leftPadding=0, rightPadding=0)
    main_only = Frame(margin, margin, pw - 2 * margin, frame_h, id="cont")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id,
                          pageTemplates=[PageTemplate(id="two", frames=[left, right],
                                                      onPage=sidebar_bg),
                                         PageTemplate(id="cont", frames=[main_only])])
    story = flowables(side, styles(8.5), side_w) + [FrameBreak()] + \
        flowables(main, styles(9.5), main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            for text, bold in runs(payload):
                p.add_run(text).bold = bold
        elif kind == "para":
            p = d.add_paragraph()
            for text, bold in runs(payload):
                p.add_run(text).bold = bold
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    def load(cv_id):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            return parse_md(f.read())

    made = []
    for cv_id in PDF_ONE_COLUMN:
        made.append(render_pdf_one_column(cv_id, load(cv_id)))
    for cv_id, sidebar in PDF_TWO_COLUMN.items():
        made.append(render_pdf_two_column(cv_id, load(cv_id), sidebar))
    for cv_id in DOCX:
        made.append(render_docx(cv_id, load(cv_id)))
    for p in made:
        print(f"{os.path.basename(p)}\t{os.path.getsize(p)} bytes")
    print("md targets (no rendering needed):", ", ".join(m + ".md" for m in MD))


if __name__ == "__main__":
    main()
