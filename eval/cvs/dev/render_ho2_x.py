"""Render the heldout-x CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-x/render.py
The .md file of each CV is its exact content; this script only lays it out.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

TARGETS = {
    "cv-ho-277": "docx",
    "cv-ho-278": "md",
    "cv-ho-279": "pdf-2col",
    "cv-ho-280": "docx",
    "cv-ho-281": "pdf",
    "cv-ho-282": "md",
    "cv-ho-283": "pdf",
    "cv-ho-284": "docx",
    "cv-ho-285": "md",
    "cv-ho-286": "md",
    "cv-ho-287": "pdf",
    "cv-ho-288": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush(); blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
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
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    s = ""
    for t, b, it in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        s += t
    return s


# ---------------------------------------------------------------- PDF
def register_fonts():
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                       italic="DejaVu-Oblique", boldItalic="DejaVu-BoldOblique")


def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=base + 8, leading=base + 11,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="DejaVu-Bold", fontSize=base, leading=base + 3,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="DejaVu", fontSize=base, leading=base + 3.5,
                            spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="DejaVu", fontSize=base, leading=base + 3.5,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName="DejaVu"),
    }


def flow(blocks, st, width=None):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(rl_markup(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    st = styles()
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(flow(blocks, st))


def split_sections(blocks):
    """Split blocks into header (before first h2), sidebar and main."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks):
    st_main = styles(9.2)
    st_side = styles(8.4)
    header, side, main = split_sections(blocks)
    W, H = A4
    m = 14 * mm
    header_h = 22 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_h = H - 2 * m - header_h
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                   leftPadding=4, rightPadding=0)
    f_cont = Frame(m, m, W - 2 * m, H - 2 * m, id="cont")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 2, m - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                          title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=decorate,
                     autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[f_cont]),
    ])
    story = flow(header, st_main) + [FrameBreak()] + flow(side, st_side) + [FrameBreak()] \
        + flow(main, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            h = doc.add_heading("", level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    cell_par = table.cell(r, c).paragraphs[0]
                    add_runs(cell_par, cell)
                    if r == 0:
                        for run in cell_par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    register_fonts()
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(cv_id, blocks)
        elif target == "pdf-2col":
            render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            render_docx(cv_id, blocks)
        print(cv_id, target)


if __name__ == "__main__":
    main()
