"""Render the heldout-s CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-s/render.py

- PDF targets get a real text layer (reportlab Paragraphs, no images).
  cv-ho-217 uses a two-column layout (BaseDocTemplate with a header frame,
  a sidebar frame and a main frame), so the text layer is really two columns.
- DOCX targets are written with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-217": "pdf2col",
    "cv-ho-218": "docx",
    "cv-ho-219": "md",
    "cv-ho-220": "pdf",
    "cv-ho-221": "docx",
    "cv-ho-222": "md",
    "cv-ho-223": "pdf",
    "cv-ho-224": "docx",
    "cv-ho-225": "pdf",
    "cv-ho-226": "md",
    "cv-ho-227": "docx",
    "cv-ho-228": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR = {"cv-ho-217": {"Contact", "Skills", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). Kinds: h1, h2, h3, p, li, li2, table."""
    blocks = []
    table = []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif re.match(r"^\s{2,}- ", line):
            blocks.append(("li2", line.strip()[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
    if table:
        blocks.append(("table", table))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    html = []
    for t, b, i in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        html.append(t)
    return "".join(html)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18, leading=22, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale,
                             textColor=colors.HexColor("#1f3b63"),
                             spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", parent=base, spaceAfter=2),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
        "li2": ParagraphStyle("li2", parent=base, leftIndent=22, bulletIndent=14,
                              spaceAfter=1),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind in ("li", "li2"):
            flow.append(Paragraph(rl_markup(payload), st[kind], bulletText="-"))
        else:
            flow.append(Paragraph(rl_markup(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(pdf_flowables(blocks, st, doc.width))


def split_sections(blocks, sidebar_titles):
    """Header (before the first h2), sidebar sections, main sections."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, out):
    page_w, page_h = A4
    margin = 15 * mm
    header_h = 24 * mm
    gutter = 8 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin,
                         header_h, id="header", showBoundary=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4)
    rest_frame = Frame(margin + side_w + gutter, margin, main_w,
                       page_h - 2 * margin, id="rest")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])
    header, side, main = split_sections(blocks, SIDEBAR[cv_id])
    st_main = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    story = [NextPageTemplate("rest")]
    story += pdf_flowables(header, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += pdf_flowables(main, st_main, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks, out):
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
            add_runs(doc.add_heading("", level=2), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "li2":
            add_runs(doc.add_paragraph(style="List Bullet 2"), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, text in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    doc.save(str(out))


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
