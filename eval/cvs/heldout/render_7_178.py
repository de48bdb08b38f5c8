"""Render the heldout7-178 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-178/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2727": "pdf",
    "cv-ho-2728": "pdf-two-column",
    "cv-ho-2731": "pdf",
    "cv-ho-2734": "pdf",
    "cv-ho-2726": "docx",
    "cv-ho-2729": "docx",
    "cv-ho-2732": "docx",
    "cv-ho-2735": "docx",
    # md targets: cv-ho-2725, cv-ho-2730, cv-ho-2733, cv-ho-2736
}

# Sections that go into the sidebar of the two-column PDF.
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
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_spans(text):
    """Split '**bold** rest' into [(text, bold)]."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id)
    doc.build(flowables(blocks, styles()))
    return path


def split_sections(blocks):
    """Return header blocks (before first h2) and a list of (title, blocks)."""
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


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h,
                   id="header", showBoundary=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                 body_h, id="main", showBoundary=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 3 * mm,
                    body_h + 2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="two", frames=[header, side, main],
                                       onPage=sidebar_bg)])
    head, sections = split_sections(blocks)
    st_main = styles(9.5)
    st_side = styles(8.5)
    story = flowables(head, st_main)
    story.append(FrameBreak())
    for title, blks in sections:
        if title in SIDEBAR_SECTIONS:
            story += flowables(blks, st_side)
    story.append(FrameBreak())
    for title, blks in sections:
        if title not in SIDEBAR_SECTIONS:
            story += flowables(blks, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold in inline_spans(text):
        r = par.add_run(t)
        r.bold = bold


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    for txt, bold in inline_spans(val):
                        run = p.add_run(txt)
                        run.bold = bold or ri == 0
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf-two-column":
            p = render_pdf_two_column(cv_id, blocks)
        else:
            p = render_docx(cv_id, blocks)
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
