"""Render the CVs of eval/cvs/dev-s from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-s/render.py

Each <id>.md holds the CV's content. Targets:
  PDF : cv-dev-217 (two-column, sidebar + main frames), cv-dev-219, cv-dev-223, cv-dev-227
  DOCX: cv-dev-218, cv-dev-221, cv-dev-224 (skills as a real Word table), cv-dev-228
  MD  : cv-dev-220, cv-dev-222, cv-dev-225, cv-dev-226 (the .md itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-217", "cv-dev-219", "cv-dev-223", "cv-dev-227"]
TWO_COLUMN = {"cv-dev-217": {"Contact", "Skills", "Currently learning", "Languages", "Interests"}}
DOCX_IDS = ["cv-dev-218", "cv-dev-221", "cv-dev-224", "cv-dev-228"]


# --------------------------------------------------------------------------- parsing
def parse(md: str):
    """Return (title, subtitle_lines, sections); sections = [(name, blocks)].

    blocks: ("h3", text) | ("date", text) | ("bullet", text) | ("para", text) | ("table", rows)
    """
    title, header, sections = "", [], []
    cur = None
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
            continue
        if cur is None:
            header.append(line.strip())
            continue
        blocks = cur[1]
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = [line]
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i].rstrip())
                i += 1
            cells = []
            for r in rows:
                parts = [c.strip() for c in r.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in parts):
                    continue
                cells.append(parts)
            blocks.append(("table", cells))
        elif re.fullmatch(r"\*[^*].*\*", line.strip()):
            blocks.append(("date", line.strip()[1:-1]))
        else:
            blocks.append(("para", line.strip()))
    return title, header, sections


def inline_segments(text: str):
    """Split **bold** / *italic* markup into (text, bold, italic) segments."""
    out = []
    for tok in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            out.append((tok[2:-2], True, False))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            out.append((tok[1:-1], False, True))
        else:
            out.append((tok, False, False))
    return out


# --------------------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily

        registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                           italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
        return "CVSans", "CVSans-Bold"
    except Exception:  # pragma: no cover - fallback when DejaVu is missing
        return "Helvetica", "Helvetica-Bold"


def _rl_markup(text: str) -> str:
    from xml.sax.saxutils import escape

    parts = []
    for seg, b, it in inline_segments(text):
        s = escape(seg)
        if b:
            s = f"<b>{s}</b>"
        if it:
            s = f"<i>{s}</i>"
        parts.append(s)
    return "".join(parts)


def _styles(font, bold, small=False):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    k = 0.92 if small else 1.0
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=19 * k, leading=23 * k,
                                textColor=HexColor("#1b2a41")),
        "header": ParagraphStyle("header", fontName=font, fontSize=9.5 * k, leading=12.5 * k,
                                 textColor=HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5 * k, leading=14 * k, spaceBefore=8,
                             spaceAfter=3, textColor=HexColor("#1b4f72")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10 * k, leading=12.5 * k, spaceBefore=4),
        "date": ParagraphStyle("date", fontName=font, fontSize=8.8 * k, leading=11 * k,
                               textColor=HexColor("#555555"), spaceAfter=1),
        "para": ParagraphStyle("para", fontName=font, fontSize=9.3 * k, leading=12.2 * k, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=9.3 * k, leading=12.2 * k,
                                 leftIndent=11, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=font, bulletFontSize=8.5 * k),
    }


def _section_flowables(name, blocks, st, width):
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    fl = [Paragraph(_rl_markup(name), st["h2"])]
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(_rl_markup(c), st["para"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
                                   ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8eef4"))]))
            fl.append(t)
        elif kind == "bullet":
            fl.append(Paragraph(_rl_markup(val), st["bullet"], bulletText="•"))
        else:
            fl.append(Paragraph(_rl_markup(val), st[kind]))
    return fl


def render_pdf(cv_id: str, md: str):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph,
                                    SimpleDocTemplate, Spacer)

    font, bold = _fonts()
    title, header, sections = parse(md)
    out = str(HERE / f"{cv_id}.pdf")
    W, H = A4
    margin = 16 * mm

    if cv_id not in TWO_COLUMN:
        st = _styles(font, bold)
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=title, author=title)
        story = [Paragraph(_rl_markup(title), st["title"])]
        story += [Paragraph(_rl_markup(h), st["header"]) for h in header]
        story.append(Spacer(1, 4))
        for name, blocks in sections:
            story += _section_flowables(name, blocks, st, W - 2 * margin)
        doc.build(story)
        return out

    # ---- two-column layout: header frame on top, sidebar frame left, main frame right.
    side_names = TWO_COLUMN[cv_id]
    st = _styles(font, bold, small=True)
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    top = H - margin - header_h
    f_header = Frame(margin, top, W - 2 * margin, header_h, id="header", showBoundary=0)
    f_side = Frame(margin, margin, side_w, top - margin, id="sidebar", leftPadding=4, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, top - margin, id="main")
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, top - margin, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="First", frames=[f_header, f_side, f_main], onPage=first_page,
                     autoNextPageTemplate="Later"),
        PageTemplate(id="Later", frames=[f_later]),
    ])
    story = [Paragraph(_rl_markup(title), st["title"])]
    story += [Paragraph(_rl_markup(h), st["header"]) for h in header]
    story.append(FrameBreak())
    for name, blocks in sections:
        if name in side_names:
            story += _section_flowables(name, blocks, st, side_w - 8)
    story.append(FrameBreak())
    for name, blocks in sections:
        if name not in side_names:
            story += _section_flowables(name, blocks, st, f_main._width)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def _docx_runs(par, text, size=None):
    from docx.shared import Pt

    for seg, b, it in inline_segments(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, md: str):
    from docx import Document
    from docx.shared import Cm, Pt

    title, header, sections = parse(md)
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.0)
        s.top_margin = s.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title

    doc.add_heading(title, level=0)
    for h in header:
        _docx_runs(doc.add_paragraph(), h)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        for kind, val in blocks:
            if kind == "h3":
                doc.add_heading(val, level=2)
            elif kind == "date":
                p = doc.add_paragraph()
                _docx_runs(p, f"*{val}*")
            elif kind == "bullet":
                _docx_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                table = doc.add_table(rows=len(val), cols=len(val[0]))
                table.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell_text in enumerate(row):
                        cell = table.cell(r, c)
                        cell.text = ""
                        _docx_runs(cell.paragraphs[0], f"**{cell_text}**" if r == 0 else cell_text)
                doc.add_paragraph()
            else:
                _docx_runs(doc.add_paragraph(), val)
    out = str(HERE / f"{cv_id}.docx")
    doc.save(out)
    return out


def main():
    for cv_id in PDF_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        out = render_pdf(cv_id, md)
        print(f"{out}  {os.path.getsize(out) // 1024} KB")
    for cv_id in DOCX_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        out = render_docx(cv_id, md)
        print(f"{out}  {os.path.getsize(out) // 1024} KB")


if __name__ == "__main__":
    main()
