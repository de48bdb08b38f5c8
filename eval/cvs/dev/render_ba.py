"""Render the dev-ba CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ba/render.py

The .md files are the CV text. PDFs get a real text layer (reportlab),
DOCX files are written with python-docx. One PDF uses a true two-column
layout (sidebar frame + main frame); one DOCX puts the skills in a real
Word table.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-dev-662", "cv-dev-664", "cv-dev-667", "cv-dev-670"]
TWO_COLUMN = {"cv-dev-662": {"Contact", "Skills", "Languages", "Certifications"}}
DOCX_IDS = ["cv-dev-661", "cv-dev-665", "cv-dev-668", "cv-dev-671"]
# MD targets: cv-dev-663, cv-dev-666, cv-dev-669, cv-dev-672 (the .md itself)

# ---------------------------------------------------------------- fonts
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
_dv = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_dvb = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
if os.path.exists(_dv) and os.path.exists(_dvb):
    pdfmetrics.registerFont(TTFont("DejaVuSans", _dv))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", _dvb))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans",
                                  bold="DejaVuSans-Bold", italic="DejaVuSans",
                                  boldItalic="DejaVuSans-Bold")
    FONT, FONT_B = "DejaVuSans", "DejaVuSans-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, blocks). blocks: list of (section, kind, payload).

    kind is one of 'para', 'bullet', 'table'. section is the current ## title
    (None before the first one)."""
    name = None
    blocks = []
    section = None
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append((section, "para", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append((section, "table", [r[:] for r in table]))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush_para(); flush_table()
            name = line[2:].strip()
        elif line.startswith("## "):
            flush_para(); flush_table()
            section = line[3:].strip()
            blocks.append((section, "heading", section))
        elif line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
        elif line.startswith("- "):
            flush_para(); flush_table()
            blocks.append((section, "bullet", line[2:].strip()))
        elif not line.strip():
            flush_para(); flush_table()
        else:
            flush_table()
            para.append(line.strip())
    flush_para(); flush_table()
    return name, blocks


def inline_rl(text):
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def inline_runs(paragraph, text, size=None):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            run = paragraph.add_run(part[2:-2])
            run.bold = True
        else:
            run = paragraph.add_run(part)
        if size:
            run.font.size = Pt(size)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "name": ParagraphStyle("name", fontName=FONT_B, fontSize=base + 10,
                               leading=base + 14, spaceAfter=4),
        "h": ParagraphStyle("h", fontName=FONT_B, fontSize=base + 2,
                            leading=base + 5, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base,
                            leading=base + 3.5, spaceAfter=3),
        "b": ParagraphStyle("b", fontName=FONT, fontSize=base,
                            leading=base + 3.5, leftIndent=10,
                            bulletIndent=2, spaceAfter=1.5,
                            bulletFontName=FONT),
    }


def flow(blocks, st, width):
    out = []
    for _sec, kind, payload in blocks:
        if kind == "heading":
            out.append(Paragraph(inline_rl(payload), st["h"]))
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["p"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["b"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row]
                    for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, md_text):
    name, blocks = parse(md_text)
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 16 * mm
    if cv_id in TWO_COLUMN:
        side = TWO_COLUMN[cv_id]
        st_side = styles(8.5)
        st_main = styles(9.5)
        header_h = 22 * mm
        side_w = 58 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        body_h = H - 2 * margin - header_h
        header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h,
                       id="header", showBoundary=0)
        sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                        showBoundary=0)
        main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                     showBoundary=0)
        rest = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="rest")

        def shade(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm,
                        body_h + 3 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, title=name, author=name,
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="twocol", frames=[header, sidebar, main],
                         onPage=shade),
            PageTemplate(id="rest", frames=[rest])])
        side_blocks = [b for b in blocks if b[0] in side]
        main_blocks = [b for b in blocks if b[0] not in side]
        story = [NextPageTemplate("rest"), Paragraph(inline_rl(name), st_main["name"]),
                 FrameBreak()]
        story += flow(side_blocks, st_side, side_w)
        story.append(FrameBreak())
        story += flow(main_blocks, st_main, main_w)
        doc.build(story)
    else:
        st = styles(10)
        doc = SimpleDocTemplate(path, pagesize=A4, title=name, author=name,
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        story = [Paragraph(inline_rl(name), st["name"])]
        story += flow(blocks, st, W - 2 * margin)
        doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, md_text):
    name, blocks = parse(md_text)
    d = docx.Document()
    d.core_properties.title = name
    d.core_properties.author = name
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.add_heading(name, level=0)
    for _sec, kind, payload in blocks:
        if kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "para":
            inline_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            inline_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows, cols = len(payload), max(len(r) for r in payload)
            t = d.add_table(rows=rows, cols=cols)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    inline_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            md_text = fh.read()
        if cv_id in PDF_IDS:
            out = render_pdf(cv_id, md_text)
        else:
            out = render_docx(cv_id, md_text)
        print(f"{out}  {os.path.getsize(out) // 1024} KB")


if __name__ == "__main__":
    main()
