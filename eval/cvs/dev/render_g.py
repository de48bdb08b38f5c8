"""Render the dev-g CVs from their Markdown text to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev/render_g.py

The .md file is the CV's exact content. PDF and DOCX targets are rendered
from it; MD targets need no rendering. Supported Markdown subset:
'# ' name, '## ' section, '### ' sub-heading, '- ' bullets, '|' tables,
'**bold**', plain paragraph lines.
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
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

# Embed Bitstream Vera (ships with reportlab) so bullets, dashes and accented
# letters survive text extraction.
_FONT_DIR = Path(__import__("reportlab").__file__).resolve().parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONT_DIR / "VeraBd.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Italic", str(_FONT_DIR / "VeraIt.ttf")))
pdfmetrics.registerFont(TTFont("Vera-BoldItalic", str(_FONT_DIR / "VeraBI.ttf")))
pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold",
                              italic="Vera-Italic", boldItalic="Vera-BoldItalic")

TARGETS = {
    "cv-dev-73": "docx",
    "cv-dev-74": "pdf",
    "cv-dev-75": "pdf-two-column",
    "cv-dev-76": "md",
    "cv-dev-77": "docx",
    "cv-dev-78": "md",
    "cv-dev-79": "pdf",
    "cv-dev-80": "docx",
    "cv-dev-81": "md",
    "cv-dev-82": "docx",
    "cv-dev-83": "pdf",
    "cv-dev-84": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages"}


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
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
    if table:
        blocks.append(("table", table))
    return blocks


# ---------------------------------------------------------------- PDF

def _inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def _styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=20, leading=24,
                             alignment=0, spaceAfter=2, fontName="Vera-Bold"),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12.5, leading=15,
                             spaceBefore=8, spaceAfter=3, fontName="Vera-Bold",
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=1,
                             fontName="Vera-Bold"),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=2, fontName="Vera"),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2,
                                 fontName="Vera", bulletFontName="Vera"),
    }


def _flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(_inline(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(_inline(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(_inline(payload), st[kind]))
    return out


def render_pdf(blocks, path, title):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    doc.build(_flowables(blocks, _styles()))


def render_pdf_two_column(blocks, path, title):
    """Header across the page, then a sidebar frame (left) and a main frame (right)."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))

    W, H = A4
    margin = 15 * mm
    header_h = 28 * mm
    gap = 7 * mm
    side_w = 58 * mm
    body_h = H - 2 * margin - header_h
    frames_first = [
        Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        Frame(margin, margin, side_w, body_h, id="sidebar",
              leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0),
        Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h, id="main",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
    ]
    frames_later = [
        Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
              id="main-later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
    ]

    def sidebar_background(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="First", frames=frames_first, onPage=sidebar_background),
        PageTemplate(id="Later", frames=frames_later),
    ])
    st = _styles()
    side_st = _styles(base_size=8.8)
    story = _flowables(header, st)
    story.append(FrameBreak())
    story += _flowables(side, side_st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("Later"))
    story += _flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX

def _add_runs(paragraph, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        else:
            paragraph.add_run(part)


def render_docx(blocks, path, title):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            _add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, text in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    _add_runs(p, text)
                    if i == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            _add_runs(doc.add_paragraph(), payload)
    doc.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        title = next((p for k, p in blocks if k == "h1"), cv_id)
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out, title)
        elif target == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(blocks, out, title)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out, title)
        else:
            out = md_path
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
