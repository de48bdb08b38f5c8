"""Render the CV markdown files of this folder to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-44/render.py
PDF  -> reportlab (real text layer; cv-ho-1117 uses a two-column layout with frames)
DOCX -> python-docx (skills tables become real Word tables)
MD   -> the .md file itself is the target, nothing to render.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle, ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1117": "pdf2col",
    "cv-ho-1118": "docx",
    "cv-ho-1119": "md",
    "cv-ho-1120": "pdf",
    "cv-ho-1121": "docx",
    "cv-ho-1122": "md",
    "cv-ho-1123": "pdf",
    "cv-ho-1124": "docx",
    "cv-ho-1125": "pdf",
    "cv-ho-1126": "md",
    "cv-ho-1127": "docx",
    "cv-ho-1128": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-1117": ["Skills", "Mathematics", "Languages", "Interests"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """header blocks (before first h2) and list of (heading, blocks)."""
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


def inline_rl(text):
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3b5a"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size, leading=base_size + 3, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
    }
    st["bullet"] = ParagraphStyle("b", parent=st["para"], leftIndent=10, bulletIndent=2, spaceAfter=1)
    return st


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cid, blocks, path):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cid, author="synthetic")
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(cid, blocks, path):
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_h = H - 2 * m - header_h
    header_frame = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header")
    side_frame = Frame(m, m, side_w, body_h, id="sidebar")
    main_frame = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main")
    later_frame = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 2 * mm, m - 2 * mm, side_w + 4 * mm, body_h + 2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cid, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side_names = SIDEBAR[cid]
    side_blocks = [b for name, bl in sections if name in side_names for b in bl]
    main_blocks = [b for name, bl in sections if name not in side_names for b in bl]
    story = [NextPageTemplate("later")]
    story += flowables(header, st_main, W - 2 * m)
    story.append(FrameBreak())
    story += flowables(side_blocks, st_side, side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, st_main, W - 2 * m - side_w - gap)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        else:
            par.add_run(p)


def render_docx(cid, blocks, path):
    d = docx.Document()
    d.core_properties.title = cid
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = ""
                    run = t.cell(i, j).paragraphs[0].add_run(cell)
                    run.bold = i == 0
            d.add_paragraph()
    d.save(str(path))


def main():
    for cid, fmt in TARGETS.items():
        md = (HERE / f"{cid}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "pdf":
            render_pdf(cid, blocks, HERE / f"{cid}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cid, blocks, HERE / f"{cid}.pdf")
        elif fmt == "docx":
            render_docx(cid, blocks, HERE / f"{cid}.docx")
        print(cid, fmt)


if __name__ == "__main__":
    main()
