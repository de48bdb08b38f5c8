"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-34/render.py

Only a small Markdown subset is used by the CVs: "# " name, "## " section
headings, "- " bullets, "1. " numbered items, "| a | b |" tables, plain
paragraphs, and inline **bold** / *italic*.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-997": "pdf",
    "cv-ho-998": "docx",
    "cv-ho-999": "md",
    "cv-ho-1000": "pdf2col",
    "cv-ho-1001": "docx",
    "cv-ho-1002": "md",
    "cv-ho-1003": "pdf",
    "cv-ho-1004": "docx",
    "cv-ho-1005": "md",
    "cv-ho-1006": "pdf",
    "cv-ho-1007": "docx",
    "cv-ho-1008": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}

# ---------------------------------------------------------------- parsing


def parse(md_text):
    """Return (title, blocks) where blocks is a list of (section, kind, payload)."""
    title = None
    blocks = []
    section = None
    para = []

    def flush_para():
        if para:
            blocks.append((section, "p", " ".join(para)))
            para.clear()

    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            flush_para()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            section = line[3:].strip()
            blocks.append((section, "h", section))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append((section, "ul", items))
            continue
        elif re.match(r"^\d+\. ", line):
            flush_para()
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i]):
                items.append(re.sub(r"^\d+\. ", "", lines[i]).strip())
                i += 1
            blocks.append((section, "ol", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append((section, "table", rows))
            continue
        elif not line.strip():
            flush_para()
        else:
            para.append(line.strip())
        i += 1
    flush_para()
    return title, blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (string, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF

FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu"
if os.path.exists(os.path.join(_DEJAVU, "DejaVuSans.ttf")):
    pdfmetrics.registerFont(TTFont("DV", os.path.join(_DEJAVU, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(_DEJAVU, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(_DEJAVU, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(_DEJAVU, "DejaVuSans-BoldOblique.ttf")))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


def xml_inline(text):
    out = []
    for s, b, it in inline_runs(text):
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


def styles(base_size=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4),
        "h": ParagraphStyle("h", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base_size, leading=base_size * 1.3),
    }


def pdf_flowables(blocks, st, skip_titles=False):
    flow = []
    for _section, kind, payload in blocks:
        if kind == "h":
            flow.append(Paragraph(xml_inline(payload), st["h"]))
        elif kind == "p":
            flow.append(Paragraph(xml_inline(payload), st["p"]))
        elif kind in ("ul", "ol"):
            items = [ListItem(Paragraph(xml_inline(t), st["li"]), leftIndent=12) for t in payload]
            if kind == "ul":
                flow.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                                         bulletFontName=FONT, bulletFontSize=8))
            else:
                flow.append(ListFlowable(items, bulletType="1", leftIndent=14,
                                         bulletFontName=FONT, bulletFontSize=st["li"].fontSize))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(xml_inline(c), st["li"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, title, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    flow = [Paragraph(xml_inline(title), st["title"])] + pdf_flowables(blocks, st)
    doc.build(flow)
    return path


def render_pdf_two_column(cv_id, title, blocks):
    """Sidebar (left frame) with contact/skills/languages; main column (right frame)."""
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles(9)
    side_st = styles(8.5)
    width, height = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = width - 2 * margin - side_w - gap
    frame_h = height - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main")
    later = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main2")

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    side_blocks = [b for b in blocks if b[0] in SIDEBAR_SECTIONS]
    main_blocks = [b for b in blocks if b[0] not in SIDEBAR_SECTIONS]
    flow = [NextPageTemplate("later")]
    flow += pdf_flowables(side_blocks, side_st)
    flow.append(FrameBreak())
    flow.append(Paragraph(xml_inline(title), st["title"]))
    flow += pdf_flowables(main_blocks, st)
    doc.build(flow)
    return path


# ---------------------------------------------------------------- DOCX


def add_runs(paragraph, text):
    for s, b, it in inline_runs(text):
        r = paragraph.add_run(s)
        r.bold = b
        r.italic = it


def render_docx(cv_id, title, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for _section, kind, payload in blocks:
        if kind == "h":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "ul":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "ol":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Number"), t)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, text in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, text)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(path)
    return path


# ---------------------------------------------------------------- main


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            title, blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, title, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, title, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, title, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print("%-12s %-8s %s (%d bytes)" % (cv_id, fmt, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
