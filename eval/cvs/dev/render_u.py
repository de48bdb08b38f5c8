"""Render the dev-u CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-u/render.py

Each CV's text lives in <id>.md. Targets:
  PDF : cv-dev-241 (two-column, sidebar + main), 244, 247, 250 (skills table)
  DOCX: cv-dev-242 (real Word table for skills), 245, 248, 252
  MD  : cv-dev-243, 246, 249, 251 (the .md file itself is the target)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent

PDF_TARGETS = {
    "cv-dev-241": "two-column",
    "cv-dev-244": "single",
    "cv-dev-247": "single",
    "cv-dev-250": "single",
}
DOCX_TARGETS = ["cv-dev-242", "cv-dev-245", "cv-dev-248", "cv-dev-252"]
MD_TARGETS = ["cv-dev-243", "cv-dev-246", "cv-dev-249", "cv-dev-251"]

# Sections of cv-dev-241 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact & Details", "Skills", "Currently Learning", "Certifications", "Languages"}


# --------------------------------------------------------------------------- fonts
def _register_fonts() -> tuple[str, str, str]:
    base = Path("/usr/share/fonts/truetype/dejavu")
    regular, bold, italic = base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf", base / "DejaVuSans-Oblique.ttf"
    if regular.exists() and bold.exists() and italic.exists():
        pdfmetrics.registerFont(TTFont("CVSans", str(regular)))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", str(bold)))
        pdfmetrics.registerFont(TTFont("CVSans-Italic", str(italic)))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold", italic="CVSans-Italic",
                                      boldItalic="CVSans-Bold")
        return "CVSans", "CVSans-Bold", "CVSans-Italic"
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


FONT, FONT_BOLD, FONT_ITALIC = _register_fonts()


# --------------------------------------------------------------------------- markdown parsing
def parse_md(text: str) -> list[tuple]:
    """Parse the small Markdown subset used by the CVs into blocks."""
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("number", line.strip()))
        elif line.startswith("> "):
            blocks.append(("quote", line[2:].strip()))
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
    return blocks


def split_inline(text: str) -> list[tuple[str, bool, bool]]:
    """Split **bold** and *italic* spans into (text, bold, italic) runs."""
    runs: list[tuple[str, bool, bool]] = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            runs.append((tok[2:-2], True, False))
        else:
            runs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


def rl_markup(text: str) -> str:
    out = []
    for chunk, bold, italic in split_inline(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    s = scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=19 * s, leading=23 * s, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "contact": ParagraphStyle("contact", fontName=FONT, fontSize=8.5 * s, leading=11 * s, spaceAfter=8,
                                  textColor=colors.HexColor("#444444")),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * s, leading=14 * s, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=9.5 * s, leading=12 * s, spaceBefore=5,
                             spaceAfter=2),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=9 * s, leading=12 * s, spaceAfter=3,
                               alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=9 * s, leading=11.5 * s, leftIndent=10, bulletFontName=FONT,
                                 bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5 * s, leading=10.5 * s),
        "cellb": ParagraphStyle("cellb", fontName=FONT_BOLD, fontSize=8.5 * s, leading=10.5 * s),
    }


def flowables_for(blocks: list[tuple], st: dict, width: float) -> list:
    flow: list = []
    after_h1 = False
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(rl_markup(payload), st["h1"]))
            after_h1 = True
            continue
        if kind == "para" and after_h1:
            flow.append(Paragraph(rl_markup(payload), st["contact"]))
            after_h1 = False
            continue
        after_h1 = False
        if kind == "h2":
            flow.append(Paragraph(rl_markup(payload), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(rl_markup(payload), st["h3"]))
        elif kind == "bullet":
            flow.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="•"))
        elif kind in ("para", "number", "quote"):
            flow.append(Paragraph(rl_markup(payload), st["para"]))
        elif kind == "table":
            rows = payload
            ncols = len(rows[0])
            data = [[Paragraph(rl_markup(c), st["cellb"] if r == 0 else st["cell"]) for c in row]
                    for r, row in enumerate(rows)]
            if ncols == 2:
                widths = [width * 0.62, width * 0.38]
            else:
                widths = [width / ncols] * ncols
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf_single(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    st = pdf_styles()
    doc.build(flowables_for(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id: str, blocks: list[tuple]) -> Path:
    """Header across the top, a narrow sidebar (left) and the main column (right).

    The sidebar frame is filled first, then a FrameBreak moves to the main frame,
    so the PDF text layer really is laid out in two columns.
    """
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 60 * mm
    body_top = page_h - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, page_w - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, body_h, id="main",
                 leftPadding=0, rightPadding=0)
    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[later]),
    ])

    head_blocks, side_blocks, main_blocks = [], [], []
    current = head_blocks
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR_SECTIONS else main_blocks
        current.append((kind, payload))

    st = pdf_styles()
    side_st = pdf_styles(scale=0.92)
    story: list = []
    story += flowables_for(head_blocks, st, header.width)
    story.append(NextPageTemplate("rest"))
    story.append(FrameBreak())
    story += flowables_for(side_blocks, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables_for(main_blocks, st, main.width)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text: str) -> None:
    for chunk, bold, italic in split_inline(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    after_h1 = False
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
            after_h1 = True
            continue
        if kind == "para" and after_h1:
            p = d.add_paragraph()
            run = p.add_run(payload)
            run.font.size = Pt(9.5)
            run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
            after_h1 = False
            continue
        after_h1 = False
        if kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "number":
            add_runs(d.add_paragraph(style="List Number"), re.sub(r"^\d+\.\s*", "", payload))
        elif kind in ("para", "quote"):
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            rows = payload
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    para = cell.paragraphs[0]
                    add_runs(para, cell_text)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main() -> None:
    os.chdir(HERE)
    for cv_id, layout in PDF_TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf_two_column(cv_id, blocks) if layout == "two-column" else render_pdf_single(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")
    for cv_id in DOCX_TARGETS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")
    for cv_id in MD_TARGETS:
        print(f"{cv_id}.md: target is the Markdown file itself")


if __name__ == "__main__":
    main()
