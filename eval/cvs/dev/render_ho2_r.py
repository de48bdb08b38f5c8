"""Render the heldout-r CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-r/render.py

- PDF targets are built with reportlab (real text layer); cv-ho-208 uses a
  BaseDocTemplate with separate frames so the page really has two columns
  (sidebar on the left, main column on the right).
- DOCX targets are built with python-docx; Markdown tables become real Word
  tables.
- MD targets are the .md files themselves (nothing to do).
"""
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-205": "pdf",
    "cv-ho-206": "docx",
    "cv-ho-207": "md",
    "cv-ho-208": "pdf-2col",
    "cv-ho-209": "docx",
    "cv-ho-210": "md",
    "cv-ho-211": "pdf",
    "cv-ho-212": "docx",
    "cv-ho-213": "pdf",
    "cv-ho-214": "md",
    "cv-ho-215": "docx",
    "cv-ho-216": "md",
}

# Sections of cv-ho-208 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


# --------------------------------------------------------------------------
# A tiny Markdown reader (headings, paragraphs, bullets, pipe tables, **bold**)
# --------------------------------------------------------------------------
def parse_md(text):
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            flush()
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
            i += 1
            continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks), ...]) split on level-2 headings."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _inline_pdf(s):
    s = escape(s)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def _pdf_styles(base_size=9.5):
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib import colors

    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10, leading=12.5, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3,
                             leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size * 1.25),
    }
    return st


def _pdf_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, val in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(_inline_pdf(val), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(_inline_pdf(x) for x in val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(_inline_pdf(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(_inline_pdf(c), st["cell"]) for c in r] for r in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(md_path, pdf_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    st = _pdf_styles()
    doc = SimpleDocTemplate(str(pdf_path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(_pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(md_path, pdf_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in [("h2", t)] + bl]
    main = [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in [("h2", t)] + bl]

    W, H = A4
    m = 15 * mm
    gap = 7 * mm
    side_w = 58 * mm
    header_h = 24 * mm
    main_x = m + side_w + gap
    main_w = W - main_x - m
    body_h = H - 2 * m - header_h

    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    f_main = Frame(main_x, m, main_w, body_h, id="main", leftPadding=0, rightPadding=0)
    f_main_later = Frame(main_x, m, main_w, H - 2 * m, id="main2",
                         leftPadding=0, rightPadding=0)

    def first_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(m - 2, m - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, title=md_path.stem,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=first_bg,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[f_main_later]),
    ])
    st_main = _pdf_styles(9.5)
    st_side = _pdf_styles(8.8)
    story = _pdf_flowables(header, st_main, W - 2 * m)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += _pdf_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += _pdf_flowables(main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(md_path, docx_path):
    import docx
    from docx.shared import Pt

    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = md_path.stem
    d.core_properties.author = "synthetic CV"
    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "p":
            par = d.add_paragraph()
            for j, line in enumerate(val):
                if j:
                    par.add_run().add_break()
                _add_runs(par, line)
        elif kind == "li":
            _add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    _add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(docx_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
