"""Render the dev-cl CVs from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cl/render.py

Each cv-dev-XXXX.md holds exactly the CV text. This script turns some of them
into PDF (reportlab, real text layer) or DOCX (python-docx); the rest stay as
Markdown (the .md file itself is the target).
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

# id -> target format. "pdf2col" is a PDF with a real two-column text layer.
TARGETS = {
    "cv-dev-1105": "pdf2col",
    "cv-dev-1106": "md",
    "cv-dev-1107": "docx",
    "cv-dev-1108": "docx",  # skills as a real Word table
    "cv-dev-1109": "pdf",
    "cv-dev-1110": "md",
    "cv-dev-1111": "pdf",  # skills table with levels
    "cv-dev-1112": "docx",
    "cv-dev-1113": "md",
    "cv-dev-1114": "pdf",
    "cv-dev-1115": "md",
    "cv-dev-1116": "docx",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows).
    """
    blocks = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
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
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks_incl_h2), ...])."""
    header, sections = [], []
    current = None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [b])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def xml_inline(text: str) -> str:
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>" + esc[2:-2] + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>" + esc[1:-1] + "</i>")
        else:
            out.append(esc)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1,
                                 bulletFontName="Helvetica"),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(xml_inline(c), st["para"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "bullet":
            flow.append(Paragraph(xml_inline(payload), st["bullet"], bulletText="-"))
        else:
            flow.append(Paragraph(xml_inline(payload), st[kind]))
    return flow


def render_pdf(md: str, out: Path):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=out.stem, author="synthetic CV")
    st = pdf_styles()
    doc.build(pdf_flowables(parse(md), st, doc.width))


def render_pdf_two_column(md: str, out: Path):
    """Header across the top; sidebar (skills, education, languages) on the left,
    experience on the right, as separate frames so the text layer is two columns."""
    W, H = A4
    margin = 1.5 * cm
    header_h = 3.6 * cm
    gap = 0.6 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2")

    def sidebar_bg(canv, _doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#f0f3f7"))
        canv.rect(margin - 0.2 * cm, margin - 0.2 * cm, side_w + 0.4 * cm, body_h + 0.2 * cm,
                  stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=out.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sections = split_sections(parse(md))
    side_blocks, main_blocks = [], []
    for title, blocks in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(blocks)

    st = pdf_styles()
    side_st = pdf_styles(base_size=8.5)
    flow = pdf_flowables(header, st, W - 2 * margin)
    flow.append(FrameBreak())
    flow += pdf_flowables(side_blocks, side_st, side_w)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    flow += pdf_flowables(main_blocks, st, main_w)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text: str):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(md: str, out: Path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md):
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
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = out.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "md":
            print(f"{cv_id}: md (no rendering needed)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(md, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
