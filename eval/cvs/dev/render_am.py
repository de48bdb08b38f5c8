"""Render the dev-am CVs (Markdown sources) to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-am/render.py

- PDF (reportlab, real text layer); cv-dev-493 uses a two-column layout built
  with BaseDocTemplate and two Frames (sidebar + main column).
- DOCX (python-docx); Markdown tables become real Word tables.
- MD targets need no rendering (the .md file is the target).
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-493": "pdf-two-column",
    "cv-dev-494": "docx",
    "cv-dev-495": "md",
    "cv-dev-496": "pdf",
    "cv-dev-497": "docx",
    "cv-dev-498": "md",
    "cv-dev-499": "pdf",
    "cv-dev-500": "docx",
    "cv-dev-501": "md",
    "cv-dev-502": "pdf",
    "cv-dev-503": "docx",
    "cv-dev-504": "md",
}

# Sections placed in the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Currently learning", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu"
try:
    pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(_DEJAVU, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(_DEJAVU, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", os.path.join(_DEJAVU, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu-Oblique", boldItalic="DejaVu-Bold")
    FONT, FONT_B, FONT_I = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique"
except Exception:  # fall back to the base-14 fonts
    pass


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, section, para, bullet, numbered, table
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("section", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("numbered", line.strip()))
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


def split_sections(blocks):
    """Group blocks into [(section_name_or_None, [blocks])]."""
    groups = [(None, [])]
    for b in blocks:
        if b[0] == "section":
            groups.append((b[1], [b]))
        else:
            groups[-1][1].append(b)
    return groups


def inline_to_rl(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", s)
    return s


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18, leading=22,
                                spaceAfter=4, textColor=colors.HexColor("#1f3b5a")),
        "section": ParagraphStyle("section", fontName=FONT_B, fontSize=11.5, leading=14,
                                  spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base_size,
                               leading=base_size * 1.3, alignment=TA_LEFT, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base_size - 0.5,
                               leading=(base_size - 0.5) * 1.25),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_to_rl(payload), st["title"]))
        elif kind == "section":
            out.append(Paragraph(inline_to_rl(payload), st["section"]))
        elif kind == "para":
            out.append(Paragraph(inline_to_rl(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "numbered":
            num, rest = payload.split(" ", 1)
            out.append(Paragraph(inline_to_rl(rest), st["bullet"], bulletText=num))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            colw = [width * 0.55, width * 0.45] if ncol == 2 else [width / ncol] * ncol
            t = Table(data, colWidths=colw, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(t)
            out.append(Spacer(1, 3))
    return out


def render_pdf(blocks, path):
    st = pdf_styles()
    margin = 16 * mm
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin,
                            title=os.path.basename(path), author="")
    width = A4[0] - 2 * margin
    doc.build(blocks_to_flowables(blocks, st, width))


def render_pdf_two_column(blocks, path):
    """Sidebar (left) with header + skills; main column (right) with the rest."""
    st = pdf_styles(base_size=9)
    side_st = pdf_styles(base_size=8.5)
    side_st["title"] = ParagraphStyle("stitle", parent=side_st["title"], fontSize=15, leading=18)
    margin = 14 * mm
    gap = 7 * mm
    page_w, page_h = A4
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    single = Frame(margin, margin, page_w - 2 * margin, body_h, id="single")

    def shade(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=os.path.basename(path), author="")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[sidebar, main], onPage=shade),
        PageTemplate(id="rest", frames=[single]),
    ])
    side_blocks, main_blocks = [], []
    for name, group in split_sections(blocks):
        if name is None or name in SIDEBAR_SECTIONS:
            side_blocks.extend(group)
        else:
            main_blocks.extend(group)
    story = [NextPageTemplate("rest")]
    story += blocks_to_flowables(side_blocks, side_st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_inline_runs(paragraph, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        else:
            paragraph.add_run(part)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "section":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_inline_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_inline_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_inline_runs(doc.add_paragraph(style="List Number"), payload.split(" ", 1)[1])
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(val)
                    if r == 0:
                        run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = os.path.splitext(os.path.basename(path))[0]
    doc.core_properties.author = ""
    doc.save(path)


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out)
        else:
            out = src
        print(f"{cv_id}: {target:15s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
