"""Render the heldout4-097 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-097/render.py
The .md files are the CV text; .md targets need no rendering.
"""
import re
from html import escape
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
    "cv-ho-1753": "pdf",
    "cv-ho-1754": "docx",
    "cv-ho-1755": "md",
    "cv-ho-1756": "pdf-two-column",
    "cv-ho-1757": "docx",
    "cv-ho-1758": "pdf",
    "cv-ho-1759": "md",
    "cv-ho-1760": "docx",
    "cv-ho-1761": "md",
    "cv-ho-1762": "pdf",
    "cv-ho-1763": "docx",
    "cv-ho-1764": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:]))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_inline(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
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
    for seg, b, it in split_inline(text):
        s = escape(seg, quote=False)
        if b:
            s = f"<b>{s}</b>"
        if it:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=path.stem)
    doc.build(flowables(blocks, styles()))


def render_pdf_two_column(blocks, path):
    """Header frame + narrow sidebar frame + main frame on page 1; single frame after."""
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_h = H - 2 * m - header_h
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                 showBoundary=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_h + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem)
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])

    head, side_blocks, main_blocks = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR else main_blocks
        current.append((kind, payload))

    st = styles()
    st_side = styles(base_size=8.8)
    story = flowables(head, st) + [FrameBreak()]
    story += flowables(side_blocks, st_side) + [FrameBreak(), NextPageTemplate("later")]
    story += flowables(main_blocks, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in split_inline(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(blocks, path):
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = path.stem
    d.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-two-column":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
