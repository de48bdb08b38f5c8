"""Render the Markdown CVs in this folder to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-65/render.py

- PDF  (reportlab, real text layer; one CV uses a two-column layout built
        from separate Frames: a sidebar frame and a main frame)
- DOCX (python-docx; Markdown tables become real Word tables)
- MD   (the .md file itself is the target; nothing to do)
"""
import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

import docx
from docx.shared import Pt, Cm

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1369": "md",
    "cv-ho-1370": "pdf",
    "cv-ho-1371": "docx",
    "cv-ho-1372": "pdf2col",
    "cv-ho-1373": "docx",
    "cv-ho-1374": "md",
    "cv-ho-1375": "pdf",
    "cv-ho-1376": "docx",
    "cv-ho-1377": "md",
    "cv-ho-1378": "pdf",
    "cv-ho-1379": "docx",
    "cv-ho-1380": "md",
}

# Sections that go in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "education", "languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para, bullet (payload=(level, text)), table (list of rows).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_para()
            i += 1
            continue
        if stripped.startswith("# "):
            flush_para()
            blocks.append(("h1", stripped[2:].strip()))
        elif stripped.startswith("## "):
            flush_para()
            blocks.append(("h2", stripped[3:].strip()))
        elif stripped.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif re.match(r"^\s*([-*]|\d+\.)\s+", line):
            flush_para()
            indent = len(line) - len(line.lstrip(" "))
            level = 1 if indent >= 2 else 0
            m = re.match(r"^\s*([-*]|\d+\.)\s+(.*)$", line)
            marker, body = m.group(1), m.group(2)
            numbered = marker[0].isdigit()
            blocks.append(("bullet", (level, body, marker if numbered else None)))
        else:
            para.append(stripped)
        i += 1
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic)."""
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


# ---------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path(__file__).resolve().parents[3] / ".venv/lib/python3.11/site-packages/matplotlib/mpl-data/fonts/ttf",
    ]
    for d in candidates:
        reg, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        ital, boldital = d / "DejaVuSans-Oblique.ttf", d / "DejaVuSans-BoldOblique.ttf"
        if reg.exists() and bold.exists() and ital.exists() and boldital.exists():
            pdfmetrics.registerFont(TTFont("CVSans", str(reg)))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", str(bold)))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", str(ital)))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", str(boldital)))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()


def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base * 1.3,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet0": ParagraphStyle("b0", fontName=FONT, fontSize=base, leading=base * 1.3,
                                  leftIndent=12, bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT),
        "bullet1": ParagraphStyle("b1", fontName=FONT, fontSize=base, leading=base * 1.3,
                                  leftIndent=24, bulletIndent=14, spaceAfter=1.5, bulletFontName=FONT),
    }


def rl_markup(text):
    out = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(rl_markup(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(rl_markup(payload), st["h2"]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(rl_markup(l) for l in payload.split("\n")), st["para"]))
        elif kind == "bullet":
            level, body, marker = payload
            style = st["bullet1" if level else "bullet0"]
            flow.append(Paragraph(rl_markup(body), style, bulletText=marker or ("–" if level else "•")))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.65, width * 0.35])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            flow.append(t)
    return flow


def render_pdf(md_path, out_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    st = styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Split blocks into header (before first h2), sidebar and main sections."""
    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload.strip().lower() in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return header, sidebar, main


def render_pdf_two_column(md_path, out_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    header, sidebar, main = split_sections(blocks)
    page_w, page_h = A4
    margin = 1.5 * cm
    gutter = 0.7 * cm
    header_h = 2.3 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=0)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later_frame = Frame(margin + side_w + gutter, margin, main_w, page_h - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=first_page_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    st_side = styles(scale=0.92)
    st_main = styles()
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(header, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(sidebar, st_side, side_w - 12)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st_main, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, b, it in inline_runs(text):
        run = paragraph.add_run(seg)
        run.bold = b
        run.italic = it


def render_docx(md_path, out_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for section in d.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    for kind, payload in blocks:
        if kind == "h1":
            p = d.add_heading(level=0)
            add_runs(p, payload)
        elif kind == "h2":
            p = d.add_heading(level=1)
            add_runs(p, payload)
        elif kind == "para":
            lines = payload.split("\n")
            p = d.add_paragraph()
            for n, line in enumerate(lines):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            level, body, marker = payload
            if marker:
                p = d.add_paragraph(style="List Number")
            else:
                p = d.add_paragraph(style="List Bullet 2" if level else "List Bullet")
            add_runs(p, body)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    para = t.cell(r, c).paragraphs[0]
                    add_runs(para, cell)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = md_path.stem
    d.core_properties.author = "synthetic CV"
    d.save(str(out_path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if target == "md":
            print(f"{cv_id}: md (no rendering needed)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md, out)
        elif target == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(md, out)
        print(f"{cv_id}: {out.name} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
