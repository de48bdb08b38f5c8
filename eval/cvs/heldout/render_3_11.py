"""Render the heldout3-11 CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-11/render.py
PDFs use reportlab (real text layer; cv-ho-722 is a two-column layout built from
frames), DOCX files use python-docx (Markdown tables become real Word tables).
The .md files of the Markdown-target CVs are left untouched.
"""
import os
import re
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-721": "md",
    "cv-ho-722": "pdf2col",
    "cv-ho-723": "docx",
    "cv-ho-724": "docx",
    "cv-ho-725": "pdf",
    "cv-ho-726": "md",
    "cv-ho-727": "pdf",
    "cv-ho-728": "docx",
    "cv-ho-729": "md",
    "cv-ho-730": "pdf",
    "cv-ho-731": "docx",
    "cv-ho-732": "md",
}
# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, bullet, para, table (list of rows of cells).
    Each non-empty line outside lists/tables is its own paragraph, so that
    contact lines stay on separate lines as in the source.
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


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


def to_rl(text):
    s = ""
    for t, b, it in runs(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        s += t
    return s


# ---------------------------------------------------------------- PDF
def register_fonts():
    fdir = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(fdir, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", os.path.join(fdir, "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Italic", os.path.join(fdir, "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-BoldItalic", os.path.join(fdir, "VeraBI.ttf")))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold",
                                  italic="Vera-Italic", boldItalic="Vera-BoldItalic")


def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="Vera-Bold", fontSize=base + 9,
                                leading=base + 13, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Vera-Bold", fontSize=base + 2.5,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName="Vera-Bold", fontSize=base + 1,
                             leading=base + 4, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Vera", fontSize=base,
                               leading=base + 3.5, spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="Vera", fontSize=base,
                                 leading=base + 3.5, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Vera", fontSize=base, leading=base + 3),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind in ("h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def sections(blocks):
    """Split blocks into header (before the first h2) and a list of sections."""
    header, secs = [], []
    for b in blocks:
        if b[0] == "h2":
            secs.append([b])
        elif secs:
            secs[-1].append(b)
        else:
            header.append(b)
    return header, secs


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (skills, contact...) in a narrow left frame, experience in the main frame."""
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles(base=9)
    side_st = styles(base=8.5)
    W, H = A4
    m = 14 * mm
    header_h = 20 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - m - header_h
    header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, body_top - m, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m,
                 id="main", showBoundary=0)
    later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_top - m + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, side, main],
                                       onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    head, secs = sections(blocks)
    side_blocks = [b for s in secs if s[0][1] in SIDEBAR for b in s]
    main_blocks = [b for s in secs if s[0][1] not in SIDEBAR for b in s]
    story = flowables(head, st, header.width)
    story.append(FrameBreak())
    story += flowables(side_blocks, side_st, side.width)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += flowables(main_blocks, st, main.width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    register_fonts()
    for cv_id, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "md":
            out = os.path.join(HERE, cv_id + ".md")
        elif fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print("%-10s %-8s %7d bytes" % (cv_id, fmt, os.path.getsize(out)))


if __name__ == "__main__":
    main()
