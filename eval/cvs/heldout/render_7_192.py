"""Render the CV Markdown files of this folder to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-192/render.py
- PDF targets are built with reportlab (real text layer); cv-ho-2894 uses a
  two-column layout (sidebar frame + main frame) via BaseDocTemplate.
- DOCX targets are built with python-docx; Markdown tables become real Word tables.
- MD targets need no rendering (the .md file is the target).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2894", "cv-ho-2897", "cv-ho-2900", "cv-ho-2903"]
DOCX_IDS = ["cv-ho-2893", "cv-ho-2896", "cv-ho-2898", "cv-ho-2902"]
MD_IDS = ["cv-ho-2895", "cv-ho-2899", "cv-ho-2901", "cv-ho-2904"]

TWO_COLUMN = {"cv-ho-2894": {"Contact", "Skills", "Languages", "Certifications"}}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, p, li, table."""
    blocks = []
    lines = text.splitlines()
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
            blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


def split_inline(text):
    """Split **bold** markup into (text, bold) runs."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    runs = []
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True))
        else:
            runs.append((part, False))
    return runs


def to_rl(text):
    return "".join(
        f"<b>{html.escape(t, quote=False)}</b>" if b else html.escape(t, quote=False)
        for t, b in split_inline(text)
    )


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3, leftIndent=12,
                             bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 1, leading=(base_size - 1) * 1.25),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            ncols = len(payload[0])
            data = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % to_rl(c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
            t = Table(data, colWidths=[width / ncols] * ncols, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf_single(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic")
    st = pdf_styles()
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 15 * mm
    header_h = 28 * mm
    side_w = 60 * mm
    gap = 8 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    main_w = W - 2 * margin - side_w - gap

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_main]),
    ])

    # split blocks: header (before first h2), sidebar sections, main sections
    head, side, body = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else body
        current.append((kind, payload))

    st = pdf_styles()
    st_side = pdf_styles(base_size=9)
    story = pdf_flowables(head, st, W - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += pdf_flowables(body, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b in split_inline(text):
        r = par.add_run(t)
        r.bold = b


def render_docx(cv_id, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    run.bold = r == 0
            doc.add_paragraph()
    doc.save(HERE / f"{cv_id}.docx")


def main():
    for cv_id in PDF_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            render_pdf_single(cv_id, blocks)
    for cv_id in DOCX_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        render_docx(cv_id, blocks)
    for cv_id in MD_IDS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    print("rendered", len(PDF_IDS), "pdf,", len(DOCX_IDS), "docx;", len(MD_IDS), "md targets")


if __name__ == "__main__":
    main()
