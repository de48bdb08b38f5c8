"""Render the heldout-l CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-l/render.py

Each cv-ho-XXX.md holds the CV's exact text. This script turns some of them
into PDF (reportlab, real text layer) or DOCX (python-docx); the others stay
as Markdown. cv-ho-141 is laid out in two columns (sidebar + main) with
reportlab frames, so its text layer is really two columns.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
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
    "cv-ho-133": "pdf",
    "cv-ho-134": "docx",
    "cv-ho-135": "md",
    "cv-ho-136": "docx",
    "cv-ho-137": "pdf",
    "cv-ho-138": "md",
    "cv-ho-139": "docx",
    "cv-ho-140": "md",
    "cv-ho-141": "pdf-two-column",
    "cv-ho-142": "pdf",
    "cv-ho-143": "md",
    "cv-ho-144": "docx",
}

# Sections that go in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certificates", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple]:
    """Parse the small Markdown subset used by the CVs into blocks.

    Blocks: ("title", text), ("h2", text), ("h3", text), ("para", text),
    ("bullets", [text, ...]), ("table", [[cell, ...], ...]).
    """
    blocks: list[tuple] = []
    para: list[str] = []
    bullets: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal para, bullets, table
        if para:
            blocks.append(("para", " ".join(para)))
        if bullets:
            blocks.append(("bullets", bullets))
        if table:
            blocks.append(("table", table))
        para, bullets, table = [], [], []

    for raw in md.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
        else:
            if bullets or table:
                flush()
            para.append(line.strip())
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (chunk, bold, italic) runs."""
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


def rl_markup(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["Normal"], fontName="Helvetica",
        fontSize=9.5 * scale, leading=12.5 * scale, alignment=TA_LEFT,
    )
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold",
                                fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5,
                             spaceAfter=2),
        "para": ParagraphStyle("para", parent=body, spaceAfter=4),
        "bullet": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9 * scale, leading=11 * scale),
    }


def pdf_flowables(blocks: list[tuple], st: dict[str, ParagraphStyle], width: float) -> list:
    flow: list = []
    for kind, content in blocks:
        if kind in ("title", "h2", "h3", "para"):
            flow.append(Paragraph(rl_markup(content), st[kind]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(rl_markup(b), st["bullet"]), leftIndent=10)
                     for b in content]
            flow.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                     leftIndent=10, bulletFontSize=7))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in content]
            ncol = len(content[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    margin = 18 * mm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id,
                            author="synthetic CV")
    st = pdf_styles()
    doc.build(pdf_flowables(blocks, st, A4[0] - 2 * margin))
    return out


def split_sections(blocks: list[tuple]) -> tuple[list, list, list]:
    """Header (before the first h2), sidebar sections, main sections."""
    header, side, main = [], [], []
    target = header
    for block in blocks:
        if block[0] == "h2":
            target = side if block[1] in SIDEBAR_SECTIONS else main
        target.append(block)
    return header, side, main


def render_pdf_two_column(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gutter = 8 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0)
    later_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, side, main = split_sections(blocks)
    st = pdf_styles()
    side_st = pdf_styles(scale=0.92)
    story: list = [NextPageTemplate("later")]
    story += pdf_flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += pdf_flowables(main, st, main_w)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text: str) -> None:
    for chunk, bold, italic in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, content in blocks:
        if kind == "title":
            doc.add_heading(content, level=0)
        elif kind == "h2":
            doc.add_heading(content, level=1)
        elif kind == "h3":
            doc.add_heading(content, level=2)
        elif kind == "para":
            add_runs(doc.add_paragraph(), content)
        elif kind == "bullets":
            for b in content:
                add_runs(doc.add_paragraph(style="List Bullet"), b)
        elif kind == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    add_runs(p, cell_text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.author = "synthetic CV"
    doc.core_properties.title = cv_id
    doc.save(str(out))
    return out


def main() -> None:
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = md_path  # the Markdown file is the target itself
        print(f"{cv_id}: {target:15s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
