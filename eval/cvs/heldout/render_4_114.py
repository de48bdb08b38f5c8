"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-114/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1957": "md",
    "cv-ho-1958": "pdf-2col",
    "cv-ho-1959": "docx",
    "cv-ho-1960": "pdf",
    "cv-ho-1961": "docx",
    "cv-ho-1962": "md",
    "cv-ho-1963": "pdf",
    "cv-ho-1964": "docx",
    "cv-ho-1965": "md",
    "cv-ho-1966": "docx",
    "cv-ho-1967": "pdf",
    "cv-ho-1968": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "certifications"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, subtitle_lines, sections); sections = [(heading, blocks)].

    blocks are ("p", text) | ("li", text) | ("table", rows)."""
    title, pre, sections = None, [], []
    cur = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (cur[1] if cur else pre).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("- "):
            (cur[1] if cur else pre).append(("li", line[2:].strip()))
        else:
            (cur[1] if cur else pre).append(("p", line.strip()))
    return title, pre, sections


def inline_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<i>\1</i>", t)
    return t


def runs(text):
    """Markdown inline -> list of (text, bold)."""
    out = []
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            out.append((part, i % 2 == 1))
    return out


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=12, leading=15,
                            spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def blocks_to_flow(blocks, st, width):
    flow = []
    for kind, val in blocks:
        if kind == "p":
            flow.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(inline_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % inline_rl(c), st["p"])
                     for c in row] for r, row in enumerate(val)]
            ncol = len(val[0])
            tbl = Table(data, colWidths=[width * 0.55] + [width * 0.45 / (ncol - 1)] * (ncol - 1))
            tbl.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(tbl)
            flow.append(Spacer(1, 3))
    return flow


def render_pdf(cv_id, md_text):
    title, pre, sections = parse(md_text)
    st = styles()
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    flow = [Paragraph(inline_rl(title), st["title"])]
    flow += blocks_to_flow(pre, st, doc.width)
    for head, blocks in sections:
        flow.append(Paragraph(inline_rl(head), st["h"]))
        flow += blocks_to_flow(blocks, st, doc.width)
    doc.build(flow)
    return out


def render_pdf_two_column(cv_id, md_text):
    """Header frame on top, then a narrow sidebar frame and a wide main frame."""
    title, pre, sections = parse(md_text)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=m, rightMargin=m,
                          topMargin=m, bottomMargin=m, title=title, author=title)
    body_top = H - m - header_h
    header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, body_top - m, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main",
                 showBoundary=0)
    full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_top - m + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[full]),
    ])
    st_main = styles(9.5)
    st_side = styles(8.5)
    flow = [Paragraph(inline_rl(title), st_main["title"])]
    flow += blocks_to_flow(pre, st_main, W - 2 * m)
    flow.append(FrameBreak())
    for head, blocks in sections:
        if head.lower() in SIDEBAR_SECTIONS:
            flow.append(Paragraph(inline_rl(head), st_side["h"]))
            flow += blocks_to_flow(blocks, st_side, side_w)
    flow.append(NextPageTemplate("later"))
    flow.append(FrameBreak())
    for head, blocks in sections:
        if head.lower() not in SIDEBAR_SECTIONS:
            flow.append(Paragraph(inline_rl(head), st_main["h"]))
            flow += blocks_to_flow(blocks, st_main, main._width)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold in runs(text):
        r = par.add_run(t)
        r.bold = bold


def render_docx(cv_id, md_text):
    title, pre, sections = parse(md_text)
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                tbl = d.add_table(rows=len(val), cols=len(val[0]))
                tbl.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        p = tbl.cell(r, c).paragraphs[0]
                        run = p.add_run(cell.replace("**", ""))
                        run.bold = r == 0
                d.add_paragraph()

    emit(pre)
    for head, blocks in sections:
        d.add_heading(head, level=1)
        emit(blocks)
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        md_text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if target == "pdf":
            out = render_pdf(cv_id, md_text)
        elif target == "pdf-2col":
            out = render_pdf_two_column(cv_id, md_text)
        elif target == "docx":
            out = render_docx(cv_id, md_text)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
