"""Render the CVs of eval/cvs/heldout4-118 from their Markdown source.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-118/render.py

Each <id>.md holds the exact CV text. Targets:
  - PDF  (reportlab, real text layer; cv-ho-2005 is a true two-column layout
          built with BaseDocTemplate + Frames: sidebar frame and main frame)
  - DOCX (python-docx; the Markdown skills table of cv-ho-2006 becomes a real Word table)
  - MD   (the .md file itself is the target, nothing to render)
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2005": "pdf2col",
    "cv-ho-2006": "docx",
    "cv-ho-2007": "md",
    "cv-ho-2008": "pdf",
    "cv-ho-2009": "docx",
    "cv-ho-2010": "md",
    "cv-ho-2011": "pdf",
    "cv-ho-2012": "docx",
    "cv-ho-2013": "md",
    "cv-ho-2014": "md",
    "cv-ho-2015": "pdf",
    "cv-ho-2016": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DV = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DV + "DejaVuSans.ttf") and os.path.exists(_DV + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVuSans", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
    FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, para, bullet, table (payload = list of rows of cells)
    """
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
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
    """Return (head_blocks, [(section_title, blocks), ...])."""
    head, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            head.append((kind, payload))
    return head, sections


def md_inline_to_rl(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def md_inline_runs(s):
    """Yield (text, bold) runs for python-docx."""
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*", s):
        if m.start() > pos:
            yield s[pos:m.start()], False
        yield m.group(1), True
        pos = m.end()
    if pos < len(s):
        yield s[pos:], False


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=10, leading=12, spaceBefore=4),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                               spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size * 1.3),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base_size - 0.5,
                               leading=(base_size - 0.5) * 1.25),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    bullets = []

    def flush():
        if bullets:
            out.append(ListFlowable([ListItem(Paragraph(md_inline_to_rl(b), st["bullet"]),
                                              leftIndent=10, value="•") for b in bullets],
                                    bulletType="bullet", start="•", leftIndent=10,
                                    bulletFontName=FONT, bulletFontSize=7))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "title":
            out.append(Paragraph(md_inline_to_rl(payload), st["title"]))
        elif kind in ("h2", "h3", "para"):
            out.append(Paragraph(md_inline_to_rl(payload), st[kind]))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    flush()
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    st = styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Header across the top, then a narrow sidebar frame and a wide main frame."""
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 1.5 * cm
    gap = 0.7 * cm
    side_w = 6.2 * cm
    header_h = 1.6 * cm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4,
                    rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=0,
                 rightPadding=0, topPadding=4, bottomPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin, side_w + 4, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])

    head, sections = split_sections(blocks)
    side_st = styles(base_size=8.5)
    main_st = styles(base_size=9.5)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(head, main_st, W - 2 * margin)
    story.append(FrameBreak())
    for title, sblocks in sections:
        if title in SIDEBAR_SECTIONS:
            story += blocks_to_flowables([("h2", title)] + sblocks, side_st, side_w - 8)
    story.append(FrameBreak())
    for title, sblocks in sections:
        if title not in SIDEBAR_SECTIONS:
            story += blocks_to_flowables([("h2", title)] + sblocks, main_st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold in md_inline_runs(text):
        r = par.add_run(t)
        r.bold = bold


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, val in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    for t, bold in md_inline_runs(val):
                        r = p.add_run(t)
                        r.bold = bold or i == 0
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
