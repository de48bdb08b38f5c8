"""Render the dev-bb CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bb/render.py

Targets:
  PDF  : cv-dev-674 (two-column: sidebar + main column), cv-dev-676, cv-dev-679, cv-dev-684
  DOCX : cv-dev-673, cv-dev-677 (skills as a real Word table), cv-dev-680, cv-dev-683
  MD   : cv-dev-675, cv-dev-678, cv-dev-681, cv-dev-682 (the .md file is the target)
"""
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
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-dev-674", "cv-dev-676", "cv-dev-679", "cv-dev-684"]
TWO_COLUMN = {"cv-dev-674": {"Contact", "Skills", "Languages", "Certifications"}}
DOCX_TARGETS = ["cv-dev-673", "cv-dev-677", "cv-dev-680", "cv-dev-683"]
MD_TARGETS = ["cv-dev-675", "cv-dev-678", "cv-dev-681", "cv-dev-682"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dv = "/usr/share/fonts/truetype/dejavu"
if os.path.exists(os.path.join(_dv, "DejaVuSans.ttf")):
    pdfmetrics.registerFont(TTFont("DV", os.path.join(_dv, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(_dv, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(_dv, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-B")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush(); blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush(); blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Group blocks into (section_title or None, [blocks])."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


# ---------------------------------------------------------------- inline markup
def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def add_runs(par, text):
    for tok in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not tok:
            continue
        if tok.startswith("**"):
            par.add_run(tok[2:-2]).bold = True
        elif tok.startswith("*"):
            par.add_run(tok[1:-1]).italic = True
        else:
            par.add_run(tok)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "title": ParagraphStyle("t", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 0.5, leading=base + 4, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "bullet": ParagraphStyle("b", fontName=FONT, fontSize=base, leading=base + 3.5, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT),
        "cell": ParagraphStyle("c", fontName=FONT, fontSize=base - 0.5, leading=base + 2.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind in ("h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="–"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["para"]))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % to_rl(c), st["cell"]) for c in row]
                    for r, row in enumerate(payload)]
            colw = [width * 0.55, width * 0.45] if ncol == 2 else [width / ncol] * ncol
            t = Table(data, colWidths=colw)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, md_text):
    path = os.path.join(HERE, cv_id + ".pdf")
    blocks = parse(md_text)
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        side, main = [], []
        for title, blks in split_sections(blocks):
            if title is None or title in side_names:
                side.extend(blks)
            else:
                main.extend(blks)
        W, H = A4
        margin, gap, side_w = 15 * mm, 8 * mm, 64 * mm
        main_w = W - 2 * margin - gap - side_w
        doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", leftPadding=4, rightPadding=4)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
        f_main2 = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="main2")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="two", frames=[f_side, f_main], onPage=sidebar_bg, autoNextPageTemplate="one"),
            PageTemplate(id="one", frames=[f_main2]),
        ])
        st_side = styles(8)
        st_main = styles(9.5)
        story = flowables(side, st_side, side_w - 8) + [FrameBreak()] + flowables(main, st_main, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
        doc.build(flowables(blocks, styles(), A4[0] - 36 * mm))
    return path


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, md_text):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in parse(md_text):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS + MD_TARGETS:
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as fh:
            text = fh.read()
        if cv_id in PDF_TARGETS:
            out = render_pdf(cv_id, text)
        elif cv_id in DOCX_TARGETS:
            out = render_docx(cv_id, text)
        else:
            out = md_path
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
