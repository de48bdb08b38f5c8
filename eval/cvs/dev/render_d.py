"""Render the dev-d CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev/render_d.py

Each CV's content lives in <id>.md. Targets:
  PDF  : cv-dev-37, cv-dev-40 (two-column), cv-dev-44, cv-dev-46
  DOCX : cv-dev-39, cv-dev-42, cv-dev-45, cv-dev-48 (Markdown tables become real Word tables)
  MD   : cv-dev-38, cv-dev-41, cv-dev-43, cv-dev-47 (the .md file itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-37", "cv-dev-44", "cv-dev-46"]
TWO_COLUMN_IDS = {"cv-dev-40": {"Contact", "Skills", "Education", "Languages"}}
DOCX_IDS = ["cv-dev-39", "cv-dev-42", "cv-dev-45", "cv-dev-48"]
MD_IDS = ["cv-dev-38", "cv-dev-41", "cv-dev-43", "cv-dev-47"]


# --------------------------------------------------------------------------
# A tiny Markdown parser: headings, bullets, numbered items, tables, paragraphs
# --------------------------------------------------------------------------
def parse(md: str) -> list[tuple]:
    blocks: list[tuple] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [list(r) for r in table]))
            table.clear()

    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
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
            blocks.append(("h", len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1)))
            continue
        m = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("ol", m.group(1), m.group(2)))
            continue
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (chunk, bold, italic) runs."""
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
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DV": "DejaVuSans.ttf",
        "DV-B": "DejaVuSans-Bold.ttf",
        "DV-I": "DejaVuSans-Oblique.ttf",
        "DV-BI": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DV", 0, 0, "DV")
        addMapping("DV", 1, 0, "DV-B")
        addMapping("DV", 0, 1, "DV-I")
        addMapping("DV", 1, 1, "DV-BI")
        return "DV", "DV-B"
    return "Helvetica", "Helvetica-Bold"  # fallback (no star/dot glyphs)


def _markup(text: str) -> str:
    out = []
    for chunk, b, i in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = f"<b>{chunk}</b>"
        if i:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


def _styles(font: str, bold: str, scale: float = 1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    s = lambda x: x * scale  # noqa: E731
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=s(18), leading=s(22), spaceAfter=s(4)),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=s(11.5), leading=s(14), spaceBefore=s(9),
                             spaceAfter=s(3), textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=s(10), leading=s(12.5), spaceBefore=s(5),
                             spaceAfter=s(2)),
        "p": ParagraphStyle("p", fontName=font, fontSize=s(9.3), leading=s(12.2), spaceAfter=s(3)),
        "li": ParagraphStyle("li", fontName=font, fontSize=s(9.3), leading=s(12.2), leftIndent=s(12),
                             bulletIndent=s(3), spaceAfter=s(1.5), bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=s(9), leading=s(11)),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=s(9), leading=s(11)),
    }


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    out = []
    for b in blocks:
        kind = b[0]
        if kind == "h":
            out.append(Paragraph(_markup(b[2]), st[f"h{b[1]}"]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(_markup(x) for x in b[1]), st["p"]))
        elif kind == "li":
            out.append(Paragraph(_markup(b[1]), st["li"], bulletText="•"))
        elif kind == "ol":
            out.append(Paragraph(_markup(b[2]), st["li"], bulletText=f"{b[1]}."))
        elif kind == "table":
            rows = b[1]
            data = []
            for r_i, row in enumerate(rows):
                style = st["cellb"] if r_i == 0 else st["cell"]
                data.append([Paragraph(_markup(c), style) for c in row])
            ncol = max(len(r) for r in rows)
            t = Table(data, colWidths=[width / ncol] * ncol if ncol > 2 else [width * 0.55, width * 0.45],
                      hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    font, bold = _fonts()
    st = _styles(font, bold)
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id: str, sidebar_sections: set[str]) -> Path:
    """Header across the top, a real sidebar frame (left) and a main frame (right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    header, sidebar, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h" and b[1] == 2:
            current = sidebar if b[2] in sidebar_sections else main
        current.append(b)

    font, bold = _fonts()
    st = _styles(font, bold, scale=0.95)
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 64 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    main_w = W - 2 * margin - side_w - gap

    f_header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=3 * mm, rightPadding=3 * mm, topPadding=2 * mm, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def paint_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    out = HERE / f"{cv_id}.pdf"
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=paint_sidebar),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later")]
    story += _flowables(header, st, W - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(sidebar, _styles(font, bold, scale=0.88), side_w - 6 * mm)
    story.append(FrameBreak())
    story += _flowables(main, st, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for chunk, b, i in inline_runs(text):
        run = par.add_run(chunk)
        run.bold = b or None
        run.italic = i or None


def render_docx(cv_id: str) -> Path:
    import docx
    from docx.shared import Pt

    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "h":
            level = 0 if b[1] == 1 else b[1] - 1
            h = d.add_heading(level=level)
            _add_runs(h, b[2])
        elif kind == "p":
            par = d.add_paragraph()
            for k, line in enumerate(b[1]):
                if k:
                    par.add_run().add_break()
                _add_runs(par, line)
        elif kind == "li":
            _add_runs(d.add_paragraph(style="List Bullet"), b[1])
        elif kind == "ol":
            _add_runs(d.add_paragraph(style="List Number"), b[2])
        elif kind == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for r_i, row in enumerate(rows):
                for c_i in range(ncol):
                    cell = t.cell(r_i, c_i)
                    text = row[c_i] if c_i < len(row) else ""
                    par = cell.paragraphs[0]
                    for chunk, bb, ii in inline_runs(text):
                        run = par.add_run(chunk)
                        run.bold = True if r_i == 0 else (bb or None)
                        run.italic = ii or None
            d.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(out))
    return out


def main():
    made = []
    for cv_id in PDF_IDS:
        made.append(render_pdf(cv_id))
    for cv_id, side in TWO_COLUMN_IDS.items():
        made.append(render_pdf_two_column(cv_id, side))
    for cv_id in DOCX_IDS:
        made.append(render_docx(cv_id))
    for cv_id in MD_IDS:
        made.append(HERE / f"{cv_id}.md")
    for p in made:
        print(f"{p.name:16s} {p.stat().st_size / 1024:7.1f} KB")


if __name__ == "__main__":
    main()
