"""Render the CVs of this folder (cv-ho-1897 .. cv-ho-1908) to their target formats.

Each CV's text lives in <id>.md. This script turns the Markdown into:
  - PDF (reportlab, real text layer; one CV in a two-column layout built with
    BaseDocTemplate + two Frames: a sidebar with skills and a main column),
  - DOCX (python-docx; Markdown tables become real Word tables).
MD targets need no rendering: the .md file itself is the target.

Run: /work/main/.venv/bin/python eval/cvs/heldout4-109/render.py
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1897": "pdf",   # two-column
    "cv-ho-1898": "docx",  # Word table for skills
    "cv-ho-1899": "md",
    "cv-ho-1900": "pdf",
    "cv-ho-1901": "docx",
    "cv-ho-1902": "md",
    "cv-ho-1903": "pdf",
    "cv-ho-1904": "md",
    "cv-ho-1905": "docx",
    "cv-ho-1906": "pdf",
    "cv-ho-1907": "docx",
    "cv-ho-1908": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-1897": ["Skills", "Coursework", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3 (payload str), para (list of lines), li (str),
    table (list of rows, each a list of cells)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        nonlocal para
        if para:
            blocks.append(("para", para))
            para = []

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
            flush(); blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_parts(s):
    """Split a string into (text, bold, italic) parts."""
    out = []
    for tok in INLINE.split(s):
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            out.append((tok[2:-2], True, False))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 1:
            out.append((tok[1:-1], False, True))
        else:
            out.append((tok, False, False))
    return out


def to_rl(s):
    res = []
    for text, b, it in inline_parts(s):
        t = escape(text, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        pdfmetrics.registerFontFamily("CV", normal="CV", bold="CV-Bold",
                                      italic="CV-Italic", boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception:
        return "Helvetica", "Helvetica-Bold"


def styles(font, bold, small=False):
    size = 8.3 if small else 9.3
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size + 2.2, leading=size + 5,
                             spaceBefore=7, spaceAfter=2, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.5, leading=size + 3.5,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=font, fontSize=size, leading=size + 3.2,
                               spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=font, fontSize=size, leading=size + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=font, bulletFontSize=size),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 0.5, leading=size + 2),
        "cellh": ParagraphStyle("cellh", fontName=bold, fontSize=size - 0.5, leading=size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(to_rl(c), st["cellh" if r == 0 else "cell"]) for c in row]
                    for r, row in enumerate(payload)]
            if ncol == 2:
                cw = [width * 0.55, width * 0.45]
            else:
                cw = [width * 0.22, width * 0.40, width * 0.38]
            t = Table(data, colWidths=cw, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6ECF3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def split_sections(blocks, sidebar_titles):
    """Split blocks into (header, sidebar, main) for the two-column layout."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return header, side, main


def render_pdf(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    font, bold = register_fonts()
    margin = 16 * mm
    pw, ph = A4
    if cid in SIDEBAR:
        header, side, main = split_sections(blocks, SIDEBAR[cid])
        gap = 6 * mm
        side_w = 58 * mm
        main_w = pw - 2 * margin - side_w - gap
        doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin,
                              title=cid, author="synthetic CV")
        h = ph - 2 * margin
        left = Frame(margin, margin, side_w, h, id="sidebar",
                     leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
        right = Frame(margin + side_w + gap, margin, main_w, h, id="main",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        full = Frame(margin, margin, pw - 2 * margin, h, id="full")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#F1F4F8"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm, h + 6 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="two", frames=[left, right], onPage=sidebar_bg),
            PageTemplate(id="one", frames=[full]),
        ])
        st_side = styles(font, bold, small=True)
        st_main = styles(font, bold)
        story = flowables(side, st_side, side_w - 4)
        story.append(FrameBreak())
        story += flowables(header, st_main, main_w)
        story += flowables(main, st_main, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin,
                                title=cid, author="synthetic CV")
        st = styles(font, bold)
        doc.build(flowables(blocks, st, pw - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, s):
    for text, b, it in inline_parts(s):
        r = par.add_run(text)
        r.bold = b or None
        r.italic = it or None


def render_docx(cid, blocks):
    path = os.path.join(HERE, cid + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            p = doc.add_heading(level=2)
            add_runs(p, payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "li":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncol = len(payload[0])
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = t.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    add_runs(cells[c].paragraphs[0], val)
                    if r == 0:
                        for run in cells[c].paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cid
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    for cid, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "pdf":
            out = render_pdf(cid, blocks)
        elif fmt == "docx":
            out = render_docx(cid, blocks)
        else:
            out = os.path.join(HERE, cid + ".md")
        print("%-12s %-4s %7d bytes" % (cid, fmt, os.path.getsize(out)))


if __name__ == "__main__":
    main()
