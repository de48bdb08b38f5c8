"""Render the heldout4-128 CVs from their Markdown sources to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-128/render.py

The .md file of each CV is its exact content. PDFs get a real text layer
(reportlab Paragraphs, TrueType font embedded as a subset); one PDF uses a
two-column layout built from two reportlab Frames (sidebar + main column).
DOCX files are built with python-docx; Markdown tables become real Word tables.
MD-target CVs are left as they are.
"""
import os
import re
from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                NextPageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.lib.fonts import addMapping

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-2125", "cv-ho-2128", "cv-ho-2131", "cv-ho-2134"]
TWO_COLUMN = {"cv-ho-2128": {"Contact", "Skills", "Certifications",
                             "Currently studying", "Languages"}}
DOCX = ["cv-ho-2126", "cv-ho-2129", "cv-ho-2132", "cv-ho-2135"]
MD = ["cv-ho-2127", "cv-ho-2130", "cv-ho-2133", "cv-ho-2136"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DV + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DV + "DejaVuSans-BoldOblique.ttf"))
    addMapping("DV", 0, 0, "DV")
    addMapping("DV", 1, 0, "DV-B")
    addMapping("DV", 0, 1, "DV-I")
    addMapping("DV", 1, 1, "DV-BI")
    FONT, FONT_B, FONT_I, FONT_BI = "DV", "DV-B", "DV-I", "DV-BI"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, para, bullet, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
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
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("bullet", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
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
    """Split text into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(s):
    res = []
    for t, b, it in inline_parts(s):
        t = escape(t, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "para": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "bullet": ParagraphStyle("b", fontName=FONT, fontSize=base, leading=base + 3.5, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5),
    }


def blocks_to_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2"):
            fl.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            for ln in payload:
                fl.append(Paragraph(to_rl(ln), st["para"]))
        elif kind == "bullet":
            fl.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        render_pdf_two_column(out, blocks, TWO_COLUMN[cv_id])
        return out
    st = pdf_styles()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks, sidebar_titles):
    """Header (before first h2) goes to main; sections named in sidebar_titles go to sidebar."""
    header, side, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h2":
            current = side if b[1] in sidebar_titles else main
        current.append(b)
    return header, side, main


def render_pdf_two_column(out, blocks, sidebar_titles):
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_w = W - 2 * margin - side_w - gap
    header, side, main = split_sections(blocks, sidebar_titles)
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)

    def page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_main2 = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(out, pagesize=A4, title=os.path.basename(out)[:-4])
    doc.addPageTemplates([PageTemplate(id="two", frames=[f_side, f_main], onPage=page_bg),
                          PageTemplate(id="cont", frames=[f_main2], onPage=page_bg)])
    fl = [NextPageTemplate("cont")]
    # sidebar: name block first, then the sidebar sections
    fl += blocks_to_flowables(header, st_side, side_w)
    fl += blocks_to_flowables(side, st_side, side_w)
    fl.append(FrameBreak())
    fl += blocks_to_flowables(main, st_main, main_w)
    doc.build(fl)


# ---------------------------------------------------------------- DOCX
def add_runs(par, s):
    for t, b, it in inline_parts(s):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "para":
            for ln in payload:
                add_runs(d.add_paragraph(), ln)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell)
                    if ri == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
    d.core_properties.title = cv_id
    d.save(out)
    return out


def main():
    for cv_id in PDF + DOCX + MD:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if cv_id in PDF:
            out = render_pdf(cv_id, blocks)
        elif cv_id in DOCX:
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print("%-12s %-6s %7d bytes" % (cv_id, out.rsplit(".", 1)[1], os.path.getsize(out)))


if __name__ == "__main__":
    main()
