"""Render the dev-ck CVs (cv-dev-1093 .. cv-dev-1104) from their Markdown text.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ck/render.py

Each <id>.md holds exactly the CV's content. This script turns the ones whose
target format is PDF or DOCX into that format (the .md targets are used as is):

- PDF  (reportlab, real text layer, embedded DejaVu/Vera TTF subset)
  * cv-dev-1094 is a two-column layout: a header frame, a narrow sidebar frame
    (Contact / Skills / Languages / Interests) and a main frame (everything
    else), built with BaseDocTemplate + Frames, so the text layer really is in
    two columns.
  * Markdown tables become reportlab Tables (cv-dev-1102 skills table).
- DOCX (python-docx); Markdown tables become real Word tables
  (cv-dev-1097 skills table).

Only a small Markdown subset is supported: '#', '##', '###' headings, '- '
bullets, '|' tables, '---' rules, plain lines, **bold** and *italic*.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1093": "md",
    "cv-dev-1094": "pdf-2col",
    "cv-dev-1095": "docx",
    "cv-dev-1096": "md",
    "cv-dev-1097": "docx",
    "cv-dev-1098": "md",
    "cv-dev-1099": "pdf",
    "cv-dev-1100": "docx",
    "cv-dev-1101": "md",
    "cv-dev-1102": "pdf",
    "cv-dev-1103": "docx",
    "cv-dev-1104": "pdf",
}

SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Markdown subset parser
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, lines (list of str), bullet (str), table (list of rows), hr
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush():
        if para:
            blocks.append(("lines", list(para)))
            para.clear()

    while i < len(lines):
        raw = lines[i]
        line = raw.rstrip()
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("### "):
            flush()
            blocks.append(("h3", s[4:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("# "):
            flush()
            blocks.append(("h1", s[2:].strip()))
        elif s == "---":
            flush()
            blocks.append(("hr", None))
        elif s.startswith("- "):
            flush()
            blocks.append(("bullet", s[2:].strip()))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip().strip("|")
                cells = [c.strip() for c in row.split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (chunk, bold, italic) runs."""
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


def to_rl_markup(text: str) -> str:
    from xml.sax.saxutils import escape

    res = []
    for chunk, b, it in inline_runs(text):
        c = escape(chunk)
        if b:
            c = f"<b>{c}</b>"
        if it:
            c = f"<i>{c}</i>"
        res.append(c)
    return "".join(res)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def register_fonts():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    import reportlab

    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    rl_fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append(tuple(os.path.join(rl_fonts, f) for f in
                            ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")))
    for reg, bold, ital, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", ital))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", bi))
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans-Italic")
            addMapping("CVSans", 1, 1, "CVSans-BoldItalic")
            return "CVSans"
    return "Helvetica"


def pdf_styles(font: str, compact: bool = False):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = 8.6 if compact else 9.6
    return {
        "h1": ParagraphStyle("h1", fontName=font, fontSize=18, leading=22,
                             textColor=colors.HexColor("#1d3557"), spaceAfter=2),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=14,
                             textColor=colors.HexColor("#1d3557"), spaceBefore=8,
                             spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=font, fontSize=base + 0.6,
                             leading=base + 3.5, spaceBefore=4, spaceAfter=1),
        "body": ParagraphStyle("body", fontName=font, fontSize=base,
                               leading=base + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=base,
                                 leading=base + 3, leftIndent=11,
                                 bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=base,
                               leading=base + 2.5),
    }


def blocks_to_flowables(blocks, st, width):
    from reportlab.lib import colors
    from reportlab.platypus import HRFlowable, Paragraph, Spacer, Table, TableStyle

    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(f"<b>{to_rl_markup(payload)}</b>", st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(f"<b>{to_rl_markup(payload).upper()}</b>", st["h2"]))
            out.append(HRFlowable(width="100%", thickness=0.6,
                                  color=colors.HexColor("#457b9d"), spaceAfter=3))
        elif kind == "h3":
            out.append(Paragraph(f"<b>{to_rl_markup(payload)}</b>", st["h3"]))
        elif kind == "lines":
            out.append(Paragraph("<br/>".join(to_rl_markup(x) for x in payload),
                                 st["body"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"],
                                 bulletText="\u2022"))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.4, color=colors.grey,
                                  spaceBefore=3, spaceAfter=3))
        elif kind == "table":
            rows = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % to_rl_markup(c),
                               st["cell"]) for c in row]
                    for r, row in enumerate(payload)]
            ncol = max(len(r) for r in rows)
            if ncol == 2:
                widths = [width * 0.55, width * 0.43]
            else:
                widths = [width * 0.98 / ncol] * ncol
            t = Table(rows, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#a8b3bf")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, blocks, out_path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    font = register_fonts()
    st = pdf_styles(font)
    doc = SimpleDocTemplate(str(out_path), pagesize=A4,
                            leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.7 * cm, bottomMargin=1.7 * cm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Split into (header_blocks, {section_name: blocks}) keeping order."""
    header, sections, order = [], {}, []
    current = None
    for kind, payload in blocks:
        if kind == "h2":
            current = payload
            sections[current] = [(kind, payload)]
            order.append(current)
        elif current is None:
            header.append((kind, payload))
        else:
            sections[current].append((kind, payload))
    return header, sections, order


def render_pdf_two_column(cv_id: str, blocks, out_path: Path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                    NextPageTemplate, PageTemplate)

    font = register_fonts()
    st_main = pdf_styles(font)
    st_side = pdf_styles(font, compact=True)
    st_side["h2"].fontSize = 10
    st_side["h2"].leading = 12

    page_w, page_h = A4
    margin = 1.5 * cm
    header_h = 2.3 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin,
                         header_h, id="header", leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0)
    full_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin,
                       id="full", leftPadding=0, rightPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, leftMargin=margin,
                          rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=f"CV {cv_id}",
                          author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="onecol", frames=[full_frame]),
    ])

    header, sections, order = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for name in order:
        (side_blocks if name in SIDEBAR_SECTIONS else main_blocks).extend(sections[name])

    story = [NextPageTemplate("onecol")]
    story += blocks_to_flowables(header, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, st_side, side_w - 12)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text: str):
    for chunk, b, it in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = b or None
        run.italic = it or None


def render_docx(cv_id: str, blocks, out_path: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"

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
        elif kind == "lines":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "hr":
            doc.add_paragraph("")
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    par = cells[c].paragraphs[0]
                    add_runs(par, f"**{val}**" if r == 0 else val)
            doc.add_paragraph("")
    doc.save(str(out_path))


# --------------------------------------------------------------------------
def main(argv):
    only = set(argv[1:])
    for cv_id, target in TARGETS.items():
        if only and cv_id not in only:
            continue
        md_path = HERE / f"{cv_id}.md"
        blocks = parse_md(md_path.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: md (no rendering needed)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv)
