"""Render the heldout7-175 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-175/render.py
The .md files are the CV text; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-2689", "cv-ho-2692", "cv-ho-2695", "cv-ho-2698"]
TWO_COLUMN = {"cv-ho-2692": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX = ["cv-ho-2690", "cv-ho-2693", "cv-ho-2697", "cv-ho-2700"]

# Fonts with full Latin coverage (accents in names); fall back to Helvetica.
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
for reg, bold in [("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                   "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
                  ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")]:
    if os.path.exists(reg) and os.path.exists(bold):
        pdfmetrics.registerFont(TTFont("CVSans", reg))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans", boldItalic="CVSans-Bold")
        FONT, FONT_B = "CVSans", "CVSans-Bold"
        break


def parse(md):
    """Return a list of blocks: (kind, payload, section)."""
    blocks, section, table = [], None, []
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.append(cells)
            continue
        if table:
            blocks.append(("table", table, section))
            table = []
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:], section))
        elif line.startswith("## "):
            section = line[3:]
            blocks.append(("h2", section, section))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:], section))
        else:
            blocks.append(("para", line, section))
    if table:
        blocks.append(("table", table, section))
    return blocks


def inline_rl(text):
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def styles(base=10):
    return {
        "title": ParagraphStyle("t", fontName=FONT_B, fontSize=base + 8, leading=base + 12,
                                spaceAfter=4),
        "h2": ParagraphStyle("h", fontName=FONT_B, fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("b", fontName=FONT, fontSize=base, leading=base + 3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=FONT),
    }


def flowables(blocks, st):
    out = []
    for kind, payload, _ in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        side_sections = TWO_COLUMN[cv_id]
        side = [b for b in blocks if b[2] in side_sections]
        main = [b for b in blocks if b[2] not in side_sections]
        W, H = A4
        margin, gutter, side_w = 1.4 * cm, 0.6 * cm, 5.4 * cm
        side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                           leftPadding=6, rightPadding=6)
        main_frame = Frame(margin + side_w + gutter, margin,
                           W - 2 * margin - side_w - gutter, H - 2 * margin, id="main")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin, margin, side_w, H - 2 * margin, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
        doc.addPageTemplates([PageTemplate(id="two", frames=[side_frame, main_frame],
                                           onPage=sidebar_bg)])
        st_side, st_main = styles(8.5), styles(9)
        story = flowables(side, st_side) + [FrameBreak()] + flowables(main, st_main)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                                title=cv_id, author="synthetic")
        doc.build(flowables(blocks, styles(10)))
    return path


def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload, _ in blocks:
        if kind == "title":
            p = doc.add_paragraph()
            r = p.add_run(payload)
            r.bold = True
            r.font.size = Pt(20)
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif kind == "h2":
            h = doc.add_heading(payload, level=2)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    run = c.paragraphs[0].add_run(cell)
                    run.bold = i == 0
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(path)
    return path


def main():
    for cv_id in PDF + DOCX:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        path = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"{os.path.basename(path)}: {os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    main()
