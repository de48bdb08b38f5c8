"""Render the heldout3-61 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-61/render.py
The .md file is the CV's content; PDFs get a real text layer (reportlab),
DOCX files are built with python-docx. Markdown tables become real tables.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                NextPageTemplate, Paragraph, Spacer, Table, TableStyle,
                                SimpleDocTemplate)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1321", "cv-ho-1324", "cv-ho-1327", "cv-ho-1330"]
TWO_COLUMN = {"cv-ho-1324": {"Contact", "Skills", "Picking up now", "Languages", "Certifications"}}
DOCX = ["cv-ho-1322", "cv-ho-1325", "cv-ho-1328", "cv-ho-1331"]


def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, h, p, li, table."""
    blocks, table = [], None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif re.match(r"#{2,3} ", line):
            blocks.append(("h", line.lstrip("#").strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
    return blocks


def inline_rl(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 10
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=base + 2.5, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base, leading=base * 1.3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base, leading=base * 1.3,
                             leftIndent=10, bulletIndent=2, bulletFontName="Helvetica"),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "h":
            out.append(Paragraph(inline_rl(payload), st["h"]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(payload), st["p"]))
            out.append(Spacer(1, 2))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
        doc.build(flowables(blocks, styles()))
        return out
    sidebar_titles = TWO_COLUMN[cv_id]
    # split: header (title + lines before first heading), sidebar sections, main sections
    header, side, main, target = [], [], [], None
    for kind, payload in blocks:
        if kind == "h":
            target = side if payload in sidebar_titles else main
        (header if target is None else target).append((kind, payload))
    W, H = A4
    m = 15 * mm
    header_h = 26 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - m - header_h
    f_head = Frame(m, body_top, W - 2 * m, header_h, id="head", showBoundary=0)
    f_side = Frame(m, m, side_w, body_top - m, id="side", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main")
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_top - m + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                          leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m)
    doc.addPageTemplates([PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=side_bg),
                          PageTemplate(id="later", frames=[f_later])])
    story = [NextPageTemplate("later")]
    story += flowables(header, styles())
    story.append(FrameBreak())
    story += flowables(side, styles(small=True))
    story.append(FrameBreak())
    story += flowables(main, styles())
    doc.build(story)
    return out


def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*[^*]+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h":
            d.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    run = c.paragraphs[0].add_run(cell)
                    run.bold = (i == 0)
    d.core_properties.title = cv_id
    d.save(str(out))
    return out


def main():
    for cv_id in PDF:
        p = render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)
    for cv_id in DOCX:
        p = render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
