"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-171/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# Use a Unicode TTF (DejaVu Sans) when available so names like "Paweł" keep a clean
# text layer; fall back to the built-in Helvetica otherwise.
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
try:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    _dj = Path("/usr/share/fonts/truetype/dejavu")
    pdfmetrics.registerFont(TTFont("DejaVu", str(_dj / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_dj / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_dj / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", str(_dj / "DejaVuSans-BoldOblique.ttf")))
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"
except Exception:  # pragma: no cover - font not installed
    pass

PDF = ["cv-ho-2641", "cv-ho-2644", "cv-ho-2647", "cv-ho-2650"]
TWO_COLUMN = {"cv-ho-2644": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX = ["cv-ho-2642", "cv-ho-2645", "cv-ho-2648", "cv-ho-2651"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
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
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(" ", 1)
            blocks.append(("num", (num, rest)))
        else:
            blocks.append(("para", line))
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(paragraph, text):
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName=FONT,
                          fontSize=9, leading=12, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=17,
                             leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=10),
        "para": ParagraphStyle("para", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "num":
            out.append(Paragraph(inline_rl(payload[1]), st["bullet"], bulletText=payload[0]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def split_sections(blocks, sidebar_titles):
    """Header (everything before the first h2) + sidebar sections go left; the rest right."""
    left, right = [], []
    target = left
    for kind, payload in blocks:
        if kind == "h2":
            target = left if payload in sidebar_titles else right
        target.append((kind, payload))
    return left, right


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = styles()
    if cv_id in TWO_COLUMN:
        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                              leftMargin=14 * mm, rightMargin=14 * mm,
                              topMargin=14 * mm, bottomMargin=14 * mm)
        W, H = A4
        side_w = 58 * mm
        gap = 7 * mm
        body_h = H - doc.topMargin - doc.bottomMargin
        left = Frame(doc.leftMargin, doc.bottomMargin, side_w, body_h, id="sidebar")
        right = Frame(doc.leftMargin + side_w + gap, doc.bottomMargin,
                      W - doc.leftMargin - doc.rightMargin - side_w - gap, body_h, id="main")
        single = Frame(doc.leftMargin, doc.bottomMargin,
                       W - doc.leftMargin - doc.rightMargin, body_h, id="single")

        def shade(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(0, 0, doc.leftMargin + side_w + gap / 2, H, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="two", frames=[left, right], onPage=shade),
                              PageTemplate(id="one", frames=[single])])
        lb, rb = split_sections(blocks, TWO_COLUMN[cv_id])
        story = [NextPageTemplate("one")] + flowables(lb, st) + [FrameBreak()] + flowables(rb, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, title=cv_id,
                                leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm)
        doc.build(flowables(blocks, st))
    return out


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            inline_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            inline_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            inline_runs(d.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncols)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = ""
                    p = t.cell(i, j).paragraphs[0]
                    inline_runs(p, cell)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
    d.save(str(out))
    return out


def main():
    for cv_id in PDF:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_pdf(cv_id, blocks).name)
    for cv_id in DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_docx(cv_id, blocks).name)


if __name__ == "__main__":
    main()
