"""Render the CVs of this folder from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout6-162/render.py

- PDF (reportlab, real text layer): cv-ho-2533 (two-column), 2536, 2539, 2542
- DOCX (python-docx): cv-ho-2534 (skills as a real Word table), 2537, 2540, 2543
- MD: cv-ho-2535, 2538, 2541, 2544 (the .md file itself is the target)
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2533", "cv-ho-2536", "cv-ho-2539", "cv-ho-2542"]
TWO_COLUMN = {"cv-ho-2533": {"Skills", "Languages", "Interests"}}
DOCX = ["cv-ho-2534", "cv-ho-2537", "cv-ho-2540", "cv-ho-2543"]


# ---------------------------------------------------------------- Markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
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
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
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


def rl_markup(text):
    out = []
    for seg, bold, italic in inline_runs(text):
        seg = html.escape(seg, quote=False)
        if bold:
            seg = f"<b>{seg}</b>"
        if italic:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.6
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=18,
                             leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", parent=ss["Normal"], fontName="Helvetica-Bold", fontSize=base,
                             leading=base * 1.3, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica", fontSize=base,
                            leading=base * 1.3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica", fontSize=base,
                             leading=base * 1.3, leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["Normal"], fontName="Helvetica", fontSize=base - 0.6,
                               leading=(base - 0.6) * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            if ncol == 2:
                widths = [width * 0.55, width * 0.45]
            else:
                widths = [width * 0.32, width * 0.2, width * 0.48][:ncol]
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(rl_markup(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def render_pdf_single(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks)])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    side_w = 58 * mm
    gap = 7 * mm
    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    body_h = H - 2 * margin - header_h - 4 * mm
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4 * mm, rightPadding=4 * mm, topPadding=4 * mm, bottomPadding=4 * mm)
    main_x = margin + side_w + gap
    main = Frame(main_x, margin, W - margin - main_x, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4 * mm, bottomPadding=0)
    later = Frame(main_x, margin, W - margin - main_x, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later]),
    ])
    head, sections = split_sections(blocks)
    st = pdf_styles()
    st_side = pdf_styles(small=True)
    side_blocks = [b for t, bl in sections if t in sidebar_titles for b in bl]
    main_blocks = [b for t, bl in sections if t not in sidebar_titles for b in bl]
    story = flowables(head, st, header.width)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += flowables(side_blocks, st_side, side_w - 8 * mm)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main.width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = len(payload[0])
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    for s in ("Title", "Heading 1", "Heading 2"):
        doc.styles[s].font.color.rgb = RGBColor(0x1F, 0x3B, 0x5C)
    doc.core_properties.author = ""
    doc.core_properties.title = cv_id
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            p = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            p = render_pdf_single(cv_id, blocks)
        print(p.name, p.stat().st_size)
    for cv_id in DOCX:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
