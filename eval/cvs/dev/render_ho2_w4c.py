"""Render the heldout-w4c CVs from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4c/render.py

The .md file is the CV's exact content; this script only lays it out.
  - PDF  (reportlab, real text layer; one CV in a true two-column layout)
  - DOCX (python-docx; Markdown tables become real Word tables)
  - MD   (the .md file itself is the target, nothing to do)
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
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-421": "pdf-two-column",
    "cv-ho-422": "docx",
    "cv-ho-423": "md",
    "cv-ho-424": "pdf",
    "cv-ho-425": "docx",
    "cv-ho-426": "md",
    "cv-ho-427": "pdf",
    "cv-ho-428": "docx",
    "cv-ho-429": "md",
    "cv-ho-430": "pdf",
    "cv-ho-431": "docx",
    "cv-ho-432": "md",
}

# Sections of cv-ho-421 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Technical Skills", "Learning Now", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown block parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_blocks(text: str) -> list[tuple]:
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (list of rows), hr
    """
    blocks: list[tuple] = []
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
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
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
        elif line.strip() == "---":
            blocks.append(("hr", None))
        elif line.lstrip().startswith("- "):
            blocks.append(("bullet", line.lstrip()[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (chunk, bold, italic) runs."""
    runs = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size: float = 9.5) -> dict[str, ParagraphStyle]:
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 9, leading=base_size + 13, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", parent=body, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base_size - 0.5),
    }


def blocks_to_flowables(blocks, styles, width) -> list:
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            flow.append(Paragraph(to_rl_markup(payload), styles[kind]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="\u2022"))
        elif kind == "hr":
            flow.append(HRFlowable(width="100%", thickness=0.6, color=colors.grey,
                                   spaceBefore=4, spaceAfter=4))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def check_cp1252(text: str, cv_id: str) -> None:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:  # standard PDF fonts use WinAnsi encoding
        raise SystemExit(f"{cv_id}: character not representable in Helvetica: {e}")


def render_pdf(cv_id: str, text: str) -> Path:
    check_cp1252(text, cv_id)
    out = HERE / f"{cv_id}.pdf"
    margin = 18 * mm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic CV")
    styles = pdf_styles()
    flow = blocks_to_flowables(parse_blocks(text), styles, A4[0] - 2 * margin)
    doc.build(flow)
    return out


def render_pdf_two_column(cv_id: str, text: str) -> Path:
    """Header across the top, sidebar (skills etc.) on the left, experience on the right.

    Built with BaseDocTemplate and separate Frames, so the text layer is really
    laid out (and emitted) column by column.
    """
    check_cp1252(text, cv_id)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 15 * mm
    gutter = 7 * mm
    header_h = 20 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gutter
    body_h = H - 2 * margin - header_h

    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(margin + side_w + gutter, margin, main_w, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="First", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="Later", frames=[later]),
    ])

    blocks = parse_blocks(text)
    head, side_blocks, main_blocks = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h1":
            head.append((kind, payload))
            continue
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR_SECTIONS else main_blocks
        current.append((kind, payload))

    side_styles = pdf_styles(base_size=8.5)
    main_styles = pdf_styles(base_size=9.2)
    head_styles = pdf_styles(base_size=10)
    flow = [NextPageTemplate("Later")]
    flow += blocks_to_flowables(head, head_styles, W - 2 * margin)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side_blocks, side_styles, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main_blocks, main_styles, main_w)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text: str, size: float | None = None) -> None:
    for chunk, bold, italic in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, text: str) -> Path:
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"

    for kind, payload in parse_blocks(text):
        if kind == "h1":
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
        elif kind == "hr":
            doc.add_paragraph("")
        elif kind == "para":
            p = doc.add_paragraph()
            add_runs(p, payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, value in enumerate(row):
                    para = cells[c_i].paragraphs[0]
                    add_runs(para, f"**{value}**" if r_i == 0 else value)
            doc.add_paragraph("")
    doc.save(str(out))
    return out


def main() -> None:
    for cv_id, fmt in TARGETS.items():
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "md":
            print(f"{cv_id}: md (source file is the target)")
            continue
        if fmt == "pdf":
            out = render_pdf(cv_id, text)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, text)
        elif fmt == "docx":
            out = render_docx(cv_id, text)
        else:
            raise SystemExit(f"unknown format {fmt}")
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
