"""Render the heldout3-66 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-66/render.py
The .md files are the CV content; MD-target CVs are not rendered.
"""
import os
import re
from html import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, FrameBreak,
    SimpleDocTemplate, Table, TableStyle, ListFlowable, ListItem,
)
from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-ho-1381", "cv-ho-1384", "cv-ho-1387", "cv-ho-1390"]
DOCX_TARGETS = ["cv-ho-1382", "cv-ho-1385", "cv-ho-1388", "cv-ho-1391"]
TWO_COLUMN = {"cv-ho-1381": ["Skills", "Languages", "Interests"]}  # sidebar sections

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
try:
    pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-B")
    BASE, BOLD = "DV", "DV-B"
except Exception:  # fall back to core fonts
    BASE, BOLD = "Helvetica", "Helvetica-Bold"


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return (title, header_paragraphs, sections). Each section: (name, blocks).
    A block is ('p', text) | ('ul', [items]) | ('table', [rows])."""
    lines = text.splitlines()
    title = None
    header = []
    sections = []
    cur = None  # list of blocks
    para = []

    def flush_para():
        if para:
            (cur if cur is not None else header).append(("p", " ".join(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# ") and title is None:
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            cur = []
            sections.append((line[3:].strip(), cur))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            (cur if cur is not None else header).append(("ul", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            (cur if cur is not None else header).append(("table", rows))
            continue
        elif not line.strip():
            flush_para()
        else:
            para.append(line.strip())
        i += 1
    flush_para()
    return title, header, sections


def inline_rl(s):
    s = escape(s, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)
    return s


def inline_runs(s):
    """Split markdown inline text into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", s):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(small=False):
    fs = 8.5 if small else 9.5
    return {
        "title": ParagraphStyle("t", fontName=BOLD, fontSize=18, leading=22, spaceAfter=4),
        "h": ParagraphStyle("h", fontName=BOLD, fontSize=fs + 2, leading=fs + 5,
                            spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", fontName=BASE, fontSize=fs, leading=fs + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=BASE, fontSize=fs, leading=fs + 3),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "ul":
            out.append(ListFlowable(
                [ListItem(Paragraph(inline_rl(x), st["li"]), leftIndent=10) for x in val],
                bulletType="bullet", start="•", leftIndent=10, bulletFontName=BASE,
                bulletFontSize=st["li"].fontSize))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["li"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def section_flowables(sections, st):
    out = []
    for name, blocks in sections:
        out.append(Paragraph(inline_rl(name), st["h"]))
        out.extend(blocks_to_flowables(blocks, st))
    return out


def render_pdf(cid, title, header, sections):
    path = os.path.join(HERE, cid + ".pdf")
    st = styles()
    head = [Paragraph(inline_rl(title), st["title"])] + blocks_to_flowables(header, st)
    if cid in TWO_COLUMN:
        side_names = TWO_COLUMN[cid]
        side = [s for s in sections if s[0] in side_names]
        main = [s for s in sections if s[0] not in side_names]
        W, H = A4
        m = 15 * mm
        head_h = 30 * mm
        side_w = 58 * mm
        gap = 6 * mm
        top = Frame(m, H - m - head_h, W - 2 * m, head_h, id="head", showBoundary=0)
        left = Frame(m, m, side_w, H - 2 * m - head_h, id="side", showBoundary=0)
        right = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - head_h,
                      id="main", showBoundary=0)
        right2 = Frame(m, m, W - 2 * m, H - 2 * m, id="main2")

        def bg(canv, doc):
            canv.saveState()
            canv.setFillColor(colors.HexColor("#eef2f7"))
            canv.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, H - 2 * m - head_h + 3 * mm,
                      stroke=0, fill=1)
            canv.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[top, left, right], onPage=bg,
                         autoNextPageTemplate="cont"),
            PageTemplate(id="cont", frames=[right2]),
        ])
        sst = styles(small=True)
        story = head + [FrameBreak()] + section_flowables(side, sst) + [FrameBreak()] \
            + section_flowables(main, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm, title=title,
                                author=title)
        doc.build(head + section_flowables(sections, st))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cid, title, header, sections):
    path = os.path.join(HERE, cid + ".docx")
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "ul":
                for x in val:
                    add_runs(d.add_paragraph(style="List Bullet"), x)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        t.cell(r, c).text = ""
                        p = t.cell(r, c).paragraphs[0]
                        add_runs(p, cell)
                        if r == 0:
                            for run in p.runs:
                                run.bold = True

    emit(header)
    for name, blocks in sections:
        d.add_heading(name, level=1)
        emit(blocks)
    d.save(path)
    return path


def main():
    for cid in PDF_TARGETS + DOCX_TARGETS:
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            title, header, sections = parse_md(f.read())
        if cid in PDF_TARGETS:
            p = render_pdf(cid, title, header, sections)
        else:
            p = render_docx(cid, title, header, sections)
        print(f"{p}  {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
