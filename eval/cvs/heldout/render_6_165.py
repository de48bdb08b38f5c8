"""Render the heldout6-165 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-165/render.py
The .md files are the CV text; .md targets are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2569": "pdf2col",
    "cv-ho-2570": "docx",
    "cv-ho-2571": "md",
    "cv-ho-2572": "pdf",
    "cv-ho-2573": "docx",
    "cv-ho-2574": "md",
    "cv-ho-2575": "md",
    "cv-ho-2576": "pdf",
    "cv-ho-2577": "docx",
    "cv-ho-2578": "md",
    "cv-ho-2579": "pdf",
    "cv-ho-2580": "docx",
}
# sections placed in the left sidebar of the two-column PDF
SIDEBAR = {"cv-ho-2569": ["Contact", "Skills", "Languages", "Interests"]}

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse(md):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in r)]
            blocks.append(("table", rows))
            table.clear()

    for line in md.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                blocks.append(("p", para[:]))
                para.clear()
            table.append(s)
            continue
        m = re.match(r"^(#{1,3}) (.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if s.startswith("- "):
            flush()
            blocks.append(("li", s[2:]))
            continue
        para.append(s)
    flush()
    return blocks


def inline_rl(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def runs(text):
    """Split inline markdown into (text, bold, italic) runs for python-docx."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
STY = {
    "h1": ParagraphStyle("h1", fontName="DV-B", fontSize=17, leading=21, spaceAfter=4),
    "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=11.5, leading=15, spaceBefore=9,
                         spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
    "h3": ParagraphStyle("h3", fontName="DV-B", fontSize=10, leading=13, spaceBefore=4),
    "p": ParagraphStyle("p", fontName="DV", fontSize=9.3, leading=12.5, spaceAfter=3),
    "li": ParagraphStyle("li", fontName="DV", fontSize=9.3, leading=12.5, leftIndent=12,
                         bulletIndent=2, spaceAfter=1.5),
}
SIDE_STY = {k: ParagraphStyle("s" + k, parent=v, fontSize=v.fontSize - 0.8,
                              leading=v.leading - 1) for k, v in STY.items()}


def flowables(blocks, sty, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), sty[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), sty["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), sty["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), sty["p"]) for c in r] for r in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
    return out


def split_sections(blocks, names):
    """Split blocks into (sidebar, main) by h2 section name."""
    side, main, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = side if b[1] in names else main
        (cur if cur is not None else main).append(b)
    return side, main


def render_pdf(cv_id, blocks, path):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    doc.build(flowables(blocks, STY, A4[0] - 4 * cm))


def render_pdf_2col(cv_id, blocks, path):
    W, H = A4
    m = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_w = W - 2 * m - side_w - gap

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, m + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    first = PageTemplate(id="first", onPage=sidebar_bg, frames=[
        Frame(m, m, side_w, H - 2 * m, id="side", leftPadding=0, rightPadding=4),
        Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main", leftPadding=4, rightPadding=0),
    ])
    later = PageTemplate(id="later", frames=[
        Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2", leftPadding=4, rightPadding=0),
    ])
    doc = BaseDocTemplate(path, pagesize=A4, pageTemplates=[first, later], title=cv_id)
    side, main = split_sections(blocks, SIDEBAR[cv_id])
    # header (name, title) belongs to the main column
    story = [NextPageTemplate("later")]
    story += flowables(side, SIDE_STY, side_w)
    story.append(FrameBreak())
    story += flowables(main, STY, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold, r.italic = b, i


def render_docx(cv_id, blocks, path):
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            par = d.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = ""
                    add_runs(t.cell(i, j).paragraphs[0], cell)
                    if i == 0:
                        for r in t.cell(i, j).paragraphs[0].runs:
                            r.bold = True
    d.core_properties.title = cv_id
    d.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            render_pdf(cv_id, blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "pdf2col":
            render_pdf_2col(cv_id, blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "docx":
            render_docx(cv_id, blocks, os.path.join(HERE, cv_id + ".docx"))
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
