"""Render the heldout5-142 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-142/render.py
PDFs use reportlab (real text layer; cv-ho-2296 is a two-column layout built
with BaseDocTemplate and two Frames); DOCX files use python-docx (cv-ho-2294
has its skills section as a real Word table). MD targets need no rendering.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-2293", "cv-ho-2296", "cv-ho-2298", "cv-ho-2302"]
TWO_COLUMN = {"cv-ho-2296": {"Contact", "Skills", "Languages"}}  # sidebar sections
DOCX_IDS = ["cv-ho-2294", "cv-ho-2297", "cv-ho-2300", "cv-ho-2303"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, heading, para, bullet, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # consecutive non-empty plain lines -> one paragraph with line breaks
            para = [line]
            while (i + 1 < len(lines) and lines[i + 1].strip()
                   and not lines[i + 1].startswith(("#", "- ", "|"))):
                i += 1
                para.append(lines[i].rstrip())
            blocks.append(("para", para))
        i += 1
    return blocks


def split_bold(text):
    """Yield (segment, is_bold) pairs for **bold** markup."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def rl_markup(text):
    return "".join(f"<b>{escape(s)}</b>" if b else escape(s) for s, b in split_bold(text))


# ---------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ]
    import reportlab
    rl_fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append((os.path.join(rl_fonts, "Vera.ttf"), os.path.join(rl_fonts, "VeraBd.ttf")))
    for reg, bold in candidates:
        if os.path.exists(reg) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans", boldItalic="CVSans-Bold")
            return "CVSans"
    return "Helvetica"


def styles(font, scale=1.0):
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18 * scale, leading=22 * scale,
                                spaceAfter=4, textColor=colors.HexColor("#1d3557")),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=11.5 * scale,
                                  leading=14 * scale, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1d3557")),
        "para": ParagraphStyle("para", fontName=font, fontSize=9.5 * scale, leading=12.5 * scale,
                               spaceAfter=4),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=9.5 * scale,
                                 leading=12.5 * scale, leftIndent=10, bulletIndent=2, bulletFontName=font,
                                 spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(f"<b>{escape(payload)}</b>", st["title"]))
        elif kind == "heading":
            out.append(Paragraph(f"<b>{escape(payload)}</b>", st["heading"]))
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(rl_markup(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, font):
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        render_two_column(path, blocks, font, TWO_COLUMN[cv_id])
        return path
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id)
    st = styles(font)
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_two_column(path, blocks, font, sidebar_sections):
    # split blocks into header (title + first para), sidebar sections, main sections
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "heading":
            current = side if payload in sidebar_sections else main
        current.append((kind, payload))
    page_w, page_h = A4
    margin = 15 * mm
    gap = 7 * mm
    side_w = 64 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main2",
                        leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, frame_h + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title="cv-ho-2296",
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st = styles(font, scale=0.85)
    main_st = styles(font)
    story = []
    story += flowables(side, side_st, side_w - 8)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += flowables(header, main_st, main_w - 8)
    story.append(Spacer(1, 4))
    story += flowables(main, main_st, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold in split_bold(text):
        run = par.add_run(seg)
        run.bold = bold


def render_docx(cv_id, blocks):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = d.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            table = d.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    font = register_fonts()
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        path = render_pdf(cv_id, blocks, font) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print(f"{os.path.basename(path)}: {os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    main()
