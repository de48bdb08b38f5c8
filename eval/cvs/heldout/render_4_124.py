"""Render the heldout4-124 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-124/render.py
The .md file is the CV's exact content; .md targets are left as they are.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from docx import Document
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2077": "md",
    "cv-ho-2078": "pdf2col",
    "cv-ho-2079": "docx",
    "cv-ho-2080": "pdf",
    "cv-ho-2081": "md",
    "cv-ho-2082": "docx",
    "cv-ho-2083": "pdf",
    "cv-ho-2084": "md",
    "cv-ho-2085": "docx",
    "cv-ho-2086": "pdf",
    "cv-ho-2087": "docx",
    "cv-ho-2088": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-2078": {"Contact", "Skills", "Education", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, p, li, table."""
    blocks, para = [], []

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush(); blocks.append(("li", line[2:].strip()))
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


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)
    return text


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5,
                          leading=12.5, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=18, leading=22,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11, leading=14,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
    }


def rl_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    st = styles()
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(rl_flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    st = styles()
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_w = W - 2 * m - side_w - gap
    body_h = H - 2 * m - header_h

    header_frame = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                         leftPadding=4, rightPadding=4, topPadding=2, bottomPadding=2)
    side_frame = Frame(m, m, side_w, body_h, id="sidebar", leftPadding=6, rightPadding=6)
    main_frame = Frame(m + side_w + gap, m, main_w, body_h, id="main", leftPadding=2, rightPadding=2)
    later_main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2")

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_main]),
    ])
    header, sections = split_sections(blocks)
    side_names = SIDEBAR[cv_id]
    side = [b for t, bl in sections if t in side_names for b in [("h2", t)] + bl]
    main = [b for t, bl in sections if t not in side_names for b in [("h2", t)] + bl]

    story = [NextPageTemplate("later")]
    story += rl_flowables(header, st, W - 2 * m)
    story.append(FrameBreak())
    story += rl_flowables(side, st, side_w - 12)
    story.append(FrameBreak())
    story += rl_flowables(main, st, main_w - 4)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            par.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            par.add_run(piece[1:-1]).italic = True
        else:
            par.add_run(piece)


def render_docx(cv_id, blocks):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            h = doc.add_heading(payload, level=1)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "p":
            par = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    tc = table.cell(r, c)
                    tc.text = ""
                    run = tc.paragraphs[0].add_run(cell)
                    run.bold = r == 0
            doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.core_properties.author = ""
    doc.core_properties.title = cv_id
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, blocks)
        else:
            p = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {p.name} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
