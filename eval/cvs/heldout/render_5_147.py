"""Render the CVs of this folder from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-147/render.py
The .md file is the CV's exact content; PDFs get a real text layer (reportlab),
DOCX files are built with python-docx (Markdown tables become real Word tables).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2353": "md",
    "cv-ho-2354": "pdf-2col",
    "cv-ho-2355": "docx",
    "cv-ho-2356": "pdf",
    "cv-ho-2357": "md",
    "cv-ho-2358": "docx",
    "cv-ho-2359": "pdf",
    "cv-ho-2360": "docx",
    "cv-ho-2361": "md",
    "cv-ho-2362": "md",
    "cv-ho-2363": "pdf",
    "cv-ho-2364": "docx",
}
# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-2354": {"Contact", "Skills", "Certifications", "Languages"}}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections) where sections = [(heading, blocks)].
    A block is ("p", [lines]) | ("ul", [items]) | ("table", [rows])."""
    lines = md_text.splitlines()
    title, header, sections = "", [], []
    current = None  # list of blocks
    buf = []

    def flush():
        nonlocal buf
        if not buf:
            return
        target = current if current is not None else header
        if all(l.startswith("- ") for l in buf):
            target.append(("ul", [l[2:] for l in buf]))
        elif all(l.startswith("|") for l in buf):
            rows = []
            for l in buf:
                cells = [c.strip() for c in l.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-+:?", c) for c in cells):
                    continue
                rows.append(cells)
            target.append(("table", rows))
        else:
            # a paragraph may be followed directly by a bullet list
            para, items = [], []
            for l in buf:
                (items if l.startswith("- ") else para).append(l)
            if para:
                target.append(("p", para))
            if items:
                target.append(("ul", [i[2:] for i in items]))
        buf = []

    for line in lines:
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            current = []
            sections.append((line[3:].strip(), current))
        elif not line.strip():
            flush()
        else:
            buf.append(line.rstrip())
    flush()
    return title, header, sections


def inline_html(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split into (text, bold, italic) runs."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=base_size + 8, leading=base_size + 11,
                                alignment=0, spaceAfter=2),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=base_size + 2, leading=base_size + 4,
                            spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=base_size + 2),
    }


def pdf_blocks(blocks, st, width):
    flow = []
    for kind, data in blocks:
        if kind == "p":
            flow.append(Paragraph("<br/>".join(inline_html(l) for l in data), st["p"]))
        elif kind == "ul":
            for item in data:
                flow.append(Paragraph(inline_html(item), st["li"], bulletText="•"))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            rows = [[Paragraph(("<b>%s</b>" if i == 0 else "%s") % inline_html(c), st["cell"]) for c in r]
                    for i, r in enumerate(data)]
            ncol = len(data[0])
            widths = [width * 0.3] + [width * 0.7 / (ncol - 1)] * (ncol - 1) if ncol > 1 else [width]
            t = Table(rows, colWidths=widths)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cid, md_text, out):
    title, header, sections = parse(md_text)
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    width = A4[0] - 36 * mm
    flow = [Paragraph(inline_html(title), st["title"])]
    flow += pdf_blocks(header, st, width)
    for heading, blocks in sections:
        flow.append(Paragraph(inline_html(heading), st["h"]))
        flow += pdf_blocks(blocks, st, width)
    doc.build(flow)


def render_pdf_two_column(cid, md_text, out):
    title, header, sections = parse(md_text)
    side_names = SIDEBAR[cid]
    st = pdf_styles(9)
    pw, ph = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_h = ph - 2 * margin - header_h
    main_w = pw - 2 * margin - side_w - gap
    f_head = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="head", showBoundary=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)
    f_next = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main2")

    def first_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=first_bg, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[f_next]),
    ])
    flow = [Paragraph(inline_html(title), st["title"])]
    flow += pdf_blocks(header, st, pw - 2 * margin)
    flow.append(FrameBreak())
    for heading, blocks in sections:
        if heading in side_names:
            flow.append(Paragraph(inline_html(heading), st["h"]))
            flow += pdf_blocks(blocks, st, side_w)
    flow.append(FrameBreak())
    for heading, blocks in sections:
        if heading not in side_names:
            flow.append(Paragraph(inline_html(heading), st["h"]))
            flow += pdf_blocks(blocks, st, main_w)
    doc.build(flow)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cid, md_text, out):
    title, header, sections = parse(md_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)

    def blocks_to_docx(blocks):
        for kind, data in blocks:
            if kind == "p":
                p = doc.add_paragraph()
                for n, line in enumerate(data):
                    if n:
                        p.add_run().add_break()
                    add_runs(p, line)
            elif kind == "ul":
                for item in data:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif kind == "table":
                t = doc.add_table(rows=len(data), cols=len(data[0]))
                t.style = "Table Grid"
                for r, row in enumerate(data):
                    for c, cell in enumerate(row):
                        par = t.cell(r, c).paragraphs[0]
                        add_runs(par, cell)
                        if r == 0:
                            for run in par.runs:
                                run.bold = True
                doc.add_paragraph()

    blocks_to_docx(header)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        blocks_to_docx(blocks)
    doc.save(str(out))


def main():
    for cid, fmt in TARGETS.items():
        md_text = (HERE / f"{cid}.md").read_text(encoding="utf-8")
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cid, md_text, HERE / f"{cid}.pdf")
        elif fmt == "pdf-2col":
            render_pdf_two_column(cid, md_text, HERE / f"{cid}.pdf")
        elif fmt == "docx":
            render_docx(cid, md_text, HERE / f"{cid}.docx")
        print("rendered", cid, fmt)


if __name__ == "__main__":
    main()
