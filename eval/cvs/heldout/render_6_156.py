"""Render the heldout6-156 CVs from their Markdown source to PDF / DOCX.

Run:  /work/main/.venv/bin/python eval/cvs/heldout6-156/render.py
The .md file is the CV's exact content; PDF/DOCX files are renderings of it.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2462", "cv-ho-2464", "cv-ho-2467", "cv-ho-2470"]
TWO_COLUMN = {"cv-ho-2462": {"Contact", "Skills", "Currently learning", "Languages"}}
DOCX = ["cv-ho-2463", "cv-ho-2465", "cv-ho-2468", "cv-ho-2472"]
# MD targets (the .md is the target): cv-ho-2461, cv-ho-2466, cv-ho-2469, cv-ho-2471

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                              italic="DejaVu", boldItalic="DejaVu-Bold")


def parse(md_text):
    """Return (title, blocks); blocks = list of (kind, payload, section)."""
    title, section, blocks = None, None, []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if table and not line.startswith("|"):
            blocks.append(("table", table, section))
            table = []
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            section = line[3:].strip()
            blocks.append(("h2", section, section))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip(), section))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            table.append(cells)
        else:
            blocks.append(("para", line.strip(), section))
    if table:
        blocks.append(("table", table, section))
    return title, blocks


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=base + 8,
                                leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName="DejaVu", fontSize=base, leading=base + 3.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="DejaVu", fontSize=base, leading=base + 3.5,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="DejaVu", fontSize=base - 0.5, leading=base + 2.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload, _ in blocks:
        if kind == "h2":
            out.append(Paragraph(rl_inline(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(rl_inline(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(rl_inline(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(rl_inline(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, title, blocks):
    path = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    if cv_id not in TWO_COLUMN:
        st = pdf_styles()
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=title, author=title)
        story = [Paragraph(rl_inline(title), st["title"])]
        story += flowables(blocks, st, A4[0] - 2 * margin)
        doc.build(story)
        return path
    # Two-column layout: sidebar frame (left) + main frame (right) on page 1.
    st = pdf_styles(base=9)
    side_sections = TWO_COLUMN[cv_id]
    side = [b for b in blocks if b[2] in side_sections]
    main = [b for b in blocks if b[2] not in side_sections]
    pw, ph = A4
    side_w, gap = 58 * mm, 8 * mm
    main_x = margin + side_w + gap
    main_w = pw - main_x - margin
    body_h = ph - 2 * margin
    f_side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    f_main = Frame(main_x, margin, main_w, body_h, id="main")
    f_full = Frame(margin, margin, pw - 2 * margin, body_h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, body_h + 6, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_full]),
    ])
    story = [Paragraph(rl_inline(title), st["title"])]
    story += flowables(side, st, side_w - 8)
    story += [FrameBreak(), NextPageTemplate("later")]
    story += flowables(main, st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            run = par.add_run(part)
            run.bold = (i % 2 == 1)


def render_docx(cv_id, title, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for kind, payload, _ in blocks:
        if kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf(cv_id, title, blocks) if cv_id in PDF else render_docx(cv_id, title, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
