"""Render the batch-79 held-out CVs from their Markdown sources.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-79/render.py

- PDF targets are built with reportlab (real text layer); one of them uses a
  BaseDocTemplate with two Frames (sidebar + main column).
- DOCX targets are built with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent


def register_fonts():
    """Use DejaVu Sans (covers Polish/Swedish letters); fall back to Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    base = Path("/usr/share/fonts/truetype/dejavu")
    files = {"CV": "DejaVuSans.ttf", "CV-Bold": "DejaVuSans-Bold.ttf",
             "CV-Italic": "DejaVuSans-Oblique.ttf", "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf"}
    if not all((base / f).exists() for f in files.values()):
        return "Helvetica", "Helvetica-Bold"
    for name, f in files.items():
        pdfmetrics.registerFont(TTFont(name, str(base / f)))
    addMapping("CV", 0, 0, "CV")
    addMapping("CV", 1, 0, "CV-Bold")
    addMapping("CV", 0, 1, "CV-Italic")
    addMapping("CV", 1, 1, "CV-BoldItalic")
    return "CV", "CV-Bold"


FONT, FONT_BOLD = register_fonts()

PDF_IDS = ["cv-ho-1537", "cv-ho-1543", "cv-ho-1546"]
PDF_TWO_COLUMN = {"cv-ho-1540": {"Contact", "Skills", "Languages", "Certifications"}}
DOCX_IDS = ["cv-ho-1538", "cv-ho-1541", "cv-ho-1545", "cv-ho-1547"]
MD_IDS = ["cv-ho-1539", "cv-ho-1542", "cv-ho-1544", "cv-ho-1548"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, preamble_blocks, sections); blocks are (kind, payload)."""
    title = None
    preamble, sections = [], []
    current = preamble
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            blocks = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            current.append(("table", rows))
            continue
        elif line.startswith("- "):
            current.append(("bullet", line[2:].strip()))
        elif line.strip():
            current.append(("para", line.strip()))
        i += 1
    return title, preamble, sections


def inline_spans(text):
    """Split text into (chunk, bold, italic) spans for **bold** and *italic*."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*"):
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for chunk, bold, italic in inline_spans(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_BOLD,
                                fontSize=18, leading=22, spaceAfter=4, alignment=0),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName=FONT_BOLD,
                            fontSize=base_size + 2, leading=base_size + 5,
                            spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=FONT,
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "b": ParagraphStyle("b", parent=ss["BodyText"], fontName=FONT,
                            fontSize=base_size, leading=base_size + 3,
                            leftIndent=10, bulletIndent=2, spaceAfter=1,
                            bulletFontName=FONT),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "para":
            out.append(Paragraph(to_rl(payload), st["p"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["b"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id):
    title, pre, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = styles()
    story = [Paragraph(to_rl(title), st["title"])]
    story += blocks_to_flowables(pre, st)
    for name, blocks in sections:
        story.append(Paragraph(to_rl(name), st["h"]))
        story += blocks_to_flowables(blocks, st)
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=title, author=title)
    doc.build(story)


def render_pdf_two_column(cv_id, sidebar_names):
    title, pre, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st_side = styles(8.5)
    st_main = styles(9.5)
    width, height = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = width - 2 * margin - side_w - gap
    frame_h = height - 2 * margin

    def page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, height, stroke=0, fill=1)
        canvas.restoreState()

    side = Frame(margin, margin, side_w, frame_h, id="side",
                 leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    # later pages: main column only, full width
    full = Frame(margin + side_w + gap, margin, main_w, frame_h, id="full",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                          title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=page_bg,
                     autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[full], onPage=page_bg),
    ])

    sidebar, mainflow = [], []
    mainflow.append(Paragraph(to_rl(title), st_main["title"]))
    mainflow += blocks_to_flowables(pre, st_main)
    for name, blocks in sections:
        if name in sidebar_names:
            sidebar.append(Paragraph(to_rl(name), st_side["h"]))
            sidebar += blocks_to_flowables(blocks, st_side)
        else:
            mainflow.append(Paragraph(to_rl(name), st_main["h"]))
            mainflow += blocks_to_flowables(blocks, st_main)
    story = sidebar + [FrameBreak()] + mainflow
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold, italic in inline_spans(text):
        run = par.add_run(chunk)
        run.bold = bold
        run.italic = italic


def render_docx(cv_id):
    title, pre, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, payload in blocks:
            if kind == "para":
                add_runs(doc.add_paragraph(), payload)
            elif kind == "bullet":
                add_runs(doc.add_paragraph(style="List Bullet"), payload)
            elif kind == "table":
                ncols = max(len(r) for r in payload)
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                for r_i, row in enumerate(payload):
                    cells = table.add_row().cells
                    for c_i, val in enumerate(row):
                        cells[c_i].text = ""
                        p = cells[c_i].paragraphs[0]
                        add_runs(p, val)
                        if r_i == 0:
                            for run in p.runs:
                                run.bold = True

    emit(pre)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        emit(blocks)
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_IDS:
        render_pdf(cv_id)
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, side)
    for cv_id in DOCX_IDS:
        render_docx(cv_id)
    for cv_id in MD_IDS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    print("rendered", len(PDF_IDS) + len(PDF_TWO_COLUMN), "pdf,", len(DOCX_IDS), "docx;",
          len(MD_IDS), "md targets present")


if __name__ == "__main__":
    main()
