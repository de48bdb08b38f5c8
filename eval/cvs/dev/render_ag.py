"""Render the dev-ag CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ag/render.py
The .md file of each CV is its exact text; PDF and DOCX files are rendered from it.
"""
import os
import re

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> target format ("md" means the .md file itself is the target)
TARGETS = {
    "cv-dev-421": "docx",
    "cv-dev-422": "pdf-2col",
    "cv-dev-423": "docx",
    "cv-dev-424": "pdf",
    "cv-dev-425": "md",
    "cv-dev-426": "pdf",
    "cv-dev-427": "md",
    "cv-dev-428": "md",
    "cv-dev-429": "docx",
    "cv-dev-430": "md",
    "cv-dev-431": "pdf",
    "cv-dev-432": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, bullet, para, table (payload = list of rows).
    """
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
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
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
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


def to_rl(text):
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if i:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    s = {}
    s["title"] = ParagraphStyle("title", fontName="DV-B", fontSize=18, leading=22,
                                spaceAfter=6)
    s["h2"] = ParagraphStyle("h2", fontName="DV-B", fontSize=11.5, leading=14,
                             spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName="DV-B", fontSize=10, leading=12.5,
                             spaceBefore=5, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName="DV", fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=2, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=12,
                                 bulletIndent=2, spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("title", "h2", "h3", "para"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Split blocks into (title_blocks, sidebar_blocks, main_blocks)."""
    title, side, main = [], [], []
    current = title
    for kind, payload in blocks:
        if kind == "title":
            title.append((kind, payload))
            continue
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return title, side, main


def render_pdf_two_column(cv_id, blocks):
    """Two-column PDF: header band, left sidebar (skills etc.), right main column."""
    path = os.path.join(HERE, cv_id + ".pdf")
    page_w, page_h = A4
    margin = 1.5 * cm
    gutter = 0.6 * cm
    header_h = 1.6 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                   id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=6, rightPadding=6, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later_main = Frame(margin + side_w + gutter, margin, main_w, page_h - 2 * margin,
                       id="main2", leftPadding=0, rightPadding=0)

    def first_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=first_bg),
        PageTemplate(id="later", frames=[later_main]),
    ])
    title_b, side_b, main_b = split_sections(blocks)
    st = styles()
    side_st = styles(base_size=8.5)
    side_st["h2"] = ParagraphStyle("sh2", parent=side_st["h2"], fontSize=10.5, spaceBefore=6)
    story = [NextPageTemplate("later")]
    story += flowables(title_b, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_b, side_st, side_w - 12)
    story.append(FrameBreak())
    story += flowables(main_b, st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, i in inline_runs(text):
        run = par.add_run(seg)
        run.bold = b
        run.italic = i


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    par = cells[c].paragraphs[0]
                    add_runs(par, text)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    for cv_id, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print("%-12s %-9s %s (%d bytes)" % (cv_id, fmt, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
