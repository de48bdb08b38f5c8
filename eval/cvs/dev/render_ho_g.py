"""Render the heldout-g CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-g/render.py

Targets
- PDF  (single column): cv-ho-073, cv-ho-079, cv-ho-082
- PDF  (two columns, sidebar + main, real two-frame text layer): cv-ho-076
- DOCX: cv-ho-074 (skills as a real Word table), cv-ho-078, cv-ho-080, cv-ho-083
- MD   (the .md file itself is the target): cv-ho-075, cv-ho-077, cv-ho-081, cv-ho-084
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-073", "cv-ho-079", "cv-ho-082"]
PDF_TWO_COLUMN = {"cv-ho-076": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX = ["cv-ho-074", "cv-ho-078", "cv-ho-080", "cv-ho-083"]
MD_ONLY = ["cv-ho-075", "cv-ho-077", "cv-ho-081", "cv-ho-084"]


# --------------------------------------------------------------------------- parsing
def parse_markdown(text: str) -> list[tuple]:
    """Very small Markdown parser: headings, paragraphs (keeping line breaks),
    bullet lists and pipe tables."""
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                items.append(re.sub(r"^\s*[-*]\s+", "", lines[i]).strip())
                i += 1
            blocks.append(("ul", items))
            continue
        para = []
        while (
            i < len(lines)
            and lines[i].strip()
            and not re.match(r"^(#{1,3})\s+", lines[i])
            and not re.match(r"^\s*[-*]\s+", lines[i])
            and not lines[i].lstrip().startswith("|")
        ):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", para))
    return blocks


def inline_spans(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (chunk, bold, italic) spans for **bold** and *italic*."""
    spans = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            spans.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            spans.append((m.group(1), True, False))
        else:
            spans.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        spans.append((text[pos:], False, False))
    return spans


def to_rl(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_spans(text):
        c = html.escape(chunk, quote=False)
        if bold:
            c = "<b>%s</b>" % c
        if italic:
            c = "<i>%s</i>" % c
        out.append(c)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def _fonts() -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            try:
                pdfmetrics.getFont(name)
            except KeyError:
                pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(scale: float = 1.0):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    font, bold = _fonts()
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=bold, fontSize=17 * scale, leading=21 * scale, spaceAfter=4)
    s["h2"] = ParagraphStyle(
        "h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale, spaceBefore=9, spaceAfter=3,
        textColor=colors.HexColor("#1f3b5a"),
    )
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=9.8 * scale, leading=12.5 * scale, spaceBefore=5, spaceAfter=1)
    s["p"] = ParagraphStyle("p", fontName=font, fontSize=9.2 * scale, leading=12.2 * scale, spaceAfter=3)
    s["li"] = ParagraphStyle("li", parent=s["p"], leftIndent=11, bulletIndent=2, spaceAfter=1.5, bulletFontName=font)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def blocks_to_flowables(blocks, styles, width):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    flow = []
    for kind, content in blocks:
        if kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl(content), styles[kind]))
        elif kind == "p":
            flow.append(Paragraph("<br/>".join(to_rl(x) for x in content), styles["p"]))
        elif kind == "ul":
            for item in content:
                flow.append(Paragraph(to_rl(item), styles["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), styles["cell"]) for c in row] for row in content]
            t = Table(data, colWidths=[width / len(content[0])] * len(content[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf_single(cv_id: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id, author="synthetic CV",
    )
    doc.build(blocks_to_flowables(blocks, _styles(), doc.width))
    return out


def render_pdf_two_column(cv_id: str, sidebar_sections: set[str]) -> Path:
    """Sidebar (name, contact, skills, certifications, languages) in a narrow left
    frame; summary/experience/education in a wide right frame. Later pages use
    one wide frame for the overflow of the main column."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    sidebar, main = [], []
    target = sidebar  # name + headline go to the sidebar
    for kind, content in blocks:
        if kind == "h2":
            target = sidebar if content in sidebar_sections else main
        target.append((kind, content))

    out = HERE / f"{cv_id}.pdf"
    pw, ph = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = pw - 2 * margin - side_w - gap
    side_frame = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar", leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main")
    later_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_styles = _styles(scale=0.92)
    main_styles = _styles()
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(sidebar, side_styles, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, main_styles, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def _add_runs(paragraph, text: str) -> None:
    for chunk, bold, italic in inline_spans(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id: str) -> Path:
    from docx import Document
    from docx.shared import Pt

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=0)
        elif kind == "h2":
            doc.add_heading(content, level=1)
        elif kind == "h3":
            h = doc.add_heading("", level=2)
            _add_runs(h, content)
        elif kind == "p":
            p = doc.add_paragraph()
            for j, line in enumerate(content):
                if j:
                    p.add_run().add_break()
                _add_runs(p, line)
        elif kind == "ul":
            for item in content:
                _add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    _add_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main() -> None:
    outputs = []
    for cv_id in PDF_SINGLE:
        outputs.append(render_pdf_single(cv_id))
    for cv_id, sections in PDF_TWO_COLUMN.items():
        outputs.append(render_pdf_two_column(cv_id, sections))
    for cv_id in DOCX:
        outputs.append(render_docx(cv_id))
    for cv_id in MD_ONLY:
        outputs.append(HERE / f"{cv_id}.md")
    for p in outputs:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
