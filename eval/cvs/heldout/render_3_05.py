"""Render the heldout3-05 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-05/render.py
The .md files are the CV text; targets:
  PDF : cv-ho-650 (skills table), cv-ho-652 (two-column), cv-ho-655, cv-ho-658
  DOCX: cv-ho-649, cv-ho-653 (Word table for skills), cv-ho-656, cv-ho-659
  MD  : cv-ho-651, cv-ho-654, cv-ho-657, cv-ho-660 (the .md itself)
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-650", "cv-ho-652", "cv-ho-655", "cv-ho-658"]
DOCX = ["cv-ho-649", "cv-ho-653", "cv-ho-656", "cv-ho-659"]
TWO_COLUMN = {"cv-ho-652": {"Contact", "Skills", "Education", "Languages"}}

# A TTF font with good Unicode coverage, if available (for ó, ⁻, ⁰, €, –).
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
for reg, bold in [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")]:
    if Path(reg).exists() and Path(bold).exists():
        pdfmetrics.registerFont(TTFont("CVSans", reg))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans", boldItalic="CVSans-Bold")
        FONT, FONT_BOLD = "CVSans", "CVSans-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks) where blocks are (kind, payload) tuples.

    kinds: h2, para, bullet, table (list of rows)."""
    title = None
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return title, blocks


def inline_runs(text):
    """Split '**bold** rest' into [(text, bold)]."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True))
        else:
            runs.append((part, False))
    return runs


def to_rl(text):
    out = []
    for t, b in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{t}</b>" if b else t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_BOLD, fontSize=18,
                                leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_BOLD,
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=0, bulletFontName=FONT,
                                 spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["Normal"], fontName=FONT, fontSize=base_size - 0.5,
                               leading=base_size + 2),
    }


def flow_blocks(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(("<b>%s</b>" % to_rl(c)) if r == 0 else to_rl(c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
            first = width * (0.62 if ncol == 2 else 0.3)
            widths = [first] + [(width - first) / (ncol - 1)] * (ncol - 1)
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow += [Spacer(1, 2), t, Spacer(1, 4)]
    return flow


def render_pdf_single(cv_id, title, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    flow = [Paragraph(to_rl(title), st["title"])]
    flow += flow_blocks(blocks, st, doc.width)
    doc.build(flow)


def split_sections(blocks, sidebar_titles):
    """Return (header_blocks, sidebar_blocks, main_blocks)."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, title, blocks, out):
    st = styles(9)
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 64 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame_2 = Frame(margin + side_w + gap, margin, main_w, body_h, id="main2",
                         leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[main_frame_2], onPage=sidebar_bg),
    ])
    header, side, main = split_sections(blocks, TWO_COLUMN[cv_id])
    flow = [Paragraph(to_rl(title), st["title"])]
    flow += flow_blocks(header, st, side_w - 8)
    flow += flow_blocks(side, st, side_w - 8)
    flow += [NextPageTemplate("rest"), FrameBreak()]
    flow += flow_blocks(main, st, main_w - 8)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b in inline_runs(text):
        r = par.add_run(t)
        r.bold = b


def render_docx(cv_id, title, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for kind, payload in blocks:
        if kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    run.bold = r == 0
            doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id in PDF + DOCX:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF:
            out = HERE / f"{cv_id}.pdf"
            if cv_id in TWO_COLUMN:
                render_pdf_two_column(cv_id, title, blocks, out)
            else:
                render_pdf_single(cv_id, title, blocks, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, title, blocks, out)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
