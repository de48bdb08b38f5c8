"""Render the heldout-w3h CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3h/render.py

Each CV's text lives in <id>.md (exactly the CV's content). This script turns
the Markdown into the CV's target format:
  * PDF  via reportlab (real text layer; cv-ho-386 uses a two-frame page
    template, a sidebar column and a main column, so the text layer is truly
    two columns);
  * DOCX via python-docx (Markdown tables become real Word tables);
  * MD   targets are left as they are.
"""
import os
import re
import sys

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

FORMATS = {
    "cv-ho-385": "docx",
    "cv-ho-386": "pdf-2col",
    "cv-ho-387": "md",
    "cv-ho-388": "pdf",
    "cv-ho-389": "docx",
    "cv-ho-390": "md",
    "cv-ho-391": "docx",
    "cv-ho-392": "md",
    "cv-ho-393": "pdf",
    "cv-ho-394": "docx",
    "cv-ho-395": "md",
    "cv-ho-396": "pdf",
}

# For the two-column PDF: sections (by heading text) placed in the sidebar.
SIDEBAR_SECTIONS = {
    "cv-ho-386": {"Skills", "Education", "Certifications", "Languages"},
}


# --------------------------------------------------------------------------
# Minimal Markdown parser: headings, bullets, tables, paragraphs.
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if stripped.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip().strip("|")
                cells = [c.strip() for c in row.split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^[-*]\s+", stripped):
            flush_para()
            blocks.append(("li", re.sub(r"^[-*]\s+", "", stripped)))
            i += 1
            continue
        para.append(stripped)
        i += 1
    flush_para()
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for seg, bold, italic in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            seg = "<b>%s</b>" % seg
        if italic:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 11,
                             alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1F3A5F"),
                             spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(payload), st["li"], bulletText="-"))
        elif kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind.startswith("h"):
            flow.append(Paragraph(to_rl_markup(payload), st["h3"]))
        else:
            flow.append(Paragraph(to_rl_markup(payload), st["p"]))
    return flow


def render_pdf(cv_id, blocks, out):
    st = pdf_styles(10)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st))


def split_sidebar(blocks, sidebar_names):
    """Header (everything before the first h2) + sidebar sections go left."""
    side, main = [], []
    current = side  # header goes to the sidebar
    seen_h2 = False
    for kind, payload in blocks:
        if kind == "h2":
            seen_h2 = True
            current = side if payload in sidebar_names else main
        elif not seen_h2:
            current = side
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks, out):
    st_side = pdf_styles(8.5)
    st_side["h1"].fontSize = 15
    st_side["h1"].leading = 18
    st_main = pdf_styles(9.5)
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    height = page_h - 2 * margin
    left = Frame(margin, margin, side_w, height, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right = Frame(margin + side_w + gap, margin, main_w, height, id="main",
                  leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, height + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[left, right], onPage=decorate)])
    side, main = split_sidebar(blocks, SIDEBAR_SECTIONS[cv_id])
    flow = blocks_to_flowables(side, st_side) + [FrameBreak()] + blocks_to_flowables(main, st_main)
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text):
    for seg, bold, italic in inline_runs(text):
        run = paragraph.add_run(seg)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            level = {"h1": 0, "h2": 1, "h3": 2}[kind]
            h = doc.add_heading(level=level)
            add_runs(h, payload.replace("**", ""))
        elif kind.startswith("h"):
            h = doc.add_heading(level=3)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncols):
                    text = row[c_i] if c_i < len(row) else ""
                    para = cells[c_i].paragraphs[0]
                    add_runs(para, text)
                    if r_i == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(out)


def main():
    for cv_id, fmt in FORMATS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            sys.exit("unknown format %s" % fmt)
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
