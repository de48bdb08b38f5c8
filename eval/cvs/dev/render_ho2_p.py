"""Render the heldout-p CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-p/render.py

Each <id>.md is the CV's exact text. Targets:
  - PDF  (reportlab, real text layer; one of them in a true two-column layout)
  - DOCX (python-docx; Markdown tables become real Word tables)
  - MD   (the .md itself is the target; nothing to render)
"""
import os
import re
import sys

from docx import Document
from docx.shared import Pt
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

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-181": "md",
    "cv-ho-182": "pdf",
    "cv-ho-183": "docx",
    "cv-ho-184": "pdf2col",
    "cv-ho-185": "docx",
    "cv-ho-186": "md",
    "cv-ho-187": "docx",
    "cv-ho-188": "pdf",
    "cv-ho-189": "md",
    "cv-ho-190": "docx",
    "cv-ho-191": "pdf",
    "cv-ho-192": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown block parser -> list of (kind, payload)."""
    blocks = []
    para = []
    lines = text.splitlines()
    i = 0

    def flush():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:].strip()))
        elif line.lstrip().startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
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


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs."""
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


def to_rl_markup(text):
    out = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("CV", normal="CV", bold="CV-Bold", italic="CV-Italic",
                           boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception:  # fall back to the built-in Type 1 fonts
        return "Helvetica", "Helvetica-Bold"


def make_styles(font, bold, scale=1.0):
    s = {}
    s["title"] = ParagraphStyle("title", fontName=bold, fontSize=18 * scale, leading=22 * scale,
                                spaceAfter=2, textColor=colors.HexColor("#1f3a5f"))
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=10 * scale, leading=12 * scale,
                             spaceBefore=4, spaceAfter=2)
    s["body"] = ParagraphStyle("body", fontName=font, fontSize=9.3 * scale, leading=12 * scale,
                               spaceAfter=3, alignment=TA_LEFT)
    s["cell"] = ParagraphStyle("cell", fontName=font, fontSize=8.8 * scale, leading=11 * scale)
    return s


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl_markup(payload), st["title"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl_markup(payload), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl_markup(payload), st["h3"]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl_markup(l) for l in payload), st["body"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl_markup(t), st["body"]), leftIndent=10)
                     for t in payload]
            flow.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                     leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in data)
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, text, out):
    font, bold = register_fonts()
    st = make_styles(font, bold)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    width = A4[0] - 36 * mm
    doc.build(blocks_to_flowables(parse_md(text), st, width))


def render_pdf_two_column(cv_id, text, out):
    """Header across the top, sidebar (skills etc.) on the left, experience on the right."""
    font, bold = register_fonts()
    st = make_styles(font, bold, scale=0.95)
    blocks = parse_md(text)

    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))

    pw, ph = A4
    margin = 14 * mm
    header_h = 22 * mm
    gap = 6 * mm
    side_w = 62 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    f_header = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=2, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    f_later = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="later")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=decorate),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(header, st, pw - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(sidebar, st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, b, it in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, text, out):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    for kind, payload in parse_md(text):
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            p = d.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullets":
            for item in payload:
                add_runs(d.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci in range(ncol):
                    cell = t.cell(ri, ci)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], row[ci] if ci < len(row) else "")
                    if ri == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    d.save(out)


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            text = fh.read()
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        ext = "pdf" if fmt.startswith("pdf") else "docx"
        out = os.path.join(HERE, f"{cv_id}.{ext}")
        if fmt == "pdf":
            render_pdf(cv_id, text, out)
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, text, out)
        else:
            render_docx(cv_id, text, out)
        print(f"{cv_id}: {ext} {os.path.getsize(out) // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
