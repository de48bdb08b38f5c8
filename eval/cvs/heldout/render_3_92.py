"""Render the CV markdown files of this folder to their target formats.

Run with /work/main/.venv/bin/python eval/cvs/heldout3-92/render.py
PDF: reportlab (one two-column layout with real frames); DOCX: python-docx.
The .md files are the source text; MD targets are the .md files themselves.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1693": "md",
    "cv-ho-1694": "pdf2col",
    "cv-ho-1695": "docx",
    "cv-ho-1696": "pdf",
    "cv-ho-1697": "docx",
    "cv-ho-1698": "md",
    "cv-ho-1699": "pdf",
    "cv-ho-1700": "docx",
    "cv-ho-1701": "md",
    "cv-ho-1702": "pdf",
    "cv-ho-1703": "docx",
    "cv-ho-1704": "md",
}
# Sections placed in the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,bullet,para,table."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
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
        else:
            blocks.append(("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def spans(text):
    """Split inline markdown into (text, bold, italic) spans."""
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


def rl_markup(text):
    res = []
    for t, b, i in spans(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8, leading=base + 11,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=7, spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5, leading=base + 3,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base, leading=base + 3,
                               spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="\u2013"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, styles(), doc.width))


def split_sections(blocks):
    """Header (before the first h2), then {h2 title: [blocks]} in order."""
    header, sections, current = [], [], None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [b])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, out):
    page_w, page_h = A4
    margin = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h
    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4,
                 showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=0,
                 rightPadding=0)
    later = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[later]),
    ])
    st = styles(9)
    head, sections = split_sections(blocks)
    story = [NextPageTemplate("rest")]
    story += flowables(head, st, page_w - 2 * margin)
    story.append(FrameBreak())
    for title, blks in sections:
        if title in SIDEBAR:
            story += flowables(blks, st, side_w - 8)
    story.append(FrameBreak())
    for title, blks in sections:
        if title not in SIDEBAR:
            story += flowables(blks, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in spans(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
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
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, text in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
