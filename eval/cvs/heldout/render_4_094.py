"""Render the Markdown CVs of this folder to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-094/render.py

- PDF via reportlab (real text layer); cv-ho-1720 uses a two-column layout
  (BaseDocTemplate with a sidebar frame and a main frame).
- DOCX via python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-1717", "cv-ho-1720", "cv-ho-1723", "cv-ho-1726"]
DOCX = ["cv-ho-1718", "cv-ho-1721", "cv-ho-1725", "cv-ho-1727"]
MD = ["cv-ho-1719", "cv-ho-1722", "cv-ho-1724", "cv-ho-1728"]

# two-column CV: these sections go in the sidebar, the rest in the main column
TWO_COLUMN = {"cv-ho-1720": {"Contact", "Skills", "Languages", "Education", "Certifications"}}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_dj = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dj + "DejaVuSans.ttf") and os.path.exists(_dj + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _dj + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _dj + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, h2, para, bullets, table."""
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
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip()
                   and not lines[i].startswith(("#", "|"))
                   and not lines[i].lstrip().startswith("- ")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", " ".join(para)))
    return blocks


def split_sections(blocks):
    """Header blocks (before first h2) and a list of (heading, blocks)."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_styles(base_size):
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base_size + 8,
                                leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3.5, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3.5),
    }


def pdf_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(rl_inline(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(rl_inline(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(rl_inline(payload), st["body"]))
        elif kind == "bullets":
            out.append(ListFlowable(
                [ListItem(Paragraph(rl_inline(t), st["bullet"]), leftIndent=10)
                 for t in payload],
                bulletType="bullet", start="•", leftIndent=10, bulletFontName=FONT,
                bulletFontSize=st["bullet"].fontSize))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(rl_inline(c), st["body"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        render_pdf_two_column(cv_id, blocks, path)
        return path
    st = pdf_styles(10)
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st))
    return path


def render_pdf_two_column(cv_id, blocks, path):
    sidebar_names = TWO_COLUMN[cv_id]
    header, sections = split_sections(blocks)
    st = pdf_styles(9)
    side_st = pdf_styles(8.5)
    W, H = A4
    margin = 14 * mm
    gap = 6 * mm
    side_w = 58 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    header_h = 22 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[header_frame, side_frame, main_frame],
                     onPage=first_page_bg),
        PageTemplate(id="Later", frames=[later_frame]),
    ])
    story = pdf_flowables(header, st)
    story.append(FrameBreak())
    for name, sec in sections:
        if name in sidebar_names:
            story += pdf_flowables([("h2", name)] + sec, side_st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("Later"))
    for name, sec in sections:
        if name not in sidebar_names:
            story += pdf_flowables([("h2", name)] + sec, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def docx_add_inline(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        else:
            par.add_run(p)


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
        elif kind == "para":
            docx_add_inline(doc.add_paragraph(), payload)
        elif kind == "bullets":
            for item in payload:
                docx_add_inline(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    par = cells[c_i].paragraphs[0]
                    docx_add_inline(par, val)
                    if r_i == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id in PDF + DOCX + MD:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if cv_id in PDF:
            out = render_pdf(cv_id, blocks)
        elif cv_id in DOCX:
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
