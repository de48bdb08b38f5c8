"""Render the heldout3-18 CVs from their Markdown source to the target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-18/render.py
The .md file is the CV's exact content; PDF and DOCX renderings are produced
from it. cv-ho-808 is laid out as a two-column PDF (sidebar + main column,
built from reportlab Frames); tables in Markdown become real tables.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-805": "pdf",
    "cv-ho-806": "docx",
    "cv-ho-807": "md",
    "cv-ho-808": "pdf2col",
    "cv-ho-809": "docx",
    "cv-ho-810": "pdf",
    "cv-ho-811": "md",
    "cv-ho-812": "docx",
    "cv-ho-813": "pdf",
    "cv-ho-814": "md",
    "cv-ho-815": "docx",
    "cv-ho-816": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(" ", 1)
            blocks.append(("numbered", (num, rest.strip())))
        else:
            blocks.append(("para", line.strip()))
    if table:
        blocks.append(("table", table))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    res = []
    for t, b, i in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName="DV-B", fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName="DV", fontSize=base, leading=base * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="DV", fontSize=base, leading=base * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1, bulletFontName="DV"),
        "cell": ParagraphStyle("cell", fontName="DV", fontSize=base, leading=base * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "numbered":
            num, rest = payload
            out.append(Paragraph(to_rl(rest), st["bullet"], bulletText=num))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(flowables(blocks, styles(), doc.width))


def split_sections(blocks):
    """Return (header blocks, sidebar blocks, main blocks)."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(blocks, path):
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    header_h = 26 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar2")
    later_main = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="main2")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later_side, later_main]),
    ])
    header, side, main = split_sections(blocks)
    st_main = styles()
    st_side = styles(scale=0.9)
    story = flowables(header, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = blocks[0][1]
    doc.core_properties.author = blocks[0][1]
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, text in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, text)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        # "md": the Markdown file itself is the target
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
