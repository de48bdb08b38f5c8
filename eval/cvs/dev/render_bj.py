"""Render the CVs of batch dev-bj from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bj/render.py

- PDF  (real text layer, embedded DejaVu Sans subset): cv-dev-769 (two-column), 772, 775, 777
- DOCX: cv-dev-770 (skills as a real Word table), 773, 776, 779
- MD   (the .md file itself is the target): cv-dev-771, 774, 778, 780
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.fonts import addMapping
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, PageTemplate, Frame,
                                Paragraph, Spacer, FrameBreak, NextPageTemplate, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# Embedded (subset) TrueType fonts give the PDF a clean ToUnicode text layer.
_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("CVSans", str(_FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Bold", str(_FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Oblique", str(_FONT_DIR / "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", str(_FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
addMapping("CVSans", 0, 0, "CVSans")
addMapping("CVSans", 1, 0, "CVSans-Bold")
addMapping("CVSans", 0, 1, "CVSans-Oblique")
addMapping("CVSans", 1, 1, "CVSans-BoldOblique")

PDF_IDS = ["cv-dev-769", "cv-dev-772", "cv-dev-775", "cv-dev-777"]
TWO_COLUMN_ID = "cv-dev-769"
DOCX_IDS = ["cv-dev-770", "cv-dev-773", "cv-dev-776", "cv-dev-779"]
# sections that go to the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Very small Markdown reader: headings, paragraphs, bullets, pipe tables."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            if any(b[0] == "h2" for b in blocks):
                blocks.append(("p", " ".join(s.strip() for s in para)))
            else:  # header lines (title, contact line) stay on separate lines
                blocks.extend(("p", s.strip()) for s in para)
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            flush(); blocks.append(("bullet", s[2:]))
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (string, bold, italic) runs."""
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
    res = []
    for s, b, it in inline_runs(text):
        s = escape(s)
        if b:
            s = f"<b>{s}</b>"
        if it:
            s = f"<i>{s}</i>"
        res.append(s)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="CVSans",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="CVSans-Bold",
                             fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="CVSans-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=base, fontName="CVSans-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=11, bulletIndent=2,
                                 bulletFontName="CVSans",
                                 spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "bullet":
            out.append(Paragraph(rl_markup(val), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        else:
            out.append(Paragraph(rl_markup(val), st[kind]))
    return out


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks_including_heading), ...])."""
    header, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    if cv_id == TWO_COLUMN_ID:
        st = pdf_styles(0.95)
        header, sections = split_sections(blocks)
        side = list(header)
        main = []
        for title, bl in sections:
            (side if title in SIDEBAR_SECTIONS else main).extend(bl)
        W, H = A4
        margin = 1.4 * cm
        side_w = 5.6 * cm
        gap = 0.7 * cm
        main_w = W - 2 * margin - side_w - gap
        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4, showBoundary=0)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
        f_full = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="full",
                       leftPadding=4, rightPadding=4)

        def side_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#EEF2F7"))
            canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[f_side, f_main], onPage=side_bg),
            PageTemplate(id="later", frames=[f_full], onPage=side_bg),
        ])
        story = flowables(side, st, side_w - 8)
        story += [NextPageTemplate("later"), FrameBreak()]
        story += flowables(main, st, main_w - 8)
        doc.build(story)
    else:
        st = pdf_styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                                leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.7 * cm, bottomMargin=1.7 * cm)
        doc.build(flowables(blocks, st, A4[0] - 4 * cm))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_runs(text):
        r = par.add_run(s)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    for kind, val in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), val)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), val)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), val)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, f"**{cell}**" if r == 0 else cell)
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), val)
    d.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id, parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id, parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
