"""Render the heldout-w3c CVs from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3c/render.py

Each CV's content lives in <id>.md. This script turns some of them into PDF
(reportlab, real text layer; cv-ho-325 in a two-column layout built from two
Frames) and some into DOCX (python-docx; Markdown tables become real Word
tables). The remaining CVs are Markdown-only: the .md is the target file.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-328", "cv-ho-331", "cv-ho-333"]
PDF_TWO_COLUMN = ["cv-ho-325"]
DOCX = ["cv-ho-326", "cv-ho-329", "cv-ho-332", "cv-ho-336"]
MD_ONLY = ["cv-ho-327", "cv-ho-330", "cv-ho-334", "cv-ho-335"]

# Sections of cv-ho-325 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "certifications", "currently learning", "languages"}


# --------------------------------------------------------------------------
# A tiny Markdown reader: enough for the CVs in this folder.
# Blocks: ("h1"|"h2"|"h3", text), ("p", text), ("bullet", text, level),
#         ("table", [rows of cells]), ("hr",)
# --------------------------------------------------------------------------
def parse_markdown(text: str):
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if stripped == "---":
            blocks.append(("hr",))
        elif stripped.startswith("### "):
            blocks.append(("h3", stripped[4:]))
        elif stripped.startswith("## "):
            blocks.append(("h2", stripped[3:]))
        elif stripped.startswith("# "):
            blocks.append(("h1", stripped[2:]))
        elif stripped.startswith("- "):
            level = 1 if line.startswith("  ") else 0
            blocks.append(("bullet", stripped[2:], level))
        elif line.startswith("  ") and blocks and blocks[-1][0] == "bullet":
            # continuation line of the previous bullet (e.g. a thesis title)
            kind, prev, level = blocks[-1]
            blocks[-1] = (kind, prev + "\n" + stripped, level)
        else:
            blocks.append(("p", stripped))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (chunk, bold, italic) runs."""
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


def to_rl_markup(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_runs(text):
        s = html.escape(chunk, quote=False).replace("\n", "<br/>")
        if bold:
            s = f"<b>{s}</b>"
        if italic:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CVSans": "DejaVuSans.ttf",
        "CVSans-Bold": "DejaVuSans-Bold.ttf",
        "CVSans-Oblique": "DejaVuSans-Oblique.ttf",
        "CVSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CVSans", 0, 0, "CVSans")
        addMapping("CVSans", 1, 0, "CVSans-Bold")
        addMapping("CVSans", 0, 1, "CVSans-Oblique")
        addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
        return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(scale: float = 1.0):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _register_fonts()
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=bold, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=2, textColor=colors.HexColor("#1b2a41"))
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1f4e79"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=5, spaceAfter=1)
    s["p"] = ParagraphStyle("p", fontName=regular, fontSize=9.3 * scale, leading=12 * scale,
                            spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["p"], leftIndent=11, bulletIndent=2, bulletFontName=regular,
                                 spaceAfter=1.5)
    s["bullet1"] = ParagraphStyle("bullet1", parent=s["bullet"], leftIndent=22, bulletIndent=13)
    return s


def _flowables(blocks, styles):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import HRFlowable

    items = []
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3", "p"):
            items.append(Paragraph(to_rl_markup(b[1]), styles[kind]))
        elif kind == "bullet":
            style = styles["bullet1" if b[2] else "bullet"]
            items.append(Paragraph(to_rl_markup(b[1]), style, bulletText="•"))
        elif kind == "hr":
            items.append(HRFlowable(width="100%", thickness=0.6, color=colors.grey,
                                    spaceBefore=4, spaceAfter=4))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["p"]) for c in row] for row in b[1]]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            items.append(t)
            items.append(Spacer(1, 4))
    return items


def render_pdf_single(cv_id: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(_flowables(blocks, _styles()))
    return out


def render_pdf_two_column(cv_id: str):
    """Sidebar frame on the left (contact, skills, ...), main frame on the right."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    # split into header (name + title), sidebar sections and main sections
    header, sidebar, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h2":
            current = sidebar if b[1].strip().lower() in SIDEBAR_SECTIONS else main
        elif b[0] == "h1":
            current = header
        current.append(b)
    # the name block heads the sidebar; the job title line stays with it
    side_blocks = header + sidebar

    width, height = A4
    margin = 12 * mm
    side_w = 62 * mm
    gap = 7 * mm
    side = Frame(margin, margin, side_w, height - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_x = margin + side_w + gap
    main_frame = Frame(main_x, margin, width - main_x - margin, height - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    # later pages: main column only
    full = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="full")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, 0, side_w + 6 * mm, height, stroke=0, fill=1)
        canvas.restoreState()

    out = HERE / f"{cv_id}.pdf"
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main_frame], onPage=draw_sidebar_bg,
                     autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[full]),
    ])
    styles_side = _styles(scale=0.92)
    styles_main = _styles()
    story = _flowables(side_blocks, styles_side)
    story.append(FrameBreak())
    story += _flowables(main, styles_main)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(paragraph, text: str):
    lines = text.split("\n")
    for n, line in enumerate(lines):
        for chunk, bold, italic in inline_runs(line):
            run = paragraph.add_run(chunk)
            run.bold = bold or None
            run.italic = italic or None
        if n < len(lines) - 1:
            paragraph.add_run().add_break()


def render_docx(cv_id: str):
    from docx import Document
    from docx.shared import Pt

    blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            _add_runs(doc.add_heading(level=0), b[1])
        elif kind == "h2":
            _add_runs(doc.add_heading(level=1), b[1])
        elif kind == "h3":
            _add_runs(doc.add_heading(level=2), b[1])
        elif kind == "p":
            _add_runs(doc.add_paragraph(), b[1])
        elif kind == "bullet":
            style = "List Bullet 2" if b[2] else "List Bullet"
            _add_runs(doc.add_paragraph(style=style), b[1])
        elif kind == "hr":
            doc.add_paragraph("")
        elif kind == "table":
            rows = b[1]
            ncols = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    para = cell.paragraphs[0]
                    _add_runs(para, cell_text)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph("")
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    made = []
    for cv_id in PDF_SINGLE:
        made.append(render_pdf_single(cv_id))
    for cv_id in PDF_TWO_COLUMN:
        made.append(render_pdf_two_column(cv_id))
    for cv_id in DOCX:
        made.append(render_docx(cv_id))
    for path in made:
        print(f"{path.name}: {path.stat().st_size / 1024:.1f} KB")
    for cv_id in MD_ONLY:
        print(f"{cv_id}.md: target is the Markdown file itself")


if __name__ == "__main__":
    main()
