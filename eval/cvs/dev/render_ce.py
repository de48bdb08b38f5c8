"""Render the dev-ce synthetic CVs from their Markdown source to PDF / DOCX.

Usage (from anywhere):
    python eval/cvs/dev-ce/render.py

Each ``cv-dev-NNNN.md`` is the CV's text.  ``TARGETS`` says which format is the
target for each id; ``.md`` targets are left as they are.  PDFs are built with
reportlab (real text layer), DOCX with python-docx.  ``cv-dev-1021`` is laid
out in two columns (sidebar + main column) with a ``BaseDocTemplate`` whose
page has separate frames, so the PDF text layer really is two columns.

The Markdown subset understood here is the one the CVs use:
``# name``, ``## section``, ``### sub-heading``, ``- bullet``, ``| table |``,
plain paragraphs, ``**bold**`` and ``*italic*``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1021": "pdf",  # two-column
    "cv-dev-1022": "docx",
    "cv-dev-1023": "docx",
    "cv-dev-1024": "md",
    "cv-dev-1025": "pdf",
    "cv-dev-1026": "md",
    "cv-dev-1027": "docx",  # Word table for skills
    "cv-dev-1028": "pdf",
    "cv-dev-1029": "md",
    "cv-dev-1030": "pdf",  # reportlab table for skills
    "cv-dev-1031": "docx",
    "cv-dev-1032": "md",
}

# Sections that go into the left sidebar of a two-column PDF.
TWO_COLUMN = {
    "cv-dev-1021": {"Education", "Skills", "Languages", "Interests"},
}


# --------------------------------------------------------------------------
# Markdown parsing
# --------------------------------------------------------------------------

def parse(md: str) -> list[tuple]:
    """Return a list of blocks: (kind, payload)."""
    blocks: list[tuple] = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("name", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.lstrip().startswith("- "):
            blocks.append(("bullet", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
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


def to_rl(text: str) -> str:
    """Inline Markdown to reportlab mini-markup."""
    out = []
    for chunk, bold, italic in inline_runs(text):
        esc = html.escape(chunk, quote=False)
        if bold:
            esc = f"<b>{esc}</b>"
        if italic:
            esc = f"<i>{esc}</i>"
        out.append(esc)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

ACCENT = colors.HexColor("#1f4e79")


def pdf_styles(base: float = 9.5) -> dict[str, ParagraphStyle]:
    return {
        "name": ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=17,
                               leading=21, textColor=ACCENT, spaceAfter=2),
        "contact": ParagraphStyle("contact", fontName="Helvetica", fontSize=base - 0.5,
                                  leading=base + 3, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2,
                             leading=base + 5, textColor=ACCENT, spaceBefore=7,
                             spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3.5, spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base + 3, spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "name":
            flow.append(Paragraph(to_rl(payload), st["name"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload).upper(), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            rows = [[Paragraph(to_rl(c), st["cell"]) for c in r] for r in payload]
            ncol = len(payload[0])
            if ncol == 3:
                widths = [width * 0.25, width * 0.55, width * 0.20]
            else:
                widths = [width / ncol] * ncol
            t = Table(rows, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 3))
    return flow


def render_pdf(cv_id: str, blocks, out: Path) -> None:
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=cv_id, author="synthetic")
    # Contact line directly after the name uses the contact style.
    fixed = []
    for idx, (kind, payload) in enumerate(blocks):
        if kind == "para" and idx == 1 and blocks[0][0] == "name":
            fixed.append(("contact", payload))
        else:
            fixed.append((kind, payload))
    flow = []
    for kind, payload in fixed:
        if kind == "contact":
            flow.append(Paragraph(to_rl(payload), st["contact"]))
        else:
            flow.extend(pdf_flowables([(kind, payload)], st, doc.width))
    doc.build(flow)


def split_sections(blocks):
    """Header blocks (before the first ##) and a list of (title, blocks)."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id: str, blocks, out: Path, sidebar_titles) -> None:
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin,
                         header_h, id="header", leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=5, rightPadding=5, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    side_frame2 = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar2",
                        leftPadding=5, rightPadding=5)
    main_frame2 = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin,
                        id="main2", leftPadding=0, rightPadding=0)

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        top = page_h - margin - header_h if doc.page == 1 else page_h - margin
        canvas.rect(margin, margin, side_w, top - margin, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[side_frame2, main_frame2],
                     onPage=draw_sidebar),
    ])

    st_main = pdf_styles(9.3)
    st_side = pdf_styles(8.6)
    header, sections = split_sections(blocks)
    story = []
    for idx, (kind, payload) in enumerate(header):
        if kind == "name":
            story.append(Paragraph(to_rl(payload), st_main["name"]))
        else:
            story.append(Paragraph(to_rl(payload), st_main["contact"]))
    story.append(FrameBreak())
    for title, sec in sections:
        if title in sidebar_titles:
            story.extend(pdf_flowables(sec, st_side, side_w - 10))
    story.append(FrameBreak())
    for title, sec in sections:
        if title not in sidebar_titles:
            story.extend(pdf_flowables(sec, st_main, main_w))
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def add_runs(par, text: str, size: float | None = None) -> None:
    for chunk, bold, italic in inline_runs(text):
        run = par.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, blocks, out: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    for idx, (kind, payload) in enumerate(blocks):
        if kind == "name":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "para":
            p = doc.add_paragraph()
            if idx == 1 and blocks[0][0] == "name":  # contact line
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                add_runs(p, payload, size=9.5)
                for r in p.runs:
                    r.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
            else:
                add_runs(p, payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(rows):
                for c_i, cell_text in enumerate(row):
                    cell = table.cell(r_i, c_i)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text)
                    if r_i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))


# --------------------------------------------------------------------------

def main() -> None:
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        out = HERE / f"{cv_id}.{fmt}"
        if fmt == "pdf" and cv_id in TWO_COLUMN:
            render_pdf_two_column(cv_id, blocks, out, TWO_COLUMN[cv_id])
        elif fmt == "pdf":
            render_pdf(cv_id, blocks, out)
        elif fmt == "docx":
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
