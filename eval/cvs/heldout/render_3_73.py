"""Render the CVs of this folder from their Markdown text to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-73/render.py

- PDF  (reportlab, real text layer): cv-ho-1465 (two-column), 1468, 1471, 1474
- DOCX (python-docx): cv-ho-1466 (skills as a real Word table), 1469, 1472, 1475
- MD   (the .md file itself is the target): cv-ho-1467, 1470, 1473, 1476
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-1465", "cv-ho-1468", "cv-ho-1471", "cv-ho-1474"]
DOCX = ["cv-ho-1466", "cv-ho-1469", "cv-ho-1472", "cv-ho-1475"]
TWO_COLUMN = {"cv-ho-1465": ["Skills", "Languages", "Interests"]}  # sections for the sidebar

# ---------------------------------------------------------------- fonts
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf") and os.path.exists(_DV + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_B = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse(md):
    """Return a list of blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("para", list(para)))
            para.clear()
        if table:
            blocks.append(("table", [r for r in table]))
            table.clear()

    for line in md.splitlines():
        s = line.rstrip()
        if s.startswith("|"):
            if para:
                blocks.append(("para", list(para)))
                para.clear()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", list(table)))
            table.clear()
        if not s.strip():
            flush()
        elif s.startswith("# "):
            flush()
            blocks.append(("title", s[2:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("### "):
            flush()
            blocks.append(("h3", s[4:].strip()))
        elif s.lstrip().startswith("- "):
            flush()
            blocks.append(("bullet", s.lstrip()[2:].strip()))
        else:
            para.append(s.strip())
    flush()
    return blocks


def sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    head, secs = [], []
    for b in blocks:
        if b[0] == "h2":
            secs.append((b[1], []))
        elif secs:
            secs[-1][1].append(b)
        else:
            head.append(b)
    return head, secs


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append("<b>%s</b>" % escape(part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>%s</i>" % escape(part[1:-1]))
        else:
            out.append(escape(part))
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale,
                                spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 0.5, leading=base * 1.35),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base * 1.35,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base * 1.35,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, md):
    path = os.path.join(HERE, cv_id + ".pdf")
    blocks = parse(md)
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        head, secs = sections(blocks)
        W, H = A4
        margin = 14 * mm
        side_w = 62 * mm
        gap = 8 * mm
        main_w = W - 2 * margin - side_w - gap
        st_side = styles(0.92)
        st_main = styles(1.0)
        side = flowables(head, st_side, side_w)
        for title, bl in secs:
            if title in side_titles:
                side += flowables([("h2", title)] + bl, st_side, side_w)
        main = []
        for title, bl in secs:
            if title not in side_titles:
                main += flowables([("h2", title)] + bl, st_main, main_w)

        def shade(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
            canvas.restoreState()

        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        f_later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later")
        doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
        doc.addPageTemplates([PageTemplate("first", [f_side, f_main], onPage=shade),
                              PageTemplate("later", [f_later], onPage=shade)])
        story = [NextPageTemplate("later")] + side + [FrameBreak()] + main
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id,
                                author="synthetic CV")
        st = styles()
        doc.build(flowables(blocks, st, A4[0] - 40 * mm))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, md):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = doc.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c in range(ncol):
                    cell = t.cell(r, c)
                    cell.text = ""
                    txt = row[c] if c < len(row) else ""
                    run = cell.paragraphs[0].add_run(txt)
                    if r == 0:
                        run.bold = True
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    for cv_id in PDF:
        md = open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read()
        print("wrote", render_pdf(cv_id, md))
    for cv_id in DOCX:
        md = open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read()
        print("wrote", render_docx(cv_id, md))


if __name__ == "__main__":
    main()
