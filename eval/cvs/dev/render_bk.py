"""Render the dev-bk CVs from their Markdown source into their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bk/render.py

- PDF  : reportlab, real text layer (standard Helvetica fonts). cv-dev-781 uses a
         two-column layout (BaseDocTemplate with a sidebar frame and a main frame).
- DOCX : python-docx. Markdown tables become real Word tables.
- MD   : the .md file itself is the target; nothing is rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-781": "pdf",   # two-column
    "cv-dev-782": "docx",  # Word table for skills
    "cv-dev-783": "md",
    "cv-dev-784": "pdf",
    "cv-dev-785": "docx",
    "cv-dev-786": "pdf",
    "cv-dev-787": "md",
    "cv-dev-788": "docx",
    "cv-dev-789": "pdf",
    "cv-dev-790": "md",
    "cv-dev-791": "docx",
    "cv-dev-792": "md",
}
TWO_COLUMN = {"cv-dev-781"}
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
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
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Heading1"], fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4, spaceBefore=4),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 1, leading=base_size + 2),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in data)
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow += [t, Spacer(1, 4)]
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(payload), st["li"], bulletText="-"))
        else:
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
    return flow


def split_sections(blocks):
    """Split blocks into (sidebar, main) by h2 section name."""
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload.lower() in SIDEBAR_SECTIONS else main
        elif kind == "h1":
            current = main
        current.append((kind, payload))
    return side, main


def render_pdf(cv_id, blocks, out):
    margin = 16 * mm
    pw, ph = A4
    if cv_id in TWO_COLUMN:
        st_main = pdf_styles(9.5)
        st_side = pdf_styles(8.5)
        gap = 6 * mm
        side_w = 58 * mm
        main_w = pw - 2 * margin - side_w - gap
        h = ph - 2 * margin
        side_frame = Frame(margin, margin, side_w, h, id="sidebar",
                           leftPadding=4, rightPadding=4, topPadding=0, bottomPadding=0)
        main_frame = Frame(margin + side_w + gap, margin, main_w, h, id="main",
                           leftPadding=4, rightPadding=4, topPadding=0, bottomPadding=0)
        later_frame = Frame(margin + side_w + gap, margin, main_w, h, id="later",
                            leftPadding=4, rightPadding=4, topPadding=0, bottomPadding=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, 0, side_w + 4 * mm, ph, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, title=cv_id,
                              author="synthetic CV")
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later_frame], onPage=sidebar_bg),
        ])
        side, main = split_sections(blocks)
        flow = blocks_to_flowables(side, st_side, side_w - 8)
        flow += [NextPageTemplate("later"), FrameBreak()]
        flow += blocks_to_flowables(main, st_main, main_w - 8)
        doc.build(flow)
    else:
        st = pdf_styles(10)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic CV")
        doc.build(blocks_to_flowables(blocks, st, pw - 2 * margin))


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, out):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci in range(ncol):
                    text = row[ci] if ci < len(row) else ""
                    par = cells[ci].paragraphs[0]
                    add_runs(par, text)
                    if ri == 0:
                        for r in par.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            out = src
        print(f"{cv_id}: {fmt} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
