"""Render the CVs of this folder from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-64/render.py

Targets:
  PDF  : cv-ho-1357, cv-ho-1360 (two columns: sidebar + main), cv-ho-1362, cv-ho-1366
  DOCX : cv-ho-1358 (skills as a real Word table), cv-ho-1361, cv-ho-1364, cv-ho-1367
  MD   : cv-ho-1359, cv-ho-1363, cv-ho-1365, cv-ho-1368 (the .md file is the target)
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-1357", "cv-ho-1360", "cv-ho-1362", "cv-ho-1366"]
TWO_COLUMN = {"cv-ho-1360": ["Contact", "Skills", "Languages", "Kaggle"]}
DOCX_IDS = ["cv-ho-1358", "cv-ho-1361", "cv-ho-1364", "cv-ho-1367"]

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD, FONT_ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
try:
    pdfmetrics.registerFont(TTFont("DejaVu", _DEJAVU + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DEJAVU + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", _DEJAVU + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", _DEJAVU + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
    FONT, FONT_BOLD, FONT_ITALIC = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique"
except Exception:  # fall back to the standard fonts
    pass


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, heading, para (list of lines), bullet, table (list of rows)
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            flush()
        if stripped.startswith("# "):
            flush()
            blocks.append(("title", stripped[2:]))
        elif stripped.startswith("## "):
            flush()
            blocks.append(("heading", stripped[3:]))
        elif stripped.startswith("- "):
            flush()
            blocks.append(("bullet", stripped[2:]))
        else:
            para.append(line)
    flush()
    return blocks


def sections(blocks):
    """Split blocks into (heading or None, [blocks]) groups; the title stays in group 0."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "heading":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


INLINE = [(re.compile(r"\*\*(.+?)\*\*"), "b"), (re.compile(r"(?<![\w*])\*(?!\s)(.+?)\*(?!\w)"), "i")]


def to_rl_markup(text):
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)\*(?!\w)", r"<i>\1</i>", text)
    return text


def runs(text):
    """Split text into (segment, bold, italic) runs for python-docx."""
    out = []
    pos = 0
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)")
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


def para_text(lines, sep):
    parts = []
    for i, ln in enumerate(lines):
        hard_break = ln.endswith("  ")
        parts.append(ln.strip())
        if i < len(lines) - 1:
            parts.append(sep if hard_break else " ")
    return "".join(parts)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base_size + 8,
                                leading=base_size + 12, spaceAfter=4),
        "heading": ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=base_size + 2,
                                  leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3b5a")),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3, leftIndent=12, bulletIndent=2,
                                 spaceAfter=2),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base_size - 1,
                               leading=base_size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl_markup(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(to_rl_markup(payload), st["heading"]))
        elif kind == "para":
            out.append(Paragraph(to_rl_markup(para_text(payload, "\u0000")).replace("\u0000", "<br/>"),
                                 st["body"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    margin = 1.8 * cm
    width = A4[0] - 2 * margin
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st, width))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_names):
    """Header across the top, a narrow sidebar frame on the left, the main column on the right."""
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles(9.5)
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.6 * cm
    header_h = 1.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                   id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[later]),
    ])

    groups = sections(blocks)
    head_blocks = groups[0][1]
    side_blocks, main_blocks = [], []
    for name, blks in groups[1:]:
        (side_blocks if name in sidebar_names else main_blocks).extend(blks)

    story = [NextPageTemplate("rest")]
    story += flowables(head_blocks, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_blocks, st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, bold, italic in runs(text):
        r = paragraph.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            p = doc.add_paragraph()
            lines = payload
            for i, ln in enumerate(lines):
                add_runs(p, ln.strip())
                if i < len(lines) - 1:
                    if ln.endswith("  "):
                        p.add_run().add_break()
                    else:
                        p.add_run(" ")
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncol):
                    text = row[c_i] if c_i < len(row) else ""
                    para = cells[c_i].paragraphs[0]
                    add_runs(para, text)
                    if r_i == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(path)
    return path


def main():
    written = []
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if cv_id in TWO_COLUMN:
            written.append(render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id]))
        elif cv_id in PDF_IDS:
            written.append(render_pdf(cv_id, blocks))
        else:
            written.append(render_docx(cv_id, blocks))
    for p in written:
        print(f"{os.path.basename(p)}\t{os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
