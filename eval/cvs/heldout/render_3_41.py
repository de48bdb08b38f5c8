"""Render the CV Markdown files of this folder to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-41/render.py
PDF: reportlab (real text layer; cv-ho-1081 uses two frames = two columns).
DOCX: python-docx (Markdown tables become real Word tables).
MD targets are the .md files themselves.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1081": "pdf2col",
    "cv-ho-1082": "docx",
    "cv-ho-1083": "md",
    "cv-ho-1084": "pdf",
    "cv-ho-1085": "docx",
    "cv-ho-1086": "pdf",
    "cv-ho-1087": "md",
    "cv-ho-1088": "docx",
    "cv-ho-1089": "md",
    "cv-ho-1090": "pdf",
    "cv-ho-1091": "md",
    "cv-ho-1092": "docx",
}
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
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
        if line.strip() == "---":
            blocks.append(("rule", None))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22, alignment=0,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2.5,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 1,
                             leading=base_size + 4, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=base_size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "rule":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            col_w = [width * 0.45] + [width * 0.55 / (ncol - 1)] * (ncol - 1)
            t = Table(data, colWidths=col_w, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm)
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Split into (header blocks, list of (title, blocks))."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(blocks, path):
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=4,
                 rightPadding=4)
    later = Frame(margin, margin, page_w - 2 * margin, body_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title="CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    header, sections = split_sections(blocks)
    st_side = styles(base_size=8.5)
    st_main = styles(base_size=9.5)
    side_blocks = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in bl]
    main_blocks = header + [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in bl]
    story = flowables(side_blocks, st_side, side_w - 8)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(main_blocks, st_main, main_w - 8)
    doc.build(story)


def add_inline_docx(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*"):
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(blocks, path):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_inline_docx(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_inline_docx(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_inline_docx(d.add_heading(level=2), payload)
        elif kind == "bullet":
            add_inline_docx(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_inline_docx(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_inline_docx(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    d.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
