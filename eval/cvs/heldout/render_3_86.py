"""Render the held-out CVs (batch 86) from Markdown to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-86/render.py

- .md targets: the Markdown file itself is the target, nothing to do.
- .pdf targets: reportlab, real text layer; one CV uses a two-column layout
  (BaseDocTemplate with a header frame, a sidebar frame and a main frame).
- .docx targets: python-docx; Markdown tables become real Word tables.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, ListFlowable, ListItem, NextPageTemplate)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1621": "pdf",
    "cv-ho-1622": "docx",
    "cv-ho-1623": "md",
    "cv-ho-1624": "pdf",
    "cv-ho-1625": "docx",
    "cv-ho-1626": "pdf",
    "cv-ho-1627": "md",
    "cv-ho-1628": "docx",
    "cv-ho-1629": "pdf-2col",
    "cv-ho-1630": "md",
    "cv-ho-1631": "docx",
    "cv-ho-1632": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Learning now", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para, bullets (list of str), table (list of rows).
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
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            blocks.append(("para", line.strip()))
            i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
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


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 8,
                             leading=base_size + 11, alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size + 3),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "para"):
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl_markup(t), st["bullet"]), leftIndent=10)
                     for t in payload]
            flow.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                     leftIndent=10, bulletFontSize=st["bullet"].fontSize))
            flow.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def check_encodable(text, name):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:
        raise SystemExit("%s: character not in the PDF base font: %r" % (name, e.object[e.start:e.end]))


def render_pdf(name, text):
    check_encodable(text, name)
    out = os.path.join(HERE, name + ".pdf")
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name,
                            author="synthetic CV")
    st = pdf_styles(10)
    doc.build(blocks_to_flowables(parse_md(text), st, doc.width))
    return out


def render_pdf_two_column(name, text):
    """Header across the top, skills sidebar on the left, experience on the right."""
    check_encodable(text, name)
    out = os.path.join(HERE, name + ".pdf")
    blocks = parse_md(text)
    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))

    page_w, page_h = A4
    margin = 15 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    body_h = page_h - 2 * margin - header_h
    main_w = page_w - 2 * margin - side_w - gap

    f_header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                     id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=0, rightPadding=4, topPadding=4, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    f_later = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later")

    def draw_sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                  stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=name, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9)
    flow = [NextPageTemplate("later")]
    flow += blocks_to_flowables(header, st_main, page_w - 2 * margin)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(sidebar, st_side, side_w)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold
        r.italic = italic


def render_docx(name, text):
    out = os.path.join(HERE, name + ".docx")
    doc = Document()
    doc.core_properties.title = name
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse_md(text):
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullets":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, c in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, c)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(out)
    return out


def main():
    for name, fmt in TARGETS.items():
        with open(os.path.join(HERE, name + ".md"), encoding="utf-8") as fh:
            text = fh.read()
        if fmt == "md":
            out = os.path.join(HERE, name + ".md")
        elif fmt == "pdf":
            out = render_pdf(name, text)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(name, text)
        elif fmt == "docx":
            out = render_docx(name, text)
        else:
            raise ValueError(fmt)
        print("%-12s %-9s %7d bytes  %s" % (name, fmt, os.path.getsize(out), os.path.basename(out)))


if __name__ == "__main__":
    main()
