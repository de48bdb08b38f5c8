"""Render the dev-bx CVs (Markdown sources) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bx/render.py

- PDF: reportlab, real text layer (TrueType font embedded, no images).
  cv-dev-938 is laid out in two columns (sidebar frame + main frame).
- DOCX: python-docx; Markdown pipe tables become real Word tables.
- MD: the .md file itself is the target; nothing to render.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-937": "md",
    "cv-dev-938": "pdf-two-column",
    "cv-dev-939": "docx",
    "cv-dev-940": "pdf",
    "cv-dev-941": "docx",
    "cv-dev-942": "md",
    "cv-dev-943": "pdf",
    "cv-dev-944": "docx",
    "cv-dev-945": "md",
    "cv-dev-946": "pdf",
    "cv-dev-947": "docx",
    "cv-dev-948": "md",
}

# Sections of cv-dev-938 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
pdfmetrics.registerFont(TTFont("CVSans", str(FONT_DIR / "LiberationSans-Regular.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Bold", str(FONT_DIR / "LiberationSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-Italic", str(FONT_DIR / "LiberationSans-Italic.ttf")))
pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", str(FONT_DIR / "LiberationSans-BoldItalic.ttf")))
pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                              italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullet, numbered, table (payload = list of rows).
    """
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:]))
            continue
        m = re.match(r"^(\d+)\. (.*)$", line)
        if m:
            flush_para()
            blocks.append(("numbered", (m.group(1), m.group(2))))
            continue
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split a line into (text, bold, italic) runs."""
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


def to_rl_markup(text):
    out = []
    for t, b, i in inline_runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName="CVSans-Bold", fontSize=base_size + 8,
                             leading=base_size + 11, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName="CVSans-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName="CVSans-Bold", fontSize=base_size + 1,
                             leading=base_size + 4, spaceBefore=4, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName="CVSans", fontSize=base_size,
                               leading=base_size + 3.5, spaceAfter=3, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=12,
                                 bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName="CVSans")
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "numbered":
            num, txt = payload
            out.append(Paragraph(to_rl_markup(txt), st["bullet"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            widths = [60 * mm] + [(110 * mm) / (ncol - 1)] * (ncol - 1) if ncol > 1 else None
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("FONTNAME", (0, 0), (-1, 0), "CVSans-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, styles()))
    return path


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks_including_h2)])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    page_w, page_h = A4
    margin = 12 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    sidebar = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar",
                    leftPadding=0, rightPadding=0)
    main = Frame(main_x, margin, main_w, page_h - 2 * margin, id="main",
                 leftPadding=0, rightPadding=0)
    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")
    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[sidebar, main], onPage=draw_sidebar),
        PageTemplate(id="Later", frames=[later]),
    ])

    header, sections = split_sections(blocks)
    side_blocks = list(header)
    main_blocks = []
    for title, sblocks in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(sblocks)

    side_st = styles(base_size=8.5)
    main_st = styles(base_size=9.5)
    story = [NextPageTemplate("Later")]
    story += flowables(side_blocks, side_st)
    story.append(FrameBreak())
    story += flowables(main_blocks, main_st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, b, i in inline_runs(text):
        r = paragraph.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = HERE / (cv_id + ".docx")
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
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
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
            doc.add_paragraph()
    core = doc.core_properties
    core.title = cv_id
    core.author = "synthetic CV"
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        src = HERE / (cv_id + ".md")
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = src
        print("%-11s %-15s %s (%d bytes)" % (cv_id, target, out.name, out.stat().st_size))


if __name__ == "__main__":
    main()
