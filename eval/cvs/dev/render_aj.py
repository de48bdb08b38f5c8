"""Render the batch-aj CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-aj/render.py

The .md file of each CV is its exact text; this script only changes the
presentation.  MD-target CVs are left as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

# id -> target format; "pdf2col" is a two-column PDF.
TARGETS = {
    "cv-dev-457": "md",
    "cv-dev-458": "docx",
    "cv-dev-459": "pdf",
    "cv-dev-460": "pdf2col",
    "cv-dev-461": "docx",
    "cv-dev-462": "md",
    "cv-dev-463": "pdf",
    "cv-dev-464": "docx",
    "cv-dev-465": "md",
    "cv-dev-466": "pdf",
    "cv-dev-467": "docx",
    "cv-dev-468": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Creative tools", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown parser: returns a list of blocks
#   ("title", text) ("h2", text) ("h3", text) ("p", text) ("li", text)
#   ("table", [[cell, ...], ...])
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

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
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif line.lstrip().startswith("- "):
            flush_para()
            blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush_para()
    return blocks


# inline **bold** / *italic* -> list of (text, bold, italic)
INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    runs = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text: str) -> str:
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size: float = 10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=base_size + 8,
                                leading=base_size + 11, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=2,
                             bulletFontName="Helvetica", bulletFontSize=base_size,
                             spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=base_size + 2),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in val]
            ncol = max(len(r) for r in val)
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow += [t, Spacer(1, 4)]
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(val), st["li"], bulletText="-"))
        else:
            flow.append(Paragraph(to_rl_markup(val), st[kind]))
    return flow


def render_pdf(md_path: Path, out: Path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Return (preamble, [(heading, [blocks])...])."""
    pre, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            pre.append(b)
        else:
            cur[1].append(b)
    return pre, sections


def render_pdf_two_column(md_path: Path, out: Path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    pre, sections = split_sections(blocks)
    side = [b for name, bl in sections if name in SIDEBAR_SECTIONS for b in bl]
    main = [b for name, bl in sections if name not in SIDEBAR_SECTIONS for b in bl]

    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    left = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                  leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    single = Frame(margin, margin, page_w - 2 * margin, body_h, id="single")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef1f5"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=md_path.stem, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[left, right], onPage=sidebar_bg),
        PageTemplate(id="onecol", frames=[single]),
    ])
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.5)
    flow = blocks_to_flowables(pre, side_st, side_w - 8)
    flow += blocks_to_flowables(side, side_st, side_w - 8)
    flow.append(NextPageTemplate("onecol"))
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, main_st, main_w - 8)
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(md_path: Path, out: Path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    for kind, val in blocks:
        if kind == "title":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            doc.add_heading(val, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "p":
            add_runs(doc.add_paragraph(), val)
        elif kind == "table":
            ncol = max(len(r) for r in val)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(val):
                cells = table.add_row().cells
                for ci, txt in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, txt)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(f"rendered {cv_id} -> {fmt}")


if __name__ == "__main__":
    main()
