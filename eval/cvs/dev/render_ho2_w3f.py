"""Render the heldout-w3f CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3f/render.py
The .md file is the CV text; MD-target CVs are not rendered (the .md is the target).
"""
import os
import re

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-361": "pdf",
    "cv-ho-362": "md",
    "cv-ho-363": "docx",
    "cv-ho-364": "docx",
    "cv-ho-365": "md",
    "cv-ho-366": "docx",   # skills as a real Word table
    "cv-ho-367": "pdf",
    "cv-ho-368": "pdf2col",  # two-column PDF (sidebar + main)
    "cv-ho-369": "md",
    "cv-ho-370": "docx",
    "cv-ho-371": "pdf",
    "cv-ho-372": "md",
}
SIDEBAR_SECTIONS = {"contact", "skills", "certifications", "languages"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dj = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dj + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _dj + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _dj + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _dj + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _dj + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) for c in r)]
            blocks.append(("table", rows))
            table.clear()

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                blocks.append(("p", list(para)))
                para.clear()
            table.append(s)
            continue
        if table:
            flush()
        if s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
        else:
            para.append(s)
    flush()
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split into (text, bold, italic) runs for python-docx."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
            continue
        for sub in re.split(r"((?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", part):
            if not sub:
                continue
            if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                out.append((sub[1:-1], False, True))
            else:
                out.append((sub, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5, spaceBefore=7,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 0.5, leading=base + 3, spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3, leftIndent=10, bulletFontName=FONT,
                             bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in r] for r in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out += [t, Spacer(1, 4)]
    return out


def render_pdf(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=cid, author="synthetic")
    doc.build(flowables(blocks, styles(), doc.width))
    return path


def split_sidebar(blocks):
    head, side, main = [], [], []
    target = head
    for b in blocks:
        if b[0] == "h2":
            target = side if b[1].strip().lower() in SIDEBAR_SECTIONS else main
        target.append(b)
    return head, side, main


def render_pdf_two_column(cid, blocks):
    """Header frame on top, narrow sidebar frame (left) and main frame (right)."""
    path = os.path.join(HERE, cid + ".pdf")
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
                          title=cid, author="synthetic")
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head", leftPadding=0, rightPadding=0)
    f_side = Frame(m, m, side_w, H - 2 * m - header_h, id="side", leftPadding=4, rightPadding=4,
                   showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h, id="main",
                   leftPadding=0, rightPadding=0)
    f_next = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main2",
                   leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 2, m, side_w + 4, H - 2 * m - header_h, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_next]),
    ])
    head, side, main = split_sidebar(blocks)
    st_side = styles(0.9)
    st_main = styles(0.97)
    story = [NextPageTemplate("later")]
    story += flowables(head, styles(), W - 2 * m)
    story.append(FrameBreak())
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, f_main._width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cid, blocks):
    path = os.path.join(HERE, cid + ".docx")
    d = docx.Document()
    d.core_properties.author = "synthetic"
    d.core_properties.title = cid
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
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
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cid, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cid, blocks)
        elif fmt == "docx":
            out = render_docx(cid, blocks)
        else:
            out = os.path.join(HERE, cid + ".md")
        print(f"{cid}: {fmt:8s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
