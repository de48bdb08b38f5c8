"""Render the heldout4-111 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-111/render.py
The .md file is the CV's exact content; PDFs get a real text layer
(reportlab, embedded DejaVu Sans), DOCX files are built with python-docx.
"""
import html
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
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1921", "cv-ho-1924", "cv-ho-1927", "cv-ho-1930"]
TWO_COLUMN = {"cv-ho-1924": {"Skills", "Education", "Certifications", "Languages"}}
DOCX = ["cv-ho-1922", "cv-ho-1925", "cv-ho-1928", "cv-ho-1931"]

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
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
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
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, secs = [], []
    for kind, payload in blocks:
        if kind == "h2":
            secs.append((payload, [(kind, payload)]))
        elif secs:
            secs[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, secs


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    s = []
    for t, b, i in runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        s.append(t)
    return "".join(s)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "title": ParagraphStyle("title", fontName="DV-B", fontSize=base + 8, leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=base + 2, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="DV-B", fontSize=base, leading=base + 3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="DV", fontSize=base, leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="DV", fontSize=base, leading=base + 3, leftIndent=10, bulletFontName="DV",
                                 bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="DV", fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    target = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        header, secs = sections(blocks)
        side = [b for title, bl in secs if title in side_titles for b in bl]
        main = [b for title, bl in secs if title not in side_titles for b in bl]
        W, H = A4
        margin = 14 * mm
        header_h = 30 * mm
        side_w = 60 * mm
        gap = 7 * mm
        body_h = H - 2 * margin - header_h
        f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head", showBoundary=0)
        f_side = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
        f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h, id="main",
                       showBoundary=0)
        f_side2 = Frame(margin, margin, side_w, H - 2 * margin, id="side2")
        f_main2 = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin, id="main2")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            top = H - margin - header_h if doc.page == 1 else H - margin
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 5 * mm, top - margin + 3 * mm, stroke=0,
                        fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(target), pagesize=A4, title=cv_id, author="synthetic")
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[f_side2, f_main2], onPage=sidebar_bg),
        ])
        st_main = styles(9.2)
        st_side = styles(8.6)
        from reportlab.platypus import NextPageTemplate
        story = [NextPageTemplate("later")]
        story += flowables(header, st_main, W - 2 * margin)
        story.append(FrameBreak())
        story += flowables(side, st_side, side_w)
        story.append(FrameBreak())
        story += flowables(main, st_main, W - 2 * margin - side_w - gap)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
        doc.build(flowables(blocks, styles(10), A4[0] - 36 * mm))
    return target


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks):
    target = HERE / f"{cv_id}.docx"
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    d.save(str(target))
    return target


def main():
    for cv_id in PDF:
        p = render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)
    for cv_id in DOCX:
        p = render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
