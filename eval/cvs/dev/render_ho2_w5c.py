"""Render the heldout-w5c CVs from Markdown to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-w5c/render.py

- PDF targets are rendered with reportlab (real text layer, standard fonts).
  cv-ho-517 uses a two-column page template (sidebar frame + main frame).
- DOCX targets are rendered with python-docx; Markdown tables become real
  Word tables (cv-ho-518 has its skills as a table).
- MD targets need no rendering: the .md file is the target.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-517", "cv-ho-520", "cv-ho-522", "cv-ho-525"]
DOCX_TARGETS = ["cv-ho-518", "cv-ho-521", "cv-ho-524", "cv-ho-527"]
TWO_COLUMN = {"cv-ho-517": {"Contact", "Skills", "Education", "Certifications",
                            "Languages", "Interests"}}


# ---------------------------------------------------------------- fonts
def _register_fonts():
    """Use DejaVu Sans (full Unicode, subset-embedded) when available, else Helvetica."""
    base = Path("/usr/share/fonts/truetype/dejavu")
    files = {"CV": "DejaVuSans.ttf", "CV-Bold": "DejaVuSans-Bold.ttf",
             "CV-Italic": "DejaVuSans-Oblique.ttf", "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf"}
    if all((base / f).exists() for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, str(base / f)))
        pdfmetrics.registerFontFamily("CV", normal="CV", bold="CV-Bold",
                                      italic="CV-Italic", boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = _register_fonts()


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). Kinds: h1, h2, h3, bullet, para, table."""
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
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
    return blocks


def inline_runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    runs = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    for part in pattern.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for t, b, i in inline_runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base_size + 8,
                             leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size,
                             leading=base_size + 3, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def blocks_to_flowables(blocks, styles, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(to_rl_markup(payload), styles[kind]))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    margin = 1.8 * cm
    width = A4[0] - 2 * margin
    styles = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, styles, width))
    return out


def split_sections(blocks):
    """Header (before the first h2) and a list of (title, blocks) sections."""
    header, sections, current = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            current = (payload, [(kind, payload)])
            sections.append(current)
        elif current is None:
            header.append((kind, payload))
        else:
            current[1].append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    out = HERE / f"{cv_id}.pdf"
    pw, ph = A4
    margin = 1.5 * cm
    gap = 0.7 * cm
    header_h = 2.4 * cm
    side_w = 5.6 * cm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    header_frame = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=0)
    rest_frame = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="rest")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])

    header, sections = split_sections(blocks)
    side_blocks = [b for title, bl in sections if title in sidebar_titles for b in bl]
    main_blocks = [b for title, bl in sections if title not in sidebar_titles for b in bl]

    big = pdf_styles(10)
    small = pdf_styles(8.5)
    flow = blocks_to_flowables(header, big, pw - 2 * margin)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side_blocks, small, side_w - 8)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("rest"))
    flow += blocks_to_flowables(main_blocks, big, main_w - 4)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, b, i in inline_runs(text):
        run = paragraph.add_run(t)
        run.bold = b
        run.italic = i


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, value in enumerate(row):
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, value)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            out = render_pdf(cv_id, blocks)
        print(out.name, out.stat().st_size, "bytes")
    for cv_id in DOCX_TARGETS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_docx(cv_id, blocks)
        print(out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
