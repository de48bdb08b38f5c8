"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-167/render.py
The .md files are the source of truth; .md targets need no rendering.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2593": "pdf-2col",
    "cv-ho-2594": "docx",
    "cv-ho-2595": "md",
    "cv-ho-2596": "pdf",
    "cv-ho-2597": "docx",   # skills as a real Word table
    "cv-ho-2598": "pdf",
    "cv-ho-2599": "md",
    "cv-ho-2600": "docx",
    "cv-ho-2601": "pdf",
    "cv-ho-2602": "md",
    "cv-ho-2603": "docx",
    "cv-ho-2604": "md",
}

# first heading of the main column in the two-column layout
MAIN_COLUMN_START = {"cv-ho-2593": "Profile"}

# ---------------------------------------------------------------- parsing


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_bold(text):
    """Split text into (segment, is_bold) pairs on **...** markers."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


# ---------------------------------------------------------------- PDF

def register_fonts():
    reg = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    if os.path.exists(reg) and os.path.exists(bold):
        pdfmetrics.registerFont(TTFont("CVSans", reg))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans", boldItalic="CVSans-Bold")
        return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()


def styles(base_size=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base_size + 8,
                                leading=base_size + 12, spaceAfter=4),
        "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=base_size + 2,
                                  leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                                  textColor="#1f3a5f"),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1.5),
    }


def inline_markup(text):
    return "".join(f"<b>{escape(s)}</b>" if b else escape(s) for s, b in split_bold(text))


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_markup(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(inline_markup(payload), st["heading"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_markup(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            out.append(Paragraph(inline_markup(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, styles()))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (contact, skills, languages, interests) in a narrow left frame,
    experience etc. in the wide right frame; later pages use one full-width frame."""
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=0, rightPadding=4, showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=0, rightPadding=0, showBoundary=0)
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor("#eef2f7")
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="rest", frames=[full])])
    start = MAIN_COLUMN_START[cv_id]
    idx = next(i for i, (k, p) in enumerate(blocks) if k == "heading" and p == start)
    st_side = styles(8.5)
    st_main = styles(9.5)
    story = flowables(blocks[:idx], st_side)
    story += [NextPageTemplate("rest"), FrameBreak()]
    story += flowables(blocks[idx:], st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for seg, bold in split_bold(text):
        run = par.add_run(seg)
        run.bold = bold


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(val)
                    run.bold = (r == 0)
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
