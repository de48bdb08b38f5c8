"""Render the heldout3-85 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-85/render.py
The .md file is the CV's exact content; .md targets are left as they are.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1609": "md",
    "cv-ho-1610": "docx",
    "cv-ho-1611": "pdf",
    "cv-ho-1612": "pdf2col",
    "cv-ho-1613": "docx",
    "cv-ho-1614": "md",
    "cv-ho-1615": "pdf",
    "cv-ho-1616": "md",
    "cv-ho-1617": "docx",
    "cv-ho-1618": "pdf",
    "cv-ho-1619": "md",
    "cv-ho-1620": "docx",
}
# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Education", "Certifications", "Languages"}

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    s = {}
    s["title"] = ParagraphStyle("title", fontName="DV-B", fontSize=17 * scale, leading=21 * scale,
                                spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName="DV-B", fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3A5F"))
    s["h3"] = ParagraphStyle("h3", fontName="DV-B", fontSize=9.8 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=1)
    s["para"] = ParagraphStyle("para", fontName="DV", fontSize=9.2 * scale, leading=12 * scale,
                               spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10, bulletIndent=2, bulletFontName="DV",
                                 spaceAfter=1.5)
    return s


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf(blocks, path, title):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    doc.build(flowables(blocks, styles()))


def split_sidebar(blocks):
    """Header (before first h2) + sidebar sections + main sections."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(blocks, path, title):
    header, side, main = split_sidebar(blocks)
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 6 * mm
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, H - 2 * m - header_h, id="side", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h,
                   id="main", showBoundary=0)
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, H - 2 * m - header_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = styles()
    small = styles(0.9)
    story = [NextPageTemplate("later")]
    story += flowables(header, st)
    story.append(FrameBreak())
    story += flowables(side, small)
    story.append(FrameBreak())
    story += flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(blocks, path, title):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci in range(ncols):
                    text = row[ci] if ci < len(row) else ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, text)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            text = fh.read()
        blocks = parse(text)
        name = blocks[0][1] if blocks and blocks[0][0] == "title" else cv_id
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out, name)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out, name)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out, name)
        else:
            out = src
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
