"""Render the heldout4-112 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-112/render.py

- PDF  (reportlab, real text layer): cv-ho-1933, cv-ho-1936 (two-column), cv-ho-1939, cv-ho-1942
- DOCX (python-docx):                cv-ho-1934 (skills as a real Word table), cv-ho-1937, cv-ho-1940, cv-ho-1943
- MD   (the .md file is the target):  cv-ho-1935, cv-ho-1938, cv-ho-1941, cv-ho-1944
"""
import os
import re
from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-1933", "cv-ho-1936", "cv-ho-1939", "cv-ho-1942"]
TWO_COLUMN = {"cv-ho-1936": {"Contact", "Skills", "Languages"}}  # sidebar sections
DOCX_IDS = ["cv-ho-1934", "cv-ho-1937", "cv-ho-1940", "cv-ho-1943"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DV + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DV + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, section, para (list of lines), bullets (list of (level, text)), table (rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("section", line[3:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                indent = len(lines[i]) - len(lines[i].lstrip())
                items.append((1 if indent >= 2 else 0, lines[i].lstrip()[2:].strip()))
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while (i < len(lines) and lines[i].strip() and not lines[i].startswith("#")
                   and not lines[i].lstrip().startswith("- ") and not lines[i].startswith("|")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
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
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    s = ""
    for t, b, it in runs(text):
        t = escape(t, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        s += t
    return s


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale,
                                spaceAfter=4),
        "section": ParagraphStyle("section", fontName=FONT_B, fontSize=11.5 * scale,
                                  leading=14 * scale, spaceBefore=9, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3b5c")),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=base, leading=base * 1.3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base * 1.3),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base * 0.95, leading=base * 1.2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "section":
            out.append(Paragraph(to_rl(payload), st["section"]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind == "bullets":
            items = []
            for level, text in payload:
                items.append(ListItem(Paragraph(to_rl(text), st["bullet"]),
                                      leftIndent=12 + 12 * level, bulletColor=colors.black))
            out.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                                    bulletFontName=FONT, bulletFontSize=8))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    margin = 1.8 * cm
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id)
        st = styles()
        doc.build(flowables(blocks, st, A4[0] - 2 * margin))
        return path

    # Two-column layout: header across the top, sidebar (left) and main column (right).
    sidebar_titles = TWO_COLUMN[cv_id]
    header, sidebar, main = [], [], []
    target = header
    for kind, payload in blocks:
        if kind == "section":
            target = sidebar if payload in sidebar_titles else main
        target.append((kind, payload))

    W, H = A4
    m = 1.4 * cm
    header_h = 2.4 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                   showBoundary=0)
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, m + side_w + gap / 2, H - m - header_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = styles(0.92)
    story = [NextPageTemplate("later")]
    story += flowables(header, st, W - 2 * m)
    story.append(FrameBreak())
    story += flowables(sidebar, st, side_w)
    story.append(FrameBreak())
    story += flowables(main, st, f_main._width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "section":
            d.add_heading(payload, level=1)
        elif kind == "para":
            for line in payload:
                add_runs(d.add_paragraph(), line)
        elif kind == "bullets":
            for level, text in payload:
                add_runs(d.add_paragraph(style="List Bullet 2" if level else "List Bullet"), text)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    d.core_properties.title = cv_id
    d.core_properties.author = "heldout4-112"
    d.save(path)
    return path


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        path = render_pdf(cv_id, blocks) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print("wrote", os.path.relpath(path, HERE), os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
