"""Render the dev-k CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-k/render.py

- PDF targets get a real text layer (reportlab Paragraphs, no images).
  cv-dev-122 is laid out in two columns (sidebar frame + main frame).
- DOCX targets are built with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
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
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-121": "pdf",
    "cv-dev-122": "pdf2col",
    "cv-dev-123": "docx",
    "cv-dev-124": "md",
    "cv-dev-125": "docx",
    "cv-dev-126": "pdf",
    "cv-dev-127": "md",
    "cv-dev-128": "docx",
    "cv-dev-129": "pdf",
    "cv-dev-130": "md",
    "cv-dev-131": "md",
    "cv-dev-132": "docx",
}

# Sections placed in the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Return (title, preamble_blocks, sections) where sections is a list of
    (heading, blocks). A block is ('p', text) | ('li', text) | ('table', rows)."""
    title = None
    preamble = []
    sections = []
    current = preamble
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                current.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            blocks = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
        elif line.startswith("- "):
            current.append(("li", line[2:].strip()))
        else:
            current.append(("p", line.strip()))
    return title, preamble, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split Markdown inline emphasis into (text, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, i in inline_runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                           italic="CVSans-Oblique", boldItalic="CVSans-BoldOblique")
        return "CVSans"
    except Exception:
        return "Helvetica"


def pdf_styles(font, small=False):
    size = 8.6 if small else 9.6
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=22,
                                spaceAfter=4, textColor=colors.HexColor("#1d2b44")),
        "h": ParagraphStyle("h", fontName=font, fontSize=11.5, leading=14, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1d2b44")),
        "p": ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=size, leading=size * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def blocks_to_flow(blocks, st, width):
    flow = []
    for kind, content in blocks:
        if kind == "p":
            flow.append(Paragraph(to_rl(content), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(to_rl(content), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in content]
            t = Table(data, colWidths=[width / len(content[0])] * len(content[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def section_flow(sections, st, width):
    flow = []
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl(heading), st["h"]))
        flow.extend(blocks_to_flow(blocks, st, width))
    return flow


def render_pdf(cv_id, parsed, two_column=False):
    title, preamble, sections = parsed
    font = pdf_fonts()
    out = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 16 * mm
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    st = pdf_styles(font)
    if not two_column:
        frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="main")
        doc.addPageTemplates([PageTemplate(id="one", frames=[frame])])
        story = [Paragraph(to_rl(title), st["title"])]
        story += blocks_to_flow(preamble, st, W - 2 * margin)
        story += section_flow(sections, st, W - 2 * margin)
    else:
        header_h = 24 * mm
        side_w = 58 * mm
        gap = 7 * mm
        body_h = H - 2 * margin - header_h
        header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
        side = Frame(margin, margin, side_w, body_h, id="sidebar",
                     showBoundary=0)
        main_x = margin + side_w + gap
        main = Frame(main_x, margin, W - margin - main_x, body_h, id="main")
        later = Frame(main_x, margin, W - margin - main_x, H - 2 * margin, id="main2")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef1f6"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later]),
        ])
        small = pdf_styles(font, small=True)
        side_secs = [s for s in sections if s[0] in SIDEBAR_SECTIONS]
        main_secs = [s for s in sections if s[0] not in SIDEBAR_SECTIONS]
        story = [NextPageTemplate("later"), Paragraph(to_rl(title), st["title"])]
        story += blocks_to_flow(preamble, st, W - 2 * margin)
        story.append(FrameBreak())
        story += section_flow(side_secs, small, side_w)
        story.append(FrameBreak())
        story += section_flow(main_secs, st, W - margin - main_x)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, parsed):
    title, preamble, sections = parsed
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)

    def add_blocks(blocks):
        for kind, content in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), content)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), content)
            elif kind == "table":
                t = doc.add_table(rows=len(content), cols=len(content[0]))
                t.style = "Table Grid"
                for r, row in enumerate(content):
                    for c, cell in enumerate(row):
                        para = t.cell(r, c).paragraphs[0]
                        add_runs(para, cell)
                        if r == 0:
                            for run in para.runs:
                                run.bold = True
                doc.add_paragraph()

    add_blocks(preamble)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        add_blocks(blocks)
    out = os.path.join(HERE, cv_id + ".docx")
    doc.save(out)
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            parsed = parse_md(f.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, parsed)
        elif fmt == "pdf2col":
            out = render_pdf(cv_id, parsed, two_column=True)
        elif fmt == "docx":
            out = render_docx(cv_id, parsed)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
