"""Render the dev-af CVs from their Markdown text into their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-af/render.py
The .md file is the CV's exact content; PDFs (reportlab, real text layer) and
DOCX files (python-docx) are generated from it. MD-target CVs are left as is.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

# Embed a TrueType font when the machine has one (clean ToUnicode map, so text
# extraction gives real bullet characters); fall back to the built-in Helvetica.
FONT, FONT_BOLD, FONT_ITALIC, BULLET = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "\u2013"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("CVSans", str(_DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-Bold", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-Oblique", str(_DEJAVU / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", str(_DEJAVU / "DejaVuSans-BoldOblique.ttf")))
    addMapping("CVSans", 0, 0, "CVSans")
    addMapping("CVSans", 1, 0, "CVSans-Bold")
    addMapping("CVSans", 0, 1, "CVSans-Oblique")
    addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
    FONT, FONT_BOLD, FONT_ITALIC, BULLET = "CVSans", "CVSans-Bold", "CVSans-Oblique", "\u2022"

TARGETS = {
    "cv-dev-409": "pdf-two-column",
    "cv-dev-410": "docx",
    "cv-dev-411": "md",
    "cv-dev-412": "pdf",
    "cv-dev-413": "md",
    "cv-dev-414": "docx",
    "cv-dev-415": "pdf",
    "cv-dev-416": "md",
    "cv-dev-417": "docx",
    "cv-dev-418": "pdf",
    "cv-dev-419": "md",
    "cv-dev-420": "docx",
}

# Sections that go in the sidebar of the two-column PDF.
SIDEBAR = {"cv-dev-409": {"Skills", "Currently learning", "Certificates", "Languages", "Interests"}}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (list of rows of cells).
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif re.match(r"^(- |\d+\. )", line):
            flush(); blocks.append(("bullet", re.sub(r"^(- |\d+\. )", "", line).strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_spans(text):
    """Split text into (segment, bold, italic) spans for **bold** and *italic*."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl_markup(text):
    out = []
    for seg, b, it in inline_spans(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def styles(base_size=10):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base_size + 8,
                             leading=base_size + 11, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=1)
    s["para"] = ParagraphStyle("para", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10,
                                 bulletIndent=2, spaceAfter=1, bulletFontName=FONT)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def pdf_flowables(blocks, st):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            # header row bold text
            data[0] = [Paragraph(f"<b>{to_rl_markup(c)}</b>", st["cell"]) for c in payload[0]]
            t = Table(data, hAlign="LEFT", colWidths=[5 * cm] + [None] * (len(payload[0]) - 1))
            t.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e9f0")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText=BULLET))
        else:
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
    return flow


def check_latin1(cv_id, text):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:
        raise SystemExit(f"{cv_id}: character not in the standard PDF font encoding: {e}")


def render_pdf(cv_id, blocks, out):
    st = styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    doc.build(pdf_flowables(blocks, st))


def split_sections(cv_id, blocks):
    """Split blocks into (header, sidebar, main) for the two-column layout."""
    side_names = SIDEBAR[cv_id]
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in side_names else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, out):
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, frame_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="two-col", frames=[side_frame, main_frame],
                                       onPage=decorate)])
    header, side, main = split_sections(cv_id, blocks)
    side_st = styles(8.5)
    main_st = styles(9.5)
    flow = pdf_flowables(side, side_st)
    flow.append(FrameBreak())
    flow += pdf_flowables(header, main_st)
    flow += pdf_flowables(main, main_st)
    doc.build(flow)


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, b, it in inline_spans(text):
        run = paragraph.add_run(seg)
        run.bold = b or None
        run.italic = it or None


def render_docx(cv_id, blocks, out):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
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
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    add_runs(p, cell_text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))


# --------------------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        text = md_path.read_text(encoding="utf-8")
        blocks = parse(text)
        if target == "md":
            print(f"{cv_id}: md (target is the .md itself)")
            continue
        if target.startswith("pdf"):
            if FONT == "Helvetica":
                check_latin1(cv_id, text)
            out = HERE / f"{cv_id}.pdf"
            if target == "pdf-two-column":
                render_pdf_two_column(cv_id, blocks, out)
            else:
                render_pdf(cv_id, blocks, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
