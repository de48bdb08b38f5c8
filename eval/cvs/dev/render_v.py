"""Render the dev-v CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-v/render.py
The .md file is the CV's content; PDFs and DOCX files are generated from it.
MD-target CVs are not rendered (the .md itself is the target).
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-253": "docx",
    "cv-dev-254": "pdf-2col",
    "cv-dev-255": "md",
    "cv-dev-256": "docx",
    "cv-dev-257": "pdf",
    "cv-dev-258": "md",
    "cv-dev-259": "pdf",
    "cv-dev-260": "docx",
    "cv-dev-261": "md",
    "cv-dev-262": "pdf",
    "cv-dev-263": "docx",
    "cv-dev-264": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"cv-dev-254": ["Contact", "Vaardigheden", "Talen", "Interesses"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullet (level, text), table (rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif stripped.startswith("### "):
            flush()
            blocks.append(("h3", stripped[4:]))
        elif stripped.startswith("## "):
            flush()
            blocks.append(("h2", stripped[3:]))
        elif stripped.startswith("# "):
            flush()
            blocks.append(("h1", stripped[2:]))
        elif stripped.startswith("- "):
            flush()
            level = (len(line) - len(line.lstrip(" "))) // 2
            blocks.append(("bullet", (level, stripped[2:])))
        else:
            para.append(stripped)
        i += 1
    flush()
    return blocks


def split_sections(blocks, sidebar_names):
    """Split blocks into (main, sidebar) by h2 section name."""
    main, side = [], []
    target = main
    for b in blocks:
        if b[0] == "h2":
            target = side if b[1] in sidebar_names else main
        target.append(b)
    return main, side


def bold_spans(text):
    """Yield (segment, is_bold) for **bold** markup."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def rl_inline(text):
    out = []
    for seg, b in bold_spans(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{seg}</b>" if b else seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8,
                             leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2,
                             leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3d5c")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base,
                             leading=base + 3, spaceBefore=4),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }


def pdf_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            fl.append(Paragraph(rl_inline(payload), st[kind]))
        elif kind == "para":
            fl.append(Paragraph("<br/>".join(rl_inline(x) for x in payload), st["para"]))
        elif kind == "bullet":
            level, text = payload
            style = ParagraphStyle(f"b{level}", parent=st["bullet"],
                                   leftIndent=10 + 12 * level,
                                   bulletIndent=2 + 12 * level)
            fl.append(Paragraph(rl_inline(text), style, bulletText="-" if level else "\u2013"))
        elif kind == "table":
            data = [[Paragraph(("<b>%s</b>" % rl_inline(c)) if r == 0 else rl_inline(c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(Spacer(1, 2))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks, out):
    st = pdf_styles(10)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    st = pdf_styles(9)
    main, side = split_sections(blocks, SIDEBAR[cv_id])
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=first_page),
        PageTemplate(id="later", frames=[later_frame], onPage=first_page),
    ])
    story = [NextPageTemplate("later")]
    story += pdf_flowables(side, st, side_w)
    story.append(FrameBreak())
    story += pdf_flowables(main, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def docx_add_runs(par, text):
    for seg, b in bold_spans(text):
        run = par.add_run(seg)
        run.bold = b


def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                docx_add_runs(p, line)
        elif kind == "bullet":
            level, text = payload
            p = doc.add_paragraph(style="List Bullet" if level == 0 else "List Bullet 2")
            docx_add_runs(p, text)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(cell_text.replace("**", ""))
                    run.bold = (r == 0)
    doc.save(out)


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "md":
            continue
        if fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        elif fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        print(f"{cv_id}: {fmt} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
