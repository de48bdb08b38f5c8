"""Render the heldout-w4a CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4a/render.py

The .md file of each CV is its exact content. CVs whose target is .md are not
rendered (the Markdown file is the target). PDFs use reportlab with a real text
layer; cv-ho-398 uses a two-column page (sidebar frame + main frame). DOCX files
use python-docx; Markdown tables become real Word tables.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-397": "md",
    "cv-ho-398": "pdf-two-column",
    "cv-ho-399": "docx",
    "cv-ho-400": "pdf",
    "cv-ho-401": "docx",
    "cv-ho-402": "pdf",
    "cv-ho-403": "md",
    "cv-ho-404": "docx",
    "cv-ho-405": "md",
    "cv-ho-406": "pdf",
    "cv-ho-407": "docx",
    "cv-ho-408": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"skills", "certifications", "languages", "interests"}


# --------------------------------------------------------------------------
# A tiny Markdown reader: title, header lines, sections of blocks.
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return (title, header_lines, sections); sections = [(name, blocks)].

    blocks: ("p", text) | ("ul", [(level, text), ...]) | ("ol", [text]) |
            ("table", [[cell, ...], ...])  (first row = header)
    """
    title = None
    header: list[str] = []
    sections: list[tuple[str, list]] = []
    cur_blocks = None

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            i += 1
            continue
        if s.startswith("# ") and title is None:
            title = s[2:].strip()
            i += 1
            continue
        if s.startswith("## "):
            cur_blocks = []
            sections.append((s[3:].strip(), cur_blocks))
            i += 1
            continue
        if cur_blocks is None:
            header.append(s)
            i += 1
            continue
        if s.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                r = lines[i].strip().strip("|")
                cells = [c.strip() for c in r.split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            cur_blocks.append(("table", rows))
            continue
        if re.match(r"^\s*- ", line):
            items = []
            while i < len(lines) and re.match(r"^\s*- ", lines[i]):
                indent = len(lines[i]) - len(lines[i].lstrip(" "))
                items.append((indent // 2, lines[i].strip()[2:].strip()))
                i += 1
            cur_blocks.append(("ul", items))
            continue
        if re.match(r"^\d+\. ", s):
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i].strip()):
                items.append(re.sub(r"^\d+\. ", "", lines[i].strip()))
                i += 1
            cur_blocks.append(("ol", items))
            continue
        cur_blocks.append(("p", s))
        i += 1
    return title, header, sections


def split_bold(text: str):
    """Yield (segment, is_bold) for **bold** markup."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _pdf_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ]
    for reg, bold in candidates:
        if os.path.exists(reg) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            from reportlab.lib.fonts import addMapping
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans")
            addMapping("CVSans", 1, 1, "CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _xml(text: str) -> str:
    out = []
    for seg, bold in split_bold(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{seg}</b>" if bold else seg)
    return "".join(out)


def _styles(font, bold, scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    base = ParagraphStyle("base", fontName=font, fontSize=9.5 * scale,
                          leading=12.5 * scale, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=bold,
                                fontSize=18, leading=22, spaceAfter=4),
        "header": ParagraphStyle("header", parent=base, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=4,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1.5),
        "li2": ParagraphStyle("li2", parent=base, leftIndent=24, bulletIndent=14, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=bold, spaceAfter=0),
    }


def _blocks_to_flowables(blocks, st, avail_width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, data in blocks:
        if kind == "p":
            flow.append(Paragraph(_xml(data), st["p"]))
        elif kind == "ul":
            for level, item in data:
                style = st["li2"] if level else st["li"]
                flow.append(Paragraph(_xml(item), style, bulletText="–" if level else "•"))
        elif kind == "ol":
            for n, item in enumerate(data, 1):
                flow.append(Paragraph(_xml(item), st["li"], bulletText=f"{n}."))
        elif kind == "table":
            rows = []
            for r_i, row in enumerate(data):
                style = st["cellb"] if r_i == 0 else st["cell"]
                rows.append([Paragraph(_xml(c), style) for c in row])
            ncol = len(data[0])
            if ncol == 3:
                widths = [avail_width * 0.40, avail_width * 0.45, avail_width * 0.15]
            elif ncol == 2:
                widths = [avail_width * 0.55, avail_width * 0.45]
            else:
                widths = [avail_width / ncol] * ncol
            t = Table(rows, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id: str, md: str, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate, Paragraph

    font, bold = _pdf_fonts()
    st = _styles(font, bold)
    title, header, sections = parse_md(md)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV – {title}", author=title)
    story = [Paragraph(_xml(title), st["title"])]
    story += [Paragraph(_xml(h), st["header"]) for h in header]
    for name, blocks in sections:
        story.append(Paragraph(_xml(name), st["h2"]))
        story += _blocks_to_flowables(blocks, st, doc.width)
    doc.build(story)


def render_pdf_two_column(cv_id: str, md: str, out: Path):
    """Header across the top, sidebar frame on the left, main frame on the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                    FrameBreak, NextPageTemplate)

    font, bold = _pdf_fonts()
    st = _styles(font, bold)
    side_st = _styles(font, bold, scale=0.92)
    title, header, sections = parse_md(md)

    W, H = A4
    margin = 1.6 * cm
    header_h = 3.2 * cm
    gap = 0.7 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    body_top = H - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=4)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3a5f"))
        canvas.setLineWidth(1)
        canvas.line(margin, body_top, W - margin, body_top)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV – {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=first_page),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    story = [NextPageTemplate("later"), Paragraph(_xml(title), st["title"])]
    story += [Paragraph(_xml(h), st["header"]) for h in header]
    story.append(FrameBreak())
    side = [(n, b) for n, b in sections if n.lower() in SIDEBAR_SECTIONS]
    main = [(n, b) for n, b in sections if n.lower() not in SIDEBAR_SECTIONS]
    for name, blocks in side:
        story.append(Paragraph(_xml(name), side_st["h2"]))
        story += _blocks_to_flowables(blocks, side_st, side_w - 12)
    story.append(FrameBreak())
    for name, blocks in main:
        story.append(Paragraph(_xml(name), st["h2"]))
        story += _blocks_to_flowables(blocks, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, is_bold in split_bold(text):
        run = par.add_run(seg)
        run.bold = is_bold


def render_docx(cv_id: str, md: str, out: Path):
    from docx import Document
    from docx.shared import Pt

    title, header, sections = parse_md(md)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV – {title}"
    doc.core_properties.author = title

    doc.add_heading(title, level=0)
    for h in header:
        _add_runs(doc.add_paragraph(), h)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        for kind, data in blocks:
            if kind == "p":
                _add_runs(doc.add_paragraph(), data)
            elif kind == "ul":
                for level, item in data:
                    style = "List Bullet 2" if level else "List Bullet"
                    _add_runs(doc.add_paragraph(style=style), item)
            elif kind == "ol":
                for item in data:
                    _add_runs(doc.add_paragraph(style="List Number"), item)
            elif kind == "table":
                table = doc.add_table(rows=0, cols=len(data[0]))
                table.style = "Table Grid"
                for r_i, row in enumerate(data):
                    cells = table.add_row().cells
                    for c_i, val in enumerate(row):
                        cells[c_i].text = ""
                        p = cells[c_i].paragraphs[0]
                        for seg, is_bold in split_bold(val):
                            run = p.add_run(seg)
                            run.bold = is_bold or r_i == 0
                doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, md, out)
        elif target == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, md, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, md, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
