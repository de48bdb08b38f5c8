"""Render the heldout6-157 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-157/render.py
The .md files are the source of truth; MD targets are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
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

TARGETS = {
    "cv-ho-2473": "docx",
    "cv-ho-2474": "pdf-2col",
    "cv-ho-2475": "md",
    "cv-ho-2476": "pdf",
    "cv-ho-2477": "docx",
    "cv-ho-2478": "pdf",
    "cv-ho-2479": "pdf",
    "cv-ho-2480": "md",
    "cv-ho-2481": "docx",
    "cv-ho-2482": "md",
    "cv-ho-2483": "md",
    "cv-ho-2484": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"Skills", "Education", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size, spaceBefore=4, spaceAfter=2),
        "p": body,
        "li": ParagraphStyle("li", parent=body, leftIndent=10, bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_inline(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.42, width * 0.58], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "li":
            out.append(Paragraph(rl_inline(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(rl_inline(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=path.stem, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path):
    """Header across the top, sidebar (skills etc.) on the left, main column on the right."""
    st = pdf_styles(9)
    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f0f3f8"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in SIDEBAR]
    main = [s for s in sections if s[0] not in SIDEBAR]

    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, st, W - 2 * margin)
    story.append(FrameBreak())
    for title, blk in side:
        story += pdf_flowables([("h2", title)] + blk, st, side_w)
    story.append(FrameBreak())
    for title, blk in main:
        story += pdf_flowables([("h2", title)] + blk, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def docx_add_inline(par, text):
    for k, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            run = par.add_run(part)
            run.bold = bool(k % 2)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "li":
            docx_add_inline(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            docx_add_inline(doc.add_paragraph(), payload)
    doc.core_properties.title = path.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
