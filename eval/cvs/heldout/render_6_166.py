"""Render the heldout6-166 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-166/render.py

Each <id>.md holds the CV text. This script parses a small Markdown subset
(# name, ## section, ### sub-heading, "- " bullets, | tables |, **bold**,
*italic*) and writes the target format listed in TARGETS. The .md files of
the Markdown targets are left untouched.
"""
import os
import re
import html

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate, FrameBreak,
    Paragraph, Spacer, Table, TableStyle, ListFlowable, ListItem,
)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2581": "md",
    "cv-ho-2582": "pdf-2col",
    "cv-ho-2583": "docx",
    "cv-ho-2584": "pdf",
    "cv-ho-2585": "docx",   # skills as a real Word table
    "cv-ho-2586": "md",
    "cv-ho-2587": "pdf",
    "cv-ho-2588": "md",
    "cv-ho-2589": "docx",
    "cv-ho-2590": "pdf",
    "cv-ho-2591": "md",
    "cv-ho-2592": "docx",
}

# sections placed in the left sidebar of the two-column PDF
SIDEBAR = {"Skills", "Education", "Certifications", "Languages"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DV + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DV + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, blocks) where blocks is a list of (kind, payload)."""
    lines = md_text.splitlines()
    name = None
    blocks = []
    table = None
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        if table is not None:
            blocks.append(("table", table))
            table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif re.match(r"^\s*- ", line):
            level = 1 if line.startswith("  ") else 0
            blocks.append(("bullet", (level, re.sub(r"^\s*- ", "", line))))
        else:
            blocks.append(("p", line.strip()))
    if table is not None:
        blocks.append(("table", table))
    return name, blocks


def split_sections(blocks):
    """Split blocks into (preamble, [(title, blocks)])."""
    pre, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            pre.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return pre, sections


def inline_to_rl(text):
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Yield (text, bold, italic) runs for python-docx."""
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", text):
        if m.start() > pos:
            yield text[pos:m.start()], False, False
        if m.group(1) is not None:
            yield m.group(1), True, False
        else:
            yield m.group(2), False, True
        pos = m.end()
    if pos < len(text):
        yield text[pos:], False, False


# ---------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    return {
        "name": ParagraphStyle("name", fontName=FONT_B, fontSize=base + 8, leading=base + 11, spaceAfter=3),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base * 1.3, spaceAfter=2),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2.5, leading=base + 5,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 0.5, leading=base * 1.35,
                             spaceBefore=4, spaceAfter=1),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base * 1.3),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=(base - 0.5) * 1.25),
    }


def blocks_to_flowables(blocks, st):
    out = []
    bullets = []

    def flush():
        if bullets:
            items = [ListItem(Paragraph(inline_to_rl(t), st["bullet"]), leftIndent=12 + 12 * lvl)
                     for lvl, t in bullets]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                    leftIndent=12, bulletFontSize=st["bullet"].fontSize))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "h2":
            out.append(Paragraph(inline_to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(inline_to_rl(payload), st["h3"]))
        elif kind == "p":
            out.append(Paragraph(inline_to_rl(payload), st["p"]))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    flush()
    return out


def render_pdf(cv_id, name, blocks):
    st = pdf_styles()
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name)
    story = [Paragraph(inline_to_rl(name), st["name"])] + blocks_to_flowables(blocks, st)
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, name, blocks):
    st = pdf_styles(base=8.8)
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(m, m, side_w, H - 2 * m - header_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def deco(canv, doc_):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(m, m, side_w, H - 2 * m - header_h, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=name, author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=deco, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later]),
    ])
    pre, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, body in sections:
        target = side_blocks if title in SIDEBAR else main_blocks
        target.append(("h2", title))
        target.extend(body)
    story = [Paragraph(inline_to_rl(name), st["name"])] + blocks_to_flowables(pre, st)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, st)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, name, blocks):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = name
    d.core_properties.author = name
    d.add_heading(name, level=0)
    for kind, payload in blocks:
        if kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            lvl, text = payload
            add_runs(d.add_paragraph(style="List Bullet 2" if lvl else "List Bullet"), text)
        elif kind == "table":
            rows, cols = len(payload), max(len(r) for r in payload)
            t = d.add_table(rows=rows, cols=cols)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci in range(cols):
                    cell = t.cell(ri, ci)
                    cell.text = ""
                    text = row[ci] if ci < len(row) else ""
                    add_runs(cell.paragraphs[0], text)
                    if ri == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            name, blocks = parse(fh.read())
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if fmt == "pdf":
            p = render_pdf(cv_id, name, blocks)
        elif fmt == "pdf-2col":
            p = render_pdf_two_column(cv_id, name, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, name, blocks)
        else:
            raise ValueError(fmt)
        print(cv_id, "->", os.path.basename(p), os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
