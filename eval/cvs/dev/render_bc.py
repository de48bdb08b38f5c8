"""Render the Markdown CVs of batch dev-bc to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bc/render.py
The .md file is the CV's text; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-685": "md",
    "cv-dev-686": "pdf-two-column",
    "cv-dev-687": "docx",
    "cv-dev-688": "pdf",
    "cv-dev-689": "docx",
    "cv-dev-690": "md",
    "cv-dev-691": "pdf",
    "cv-dev-692": "docx",
    "cv-dev-693": "md",
    "cv-dev-694": "pdf",
    "cv-dev-695": "docx",
    "cv-dev-696": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "certifications", "languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullet, table (payload = list of rows).
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.lstrip().startswith("- "):
            blocks.append(("bullet", line.lstrip()[2:]))
        else:
            blocks.append(("para", line.strip()))
        i += 1
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


def to_rl(text):
    out = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 8,
                             leading=base_size + 11, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 1,
                             leading=base_size + 4, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size + 3),
    }


def flowables(blocks, st):
    out = []
    pending = []

    def flush():
        if pending:
            out.append(ListFlowable(
                [ListItem(Paragraph(to_rl(t), st["bullet"]), leftIndent=10) for t in pending],
                bulletType="bullet", start="\u2013", leftIndent=10, bulletFontName="Helvetica",
                bulletFontSize=8))
            pending.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            pending.append(payload)
            continue
        flush()
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    flush()
    return out


def render_pdf(blocks, path, title):
    st = styles(10)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author="synthetic CV")
    doc.build(flowables(blocks, st))


def split_sections(blocks):
    """Header blocks (before first h2) and a list of (heading, blocks) sections."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(blocks, path, title):
    st = styles(9)
    header, sections = split_sections(blocks)
    side = [b for name, bl in sections if name.lower() in SIDEBAR_SECTIONS for b in bl]
    main = [b for name, bl in sections if name.lower() not in SIDEBAR_SECTIONS for b in bl]

    page_w, page_h = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 6 * mm
    side_w = 60 * mm
    body_h = page_h - 2 * margin - header_h
    frames = [
        Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        Frame(margin, margin, side_w, body_h, id="sidebar",
              leftPadding=4, rightPadding=4, topPadding=2, bottomPadding=0),
        Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, body_h,
              id="main", leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0),
    ]

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=frames, onPage=draw_bg)])
    story = flowables(header, st) + [FrameBreak()] + flowables(side, st) + [FrameBreak()] \
        + flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None


def render_docx(blocks, path, title):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "synthetic CV"
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
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
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    p = table.cell(ri, ci).paragraphs[0]
                    add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        title = f"CV {cv_id}"
        if target == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf", title)
        elif target == "pdf-two-column":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf", title)
        elif target == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx", title)
        print(cv_id, target)


if __name__ == "__main__":
    main()
