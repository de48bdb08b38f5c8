"""Render the held-out CVs (batch w5h) from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w5h/render.py

Each cv-ho-NNN.md holds exactly the CV's text. This script renders the ones whose
target format is PDF or DOCX next to it; Markdown targets are left as they are.
PDFs are built with reportlab and have a real text layer; the two-column CV uses a
BaseDocTemplate with separate Frames (header, sidebar, main column).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id -> target format
TARGETS = {
    "cv-ho-577": "docx",
    "cv-ho-578": "pdf-2col",
    "cv-ho-579": "md",
    "cv-ho-580": "docx",
    "cv-ho-581": "pdf",
    "cv-ho-582": "docx",  # skills as a real Word table
    "cv-ho-583": "md",
    "cv-ho-584": "pdf",
    "cv-ho-585": "docx",
    "cv-ho-586": "pdf",
    "cv-ho-587": "md",
    "cv-ho-588": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse_md(text: str):
    """Return (name, header_lines, sections); sections = [(title, blocks)].

    blocks: ("p", [lines]) | ("ul", [items]) | ("h3", text) | ("table", [rows])
    """
    name = None
    header: list = []
    sections: list = []
    current = header
    para: list = []
    bullets: list = []
    table: list = []

    def flush():
        nonlocal para, bullets, table
        if para:
            current.append(("p", para))
        if bullets:
            current.append(("ul", bullets))
        if table:
            current.append(("table", table))
        para, bullets, table = [], [], []

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush()
            name = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks: list = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
        elif line.startswith("### "):
            flush()
            current.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
        elif not line.strip():
            flush()
        else:
            if bullets or table:
                flush()
            para.append(line.strip())
    flush()
    return name, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(s: str):
    """Split a string into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# --------------------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CV": "DejaVuSans.ttf",
        "CV-Bold": "DejaVuSans-Bold.ttf",
        "CV-Italic": "DejaVuSans-Oblique.ttf",
        "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for k, f in files.items():
            pdfmetrics.registerFont(TTFont(k, base + f))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


def _xml(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = []
    for text, b, i in inline_runs(s):
        if b:
            out.append(f"<b>{text}</b>")
        elif i:
            out.append(f"<i>{text}</i>")
        else:
            out.append(text)
    return "".join(out)


def _styles(small: bool = False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = _fonts()
    size = 8.6 if small else 9.6
    st = {
        "name": ParagraphStyle("name", fontName=bold, fontSize=17, leading=21, spaceAfter=2),
        "head": ParagraphStyle("head", fontName=font, fontSize=size, leading=size * 1.35,
                               textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size + 2, leading=(size + 2) * 1.3,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.5, leading=size * 1.4,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.35, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=size, leading=size * 1.35,
                             leftIndent=11, bulletIndent=2, spaceAfter=1.5, bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 0.4, leading=size * 1.25),
    }
    return st


def _blocks_to_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph("<br/>".join(_xml(l) for l in content), st["p"]))
        elif kind == "h3":
            out.append(Paragraph(_xml(content), st["h3"]))
        elif kind == "ul":
            for item in content:
                out.append(Paragraph(_xml(item), st["li"], bulletText="•"))
            out.append(Spacer(1, 2))
        elif kind == "table":
            ncol = max(len(r) for r in content)
            data = [[Paragraph(_xml(c), st["cell"]) for c in r] + [""] * (ncol - len(r)) for r in content]
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, name, header, sections, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Paragraph

    st = _styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name,
                            subject="Curriculum vitae")
    width = A4[0] - 36 * mm
    story = [Paragraph(_xml(name), st["name"])]
    for kind, content in header:
        if kind == "p":
            story.append(Paragraph("<br/>".join(_xml(l) for l in content), st["head"]))
        else:
            story.extend(_blocks_to_flowables([(kind, content)], st, width))
    for title, blocks in sections:
        story.append(Paragraph(_xml(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, width))
    doc.build(story)


def render_pdf_two_column(cv_id: str, name, header, sections, out: Path):
    """Header frame across the top, then a narrow sidebar frame and a main frame."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, FrameBreak

    st = _styles(small=True)
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_top = H - margin - header_h
    body_h = body_top - margin

    f_head = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    f_main_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="main2")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 4, side_w + 4, body_h + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=name, author=name, subject="Curriculum vitae")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=deco, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[f_main_later]),
    ])

    story = [Paragraph(_xml(name), st["name"])]
    for kind, content in header:
        if kind == "p":
            story.append(Paragraph("<br/>".join(_xml(l) for l in content), st["head"]))
    story.append(FrameBreak())
    side = [(t, b) for t, b in sections if t in SIDEBAR_SECTIONS]
    main = [(t, b) for t, b in sections if t not in SIDEBAR_SECTIONS]
    for title, blocks in side:
        story.append(Paragraph(_xml(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, side_w - 8))
    story.append(FrameBreak())
    for title, blocks in main:
        story.append(Paragraph(_xml(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, main_w))
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def _add_runs(par, s: str):
    for text, b, i in inline_runs(s):
        r = par.add_run(text)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id: str, name, header, sections, out: Path):
    import docx
    from docx.shared import Pt, Cm

    d = docx.Document()
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = name
    d.core_properties.author = name

    d.add_heading(name, level=0)
    for kind, content in header:
        if kind == "p":
            for l in content:
                p = d.add_paragraph()
                _add_runs(p, l)
    for title, blocks in sections:
        d.add_heading(title, level=1)
        for kind, content in blocks:
            if kind == "p":
                p = d.add_paragraph()
                for n, l in enumerate(content):
                    if n:
                        p.add_run().add_break()
                    _add_runs(p, l)
            elif kind == "h3":
                p = d.add_paragraph()
                _add_runs(p, f"**{content}**" if "**" not in content else content)
            elif kind == "ul":
                for item in content:
                    p = d.add_paragraph(style="List Bullet")
                    _add_runs(p, item)
            elif kind == "table":
                ncol = max(len(r) for r in content)
                t = d.add_table(rows=len(content), cols=ncol)
                t.style = "Table Grid"
                for ri, row in enumerate(content):
                    for ci, cell in enumerate(row):
                        c = t.cell(ri, ci)
                        c.text = ""
                        _add_runs(c.paragraphs[0], f"**{cell}**" if ri == 0 else cell)
                d.add_paragraph()
    d.save(str(out))


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        name, header, sections = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, name, header, sections, out)
        elif fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, name, header, sections, out)
        elif fmt == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, name, header, sections, out)
        else:
            raise ValueError(fmt)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
