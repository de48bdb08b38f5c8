"""Render the heldout-w3a CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3a/render.py

The .md file is the CV's text. Target formats:
  PDF : cv-ho-302 (two-column), cv-ho-304, cv-ho-306, cv-ho-309
  DOCX: cv-ho-303, cv-ho-305, cv-ho-308 (Word table for skills), cv-ho-310
  MD  : cv-ho-301, cv-ho-307, cv-ho-311, cv-ho-312 (the .md itself)
"""
import html
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
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

# Embedded TrueType font (subset) so that every character, bullets included,
# has a clean Unicode text layer. Falls back to Helvetica if DejaVu is missing.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
try:
    pdfmetrics.registerFont(TTFont("CVSans", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-Oblique", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("CVSans-BoldOblique",
                                   str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
    pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                  italic="CVSans-Oblique", boldItalic="CVSans-BoldOblique")
    BASE_FONT, BOLD_FONT = "CVSans", "CVSans-Bold"
except Exception:  # pragma: no cover
    BASE_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"

PDF_IDS = ["cv-ho-302", "cv-ho-304", "cv-ho-306", "cv-ho-309"]
TWO_COLUMN = {"cv-ho-302": {"Contact", "Skills", "Tools", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-303", "cv-ho-305", "cv-ho-308", "cv-ho-310"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(heading, blocks)].
    blocks: ('para', text) | ('bullet', text) | ('table', rows)."""
    title, header, sections = "", [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("- "):
            (current[1] if current else header).append(("bullet", line[2:].strip()))
        else:
            (current[1] if current else header).append(("para", line.strip()))
    return title, header, sections


def inline_runs(text):
    """Split **bold** and *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
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
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    for name in ("Normal", "Title", "Heading2"):
        ss[name].fontName = BOLD_FONT if name != "Normal" else BASE_FONT
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=2),
        "header": ParagraphStyle("hd", parent=ss["Normal"], fontSize=base_size,
                                 leading=base_size + 3, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2,
                                 bulletFontName=BASE_FONT,
                                 spaceAfter=1.5),
    }


def blocks_to_flow(blocks, st, width):
    flow = []
    for kind, val in blocks:
        if kind == "para":
            flow.append(Paragraph(to_rl(val), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(val), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def section_flow(sections, st, width):
    flow = []
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl(heading), st["h2"]))
        flow.extend(blocks_to_flow(blocks, st, width))
    return flow


def render_pdf(cv_id, md_text):
    title, header, sections = parse(md_text)
    out = HERE / f"{cv_id}.pdf"
    meta = dict(title=f"CV - {title}", author=title)
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        st = pdf_styles(9)
        page_w, page_h = A4
        margin, gap, side_w = 15 * mm, 8 * mm, 58 * mm
        main_w = page_w - 2 * margin - side_w - gap
        side = Frame(margin, margin, side_w, page_h - 2 * margin, id="side",
                     leftPadding=0, rightPadding=0)
        main = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="main",
                     leftPadding=0, rightPadding=0)
        rest = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="rest",
                     leftPadding=0, rightPadding=0)

        def draw_rule(canvas, doc):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#9AA9BC"))
            x = margin + side_w + gap / 2
            canvas.line(x, margin, x, page_h - margin)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, **meta)
        doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=draw_rule),
                              PageTemplate(id="more", frames=[rest])])
        side_secs = [s for s in sections if s[0] in side_names]
        main_secs = [s for s in sections if s[0] not in side_names]
        flow = [NextPageTemplate("more"), Paragraph(to_rl(title), st["title"])]
        flow += blocks_to_flow(header, st, side_w)
        flow += section_flow(side_secs, st, side_w)
        flow.append(FrameBreak())
        flow += section_flow(main_secs, st, main_w)
        doc.build(flow)
    else:
        st = pdf_styles(9.5)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                                rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=16 * mm, **meta)
        width = A4[0] - 36 * mm
        flow = [Paragraph(to_rl(title), st["title"])]
        flow += [Paragraph(to_rl(v), st["header"]) for k, v in header if k == "para"]
        flow.append(Spacer(1, 4))
        flow += section_flow(sections, st, width)
        doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, md_text):
    title, header, sections = parse(md_text)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {title}"
    doc.core_properties.author = title
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "para":
                add_runs(doc.add_paragraph(), val)
            elif kind == "bullet":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                table = doc.add_table(rows=0, cols=len(val[0]))
                table.style = "Table Grid"
                for r_i, row in enumerate(val):
                    cells = table.add_row().cells
                    for c_i, text in enumerate(row):
                        p = cells[c_i].paragraphs[0]
                        add_runs(p, text)
                        if r_i == 0:
                            for run in p.runs:
                                run.bold = True

    emit(header)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        emit(blocks)
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        out = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(out.name, out.stat().st_size, "bytes")
    for cv_id in DOCX_IDS:
        out = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
