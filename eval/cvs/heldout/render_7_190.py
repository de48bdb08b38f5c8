"""Render the heldout7-190 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-190/render.py
The .md files are the CV text; .md targets need no rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2869": "pdf2col",
    "cv-ho-2870": "docx",
    "cv-ho-2871": "md",
    "cv-ho-2872": "pdf",
    "cv-ho-2873": "docx",
    "cv-ho-2874": "md",
    "cv-ho-2875": "pdf",
    "cv-ho-2876": "md",
    "cv-ho-2877": "docx",
    "cv-ho-2878": "pdf",
    "cv-ho-2879": "md",
    "cv-ho-2880": "docx",
}

# Sections placed in the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-2869": {"Skills", "Languages", "Interests"}}


def parse(md_text):
    """Return (name, header_paragraphs, sections); sections = [(title, blocks)].
    A block is ('p', text) | ('b', text) | ('sub', text) | ('table', rows)."""
    name, header, sections = None, [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("### "):
            (current[1] if current else header).append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            (current[1] if current else header).append(("b", line[2:].strip()))
        else:
            (current[1] if current else header).append(("p", line.strip()))
    return name, header, sections


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)\*(?!\w)", r"<i>\1</i>", text)
    return text


def runs(text):
    """Split markdown bold into (text, bold) runs for python-docx."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


# ---------------------------------------------------------------- PDF

def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=0, spaceAfter=2),
        "contact": ParagraphStyle("contact", parent=ss["Normal"], fontSize=base_size - 0.5,
                                  leading=base_size + 2, textColor=colors.HexColor("#333333"),
                                  spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2.5,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "sub": ParagraphStyle("sub", parent=ss["Heading3"], fontSize=base_size + 1,
                              leading=base_size + 3),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "b": ParagraphStyle("b", parent=ss["Normal"], fontSize=base_size,
                            leading=base_size + 3),
    }


def blocks_to_flowables(blocks, st, width):
    flows, bullets = [], []

    def flush():
        if bullets:
            flows.append(ListFlowable(
                [ListItem(Paragraph(inline_rl(b), st["b"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="•", leftIndent=10, bulletFontSize=7))
            bullets.clear()

    for kind, val in blocks:
        if kind == "b":
            bullets.append(val)
            continue
        flush()
        if kind == "p":
            flows.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "sub":
            flows.append(Paragraph(inline_rl(val), st["sub"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["b"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flows.append(t)
    flush()
    return flows


def render_pdf(cv_id, md_text, out):
    name, header, sections = parse(md_text)
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name)
    width = A4[0] - 36 * mm
    flows = [Paragraph(inline_rl(name), st["name"])]
    for kind, val in header:
        if kind == "p":
            flows.append(Paragraph(inline_rl(val), st["contact"]))
        else:
            flows.extend(blocks_to_flowables([(kind, val)], st, width))
    for title, blocks in sections:
        flows.append(Paragraph(inline_rl(title), st["h2"]))
        flows.extend(blocks_to_flowables(blocks, st, width))
    doc.build(flows)


def render_pdf_two_column(cv_id, md_text, out):
    """Real two-column layout: a left sidebar frame and a main frame on page 1;
    later pages use a single full-width frame."""
    name, header, sections = parse(md_text)
    st = styles(9)
    side_names = SIDEBAR[cv_id]
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=4, rightPadding=4)
    full = Frame(margin, margin, page_w - 2 * margin, body_h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=name, author=name,
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="single", frames=[full]),
    ])

    flows = [NextPageTemplate("single"), Paragraph(inline_rl(name), st["name"])]
    for kind, val in header:
        if kind == "p":
            flows.append(Paragraph(inline_rl(val), st["contact"]))
    for title, blocks in sections:
        if title in side_names:
            flows.append(Paragraph(inline_rl(title), st["h2"]))
            flows.extend(blocks_to_flowables(blocks, st, side_w - 8))
    flows.append(FrameBreak())
    for title, blocks in sections:
        if title not in side_names:
            flows.append(Paragraph(inline_rl(title), st["h2"]))
            flows.extend(blocks_to_flowables(blocks, st, main_w - 8))
    doc.build(flows)


# ---------------------------------------------------------------- DOCX

def render_docx(cv_id, md_text, out):
    name, header, sections = parse(md_text)
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = name
    d.core_properties.author = name
    d.add_heading(name, level=0)

    def add_blocks(blocks):
        for kind, val in blocks:
            if kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j, cell in enumerate(row):
                        c = t.cell(i, j)
                        c.text = ""
                        r = c.paragraphs[0].add_run(cell.replace("**", ""))
                        r.bold = i == 0
                d.add_paragraph()
                continue
            if kind == "sub":
                d.add_heading(val.replace("**", ""), level=2)
                continue
            para = d.add_paragraph(style="List Bullet" if kind == "b" else None)
            for text, bold in runs(val):
                para.add_run(text).bold = bold

    add_blocks(header)
    for title, blocks in sections:
        d.add_heading(title, level=1)
        add_blocks(blocks)
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        text = md_path.read_text(encoding="utf-8")
        if fmt == "pdf":
            render_pdf(cv_id, text, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, text, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, text, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
