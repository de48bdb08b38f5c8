"""Render the dev-ci synthetic CVs from their Markdown source to the target formats.

Run from anywhere:  /work/main/.venv/bin/python eval/cvs/dev-ci/render.py

Each cv-dev-XXXX.md is the CV's exact text.  Targets:
  PDF  : cv-dev-1069 (two-column: sidebar + main column, two reportlab Frames),
         cv-dev-1072, cv-dev-1076, cv-dev-1079
  DOCX : cv-dev-1070 (skills as a real Word table), cv-dev-1073, cv-dev-1077, cv-dev-1080
  MD   : cv-dev-1071, cv-dev-1074, cv-dev-1075, cv-dev-1078 (the .md file is the target)
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
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

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-1069", "cv-dev-1072", "cv-dev-1076", "cv-dev-1079"]
TWO_COLUMN = {"cv-dev-1069": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-dev-1070", "cv-dev-1073", "cv-dev-1077", "cv-dev-1080"]
MD_IDS = ["cv-dev-1071", "cv-dev-1074", "cv-dev-1075", "cv-dev-1078"]


# --------------------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple]:
    """Return blocks: ('title', s) ('h2', s) ('h3', s) ('bullet', s) ('line', s)
    ('table', rows) ('blank',)."""
    blocks: list[tuple] = []
    table: list[list[str]] = []
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            blocks.append(("blank",))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("line", line))
    if table:
        blocks.append(("table", table))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split '**bold** and *italic*' into (text, bold, italic) runs."""
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


def to_rl(text: str) -> str:
    out = []
    for t, b, i in inline_runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5,
                          leading=12.5, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=18,
                                leading=22, spaceAfter=4, textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10,
                             leading=13, spaceBefore=4),
        "line": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "side": ParagraphStyle("side", parent=base, fontSize=8.8, leading=11.5),
        "sidebullet": ParagraphStyle("sidebullet", parent=base, fontSize=8.8, leading=11.5,
                                     leftIndent=9, bulletIndent=0),
        "sideh2": ParagraphStyle("sideh2", parent=base, fontName="Helvetica-Bold", fontSize=10.5,
                                 leading=13, spaceBefore=9, spaceAfter=3,
                                 textColor=colors.HexColor("#1f3a5f")),
        "sidetitle": ParagraphStyle("sidetitle", parent=base, fontName="Helvetica-Bold",
                                    fontSize=16, leading=19, spaceAfter=6,
                                    textColor=colors.HexColor("#1f3a5f")),
    }


def check_pdf_text(cv_id: str, md: str) -> None:
    try:
        md.encode("cp1252")
    except UnicodeEncodeError as e:  # Helvetica (WinAnsi) cannot show this glyph
        raise SystemExit(f"{cv_id}: character not renderable with Helvetica: {e}")


def flow(blocks, st, side=False) -> list:
    story = []
    for b in blocks:
        kind = b[0]
        if kind == "blank":
            continue
        if kind == "title":
            story.append(Paragraph(to_rl(b[1]), st["sidetitle" if side else "title"]))
        elif kind == "h2":
            story.append(Paragraph(to_rl(b[1]).upper() if side else to_rl(b[1]),
                                   st["sideh2" if side else "h2"]))
        elif kind == "h3":
            story.append(Paragraph(to_rl(b[1]), st["h3"]))
        elif kind == "bullet":
            story.append(Paragraph(to_rl(b[1]), st["sidebullet" if side else "bullet"],
                                   bulletText="\u2013"))  # U+2022 extracts as \x7f
        elif kind == "line":
            story.append(Paragraph(to_rl(b[1]), st["side" if side else "line"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["line"]) for c in row] for row in b[1]]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
    return story


def split_sections(blocks, sidebar_names):
    """Split blocks into (sidebar, main); the title goes to the sidebar."""
    side, main = [], []
    target = side
    for b in blocks:
        if b[0] == "title":
            side.append(b)
            continue
        if b[0] == "h2":
            target = side if b[1] in sidebar_names else main
        target.append(b)
    return side, main


def render_pdf(cv_id: str) -> Path:
    md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    check_pdf_text(cv_id, md)
    blocks = parse(md)
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    meta = dict(title=f"CV - {blocks[0][1]}", author=blocks[0][1], subject="Curriculum vitae")
    if cv_id in TWO_COLUMN:
        side, main = split_sections(blocks, TWO_COLUMN[cv_id])
        W, H = A4
        margin = 14 * mm
        side_w = 58 * mm
        gap = 8 * mm
        left = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                     leftPadding=4, rightPadding=4, topPadding=4)
        right = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                      H - 2 * margin, id="main", leftPadding=0, rightPadding=0, topPadding=4)
        full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm,
                        H - 2 * margin + 6 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, **meta)
        doc.addPageTemplates([PageTemplate(id="TwoCol", frames=[left, right], onPage=sidebar_bg),
                              PageTemplate(id="Later", frames=[full])])
        story = flow(side, st, side=True) + [NextPageTemplate("Later"), FrameBreak()]
        story += flow(main, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, **meta)
        doc.build(flow(blocks, st))
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text: str, size: float | None = None) -> None:
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str) -> Path:
    md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
    blocks = parse(md)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {blocks[0][1]}"
    doc.core_properties.author = blocks[0][1]
    for b in blocks:
        kind = b[0]
        if kind == "blank":
            continue
        if kind == "title":
            h = doc.add_heading(level=0)
            add_runs(h, b[1])
            h.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, b[1])
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, b[1])
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, b[1])
        elif kind == "line":
            p = doc.add_paragraph()
            add_runs(p, b[1])
            p.paragraph_format.space_after = Pt(2)
        elif kind == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell_text in enumerate(row):
                    cell = t.cell(ri, ci)
                    p = cell.paragraphs[0]
                    add_runs(p, f"**{cell_text}**" if ri == 0 and cell_text else cell_text)
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main() -> None:
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id)
        print(f"{p.name}: {p.stat().st_size} bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id)
        print(f"{p.name}: {p.stat().st_size} bytes")
    for cv_id in MD_IDS:
        p = HERE / f"{cv_id}.md"
        assert p.exists(), p
        print(f"{p.name}: target is the Markdown itself ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
