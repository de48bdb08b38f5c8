"""Render the heldout3-25 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-25/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import html
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-889": "md",
    "cv-ho-890": "pdf",
    "cv-ho-891": "docx",
    "cv-ho-892": "pdf2col",
    "cv-ho-893": "docx",
    "cv-ho-894": "md",
    "cv-ho-895": "pdf",
    "cv-ho-896": "md",
    "cv-ho-897": "docx",
    "cv-ho-898": "md",
    "cv-ho-899": "docx",
    "cv-ho-900": "pdf",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Education"}

# ---------------------------------------------------------------- parsing


def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3 (unused), para, bullets (list of str), table (list of rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("# "):
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
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush_para()
    return blocks


def inline_segments(text):
    """Split **bold** / *italic* markup into (text, bold, italic) segments."""
    segs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            segs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            segs.append((part[1:-1], False, True))
        else:
            segs.append((part, False, False))
    return segs


def to_rl(text):
    out = []
    for t, b, it in inline_segments(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF

FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dv = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dv + "DejaVuSans.ttf"):
    from reportlab.lib.fonts import addMapping

    pdfmetrics.registerFont(TTFont("DV", _dv + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _dv + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _dv + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _dv + "DejaVuSans-BoldOblique.ttf"))
    addMapping("DV", 0, 0, "DV")
    addMapping("DV", 1, 0, "DV-B")
    addMapping("DV", 0, 1, "DV-I")
    addMapping("DV", 1, 1, "DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


def styles(scale=1.0):
    s = {}
    s["title"] = ParagraphStyle("title", fontName=FONT_B, fontSize=17 * scale, leading=21 * scale,
                                spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=2)
    s["body"] = ParagraphStyle("body", fontName=FONT, fontSize=9.5 * scale, leading=12.5 * scale,
                               alignment=TA_LEFT, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], spaceAfter=1)
    return s


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "para":
            # keep line breaks inside a paragraph block (e.g. contact lines)
            out.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["body"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl(x), st["bullet"]), leftIndent=10, value="\u2022")
                     for x in items_of(payload)]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=10,
                                    bulletFontName=FONT, bulletFontSize=8))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
            out.append(t)
    return out


def items_of(payload):
    return payload


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, styles()))
    return path


def split_sidebar(blocks):
    """Title + SIDEBAR sections go left, everything else right."""
    left, right = [], []
    current = left
    for kind, payload in blocks:
        if kind == "title":
            left.append((kind, payload))
            continue
        if kind == "h2":
            current = left if payload in SIDEBAR else right
        current.append((kind, payload))
    return left, right


def render_pdf_two_column(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    frame_h = H - 2 * margin

    def frames():
        return [Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=4, rightPadding=4),
                Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", leftPadding=4,
                      rightPadding=4)]

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames(), onPage=decorate)])
    left, right = split_sidebar(blocks)
    st_side = styles(scale=0.9)
    st_main = styles()
    story = flowables(left, st_side) + [FrameBreak()] + flowables(right, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX


def add_runs(par, text):
    for t, b, it in inline_segments(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
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
        elif kind == "para":
            for line in payload:
                add_runs(d.add_paragraph(), line)
        elif kind == "bullets":
            for item in payload:
                add_runs(d.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    d.save(path)
    return path


# ---------------------------------------------------------------- main


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, blocks)
        else:
            p = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {fmt:7s} -> {os.path.basename(p)} ({os.path.getsize(p)} bytes)")


if __name__ == "__main__":
    main()
