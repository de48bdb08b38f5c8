"""Render the heldout3-87 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-87/render.py
The .md file is the CV's content; this script only lays it out.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, FrameBreak, Table, TableStyle,
                                NextPageTemplate)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1633": "pdf2col",
    "cv-ho-1634": "docx",
    "cv-ho-1635": "md",
    "cv-ho-1636": "pdf",
    "cv-ho-1637": "docx",
    "cv-ho-1638": "md",
    "cv-ho-1639": "pdf",
    "cv-ho-1640": "docx",
    "cv-ho-1641": "md",
    "cv-ho-1642": "pdf",
    "cv-ho-1643": "docx",
    "cv-ho-1644": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Skills", "Still learning", "Certifications", "Languages", "Interests"}


def parse(md):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Header blocks (before first h2) and list of (title, blocks)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


# ---------------------------------------------------------------- PDF
def inline_pdf(text):
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.8
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.2,
                             leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base,
                               leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2, bulletFontName="Helvetica",
                                 spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=base,
                               leading=base + 2),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_pdf(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_pdf(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(inline_pdf(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_pdf(payload), st["bullet"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(inline_pdf(c), st["cell"]) for c in r] for r in payload]
            ncol = len(payload[0])
            first = width * 0.55
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cid, md):
    path = os.path.join(HERE, cid + ".pdf")
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cid, author="synthetic CV")
    doc.build(flow(parse(md), st, doc.width))
    return path


def render_pdf_two_column(cid, md):
    path = os.path.join(HERE, cid + ".pdf")
    header, sections = split_sections(parse(md))
    side = [b for t, bl in sections if t in SIDEBAR for b in [("h2", t)] + bl]
    main = [b for t, bl in sections if t not in SIDEBAR for b in [("h2", t)] + bl]

    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=4, rightPadding=4,
                   showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                   leftPadding=0, rightPadding=0)
    f_full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=side_bg),
        PageTemplate(id="rest", frames=[f_full]),
    ])
    st_main = pdf_styles(small=True)
    st_side = pdf_styles(small=True)
    story = [NextPageTemplate("rest")]
    story += flow(header, st_main, W - 2 * m)
    story.append(FrameBreak())
    story += flow(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flow(main, st_main, W - 2 * m - side_w - gap)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        else:
            par.add_run(p)


def render_docx(cid, md):
    path = os.path.join(HERE, cid + ".docx")
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cid
    d.core_properties.author = "synthetic CV"
    for kind, payload in parse(md):
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    run = t.cell(r, c).paragraphs[0].add_run(cell)
                    run.bold = (r == 0)
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as fh:
            md = fh.read()
        if fmt == "pdf":
            out = render_pdf(cid, md)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cid, md)
        elif fmt == "docx":
            out = render_docx(cid, md)
        else:
            out = os.path.join(HERE, cid + ".md")
        print(f"{cid}: {fmt:8s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
