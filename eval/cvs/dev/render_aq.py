"""Render the dev-aq CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-aq/render.py
The .md file is the CV's content; this script only changes the layout.
"""
import html
import os
import re

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

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_SINGLE = ["cv-dev-544", "cv-dev-547", "cv-dev-549"]
PDF_TWO_COLUMN = ["cv-dev-541"]
DOCX = ["cv-dev-542", "cv-dev-545", "cv-dev-548", "cv-dev-551"]
# cv-dev-543, cv-dev-546, cv-dev-550, cv-dev-552: the .md itself is the target.

# Sections of cv-dev-541 that go into the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Currently learning", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:].strip()))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def split_inline(text):
    """Yield (text, bold, italic) runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl_markup(text):
    out = []
    for chunk, bold, italic in split_inline(text):
        s = html.escape(chunk, quote=False)
        if bold:
            s = f"<b>{s}</b>"
        if italic:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("CV", normal="CV", bold="CV-Bold", italic="CV-Italic",
                           boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception:  # fall back to the built-in fonts
        return "Helvetica", "Helvetica-Bold"


def make_styles(font, bold, scale=1.0):
    s = {}
    s["title"] = ParagraphStyle("title", fontName=bold, fontSize=17 * scale,
                                leading=21 * scale, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8 * scale, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=10 * scale,
                             leading=12.5 * scale, spaceBefore=4)
    s["para"] = ParagraphStyle("para", fontName=font, fontSize=9.3 * scale,
                               leading=12 * scale, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10, bulletFontName=font,
                                 bulletIndent=2, spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl_markup(payload), st["title"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl_markup(payload), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl_markup(payload), st["h3"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            flow.append(Paragraph(to_rl_markup(payload), st["para"]))
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in r] for r in payload]
            first = width * 0.55 if ncol > 1 else width
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf_single(cv_id, blocks, font, bold):
    out = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    st = make_styles(font, bold)
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, blocks, font, bold):
    out = os.path.join(HERE, cv_id + ".pdf")
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                          topMargin=14 * mm, bottomMargin=14 * mm,
                          title=cv_id, author="synthetic CV")
    gap = 6 * mm
    side_w = doc.width * 0.33
    main_w = doc.width - side_w - gap
    left = Frame(doc.leftMargin, doc.bottomMargin, side_w, doc.height, id="sidebar",
                 leftPadding=4, rightPadding=4)
    right = Frame(doc.leftMargin + side_w + gap, doc.bottomMargin, main_w, doc.height,
                  id="main", leftPadding=4, rightPadding=4)

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(doc.leftMargin - 2, doc.bottomMargin - 2, side_w + 4, doc.height + 4,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="two", frames=[left, right],
                                       onPage=draw_sidebar_bg)])
    # Split: the title and sidebar sections go left, the rest goes right.
    side, main = [], []
    target = side
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR_SECTIONS else main
        target.append((kind, payload))
    st_side = make_styles(font, bold, scale=0.92)
    st_main = make_styles(font, bold)
    flow = blocks_to_flowables(side, st_side, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w - 8)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for chunk, b, i in split_inline(text):
        run = paragraph.add_run(chunk)
        run.bold = b
        run.italic = i


def render_docx(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "para":
            p = doc.add_paragraph()
            add_runs(p, payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = doc.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell_text in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(out)
    return out


def main():
    font, bold = register_fonts()
    made = []
    for cv_id in PDF_SINGLE + PDF_TWO_COLUMN + DOCX:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if cv_id in PDF_TWO_COLUMN:
            made.append(render_pdf_two_column(cv_id, blocks, font, bold))
        elif cv_id in PDF_SINGLE:
            made.append(render_pdf_single(cv_id, blocks, font, bold))
        else:
            made.append(render_docx(cv_id, blocks))
    for path in made:
        print(f"{os.path.basename(path)}\t{os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
