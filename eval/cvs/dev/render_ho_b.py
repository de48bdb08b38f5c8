"""Render the heldout-b CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-b/render.py

Each <id>.md is the CV's exact content.  Targets:
  PDF : cv-ho-013 (two-column, sidebar + main via BaseDocTemplate frames),
        cv-ho-016, cv-ho-018, cv-ho-020
  DOCX: cv-ho-014 (skills as a real Word table), cv-ho-017, cv-ho-021, cv-ho-023
  MD  : cv-ho-015, cv-ho-019, cv-ho-022, cv-ho-024 (the .md itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-013": "pdf2col",
    "cv-ho-014": "docx",
    "cv-ho-015": "md",
    "cv-ho-016": "pdf",
    "cv-ho-017": "docx",
    "cv-ho-018": "pdf",
    "cv-ho-019": "md",
    "cv-ho-020": "pdf",
    "cv-ho-021": "docx",
    "cv-ho-022": "md",
    "cv-ho-023": "docx",
    "cv-ho-024": "md",
}

# Sections of cv-ho-013 that go to the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Coursework", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parser: returns a list of blocks
#   ("h1"|"h2"|"h3", text) ; ("bullet", text) ; ("para", text) ; ("table", rows)
# --------------------------------------------------------------------------
def parse_md(text: str):
    blocks = []
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
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic) runs."""
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


# --------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------
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
        for name, f in files.items():
            try:
                pdfmetrics.registerFont(TTFont(name, base + f))
            except Exception:
                return "Helvetica", "Helvetica-Bold"
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _pdf_styles(font, bold, small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    s = 8.6 if small else 9.6
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=4,
                             textColor=colors.HexColor("#1b2a41")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=s + 2, leading=s + 5, spaceBefore=7,
                             spaceAfter=3, textColor=colors.HexColor("#1f4e79")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=s + 0.6, leading=s + 3.5, spaceBefore=4,
                             spaceAfter=1),
        "para": ParagraphStyle("para", fontName=font, fontSize=s, leading=s + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=s, leading=s + 3, leftIndent=10, bulletFontName=font,
                                 bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=s, leading=s + 2.5),
    }


def _rl_markup(text: str) -> str:
    out = []
    for seg, b, it in inline_runs(text):
        seg = escape(seg)
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(_rl_markup(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(_rl_markup(val), st["bullet"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(_rl_markup(val), st[kind]))
    return flow


def render_pdf(cv_id: str, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font, bold = _pdf_fonts()
    st = _pdf_styles(font, bold)
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV (heldout-b)")
    doc.build(_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id: str, blocks):
    """Header frame (name) across the top, then a narrow left sidebar frame and a
    wide main frame; the text layer really is two columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    font, bold = _pdf_fonts()
    st_side = _pdf_styles(font, bold, small=True)
    st_main = _pdf_styles(font, bold)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 14 * mm
    header_h = 20 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_w = W - 2 * m - side_w - gap
    body_h = H - 2 * m - header_h

    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, main_w, body_h, id="main", showBoundary=0)
    later_side = Frame(m, m, side_w, H - 2 * m, id="sidebar2")
    later_main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV (heldout-b)")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=deco),
        PageTemplate(id="later", frames=[later_side, later_main]),
    ])

    title = [b for b in blocks if b[0] == "h1"]
    sidebar, mainblocks, current = [], [], None
    for b in blocks:
        if b[0] == "h1":
            continue
        if b[0] == "h2":
            current = sidebar if b[1] in SIDEBAR_SECTIONS else mainblocks
        (current if current is not None else mainblocks).append(b)

    story = _flowables(title, st_main, W - 2 * m)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += _flowables(sidebar, st_side, side_w)
    story.append(FrameBreak())
    story += _flowables(mainblocks, st_main, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------
def _docx_runs(par, text, size=None):
    from docx.shared import Pt

    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, blocks):
    from docx import Document
    from docx.shared import Pt, Cm

    d = Document()
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV (heldout-b)"

    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "bullet":
            _docx_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "para":
            _docx_runs(d.add_paragraph(), val)
        elif kind == "table":
            ncol = len(val[0])
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(val):
                cells = t.add_row().cells
                for ci, c in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    _docx_runs(p, c)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "md":
            out = src
        elif fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {fmt:7s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
