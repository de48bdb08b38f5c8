"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-60/render.py
The .md files are the source of truth; .md targets are left as they are.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1309": "md",
    "cv-ho-1310": "pdf",
    "cv-ho-1311": "docx",
    "cv-ho-1312": "pdf-two-column",
    "cv-ho-1313": "docx",
    "cv-ho-1314": "md",
    "cv-ho-1315": "md",
    "cv-ho-1316": "docx",
    "cv-ho-1317": "pdf",
    "cv-ho-1318": "md",
    "cv-ho-1319": "docx",
    "cv-ho-1320": "pdf",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, para, bullet, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def inline_xml(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def inline_runs(text):
    """Split '**bold** rest' into [(text, bold), ...]."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    return [(p[2:-2], True) if p.startswith("**") else (p, False) for p in parts if p]


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size * 1.3),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=base_size - 0.5,
                               leading=(base_size - 0.5) * 1.25),
    }


def flowables(blocks, st, width):
    out, bullets = [], []

    def flush():
        if bullets:
            out.append(ListFlowable(
                [ListItem(Paragraph(inline_xml(b), st["bullet"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=8))
            out.append(Spacer(1, 3))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "h1":
            out.append(Paragraph(inline_xml(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_xml(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(inline_xml(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_xml(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    flush()
    return out


def render_pdf(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles(), doc.width))


def render_pdf_two_column(md_path, out_path):
    """Sidebar frame (contact, skills, ...) on the left, main frame on the right."""
    blocks = parse(md_path.read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    side = [b for title, body in sections if title in SIDEBAR_SECTIONS
            for b in [("h2", title)] + body]
    main = header + [b for title, body in sections if title not in SIDEBAR_SECTIONS
                     for b in [("h2", title)] + body]

    page_w, page_h = A4
    margin, gap, side_w = 14 * mm, 7 * mm, 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    height = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, height, id="side",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, height, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin, margin, page_w - 2 * margin, height, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, height + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st, main_st = pdf_styles(8.5), pdf_styles(9.5)
    story = [NextPageTemplate("later")]
    story += flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, main_st, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for chunk, bold in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold


def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    para = table.cell(r, c).paragraphs[0]
                    add_runs(para, cell)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-two-column":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
