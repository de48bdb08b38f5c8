"""Render the heldout4-130 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-130/render.py
The .md file is the CV's exact content; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2150": "pdf-two-column",
    "cv-ho-2152": "pdf",
    "cv-ho-2155": "pdf",
    "cv-ho-2158": "pdf",
    "cv-ho-2151": "docx",
    "cv-ho-2153": "docx",
    "cv-ho-2157": "docx",
    "cv-ho-2160": "docx",
}
# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


def parse(md):
    """Return (name, header_lines, sections); sections = [(title, blocks)].
    blocks: ("p", text) | ("h3", text) | ("li", text) | ("table", rows)."""
    name, header, sections = None, [], []
    cur = None
    table = None
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (cur[1] if cur else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            (cur[1] if cur else header).append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            (cur[1] if cur else header).append(("li", line[2:].strip()))
        else:
            (cur[1] if cur else header).append(("p", line.strip()))
    return name, header, sections


def inline_rl(text):
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=0, spaceAfter=4),
        "head": ParagraphStyle("head", parent=ss["Normal"], fontSize=9, leading=12,
                               textColor=colors.HexColor("#333333"), spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Normal"], fontName="Helvetica-Bold",
                             fontSize=9.5, leading=12, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=9.5, leading=12.5,
                            spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontSize=9.5, leading=12.5,
                             leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["Normal"], fontSize=9, leading=11),
    }


def blocks_to_flow(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "h3":
            out.append(Paragraph(inline_rl(val), st["h3"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cid, md, path):
    name, header, sections = parse(md)
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=name,
                            author=name)
    flow = [Paragraph(escape(name), st["name"])]
    for kind, val in header:
        flow.append(Paragraph(inline_rl(val), st["head"]))
    for title, blocks in sections:
        flow.append(Paragraph(escape(title), st["h2"]))
        flow.extend(blocks_to_flow(blocks, st, doc.width))
    doc.build(flow)


def render_pdf_two_column(cid, md, path):
    name, header, sections = parse(md)
    st = styles()
    W, H = A4
    m = 1.5 * cm
    head_h = 2.2 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = H - 2 * m - head_h
    top = Frame(m, H - m - head_h, W - 2 * m, head_h, id="top", showBoundary=0)
    side = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                 showBoundary=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, body_h + 0.2 * cm,
                  stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=name, author=name)
    doc.addPageTemplates([PageTemplate(id="first", frames=[top, side, main],
                                       onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    side_st = dict(st)
    side_st["p"] = ParagraphStyle("sp", parent=st["p"], fontSize=8.5, leading=11)
    side_st["li"] = ParagraphStyle("sli", parent=st["li"], fontSize=8.5, leading=11)
    flow = [NextPageTemplate("later"), Paragraph(escape(name), st["name"])]
    for kind, val in header:
        flow.append(Paragraph(inline_rl(val), st["head"]))
    flow.append(FrameBreak())
    for title, blocks in sections:
        if title in SIDEBAR:
            flow.append(Paragraph(escape(title), st["h2"]))
            flow.extend(blocks_to_flow(blocks, side_st, side_w))
    flow.append(FrameBreak())
    for title, blocks in sections:
        if title not in SIDEBAR:
            flow.append(Paragraph(escape(title), st["h2"]))
            flow.extend(blocks_to_flow(blocks, st, main.width))
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cid, md, path):
    name, header, sections = parse(md)
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = name
    d.core_properties.author = name
    d.add_heading(name, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_inline(d.add_paragraph(), val)
            elif kind == "h3":
                d.add_heading(val, level=2)
            elif kind == "li":
                add_inline(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j, c in enumerate(row):
                        cell = t.cell(i, j)
                        cell.text = ""
                        run = cell.paragraphs[0].add_run(c)
                        run.bold = i == 0
                d.add_paragraph()

    emit(header)
    for title, blocks in sections:
        d.add_heading(title, level=1)
        emit(blocks)
    d.save(path)


def main():
    for cid, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            md = f.read()
        if fmt == "pdf":
            out = os.path.join(HERE, cid + ".pdf")
            render_pdf(cid, md, out)
        elif fmt == "pdf-two-column":
            out = os.path.join(HERE, cid + ".pdf")
            render_pdf_two_column(cid, md, out)
        else:
            out = os.path.join(HERE, cid + ".docx")
            render_docx(cid, md, out)
        print(f"{out}  {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
