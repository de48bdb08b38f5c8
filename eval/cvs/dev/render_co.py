"""Render the dev-co CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-co/render.py

Targets:
  PDF  : cv-dev-1141 (two-column: sidebar + main column), 1142, 1146, 1151
  DOCX : cv-dev-1143 (skills as a real Word table), 1145, 1149, 1152
  MD   : cv-dev-1144, 1147, 1148, 1150 (the .md file itself is the target)

Only a small subset of Markdown is understood: '# ' name line, '## ' section
headings, '- ' bullets, '|' tables, paragraphs (each source line is kept as its
own line), **bold** and *italic*.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-1141", "cv-dev-1142", "cv-dev-1146", "cv-dev-1151"]
TWO_COLUMN = {"cv-dev-1141"}
DOCX_TARGETS = ["cv-dev-1143", "cv-dev-1145", "cv-dev-1149", "cv-dev-1152"]
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# ---------------------------------------------------------------- parsing
def parse(md: str):
    """Return (name, header_lines, sections) where sections = [(title, blocks)].

    A block is ("para", [lines]) | ("bullets", [items]) | ("table", [rows]).
    """
    name = ""
    header: list = []
    sections: list = []
    current = header
    para: list = []
    bullets: list = []
    table: list = []

    def flush():
        nonlocal para, bullets, table
        if para:
            current.append(("para", para))
        if bullets:
            current.append(("bullets", bullets))
        if table:
            current.append(("table", table))
        para, bullets, table = [], [], []

    for raw in md.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("# "):
            flush()
            name = line[2:].strip()
            continue
        if line.startswith("## "):
            flush()
            blocks: list = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
            continue
        if line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:].strip())
            continue
        if line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        if bullets or table:
            flush()
        para.append(line.strip())
    flush()
    return name, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|(?<![\w*])\*(?!\s)[^*]+?(?<!\s)\*(?![\w*]))")


def runs(text: str):
    """Split inline markdown into (text, bold, italic) runs."""
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
def _pdf_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for n, f in files.items():
            pdfmetrics.registerFont(TTFont(n, base + f))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    out = []
    for t, b, i in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


def _styles(font, bold, scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    s = {}
    s["name"] = ParagraphStyle("name", fontName=bold, fontSize=18 * scale, leading=22 * scale, spaceAfter=4)
    s["sub"] = ParagraphStyle("sub", fontName=font, fontSize=9.5 * scale, leading=12.5 * scale, textColor=colors.HexColor("#333333"))
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale, spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["body"] = ParagraphStyle("body", fontName=font, fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=font)
    s["cell"] = ParagraphStyle("cell", fontName=font, fontSize=8.5 * scale, leading=10.5 * scale)
    return s


def _blocks_to_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, data in blocks:
        if kind == "para":
            out.append(Paragraph("<br/>".join(_xml(l) for l in data), st["body"]))
        elif kind == "bullets":
            for item in data:
                out.append(Paragraph(_xml(item), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            rows = [[Paragraph(_xml(c), st["cell"]) for c in r] for r in data]
            t = Table(rows, colWidths=[width / len(data[0])] * len(data[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, md: str, two_column: bool):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                    FrameBreak, NextPageTemplate, SimpleDocTemplate)

    font, bold = _pdf_fonts()
    name, header, sections = parse(md)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 16 * mm

    if not two_column:
        st = _styles(font, bold)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=f"CV - {name}", author=name)
        width = W - 2 * margin
        story = [Paragraph(_xml(name), st["name"])]
        for kind, data in header:
            story.append(Paragraph("<br/>".join(_xml(l) for l in data), st["sub"]))
        for title, blocks in sections:
            story.append(Paragraph(_xml(title), st["h2"]))
            story.extend(_blocks_to_flowables(blocks, st, width))
        doc.build(story)
        return out

    # Two-column layout: header band on top, a narrow sidebar (contact, skills,
    # languages, interests) on the left and the main column on the right.
    st = _styles(font, bold, scale=0.95)
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    main_x = margin + side_w + gap
    main_w = W - margin - main_x
    f_head = Frame(margin, body_top, W - 2 * margin, header_h, id="head", showBoundary=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
    f_main = Frame(main_x, margin, main_w, body_h, id="main", showBoundary=0)
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canv, doc):
        from reportlab.lib import colors
        canv.saveState()
        canv.setFillColor(colors.HexColor("#f1f4f8"))
        canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=f"CV - {name}", author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later"), Paragraph(_xml(name), st["name"])]
    for kind, data in header:
        story.append(Paragraph("<br/>".join(_xml(l) for l in data), st["sub"]))
    story.append(FrameBreak())
    side = [(t, b) for t, b in sections if t.lower() in SIDEBAR_SECTIONS]
    main = [(t, b) for t, b in sections if t.lower() not in SIDEBAR_SECTIONS]
    for title, blocks in side:
        story.append(Paragraph(_xml(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, side_w))
    story.append(FrameBreak())
    for title, blocks in main:
        story.append(Paragraph(_xml(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, main_w))
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id: str, md: str):
    from docx import Document
    from docx.shared import Pt

    name, header, sections = parse(md)
    doc = Document()
    doc.core_properties.title = f"CV - {name}"
    doc.core_properties.author = name
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    def add_blocks(blocks):
        for kind, data in blocks:
            if kind == "para":
                p = doc.add_paragraph()
                for k, line in enumerate(data):
                    if k:
                        p.add_run().add_break()
                    _add_runs(p, line)
            elif kind == "bullets":
                for item in data:
                    _add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif kind == "table":
                t = doc.add_table(rows=len(data), cols=len(data[0]))
                t.style = "Table Grid"
                for r, row in enumerate(data):
                    for c, cell in enumerate(row):
                        para = t.cell(r, c).paragraphs[0]
                        _add_runs(para, cell)
                        if r == 0:
                            for run in para.runs:
                                run.bold = True
                doc.add_paragraph()

    doc.add_heading(name, level=0)
    add_blocks(header)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        add_blocks(blocks)
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        out = render_pdf(cv_id, md, cv_id in TWO_COLUMN)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")
    for cv_id in DOCX_TARGETS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        out = render_docx(cv_id, md)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
