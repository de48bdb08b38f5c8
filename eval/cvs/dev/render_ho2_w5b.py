"""Render the heldout-w5b CVs from Markdown to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w5b/render.py

Each CV's text lives in <id>.md.  This script turns some of them into PDF
(reportlab, real text layer; one of them laid out in two columns) and some
into DOCX (python-docx; one with a real Word table for the skills).  The
Markdown-target CVs are left as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
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

# id -> target format.  "pdf2col" is a PDF with a sidebar column + main column.
TARGETS = {
    "cv-ho-505": "pdf2col",
    "cv-ho-506": "docx",
    "cv-ho-507": "md",
    "cv-ho-508": "pdf",
    "cv-ho-509": "docx",
    "cv-ho-510": "md",
    "cv-ho-511": "pdf",
    "cv-ho-512": "docx",
    "cv-ho-513": "md",
    "cv-ho-514": "pdf",
    "cv-ho-515": "docx",
    "cv-ho-516": "md",
}

# Sections that go into the left sidebar of a two-column PDF.
SIDEBAR_SECTIONS = {
    "cv-ho-505": {"Skills", "Languages", "Interests"},
}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_markdown(text: str) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    para: list[str] = []
    items: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        nonlocal para, items, rows
        if para:
            blocks.append(("p", para))
            para = []
        if items:
            blocks.append(("ul", items))
            items = []
        if rows:
            blocks.append(("table", rows))
            rows = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        if line.lstrip().startswith("|"):
            if para or items:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            rows.append(cells)
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            if para or rows:
                flush()
            items.append(m.group(1))
            continue
        if items or rows:
            flush()
        para.append(line.strip())
    flush()
    return blocks


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks), ...]) split on level-2 headings."""
    header, sections = [], []
    current = None
    for kind, data in blocks:
        if kind == "h2":
            current = (data, [])
            sections.append(current)
        elif current is None:
            header.append((kind, data))
        else:
            current[1].append((kind, data))
    return header, sections


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def rl_inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def pdf_styles(base_size: float = 9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
            textColor=colors.HexColor("#1f3b5a"),
        ),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=10, leading=12, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base_size, leading=base_size * 1.3,
                            spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base_size, leading=base_size * 1.3),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base_size, leading=base_size * 1.25),
    }


def pdf_flowables(blocks, st):
    out = []
    for kind, data in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(rl_inline(data), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(rl_inline(x) for x in data), st["p"]))
        elif kind == "ul":
            out.append(
                ListFlowable(
                    [ListItem(Paragraph(rl_inline(x), st["li"]), leftIndent=10) for x in data],
                    bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7,
                    spaceAfter=3,
                )
            )
        elif kind == "table":
            rows = [[Paragraph(rl_inline(c), st["cell"]) for c in r] for r in data]
            t = Table(rows, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def title_of(blocks) -> str:
    for kind, data in blocks:
        if kind == "h1":
            return data
    return "CV"


def render_pdf(cv_id: str, blocks, out: Path) -> None:
    st = pdf_styles()
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
        topMargin=15 * mm, bottomMargin=15 * mm, title=title_of(blocks), author=title_of(blocks),
        subject="Curriculum vitae",
    )
    doc.build(pdf_flowables(blocks, st))


def render_pdf_two_column(cv_id: str, blocks, out: Path) -> None:
    """Header across the top, skills sidebar on the left, experience on the right."""
    st = pdf_styles(base_size=8.8)
    side_st = dict(st)
    side_st["h2"] = ParagraphStyle("sh2", parent=st["h2"], fontSize=10.5, leading=13)
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 30 * mm
    gutter = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    # Continuation pages keep the two-column grid: an (empty) sidebar strip + main column.
    later_main = Frame(margin + side_w + gutter, margin, main_w, page_h - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3b5a"))
        canvas.setLineWidth(1)
        canvas.line(margin, page_h - margin - header_h + 2 * mm, page_w - margin,
                    page_h - margin - header_h + 2 * mm)
        canvas.restoreState()

    def later_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, page_h - 2 * margin, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(
        str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin, title=title_of(blocks), author=title_of(blocks), subject="Curriculum vitae",
    )
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=first_page),
        PageTemplate(id="later", frames=[later_main], onPage=later_page),
    ])

    header, sections = split_sections(blocks)
    sidebar_names = SIDEBAR_SECTIONS.get(cv_id, set())
    side_blocks, main_blocks = [], []
    for title, body in sections:
        target = side_blocks if title in sidebar_names else main_blocks
        target.append(("h2", title))
        target.extend(body)

    story = []
    story += pdf_flowables(header, st)
    story.append(FrameBreak())  # -> sidebar
    story += pdf_flowables(side_blocks, side_st)
    story.append(FrameBreak())  # -> main column
    story.append(NextPageTemplate("later"))
    story += pdf_flowables(main_blocks, st)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
INLINE_RE = re.compile(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))")


def add_inline(par, text: str) -> None:
    for piece in INLINE_RE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            par.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            par.add_run(piece[1:-1]).italic = True
        else:
            par.add_run(piece)


def render_docx(cv_id: str, blocks, out: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title_of(blocks)
    doc.core_properties.author = title_of(blocks)
    for kind, data in blocks:
        if kind == "h1":
            doc.add_heading(data, level=0)
        elif kind == "h2":
            doc.add_heading(data, level=1)
        elif kind == "h3":
            doc.add_heading(data, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            for i, line in enumerate(data):
                if i:
                    par.add_run().add_break()
                add_inline(par, line)
        elif kind == "ul":
            for item in data:
                add_inline(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncols = max(len(r) for r in data)
            table = doc.add_table(rows=len(data), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(data):
                for c in range(ncols):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    txt = row[c] if c < len(row) else ""
                    if r == 0:
                        p.add_run(txt).bold = True
                    else:
                        add_inline(p, txt)
            doc.add_paragraph()
    doc.save(str(out))


# --------------------------------------------------------------------------
def main() -> None:
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_markdown(src.read_text(encoding="utf-8"))
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
