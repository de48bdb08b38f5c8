"""Render the heldout-w4b CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4b/render.py

The .md file is the CV's content; this script only changes its layout.
- PDF: reportlab, real text layer (embedded DejaVu Sans subset, no images).
  cv-ho-409 uses a two-frame page (sidebar + main column).
- DOCX: python-docx; Markdown tables become real Word tables.
- MD targets are left as they are.
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

# Embed DejaVu Sans (subset) when available so every glyph, including the
# bullet, has a clean ToUnicode mapping in the text layer; else Helvetica.
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for _name, _file in [("DejaVuSans", "DejaVuSans.ttf"),
                         ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
                         ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
                         ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf")]:
        pdfmetrics.registerFont(TTFont(_name, str(_DEJAVU / _file)))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
    addMapping("DejaVuSans-Bold", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans-Bold", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans-Bold", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans-Bold", 1, 1, "DejaVuSans-BoldOblique")
    FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"

TARGETS = {
    "cv-ho-409": "pdf-two-column",
    "cv-ho-410": "pdf",
    "cv-ho-411": "pdf",
    "cv-ho-412": "pdf",
    "cv-ho-413": "docx",
    "cv-ho-414": "docx",
    "cv-ho-415": "docx",
    "cv-ho-416": "docx",
    "cv-ho-417": "md",
    "cv-ho-418": "md",
    "cv-ho-419": "md",
    "cv-ho-420": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-ho-409": {"Contact", "Skills", "Currently learning", "Languages"}}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    """Return blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table, hr."""
    blocks: list[tuple] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [row[:] for row in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:].strip()))
        elif line.strip() == "---":
            flush_para()
            blocks.append(("hr", None))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    current = None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


# --------------------------------------------------------------------------
# Inline markup
# --------------------------------------------------------------------------
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text: str) -> str:
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


def add_runs(paragraph, text: str):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def styles(scale: float = 1.0):
    base = 9.0 * scale
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base + 8,
                                leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 2.5,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base,
                               leading=base + 3, spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5,
                               leading=base + 2),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "hr":
            flow.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in data)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id: str, blocks, out: Path):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id: str, blocks, out: Path):
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0,
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0,
                 leftPadding=4, rightPadding=4)
    rest = Frame(margin, margin, page_w - 2 * margin, body_h, id="rest")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, body_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[rest]),
    ])

    header, sections = split_sections(blocks)
    sidebar_names = SIDEBAR_SECTIONS[cv_id]
    side_st = styles(0.92)
    main_st = styles()

    story = [NextPageTemplate("rest")]
    story += blocks_to_flowables(header, side_st, side_w - 8)
    for name, body in sections:
        if name in sidebar_names:
            story += blocks_to_flowables([("h2", name)] + body, side_st, side_w - 8)
    story.append(FrameBreak())
    for name, body in sections:
        if name not in sidebar_names:
            story += blocks_to_flowables([("h2", name)] + body, main_st, main_w - 8)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(cv_id: str, blocks, out: Path):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = f"CV {cv_id}"
    d.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = d.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "hr":
            d.add_paragraph()
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c in range(ncol):
                    cell = t.cell(r, c)
                    cell.text = ""
                    text = row[c] if c < len(row) else ""
                    run_par = cell.paragraphs[0]
                    if r == 0:
                        run_par.add_run(text).bold = True
                    else:
                        add_runs(run_par, text)
    d.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
