"""Render the dev-cr CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cr/render.py

The .md file of each CV is its exact content.  This script only changes the
container: 4 CVs become PDF (one of them a real two-column layout built with
reportlab frames), 4 become DOCX (one with a real Word table for skills) and 4
stay Markdown.  PDFs use the standard Helvetica fonts, so they have a real text
layer and stay small.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle, FrameBreak, NextPageTemplate,
                                ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-1177": "pdf-two-column",
    "cv-dev-1178": "docx",
    "cv-dev-1179": "md",
    "cv-dev-1180": "docx",          # skills rendered as a real Word table
    "cv-dev-1181": "pdf",
    "cv-dev-1182": "md",
    "cv-dev-1183": "pdf",
    "cv-dev-1184": "docx",
    "cv-dev-1185": "md",
    "cv-dev-1186": "pdf",
    "cv-dev-1187": "docx",
    "cv-dev-1188": "md",
}

# sections that go to the left sidebar in the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullets (list of str), table (list of rows).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
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
            para = [line.strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not re.match(r"(#|- |\|)", lines[i]):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", " ".join(para)))
            continue
        i += 1
    return blocks


def inline_spans(text):
    """Split **bold** / *italic* markup into (text, bold, italic) spans."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for t, b, it in inline_spans(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=17,
                             leading=21, alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3.5, spaceBefore=5,
                             spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 0.5, leading=base_size + 2),
    }
    return st


def blocks_to_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            fl.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl(x), st["para"]), leftIndent=10) for x in payload]
            fl.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=10,
                                   bulletFontName="Helvetica", bulletFontSize=st["para"].fontSize))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks, path):
    st = pdf_styles()
    margin = 18 * mm
    w, h = A4
    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV", invariant=1)
    frame = Frame(margin, margin, w - 2 * margin, h - 2 * margin, id="body")
    doc.addPageTemplates([PageTemplate(id="one", frames=[frame])])
    doc.build(blocks_to_flowables(blocks, st, w - 2 * margin))


def split_sections(blocks):
    """header (before first h2), sidebar sections, main sections."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, path):
    st = pdf_styles(base_size=9)
    margin = 15 * mm
    gap = 7 * mm
    w, h = A4
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = w - 2 * margin - side_w - gap
    body_h = h - 2 * margin - header_h
    header_f = Frame(margin, h - margin - header_h, w - 2 * margin, header_h, id="header")
    side_f = Frame(margin, margin, side_w, body_h, id="sidebar",
                   showBoundary=0, leftPadding=4, rightPadding=4)
    main_f = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    cont_f = Frame(margin + side_w + gap, margin, main_w, h - 2 * margin, id="main2")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV", invariant=1)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header_f, side_f, main_f], onPage=sidebar_bg),
        PageTemplate(id="cont", frames=[cont_f]),
    ])
    header, side, main = split_sections(blocks)
    fl = [NextPageTemplate("cont")]
    fl += blocks_to_flowables(header, st, w - 2 * margin)
    fl.append(FrameBreak())
    fl += blocks_to_flowables(side, st, side_w - 8)
    fl.append(FrameBreak())
    fl += blocks_to_flowables(main, st, main_w)
    doc.build(fl)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_spans(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, path):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullets":
            for x in payload:
                add_runs(d.add_paragraph(style="List Bullet"), x)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    d.save(path)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "md":
            out = src
        elif target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("%-12s %-15s %s (%d bytes)" % (cv_id, target, os.path.basename(out),
                                            os.path.getsize(out)))


if __name__ == "__main__":
    main()
