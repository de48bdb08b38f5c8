"""Render the heldout-w3g CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3g/render.py

The .md file is the CV's content. PDF and DOCX targets are rendered from it;
MD targets need no rendering (the .md file itself is the target).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

# target format per CV id
TARGETS = {
    "cv-ho-373": "docx",
    "cv-ho-374": "md",
    "cv-ho-375": "docx",  # skills as a real Word table
    "cv-ho-376": "pdf-two-column",
    "cv-ho-377": "md",
    "cv-ho-378": "pdf",
    "cv-ho-379": "docx",
    "cv-ho-380": "md",
    "cv-ho-381": "pdf",
    "cv-ho-382": "pdf",
    "cv-ho-383": "docx",
    "cv-ho-384": "md",
}

# sections that go to the left sidebar of the two-column PDF
SIDEBAR_SECTIONS = {
    "cv-ho-376": ["Contact", "Technical Skills", "Certifications", "Languages"],
}


# ---------------------------------------------------------------- parsing
def parse_md(text: str):
    """Parse the small Markdown subset used by the CVs into blocks.

    Blocks: ("h1"|"h2"|"h3", text), ("bullet", text), ("table", rows), ("para", [lines]).
    """
    blocks = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        if line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:].strip()))
            continue
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def inline_runs(text: str):
    """Split text on **bold** markers -> list of (text, bold)."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


def to_rl_markup(text: str) -> str:
    return "".join(
        f"<b>{escape(t)}</b>" if b else escape(t) for t, b in inline_runs(text)
    )


# ---------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/liberation/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "LiberationSans-Regular.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "LiberationSans-Bold.ttf"))
        addMapping("CVSans", 0, 0, "CVSans")
        addMapping("CVSans", 1, 0, "CVSans-Bold")
        addMapping("CVSans", 0, 1, "CVSans")
        addMapping("CVSans", 1, 1, "CVSans-Bold")
        return "CVSans", "CVSans-Bold"
    except Exception:  # fall back to the built-in fonts
        return "Helvetica", "Helvetica-Bold"


def _styles(scale: float = 1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    reg, bold = _fonts()
    s = {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=4, textColor=colors.HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10.5 * scale, leading=13 * scale,
                             spaceBefore=6, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=reg, fontSize=9.5 * scale, leading=12.5 * scale,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=reg, fontSize=9.5 * scale,
                                 leading=12.5 * scale, leftIndent=12, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=reg, fontSize=9 * scale, leading=11 * scale),
    }
    return s


def _flowables(blocks, styles, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl_markup(payload), styles[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl_markup(l) for l in payload), styles["para"]))
        elif kind == "table":
            rows = [[Paragraph(to_rl_markup(c), styles["cell"]) for c in r] for r in payload]
            t = Table(rows, colWidths=[width * 0.38, width * 0.62])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="")
    styles = _styles()
    doc.build(_flowables(blocks, styles, doc.width))
    return out


def render_pdf_two_column(cv_id: str, blocks):
    """Header across the top, a skills sidebar on the left and the main column on the right.

    Uses BaseDocTemplate with separate Frames so the text layer is really two columns.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.4 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm

    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    body_h = H - 2 * margin - header_h - 0.3 * cm
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=first_page_bg),
        PageTemplate(id="later", frames=[later]),
    ])

    side_names = set(SIDEBAR_SECTIONS[cv_id])
    head_blocks, side_blocks, main_blocks = [], [], []
    current = head_blocks
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in side_names else main_blocks
        current.append((kind, payload))

    big = _styles()
    small = _styles(scale=0.9)
    story = [NextPageTemplate("later")]
    story += _flowables(head_blocks, big, W - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(side_blocks, small, side_w - 12)
    story.append(FrameBreak())
    story += _flowables(main_blocks, big, W - 2 * margin - side_w - gap)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id: str, blocks):
    from docx import Document
    from docx.shared import Pt, RGBColor
    from docx.enum.table import WD_TABLE_ALIGNMENT

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    def add_runs(p, text):
        for t, b in inline_runs(text):
            r = p.add_run(t)
            r.bold = b

    for kind, payload in blocks:
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
        elif kind == "para":
            p = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci in range(ncols):
                    text = row[ci] if ci < len(row) else ""
                    par = cells[ci].paragraphs[0]
                    for tt, b in inline_runs(text):
                        r = par.add_run(tt)
                        r.bold = b or ri == 0
            doc.add_paragraph()
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = ""
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse_md(md.read_text(encoding="utf-8"))
        if fmt == "md":
            out = md
        elif fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {fmt:15s} -> {out.name} ({os.path.getsize(out) / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
