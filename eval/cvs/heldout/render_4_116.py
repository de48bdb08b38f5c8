"""Render the heldout4-116 CVs from their Markdown sources into PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-116/render.py
The .md file is the CV's exact content; PDF and DOCX keep a real text layer.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, SimpleDocTemplate)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

TARGETS = {
    "cv-ho-1981": "pdf2col",
    "cv-ho-1982": "docx",
    "cv-ho-1983": "md",
    "cv-ho-1984": "pdf",
    "cv-ho-1985": "docx",
    "cv-ho-1986": "pdf",
    "cv-ho-1987": "md",
    "cv-ho-1988": "docx",
    "cv-ho-1989": "pdf",
    "cv-ho-1990": "md",
    "cv-ho-1991": "docx",
    "cv-ho-1992": "md",
}
# sections that go to the sidebar in the two-column PDF
SIDEBAR = {"Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, bullet, para, table(rows)
    """
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
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>%s</b>" % escape(part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append("<i>%s</i>" % escape(part[1:-1]))
        else:
            out.append(escape(part))
    return "".join(out)


def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


# ---------------------------------------------------------------- PDF
def register_fonts():
    pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="DV-B", fontSize=base + 8,
                                leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="DV-B", fontSize=base + 0.5, leading=base + 3,
                             spaceBefore=4),
        "para": ParagraphStyle("para", fontName="DV", fontSize=base, leading=base + 3,
                               spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="DV", fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName="DV"),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cid, author="synthetic CV")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """header blocks (before the first h2) and a list of (heading, blocks)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    h = ph - 2 * margin
    side = Frame(margin, margin, side_w, h, id="side", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main")
    main_only = Frame(margin + side_w + gap, margin, main_w, h, id="main2")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[main_only], onPage=sidebar_bg),
    ])
    header, sections = split_sections(blocks)
    st_side = styles(base=8.5)
    st_main = styles(base=9)
    story = [NextPageTemplate("later")]
    # sidebar: name + contact, then sidebar sections
    story += flowables(header, st_side, side_w - 8)
    for name, blks in sections:
        if name in SIDEBAR:
            story += flowables(blks, st_side, side_w - 8)
    story.append(FrameBreak())
    for name, blks in sections:
        if name not in SIDEBAR:
            story += flowables(blks, st_main, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def render_docx(cid, blocks):
    path = os.path.join(HERE, cid + ".docx")
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
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    d.core_properties.title = cid
    d.core_properties.author = "synthetic CV"
    d.save(path)
    return path


def main():
    register_fonts()
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            p = render_pdf(cid, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cid, blocks)
        elif fmt == "docx":
            p = render_docx(cid, blocks)
        else:
            p = os.path.join(HERE, cid + ".md")
        print(cid, fmt, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
