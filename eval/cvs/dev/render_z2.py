"""Render the dev-z2 CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-z2/render.py

Each <id>.md holds exactly the CV's text. The target format of each CV is in
TARGETS; "md" means the Markdown file itself is the target (nothing rendered).
PDFs are built with reportlab (real text layer), DOCX with python-docx.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-313": "md",
    "cv-dev-314": "pdf",
    "cv-dev-315": "docx",
    "cv-dev-316": "docx",
    "cv-dev-317": "md",
    "cv-dev-318": "pdf",  # two-column
    "cv-dev-319": "docx",
    "cv-dev-320": "md",
    "cv-dev-321": "pdf",
    "cv-dev-322": "docx",
    "cv-dev-323": "md",
    "cv-dev-324": "pdf",
}

# Two-column PDFs: which "##" sections go to the left sidebar.
TWO_COLUMN = {
    "cv-dev-318": {"Contact", "Skills", "Certifications", "Languages", "Interests"},
}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, li, table (payload = list of rows of cells).
    Every non-empty plain line is its own paragraph (CV lines, not prose).
    """
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
    return blocks


INLINE = re.compile(r"(\*\*.+?\*\*|\*[^*]+?\*)")


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
    for seg, bold, italic in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            seg = f"<b>{seg}</b>"
        if italic:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22,
                             spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base_size + 1,
                             leading=base_size + 4, spaceBefore=4, spaceAfter=2)
    s["p"] = ParagraphStyle("p", fontName="Helvetica", fontSize=base_size,
                            leading=base_size + 3.5, spaceAfter=3, alignment=TA_LEFT)
    s["li"] = ParagraphStyle("li", parent=s["p"], leftIndent=12, bulletIndent=2,
                             spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            rows = [[Paragraph(to_rl(("**%s**" % c) if i == 0 else c), st["cell"])
                     for c in row] for i, row in enumerate(payload)]
            t = Table(rows, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(to_rl(payload), st["li"], bulletText="-"))
        else:
            flow.append(Paragraph(to_rl(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks, sidebar_titles):
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 6.0 * cm
    gap = 0.7 * cm
    body_top = page_h - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, page_w - 2 * margin, header_h, id="header",
                         leftPadding=8, rightPadding=8, topPadding=6, bottomPadding=4)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=8, rightPadding=8, topPadding=6, bottomPadding=6)
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4, topPadding=6, bottomPadding=6)
    rest_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="rest")

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3a5f"))
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top, page_w - margin, body_top)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=first_page),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])

    header, side, main = split_sections(blocks, sidebar_titles)
    side_st = pdf_styles(base_size=8.5)
    main_st = pdf_styles(base_size=9.5)
    story = [NextPageTemplate("rest")]
    story += pdf_flowables(header, main_st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, side_st, side_w - 16)
    story.append(FrameBreak())
    story += pdf_flowables(main, main_st, main_w - 8)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
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
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell_text in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = ""
                    par = cell.paragraphs[0]
                    add_runs(par, ("**%s**" % cell_text) if i == 0 else cell_text)
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf" and cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        elif fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
