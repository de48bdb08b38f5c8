"""Render the dev-bo CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bo/render.py

The .md file is the CV's content. CVs whose target format is .md are not
rendered. PDFs get a real text layer (reportlab); cv-dev-832 uses a true
two-column layout (sidebar frame + main frame). DOCX files use python-docx,
with Markdown tables rendered as real Word tables.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-829": "md",
    "cv-dev-830": "docx",
    "cv-dev-831": "md",
    "cv-dev-832": "pdf2col",
    "cv-dev-833": "pdf",
    "cv-dev-834": "docx",
    "cv-dev-835": "md",
    "cv-dev-836": "pdf",
    "cv-dev-837": "docx",
    "cv-dev-838": "docx",
    "cv-dev-839": "md",
    "cv-dev-840": "pdf",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text):
    """Return (title, blocks); blocks are tuples:
    ('h2', text) ('p', text) ('ul', [items]) ('table', [rows])."""
    title = None
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("# "):
            flush_para()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush_para()
    return title, blocks


def split_sections(blocks):
    """Group blocks into [(heading or None, [blocks])]."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        else:
            sections[-1][1].append(b)
    return sections


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def md_inline_to_rl(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)\*(?![\w*])", r"<i>\1</i>", s)
    return s


def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 0.5, leading=(base_size - 0.5) * 1.25),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "h2":
            out.append(Paragraph(md_inline_to_rl(val), st["h2"]))
        elif kind == "p":
            out.append(Paragraph(md_inline_to_rl(val), st["p"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(md_inline_to_rl(x), st["p"]), leftIndent=10)
                     for x in val]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                    leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in row] for row in val]
            ncol = len(val[0])
            cw = [width * f for f in ([0.3, 0.25, 0.45] if ncol == 3 else [1.0 / ncol] * ncol)]
            t = Table(data, colWidths=cw, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7f1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, title, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=title, author=title)
    story = [Paragraph(md_inline_to_rl(title), st["title"])]
    story += blocks_to_flowables(blocks, st, doc.width)
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, title, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = pdf_styles(base_size=9)
    side_st = pdf_styles(base_size=8.5)
    W, H = A4
    m = 14 * mm
    header_h = 22 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * m - side_w - gap
    body_h = H - 2 * m - header_h

    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(m, m, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, main_w, body_h, id="main",
                 leftPadding=4, rightPadding=0)
    full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="single", frames=[full]),
    ])

    sections = split_sections(blocks)
    head_blocks = sections[0][1]
    side_blocks, main_blocks = [], []
    for name, body in sections[1:]:
        target = side_blocks if name in SIDEBAR_SECTIONS else main_blocks
        target.append(("h2", name))
        target.extend(body)

    story = [NextPageTemplate("single"),
             Paragraph(md_inline_to_rl(title), st["title"])]
    story += blocks_to_flowables(head_blocks, st, W - 2 * m)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, side_st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st, main_w - 4)
    doc.build(story)
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_inline_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, title, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for kind, val in blocks:
        if kind == "h2":
            doc.add_heading(val, level=2)
        elif kind == "p":
            add_inline_runs(doc.add_paragraph(), val)
        elif kind == "ul":
            for item in val:
                add_inline_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            table = doc.add_table(rows=len(val), cols=len(val[0]))
            table.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(cell_text)
                    if r == 0:
                        run.bold = True
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            title, blocks = parse_md(f.read())
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            out = render_pdf(cv_id, title, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, title, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, title, blocks)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
