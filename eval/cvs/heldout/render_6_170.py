"""Render the heldout6-170 CVs from their Markdown text to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout6-170/render.py

- PDF  (reportlab, real text layer): cv-ho-2629, cv-ho-2632 (two-column), cv-ho-2635, cv-ho-2638
- DOCX (python-docx):                cv-ho-2630, cv-ho-2633 (Word table for skills), cv-ho-2636, cv-ho-2639
- MD   (the .md file is the target):  cv-ho-2631, cv-ho-2634, cv-ho-2637, cv-ho-2640
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-2629", "cv-ho-2635", "cv-ho-2638"]
TWO_COLUMN_IDS = ["cv-ho-2632"]
DOCX_IDS = ["cv-ho-2630", "cv-ho-2633", "cv-ho-2636", "cv-ho-2639"]
MD_IDS = ["cv-ho-2631", "cv-ho-2634", "cv-ho-2637", "cv-ho-2640"]

# sections of the two-column CV that go into the left sidebar
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows of cells)
    """
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
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    current = None
    for kind, payload in blocks:
        if kind == "h2":
            current = (payload, [])
            sections.append(current)
        elif current is None:
            header.append((kind, payload))
        else:
            current[1].append((kind, payload))
    return header, sections


def inline_to_rl(text):
    """Markdown inline (**bold**) -> reportlab mini-markup."""
    out = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)


# --------------------------------------------------------------------------- PDF
def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = "Helvetica", "Helvetica-Bold"
    dv = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DejaVuSans", dv + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", dv + "DejaVuSans-Bold.ttf"))
        from reportlab.lib.fonts import addMapping
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-Bold")
        regular, bold = "DejaVuSans", "DejaVuSans-Bold"
    except Exception:
        pass
    accent = colors.HexColor("#1f4e79")
    st = {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=3, textColor=accent),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=9, spaceAfter=3,
                             textColor=accent),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=9.5, leading=12, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=regular, fontSize=9.2, leading=12, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=regular, fontSize=9.2, leading=12, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "side_h2": ParagraphStyle("side_h2", fontName=bold, fontSize=10.5, leading=13, spaceBefore=8,
                                  spaceAfter=3, textColor=accent),
        "side_bullet": ParagraphStyle("side_bullet", fontName=regular, fontSize=8.6, leading=11,
                                      leftIndent=8, bulletIndent=0, spaceAfter=1),
    }
    return st


def _flowables(blocks, st, sidebar=False, width=None):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_to_rl(payload), st["side_h2" if sidebar else "h2"]))
        elif kind == "h3":
            out.append(Paragraph(inline_to_rl(payload), st["h3"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), st["side_bullet" if sidebar else "bullet"],
                                 bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph(inline_to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=None if width is None else [width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    text = open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read()
    st = _pdf_styles()
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    story = _flowables(parse_md(text), st, width=doc.width)
    doc.build(story)
    return path


def render_pdf_two_column(cv_id):
    """Header across the top, then a sidebar frame (left) and a main frame (right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    text = open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read()
    st = _pdf_styles()
    header, sections = split_sections(parse_md(text))
    path = os.path.join(HERE, cv_id + ".pdf")

    page_w, page_h = A4
    margin = 15 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="main_later",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    side_blocks, main_blocks = [], []
    for title, blocks in sections:
        target = side_blocks if title in SIDEBAR_SECTIONS else main_blocks
        target.append(("h2", title))
        target.extend(blocks)

    story = [NextPageTemplate("later")]
    story += _flowables(header, st)
    story.append(FrameBreak())
    story += _flowables(side_blocks, st, sidebar=True, width=side_w - 8)
    story.append(FrameBreak())
    story += _flowables(main_blocks, st, width=main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------- DOCX
def _add_inline(paragraph, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        else:
            paragraph.add_run(part)


def render_docx(cv_id):
    from docx import Document
    from docx.shared import Pt

    text = open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read()
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse_md(text):
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            _add_inline(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            _add_inline(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c in range(ncols):
                    cells[c].text = row[c] if c < len(row) else ""
                    if r == 0:
                        for run in cells[c].paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    path = os.path.join(HERE, cv_id + ".docx")
    doc.save(path)
    return path


# --------------------------------------------------------------------------- main
def main():
    made = []
    for cv_id in PDF_IDS:
        made.append(render_pdf(cv_id))
    for cv_id in TWO_COLUMN_IDS:
        made.append(render_pdf_two_column(cv_id))
    for cv_id in DOCX_IDS:
        made.append(render_docx(cv_id))
    for cv_id in MD_IDS:
        made.append(os.path.join(HERE, cv_id + ".md"))
    for p in made:
        print(f"{os.path.basename(p):20s} {os.path.getsize(p):>8d} bytes")


if __name__ == "__main__":
    main()
