"""Render the heldout-t CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-t/render.py

Each <id>.md holds exactly the CV's text. Depending on TARGETS below, the CV is
rendered to PDF (reportlab, real text layer), to DOCX (python-docx), or left
as Markdown (the .md itself is the target). One PDF uses a real two-column
layout (header frame + sidebar frame + main frame); Markdown tables become
real Word tables in DOCX and reportlab tables in PDF.
"""
import os
import re
from html import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-229": "pdf-two-column",
    "cv-ho-230": "pdf",
    "cv-ho-231": "docx",
    "cv-ho-232": "docx",
    "cv-ho-233": "md",
    "cv-ho-234": "pdf",
    "cv-ho-235": "docx",
    "cv-ho-236": "md",
    "cv-ho-237": "pdf",
    "cv-ho-238": "md",
    "cv-ho-239": "docx",
    "cv-ho-240": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-ho-229": ["Skills", "Certifications", "Languages", "Interests"]}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows of cells).
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
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


def inline_html(text):
    """Markdown inline (**bold**, *italic*) to reportlab mini-HTML."""
    t = escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Markdown inline to a list of (text, bold, italic) runs for DOCX."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        else:
            for sub in re.split(r"((?<!\*)\*(?!\s).+?(?<!\s)\*(?!\*))", part):
                if not sub:
                    continue
                if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                    runs.append((sub[1:-1], False, True))
                else:
                    runs.append((sub, False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def styles(base_size=10):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base_size, leading=base_size + 3,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base_size, leading=base_size + 3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base_size, leading=base_size + 3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base_size - 1, leading=base_size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_html(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(inline_html(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_html(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, path):
    st = styles()
    margin = 1.8 * cm
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st, A4[0] - 2 * margin))


def render_pdf_two_column(cv_id, blocks, path):
    st = styles(base_size=9.5)
    side_st = styles(base_size=8.5)
    side_st["h2"] = ParagraphStyle("sh2", parent=side_st["h2"], fontSize=10.5, leading=13)
    page_w, page_h = A4
    margin = 1.4 * cm
    header_h = 2.6 * cm
    side_w = 5.4 * cm
    gap = 0.6 * cm
    body_h = page_h - 2 * margin - header_h
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    later_frame = Frame(main_x, margin, main_w, page_h - 2 * margin, id="main-later",
                        leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sections = split_sections(blocks)
    side_names = SIDEBAR_SECTIONS[cv_id]
    side_blocks, main_blocks = [], []
    for title, sec in sections:
        target = side_blocks if title in side_names else main_blocks
        target.append(("h2", title))
        target.extend(sec)

    story = [NextPageTemplate("later")]
    story += flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_blocks, side_st, side_w - 12)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for chunk, bold, italic in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id, blocks, path):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(path)


# --------------------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse(f.read())
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            out = md_path
        print(f"{cv_id}: {target} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
