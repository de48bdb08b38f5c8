"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-36/render.py
The .md files are the source of truth; .md targets are left as they are.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1021": "pdf2col",
    "cv-ho-1022": "docx",
    "cv-ho-1023": "md",
    "cv-ho-1024": "pdf",
    "cv-ho-1025": "docx",
    "cv-ho-1026": "md",
    "cv-ho-1027": "pdf",
    "cv-ho-1028": "docx",
    "cv-ho-1029": "md",
    "cv-ho-1030": "pdf",
    "cv-ho-1031": "docx",
    "cv-ho-1032": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            flush(); blocks.append(("h3", line[4:])); i += 1; continue
        if line.startswith("## "):
            flush(); blocks.append(("h2", line[3:])); i += 1; continue
        if line.startswith("# "):
            flush(); blocks.append(("h1", line[2:])); i += 1; continue
        if line.startswith("- "):
            flush(); blocks.append(("bullet", line[2:])); i += 1; continue
        para.append(line)
        i += 1
    flush()
    return blocks


def inline_spans(text):
    """Split text into (segment, bold, italic) using **bold** and *italic*."""
    spans = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    for part in pattern.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for seg, b, it in inline_spans(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10, leading=12,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st, width=None):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=None, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, styles()))


def render_pdf_two_column(md_path, out_path):
    """Sidebar (left frame) with contact/skills/languages/interests, main column on the right."""
    blocks = parse(md_path.read_text(encoding="utf-8"))
    side, main = [], []
    target = main
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR_SECTIONS else main
        target.append((kind, payload))

    page_w, page_h = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    frame_h = page_h - 2 * margin

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, frame_h, id="side", leftPadding=0, rightPadding=4)
    main_frame = Frame(main_x, margin, main_w, frame_h, id="main", leftPadding=0, rightPadding=0)
    later_frame = Frame(main_x, margin, main_w, frame_h, id="later", leftPadding=0, rightPadding=0)
    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame], onPage=sidebar_bg),
    ])
    side_st = styles(8.5)
    main_st = styles(9.2)
    story = [NextPageTemplate("later")]
    story += flowables(side, side_st)
    story.append(FrameBreak())
    story += flowables(main, main_st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_spans(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
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
        elif kind == "para":
            p = doc.add_paragraph()
            for j, l in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, l)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
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
        elif fmt == "pdf2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
