"""Render the heldout-i CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-i/render.py

Targets:
  PDF  : cv-ho-099 (two-column: sidebar + main frames), cv-ho-100, cv-ho-101, cv-ho-106
  DOCX : cv-ho-098 (skills as a real Word table), cv-ho-102, cv-ho-104, cv-ho-107
  MD   : cv-ho-097, cv-ho-103, cv-ho-105, cv-ho-108 (the .md itself is the target)
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent


def register_fonts():
    """Use DejaVu Sans (full Latin coverage, e.g. 'ć') when the system has it;
    fall back to the built-in Helvetica otherwise."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    d = Path("/usr/share/fonts/truetype/dejavu")
    files = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
             "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if not all((d / f).exists() for f in files.values()):
        return "Helvetica", "Helvetica-Bold"
    for name, f in files.items():
        pdfmetrics.registerFont(TTFont(name, str(d / f)))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
    return "DejaVuSans", "DejaVuSans-Bold"


FONT, FONT_BOLD = register_fonts()

PDF_SINGLE = ["cv-ho-100", "cv-ho-101", "cv-ho-106"]
PDF_TWO_COL = {"cv-ho-099": {"Skills", "Languages", "Education"}}  # sidebar sections
DOCX = ["cv-ho-098", "cv-ho-102", "cv-ho-104", "cv-ho-107"]


# ---------------------------------------------------------------- markdown
def parse(md_text):
    """Very small Markdown reader -> list of blocks (kind, payload)."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
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
        if line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def split_sections(blocks):
    """-> (header blocks, [(section title, blocks incl. its h2)])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        if m.group(1) is not None:
            out.append("<b>%s</b>" % html.escape(m.group(1), quote=False))
        else:
            out.append("<i>%s</i>" % html.escape(m.group(2), quote=False))
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def runs(text):
    """Markdown inline -> [(text, bold, italic)]."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Heading3", "BodyText"):
        ss[name].fontName = FONT_BOLD if name != "BodyText" else FONT
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10, leading=12),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1, bulletFontName=FONT),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=(base_size - 0.5) * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            ncol = max(len(r) for r in payload)
            data = [[Paragraph(("<b>%s</b>" if i == 0 else "%s") % to_rl(c), st["cell"])
                     for c in row + [""] * (ncol - len(row))]
                    for i, row in enumerate(payload)]
            first = width * (0.45 if ncol == 2 else 0.5)
            rest = (width - first) / (ncol - 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    st = pdf_styles()
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_col(cv_id, blocks, sidebar_names):
    st = pdf_styles(base_size=9)
    side_st = pdf_styles(base_size=8.5)
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 14 * mm
    header_h = 30 * mm
    gap = 6 * mm
    side_w = 58 * mm
    body_h = H - 2 * m - header_h
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(m, m, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                 leftPadding=0, rightPadding=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV",
                          pageTemplates=[
                              PageTemplate(id="first", frames=[header, side, main],
                                           onPage=sidebar_bg),
                              PageTemplate(id="later", frames=[later])])
    head, sections = split_sections(blocks)
    side_blocks = [b for name, bl in sections if name in sidebar_names for b in bl]
    main_blocks = [b for name, bl in sections if name not in sidebar_names for b in bl]
    story = flowables(head, st, W - 2 * m)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(side_blocks, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main.width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, bold_all=False):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or bold_all
        r.italic = i


def render_docx(cv_id, blocks):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = t.add_row().cells
                for j in range(ncol):
                    text = row[j] if j < len(row) else ""
                    p = cells[j].paragraphs[0]
                    add_runs(p, text, bold_all=(i == 0))
            d.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    d.save(str(path))
    return path


def main():
    made = []
    for cv_id in PDF_SINGLE:
        made.append(render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8"))))
    for cv_id, sidebar in PDF_TWO_COL.items():
        made.append(render_pdf_two_col(
            cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8")), sidebar))
    for cv_id in DOCX:
        made.append(render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8"))))
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
