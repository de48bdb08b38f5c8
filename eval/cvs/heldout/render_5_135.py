"""Render the heldout5-135 CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout5-135/render.py

Targets:
  PDF  : cv-ho-2209, cv-ho-2212 (two-column, sidebar + main frame), cv-ho-2215, cv-ho-2218
  DOCX : cv-ho-2210 (skills as a real Word table), cv-ho-2213, cv-ho-2217, cv-ho-2220
  MD   : cv-ho-2211, cv-ho-2214, cv-ho-2216, cv-ho-2219 (the .md file itself is the target)
"""
import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-2209", "cv-ho-2215", "cv-ho-2218"]
PDF_TWO_COL = {"cv-ho-2212": ["Contact", "Skills", "Certifications", "Languages"]}
DOCX_IDS = ["cv-ho-2210", "cv-ho-2213", "cv-ho-2217", "cv-ho-2220"]
MD_IDS = ["cv-ho-2211", "cv-ho-2214", "cv-ho-2216", "cv-ho-2219"]


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, para, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


def split_sections(blocks, sidebar_titles):
    """Split blocks into (sidebar, main) by h2 section title."""
    side, main = [], []
    target = main
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in sidebar_titles else main
        target.append((kind, payload))
    return side, main


INLINE = [(re.compile(r"\*\*(.+?)\*\*"), "b"), (re.compile(r"(?<!\*)\*(?!\*)(.+?)\*"), "i")]


def inline_runs(text):
    """Split text into runs [(text, bold, italic)] for DOCX."""
    runs = []
    pattern = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")
    for part in pattern.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


# ---------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    for reg, bold, ital, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", ital))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", bi))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
            return "CVSans"
    return "Helvetica"


def make_styles(font, base=10):
    bold = font + "-Bold" if font == "CVSans" else "Helvetica-Bold"
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=base + 8, leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=base + 2, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=base + 0.5, leading=base + 3, spaceBefore=4),
        "para": ParagraphStyle("para", fontName=font, fontSize=base, leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=base, leading=base + 3, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5, bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=base - 1, leading=base + 1),
    }


def flowables(blocks, styles, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl_markup(payload), styles[kind]))
    return out


def render_pdf_single(cv_id, font):
    blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    styles = make_styles(font)
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, styles, doc.width))


def render_pdf_two_col(cv_id, sidebar_titles, font):
    blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    side, main = split_sections(blocks, sidebar_titles)
    path = str(HERE / f"{cv_id}.pdf")
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, h, id="sidebar", leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, h, id="main", leftPadding=4, rightPadding=4)
    full_frame = Frame(margin, margin, page_w - 2 * margin, h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
                          PageTemplate(id="one", frames=[full_frame])])
    side_styles = make_styles(font, base=8.5)
    main_styles = make_styles(font, base=9.5)
    story = [NextPageTemplate("one")]
    story += flowables(side, side_styles, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, main_styles, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        run = par.add_run(t)
        run.bold = b
        run.italic = i


def render_docx(cv_id):
    blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
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
            table = d.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(HERE / f"{cv_id}.docx"))


def main():
    font = register_fonts()
    for cv_id in PDF_SINGLE:
        render_pdf_single(cv_id, font)
    for cv_id, titles in PDF_TWO_COL.items():
        render_pdf_two_col(cv_id, titles, font)
    for cv_id in DOCX_IDS:
        render_docx(cv_id)
    for cv_id in MD_IDS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    for p in sorted(HERE.iterdir()):
        if p.suffix in (".pdf", ".docx"):
            print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
