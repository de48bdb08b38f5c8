"""Render the heldout3-33 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-33/render.py
The .md file of every CV is its exact content; this script only lays it out.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-985", "cv-ho-991", "cv-ho-994"]
PDF_TWO_COLUMN = {"cv-ho-988": {"Contact", "Skills", "Languages", "Education", "Certifications"}}
DOCX = ["cv-ho-986", "cv-ho-989", "cv-ho-993", "cv-ho-995"]
# cv-ho-987, cv-ho-990, cv-ho-992, cv-ho-996: the .md file itself is the target.

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
try:
    pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    BASE, BOLD = "DV", "DV-B"
except Exception:  # fall back to the standard fonts
    BASE, BOLD = "Helvetica", "Helvetica-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 p li table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", "\n".join(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r"-+", c) for c in r)]
            blocks.append(("table", rows))
            table.clear()

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                blocks.append(("p", "\n".join(para)))
                para.clear()
            table.append(s)
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if s.lstrip().startswith("- "):
            flush()
            blocks.append(("li", s.lstrip()[2:]))
            continue
        if table:
            flush()
        para.append(s.strip())  # lines of one block keep their line breaks
    flush()
    return blocks


def inline_rl(text):
    return "<br/>".join(_inline_rl(line) for line in text.split("\n"))


def _inline_rl(text):
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def runs(text):
    """Split inline markdown into (text, bold, italic) runs for python-docx."""
    out = []
    pos = 0
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    return {
        "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=4, textColor=HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName=BOLD, fontSize=10 * scale, leading=12 * scale,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=BASE, fontSize=9.3 * scale, leading=12 * scale,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName=BASE, fontSize=9.3 * scale, leading=12 * scale,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=BASE, bulletFontSize=9.3 * scale),
    }


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flow(blocks, styles()))


def render_pdf_two_column(cv_id, sidebar_sections):
    """Sidebar (left frame) with the listed sections, main column (right frame) with the rest."""
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_sections else main
        current.append((kind, payload))

    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 6 * mm
    header_h = 24 * mm
    body_top = H - margin - header_h
    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_top - margin, id="sidebar",
                   leftPadding=4, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                   body_top - margin, id="main", leftPadding=4, rightPadding=0)
    f_later = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                    H - 2 * margin, id="main2", leftPadding=4, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_top - margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = styles()
    side_st = styles(scale=0.93)
    story = flow(header, st) + [FrameBreak()] + flow(side, side_st) + [FrameBreak(),
                                                                     NextPageTemplate("later")]
    story += flow(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for n, line in enumerate(text.split("\n")):
        if n:
            par.add_run().add_break()
        for t, b, i in runs(line):
            r = par.add_run(t)
            r.bold = b
            r.italic = i


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
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
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF:
        render_pdf(cv_id)
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, side)
    for cv_id in DOCX:
        render_docx(cv_id)
    for p in sorted(HERE.glob("cv-ho-*.*")):
        if p.suffix in (".pdf", ".docx"):
            print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
