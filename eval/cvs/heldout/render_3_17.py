"""Render the CVs of this folder from their Markdown text to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-17/render.py
The .md file is the CV's exact content; PDFs get a real text layer (reportlab),
DOCX files are built with python-docx (Markdown tables become real Word tables).
"""
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-793": "md",
    "cv-ho-794": "pdf-two-column",
    "cv-ho-795": "docx",
    "cv-ho-796": "pdf",
    "cv-ho-797": "docx",
    "cv-ho-798": "md",
    "cv-ho-799": "md",
    "cv-ho-800": "pdf",
    "cv-ho-801": "docx",
    "cv-ho-802": "md",
    "cv-ho-803": "pdf",
    "cv-ho-804": "docx",
}

# sections that go in the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Tools", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullet, table (payload = list of rows)
    """
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush_para()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:].strip()))
        else:
            para.append(line)
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_rl(text):
    out = []
    for seg, b, i in inline_runs(text):
        seg = esc(seg)
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8,
                             leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2,
                             leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base * 1.3, spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=(base - 0.5) * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="", subject="CV")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    """Header frame on top, then a narrow sidebar frame and a wide main frame."""
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                   id="header", showBoundary=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="", subject="CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])

    # split blocks: header (before first h2), sidebar sections, main sections
    head, side_blocks, main_blocks = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR_SECTIONS else main_blocks
        current.append((kind, payload))

    st = styles(0.95)
    side_st = styles(0.88)
    story = flowables(head, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_blocks, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))


# --------------------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: md (no rendering needed)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            sys.exit(f"unknown target {target}")
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
