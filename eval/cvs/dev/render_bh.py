"""Render the dev-bh CVs from their Markdown sources to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bh/render.py
The .md file is the CV's exact content; MD targets are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-745": "md",
    "cv-dev-746": "pdf-2col",
    "cv-dev-747": "docx",
    "cv-dev-748": "pdf",
    "cv-dev-749": "docx",
    "cv-dev-750": "md",
    "cv-dev-751": "pdf",
    "cv-dev-752": "md",
    "cv-dev-753": "docx",
    "cv-dev-754": "pdf",
    "cv-dev-755": "md",
    "cv-dev-756": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        elif line.startswith("|"):
            flush()
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
    flush()
    return blocks


def split_sections(blocks):
    """Group blocks into (heading or None, [blocks]) sections at h2 level."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return sections


# ---------------------------------------------------------------- PDF
def rl_inline(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"<i>\1</i>", s)
    return s


def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10 * scale, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=base, spaceAfter=4),
        "li": ParagraphStyle("li", parent=base),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(rl_inline(payload), st[kind]))
        elif kind == "ul":
            out.append(ListFlowable(
                [ListItem(Paragraph(rl_inline(x), st["li"]), leftIndent=10)
                 for x in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            out.append(Spacer(1, 3))
        elif kind == "table":
            for row in payload:
                out.append(Paragraph(rl_inline(" \u2014 ".join(c for c in row if c)), st["p"]))
    return out


def render_pdf(stem, blocks):
    path = HERE / f"{stem}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=stem, author="synthetic")
    doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return path


def render_pdf_two_column(stem, blocks):
    """Sidebar frame (left) with contact/skills; main frame (right) with the rest."""
    path = HERE / f"{stem}.pdf"
    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 8 * mm
    sidebar = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                    leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                 H - 2 * margin, id="main", leftPadding=4, rightPadding=4)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm,
                    H - 2 * margin + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=stem, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[sidebar, main],
                                       onPage=decorate)])
    st_side = pdf_styles(scale=0.92)
    st_main = pdf_styles()
    sections = split_sections(blocks)
    head = sections[0][1]
    side_blocks, main_blocks = [], []
    for heading, body in sections[1:]:
        target = side_blocks if heading in SIDEBAR_SECTIONS else main_blocks
        target.append(("h2", heading))
        target.extend(body)
    story = blocks_to_flowables(side_blocks, st_side)
    story.append(FrameBreak())
    story += blocks_to_flowables(head + main_blocks, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(stem, blocks):
    path = HERE / f"{stem}.docx"
    d = docx.Document()
    d.core_properties.author = "synthetic"
    d.core_properties.title = stem
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
            add_runs(d.add_paragraph(), payload)
        elif kind == "ul":
            for item in payload:
                add_runs(d.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i in range(ncols):
                    val = row[c_i] if c_i < len(row) else ""
                    cells[c_i].text = ""
                    run = cells[c_i].paragraphs[0].add_run(val)
                    run.bold = (r_i == 0)
            d.add_paragraph()
    d.save(str(path))
    return path


def main():
    for stem, fmt in TARGETS.items():
        blocks = parse_md((HERE / f"{stem}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            p = render_pdf(stem, blocks)
        elif fmt == "pdf-2col":
            p = render_pdf_two_column(stem, blocks)
        elif fmt == "docx":
            p = render_docx(stem, blocks)
        else:
            p = HERE / f"{stem}.md"
        print(f"{stem}: {p.name} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
