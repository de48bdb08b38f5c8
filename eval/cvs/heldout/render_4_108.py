"""Render the heldout4-108 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-108/render.py
The .md file is the CV's text; this script only changes the layout.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-1887", "cv-ho-1888", "cv-ho-1890", "cv-ho-1894"]
DOCX = ["cv-ho-1886", "cv-ho-1889", "cv-ho-1892", "cv-ho-1895"]
TWO_COLUMN = {"cv-ho-1888": ["Contact", "Core skills", "Outside my core", "Languages", "Interests"]}

# ---------------------------------------------------------------- fonts
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
_dv = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dv + "DejaVuSans.ttf") and os.path.exists(_dv + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _dv + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _dv + "DejaVuSans-Bold.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                       italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_B = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: title, h2, h3, para, bullet, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush(); blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
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


def md_inline_to_rl(text):
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return text.replace("\n", "<br/>")


def split_bold(text):
    """Yield (segment, is_bold) for docx runs."""
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*", text):
        if m.start() > pos:
            yield text[pos:m.start()], False
        yield m.group(1), True
        pos = m.end()
    if pos < len(text):
        yield text[pos:], False


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    st = {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_B, fontSize=17,
                                leading=21, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_B, fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=FONT_B, fontSize=10,
                             leading=12, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName=FONT, fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName=FONT, fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1.5),
    }
    return st


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(md_inline_to_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(md_inline_to_rl(payload), st[kind]))
    return out


def render_pdf_single(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    st = styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    """Sidebar (skills etc.) in a narrow left frame, experience in the main right frame."""
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 6 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id)
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)
    # later pages: main column only, full width
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=bg,
                                       autoNextPageTemplate="rest"),
                          PageTemplate(id="rest", frames=[full])])
    st = styles(9)
    side_st = styles(8.5)
    # split blocks: header (title + first para) goes on top of the sidebar,
    # sections whose h2 is in sidebar_titles go to the sidebar, others to main.
    side_blocks, main_blocks = [], []
    current = side_blocks
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in sidebar_titles else main_blocks
        current.append((kind, payload))
    flow = blocks_to_flowables(side_blocks, side_st, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main_blocks, st, main_w - 8)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    run = p.add_run(cell.replace("**", ""))
                    run.bold = (r == 0)
            d.add_paragraph()
        else:
            p = d.add_paragraph(style="List Bullet" if kind == "bullet" else None)
            lines = payload.split("\n")
            for li, line in enumerate(lines):
                for seg, bold in split_bold(line):
                    run = p.add_run(seg)
                    run.bold = bold
                if li < len(lines) - 1:
                    p.add_run().add_break()
    d.save(path)


def main():
    for cv_id in PDF + DOCX:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if cv_id in PDF:
            if cv_id in TWO_COLUMN:
                render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
            else:
                render_pdf_single(cv_id, blocks)
        else:
            render_docx(cv_id, blocks)
        print("rendered", cv_id)


if __name__ == "__main__":
    main()
