"""Render the CVs in this folder (Markdown source) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-095/render.py
PDF: reportlab (real text layer; cv-ho-1729 uses a two-column layout with two Frames).
DOCX: python-docx (cv-ho-1730 gets a real Word table for its skills).
MD targets are the .md files themselves.
"""
import os
import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.fonts import addMapping
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-ho-1729", "cv-ho-1732", "cv-ho-1734", "cv-ho-1738"]
DOCX_TARGETS = ["cv-ho-1730", "cv-ho-1733", "cv-ho-1735", "cv-ho-1739"]
TWO_COLUMN = {"cv-ho-1729": {"Contact", "Skills", "Currently learning", "Languages", "Interests"}}

FONT_DIR = "/usr/share/fonts/truetype/liberation"
pdfmetrics.registerFont(TTFont("LSans", os.path.join(FONT_DIR, "LiberationSans-Regular.ttf")))
pdfmetrics.registerFont(TTFont("LSans-Bold", os.path.join(FONT_DIR, "LiberationSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("LSans-Italic", os.path.join(FONT_DIR, "LiberationSans-Italic.ttf")))
pdfmetrics.registerFont(TTFont("LSans-BoldItalic", os.path.join(FONT_DIR, "LiberationSans-BoldItalic.ttf")))
addMapping("LSans", 0, 0, "LSans")
addMapping("LSans", 1, 0, "LSans-Bold")
addMapping("LSans", 0, 1, "LSans-Italic")
addMapping("LSans", 1, 1, "LSans-BoldItalic")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of sections: (heading or None, [blocks]); first block list holds the name etc.
    Block kinds: ('title', text), ('para', text), ('bullet', text), ('table', rows)."""
    sections = [[None, []]]
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                sections[-1][1].append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            sections[-1][1].append(("title", line[2:].strip()))
        elif line.startswith("## "):
            sections.append([line[3:].strip(), []])
        elif line.startswith("- "):
            sections[-1][1].append(("bullet", line[2:].strip()))
        else:
            sections[-1][1].append(("para", line.strip()))
    return sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
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


def to_rl(text):
    res = []
    for t, b, i in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    return {
        "title": ParagraphStyle("title", fontName="LSans-Bold", fontSize=18, leading=22, spaceAfter=4),
        "h": ParagraphStyle("h", fontName="LSans-Bold", fontSize=11.5, leading=14, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "para": ParagraphStyle("para", fontName="LSans", fontSize=base_size, leading=base_size * 1.3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="LSans", fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName="LSans", bulletFontSize=base_size),
        "cell": ParagraphStyle("cell", fontName="LSans", fontSize=base_size - 0.5, leading=base_size * 1.2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(val), st["title"]))
        elif kind == "para":
            out.append(Paragraph(to_rl(val), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(val), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in val]
            ncol = max(len(r) for r in val)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, sections):
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        W, H = A4
        margin = 1.5 * cm
        side_w = 5.6 * cm
        gap = 0.7 * cm
        main_w = W - 2 * margin - side_w - gap
        doc = BaseDocTemplate(path, pagesize=A4, title="CV " + cv_id, author="")
        side = Frame(margin, margin, side_w, H - 2 * margin, id="side", showBoundary=0)
        main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
        later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def side_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#EEF2F6"))
            canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=side_bg),
                              PageTemplate(id="later", frames=[later])])
        st_side = styles(8.8)
        st_main = styles(10)
        story = []
        for name, blocks in sections:
            if name in side_names:
                story.append(Paragraph(to_rl(name), st_side["h"]))
                story.extend(flowables(blocks, st_side, side_w))
        story.append(FrameBreak())
        story.append(NextPageTemplate("later"))
        for name, blocks in sections:
            if name in side_names:
                continue
            if name:
                story.append(Paragraph(to_rl(name), st_main["h"]))
            story.extend(flowables(blocks, st_main, main_w))
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm, title="CV " + cv_id, author="")
        st = styles(10)
        width = A4[0] - 4 * cm
        story = []
        for name, blocks in sections:
            if name:
                story.append(Paragraph(to_rl(name), st["h"]))
            story.extend(flowables(blocks, st, width))
        doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, sections):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name, blocks in sections:
        if name:
            d.add_heading(name, level=2)
        for kind, val in blocks:
            if kind == "title":
                d.add_heading(val, level=1)
            elif kind == "para":
                add_runs(d.add_paragraph(), val)
            elif kind == "bullet":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                ncol = max(len(r) for r in val)
                t = d.add_table(rows=len(val), cols=ncol)
                t.style = "Table Grid"
                for ri, row in enumerate(val):
                    for ci in range(ncol):
                        cell = t.cell(ri, ci)
                        cell.text = ""
                        add_runs(cell.paragraphs[0], row[ci] if ci < len(row) else "")
                        if ri == 0:
                            for r in cell.paragraphs[0].runs:
                                r.bold = True
                d.add_paragraph()
    path = os.path.join(HERE, cv_id + ".docx")
    d.core_properties.author = ""
    d.save(path)
    return path


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            sections = parse(f.read())
        if cv_id in PDF_TARGETS:
            p = render_pdf(cv_id, sections)
        else:
            p = render_docx(cv_id, sections)
        print("wrote", os.path.relpath(p, HERE), os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
