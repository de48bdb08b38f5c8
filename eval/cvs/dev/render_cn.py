"""Render the dev-cn synthetic CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cn/render.py
Each <id>.md is the CV's exact content; this script only changes the layout.
  - PDF  (reportlab): single column, except cv-dev-1129 which is a real two-column
    layout (BaseDocTemplate with a header frame, a sidebar frame and a main frame).
  - DOCX (python-docx): headings, bullet lists, and real Word tables for
    Markdown tables.
  - MD: the .md file itself is the target; nothing to render.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1129": "pdf",
    "cv-dev-1130": "pdf",
    "cv-dev-1131": "pdf",
    "cv-dev-1132": "pdf",
    "cv-dev-1133": "docx",
    "cv-dev-1134": "docx",
    "cv-dev-1135": "docx",
    "cv-dev-1136": "docx",
    "cv-dev-1137": "md",
    "cv-dev-1138": "md",
    "cv-dev-1139": "md",
    "cv-dev-1140": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
TWO_COLUMN = {
    "cv-dev-1129": ["Skills", "Education", "Currently learning", "Languages", "Interests"],
}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3 (payload str), p (list of lines), li (str),
    table (list of rows, each a list of cells; header row first).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush_para():
        nonlocal para
        if para:
            blocks.append(("p", para))
            para = []

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1).strip()))
            i += 1
            continue
        para.append(line.strip())
        i += 1
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl_markup(text: str) -> str:
    res = []
    for seg, bold, italic in inline_runs(text):
        s = escape(seg)
        if bold:
            s = f"<b>{s}</b>"
        if italic:
            s = f"<i>{s}</i>"
        res.append(s)
    return "".join(res)


def split_sections(blocks):
    """Split blocks into (preamble, [(h2 title, blocks)])."""
    pre, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            pre.append(b)
        else:
            cur[1].append(b)
    return pre, sections


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu"
    files = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(os.path.join(base, f)) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, os.path.join(base, f)))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(small: bool = False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = _fonts()
    size = 8.6 if small else 9.6
    st = {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=4,
                             textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size + 2.4, leading=size + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.6, leading=size + 3.4,
                             spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=font, fontSize=size, leading=size + 3.2, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=size, leading=size + 3.2,
                             leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 0.4, leading=size + 2.4),
    }
    return st


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl_markup(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl_markup(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncols = max(len(r) for r in data)
            t = Table(data, colWidths=[width / ncols] * ncols, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, blocks, path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate, SimpleDocTemplate)

    W, H = A4
    margin = 16 * mm
    meta = dict(title=f"CV {cv_id}", author="synthetic", subject="synthetic CV for evaluation")

    if cv_id not in TWO_COLUMN:
        st = _styles()
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(_flowables(blocks, st, W - 2 * margin))
        return

    # Two-column layout: header across the top, sidebar left, main column right.
    st = _styles(small=True)
    side_titles = set(TWO_COLUMN[cv_id])
    pre, sections = split_sections(blocks)
    side = [b for title, bl in sections if title in side_titles for b in bl]
    main = [b for title, bl in sections if title not in side_titles for b in bl]

    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=0, rightPadding=4, topPadding=2, bottomPadding=0)
    main_x = margin + side_w + gap
    main_w = W - margin - main_x
    mainf = Frame(main_x, margin, main_w, body_h, id="main",
                  leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    later = Frame(main_x, margin, main_w, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        from reportlab.lib import colors
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f1f4f8"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, **meta)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, mainf], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    story = _flowables(pre, st, W - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(side, st, side_w - 4)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += _flowables(main, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id: str, blocks, path: Path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = f"CV {cv_id}"
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            p = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                _add_runs(p, line)
        elif kind == "li":
            p = d.add_paragraph(style="List Bullet")
            _add_runs(p, payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci in range(ncols):
                    cells[ci].text = ""
                    para = cells[ci].paragraphs[0]
                    _add_runs(para, row[ci] if ci < len(row) else "")
                    if ri == 0:
                        for r in para.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            out = src
        print(f"{cv_id}: {fmt:4s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
