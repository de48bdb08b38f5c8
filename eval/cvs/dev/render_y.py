"""Render the dev-y CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-y/render.py

- PDF  (reportlab, real text layer, DejaVu Sans embedded as a subset so that
  Polish/German/etc. characters survive); cv-dev-291 is laid out in two real
  columns (sidebar frame + main frame on the first page).
- DOCX (python-docx); Markdown tables become real Word tables.
- MD   the .md file itself is the target; nothing to render.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-289": "pdf",
    "cv-dev-290": "docx",   # real Word table for skills
    "cv-dev-291": "pdf2col",
    "cv-dev-292": "md",
    "cv-dev-293": "docx",
    "cv-dev-294": "pdf",    # skills table (reportlab Table)
    "cv-dev-295": "md",
    "cv-dev-296": "docx",
    "cv-dev-297": "pdf",
    "cv-dev-298": "md",
    "cv-dev-299": "md",
    "cv-dev-300": "docx",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-dev-291": {"Compétences", "Langues", "Centres d'intérêt"}}


# --------------------------------------------------------------------------
# Tiny Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, p, li, table (payload = list of rows, each a list of cells).
    """
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_segments(text: str):
    """Split text into (segment, bold, italic) tuples."""
    out = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVu": "DejaVuSans.ttf",
        "DejaVu-Bold": "DejaVuSans-Bold.ttf",
        "DejaVu-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVu-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
        addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
        return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rl_inline(text: str) -> str:
    out = []
    for seg, b, i in inline_segments(text):
        s = _xml(seg)
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


def _styles(font, bold, small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    fs = 8.6 if small else 9.6
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22,
                             spaceAfter=4, textColor=colors.HexColor("#1f3b57")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=fs + 2.4, leading=fs + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b57")),
        "p": ParagraphStyle("p", fontName=font, fontSize=fs, leading=fs + 3.2,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=fs, leading=fs + 3.2,
                             leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=fs, leading=fs + 2.6),
    }


def _flowables(blocks, st, avail_width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "p"):
            flow.append(Paragraph(_rl_inline(payload), st[kind]))
        elif kind == "li":
            flow.append(Paragraph(_rl_inline(payload), st["li"], bulletText="•"))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(_rl_inline(c), st["cell"]) for c in row] for row in payload]
            if ncol == 2:
                widths = [avail_width * 0.65, avail_width * 0.35]
            else:
                widths = [avail_width / ncol] * ncol
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa9b8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(Spacer(1, 2))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id: str, blocks, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    font, bold = _register_fonts()
    st = _styles(font, bold)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id: str, blocks, out: Path):
    """Header across the top, then a sidebar frame and a main frame.

    The flowables for the sidebar are placed first, then a FrameBreak, then the
    main column, so the PDF text layer really is two columns.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate)

    font, bold = _register_fonts()
    st_main = _styles(font, bold)
    st_side = _styles(font, bold, small=True)

    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_x = margin + side_w + gap
    main = Frame(main_x, margin, W - main_x - margin, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=first_page_bg),
        PageTemplate(id="later", frames=[later]),
    ])

    side_names = SIDEBAR_SECTIONS[cv_id]
    head, side_blocks, main_blocks = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in side_names else main_blocks
        current.append((kind, payload))

    flow = [NextPageTemplate("later")]
    flow += _flowables(head, st_main, header.width)
    flow.append(FrameBreak())
    flow += _flowables(side_blocks, st_side, side_w - 12)
    flow.append(FrameBreak())
    flow += _flowables(main_blocks, st_main, main.width)
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _docx_inline(par, text, size=None):
    from docx.shared import Pt

    for seg, b, i in inline_segments(text):
        run = par.add_run(seg)
        run.bold = b or None
        run.italic = i or None
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, blocks, out: Path):
    from docx import Document
    from docx.shared import Pt, Cm

    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"

    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            _docx_inline(doc.add_paragraph(), payload)
        elif kind == "li":
            _docx_inline(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, txt in enumerate(row):
                    p = cells[c].paragraphs[0]
                    _docx_inline(p, f"**{txt}**" if r == 0 else txt)
            doc.add_paragraph()
    doc.save(str(out))


# --------------------------------------------------------------------------
def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
