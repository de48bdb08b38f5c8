"""Render the heldout7-179 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-179/render.py
The .md file is the CV's content; the target format is listed in TARGETS.
MD targets need no rendering (the .md itself is the target).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2737": "pdf-two-column",
    "cv-ho-2738": "docx",
    "cv-ho-2739": "md",
    "cv-ho-2740": "pdf",
    "cv-ho-2741": "docx",  # skills table becomes a real Word table
    "cv-ho-2742": "md",
    "cv-ho-2743": "pdf",
    "cv-ho-2744": "docx",
    "cv-ho-2745": "md",
    "cv-ho-2746": "pdf",
    "cv-ho-2747": "docx",
    "cv-ho-2748": "md",
}

# sections of cv-ho-2737 that go into the left sidebar
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, para, table."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


def to_rl(text):
    parts = []
    for t, b, i in runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        parts.append(t)
    return "".join(parts)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=2)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 12, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size, spaceBefore=4),
        "para": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=2),
    }


def flowables(blocks, st, avail_width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[avail_width * 0.45, avail_width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(md_path, out_path):
    """Header across the top, skills sidebar on the left, experience on the right."""
    blocks = parse(md_path.read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    side = [b for title, bl in sections if title in SIDEBAR_SECTIONS for b in bl]
    main = [b for title, bl in sections if title not in SIDEBAR_SECTIONS for b in bl]

    pw, ph = A4
    margin = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 64 * mm
    body_top = ph - margin - header_h
    body_h = body_top - margin
    main_w = pw - 2 * margin - side_w - gap

    header_frame = Frame(margin, body_top, pw - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="later",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=first_page),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    story = [NextPageTemplate("later")]
    story += flowables(header, st_main, pw - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    doc.save(str(out_path))


def main():
    for cv_id, target in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if target == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
