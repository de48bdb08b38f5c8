"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-126/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import html
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2101": "md",
    "cv-ho-2102": "docx",
    "cv-ho-2103": "pdf2col",
    "cv-ho-2104": "pdf",
    "cv-ho-2105": "docx",
    "cv-ho-2106": "pdf",
    "cv-ho-2107": "md",
    "cv-ho-2108": "docx",
    "cv-ho-2109": "md",
    "cv-ho-2110": "pdf",
    "cv-ho-2111": "docx",
    "cv-ho-2112": "md",
}
# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"cv-ho-2103": ["Contact", "Skills", "Certifications", "Languages"]}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dj = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dj + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DJ", _dj + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-B", _dj + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-I", _dj + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-BI", _dj + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DJ", normal="DJ", bold="DJ-B", italic="DJ-I", boldItalic="DJ-BI")
    FONT, FONT_B, FONT_I = "DJ", "DJ-B", "DJ-I"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return (title, intro_lines, sections) where sections = [(heading, blocks)].
    A block is ("p", text) | ("li", text) | ("table", rows)."""
    lines = md_text.splitlines()
    title, intro, sections = "", [], []
    cur = None
    table = None
    for raw in lines + [""]:
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table = table or []
            table.append(cells)
            continue
        if table is not None:
            (cur[1] if cur else intro).append(("table", table))
            table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif re.match(r"^(\s*)([-*]|\d+\.)\s+", line):
            text = re.sub(r"^(\s*)([-*]|\d+\.)\s+", "", line)
            (cur[1] if cur else intro).append(("li", text))
        else:
            (cur[1] if cur else intro).append(("p", line.strip()))
    return title, intro, sections


def inline_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic)."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=2),
        "h": ParagraphStyle("h", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base * 1.3, spaceAfter=2),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=(base - 0.5) * 1.25),
    }


def blocks_to_flow(blocks, st, width):
    flow = []
    for kind, val in blocks:
        if kind == "p":
            flow.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(inline_rl(val), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in val]
            ncol = len(val[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cid, md_text, out):
    title, intro, sections = parse(md_text)
    st = styles()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    width = A4[0] - 36 * mm
    flow = [Paragraph(inline_rl(title), st["title"])]
    flow += blocks_to_flow(intro, st, width)
    for head, blocks in sections:
        flow.append(Paragraph(inline_rl(head), st["h"]))
        flow += blocks_to_flow(blocks, st, width)
    doc.build(flow)


def render_pdf_two_column(cid, md_text, out):
    title, intro, sections = parse(md_text)
    side_names = SIDEBAR[cid]
    pw, ph = A4
    m = 14 * mm
    side_w, gap = 58 * mm, 8 * mm
    main_w = pw - 2 * m - side_w - gap
    first = PageTemplate(id="first", frames=[
        Frame(m, m, side_w, ph - 2 * m, id="side", leftPadding=4, rightPadding=4),
        Frame(m + side_w + gap, m, main_w, ph - 2 * m, id="main"),
    ], onPage=lambda c, d: (c.saveState(), c.setFillColor(colors.HexColor("#EEF2F7")),
                             c.rect(0, 0, m + side_w + gap / 2, ph, stroke=0, fill=1), c.restoreState()))
    later = PageTemplate(id="later", frames=[
        Frame(m + side_w + gap, m, main_w, ph - 2 * m, id="main2")])
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=[first, later], title=title, author=title)
    st_side = styles(8.5)
    st_main = styles(9.5)
    flow = [NextPageTemplate("later")]
    for head, blocks in sections:
        if head in side_names:
            flow.append(Paragraph(inline_rl(head), st_side["h"]))
            flow += blocks_to_flow(blocks, st_side, side_w - 8)
    flow.append(FrameBreak())
    flow.append(Paragraph(inline_rl(title), st_main["title"]))
    flow += blocks_to_flow(intro, st_main, main_w)
    for head, blocks in sections:
        if head not in side_names:
            flow.append(Paragraph(inline_rl(head), st_main["h"]))
            flow += blocks_to_flow(blocks, st_main, main_w)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cid, md_text, out):
    title, intro, sections = parse(md_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = doc.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        p = t.cell(r, c).paragraphs[0]
                        add_runs(p, cell)
                        if r == 0:
                            for run in p.runs:
                                run.bold = True
                doc.add_paragraph()

    emit(intro)
    for head, blocks in sections:
        doc.add_heading(head, level=1)
        emit(blocks)
    doc.save(out)


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            md_text = f.read()
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = os.path.join(HERE, cid + ".pdf")
            render_pdf(cid, md_text, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cid + ".pdf")
            render_pdf_two_column(cid, md_text, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cid + ".docx")
            render_docx(cid, md_text, out)
        print(f"{cid}: {os.path.basename(out)} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
