"""Render the batch-50 held-out CVs from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-50/render.py
The .md file is the CV text; PDF and DOCX targets are produced from it.
cv-ho-1192 is rendered as a two-column PDF (sidebar + main column, two
reportlab Frames on the first page).
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, SimpleDocTemplate)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.fonts import addMapping
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1189": "md",
    "cv-ho-1190": "docx",
    "cv-ho-1191": "pdf",
    "cv-ho-1192": "pdf2col",
    "cv-ho-1193": "docx",
    "cv-ho-1194": "pdf",
    "cv-ho-1195": "md",
    "cv-ho-1196": "docx",
    "cv-ho-1197": "pdf",
    "cv-ho-1198": "md",
    "cv-ho-1199": "docx",
    "cv-ho-1200": "md",
}

SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}

# A TrueType font (embedded as a subset) so that characters outside
# Latin-1 (e.g. the Polish "ł") get a proper glyph and text layer.
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_TTF_DIR = Path("/usr/share/fonts/truetype/liberation")
if (_TTF_DIR / "LiberationSans-Regular.ttf").exists():
    pdfmetrics.registerFont(TTFont("LibSans", str(_TTF_DIR / "LiberationSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("LibSans-Bold", str(_TTF_DIR / "LiberationSans-Bold.ttf")))
    addMapping("LibSans", 0, 0, "LibSans")
    addMapping("LibSans", 1, 0, "LibSans-Bold")
    addMapping("LibSans", 0, 1, "LibSans")
    addMapping("LibSans", 1, 1, "LibSans-Bold")
    FONT, FONT_BOLD = "LibSans", "LibSans-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


def split_sections(blocks):
    """Split into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


# ---------------------------------------------------------------- PDF
def xml_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return text


def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17, leading=21,
                             alignment=0, spaceAfter=4, fontName=FONT_BOLD),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c"), fontName=FONT_BOLD),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base_size + 0.5,
                             leading=base_size + 3.5, spaceBefore=4, spaceAfter=2,
                             fontName=FONT_BOLD),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3, fontName=FONT),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1.5, fontName=FONT, bulletFontName=FONT),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=base_size + 2, fontName=FONT),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(xml_inline(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.62, width * 0.38])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(xml_inline(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(xml_inline(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin, margin, page_w - 2 * margin, body_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side_st = pdf_styles(base_size=8.5)
    main_st = pdf_styles(base_size=9)
    story = [NextPageTemplate("later")]
    for title, sec in sections:
        if title in SIDEBAR_SECTIONS:
            story += flowables([("h2", title)] + sec, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(header, main_st, main_w - 8)
    for title, sec in sections:
        if title not in SIDEBAR_SECTIONS:
            story += flowables([("h2", title)] + sec, main_st, main_w - 8)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
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
        elif kind == "li":
            add_inline(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_inline(doc.add_paragraph(), payload)
    doc.save(str(path))
    return path


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
