"""Render the CVs of eval/cvs/dev-bg from their Markdown text to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bg/render.py
The .md file of each CV is its text; PDF and DOCX targets are generated from it.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from reportlab.lib.fonts import addMapping

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> target format. "pdf2col" = two-column PDF (sidebar + main column).
TARGETS = {
    "cv-dev-733": "docx",
    "cv-dev-734": "pdf2col",
    "cv-dev-735": "md",
    "cv-dev-736": "pdf",
    "cv-dev-737": "docx",
    "cv-dev-738": "md",
    "cv-dev-739": "pdf",
    "cv-dev-740": "docx",
    "cv-dev-741": "md",
    "cv-dev-742": "docx",
    "cv-dev-743": "pdf",
    "cv-dev-744": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 bullet para table."""
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


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs."""
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


def to_rl(text):
    out = []
    for chunk, b, it in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = "<b>%s</b>" % chunk
        if it:
            chunk = "<i>%s</i>" % chunk
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CV": "DejaVuSans.ttf",
        "CV-Bold": "DejaVuSans-Bold.ttf",
        "CV-Italic": "DejaVuSans-Oblique.ttf",
        "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()


def styles(scale=1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=4, textColor=colors.HexColor("#1f3a5f"))
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=9.8 * scale, leading=12.5 * scale,
                             spaceBefore=5, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName=FONT, fontSize=9.3 * scale, leading=12.2 * scale,
                               spaceAfter=2, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=12, bulletIndent=2, bulletFontName=FONT)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(flowables(blocks, st, A4[0] - 4 * cm))


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks)])."""
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


def render_pdf_two_column(blocks, path):
    """Sidebar (skills, contact, languages) in a left frame, experience in a right frame."""
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.4 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_top = H - margin - header_h
    body_h = body_top - margin
    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3a5f"))
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top + 4, W - margin, body_top + 4)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                                       onPage=first_page),
                          PageTemplate(id="later", frames=[later_frame])])
    st = styles()
    side_st = styles(scale=0.92)
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in bl]
    main = [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in bl]
    story = flowables(header, st, W - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, side_st, side_w - 12)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += flowables(main, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, b, it in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = it or None


def render_docx(blocks, path):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            h = d.add_heading("", level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = blocks[0][1]
    d.core_properties.author = blocks[0][1]
    d.save(path)


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "pdf":
            render_pdf(blocks, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "pdf2col":
            render_pdf_two_column(blocks, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "docx":
            render_docx(blocks, os.path.join(HERE, cid + ".docx"))
        print(cid, fmt)


if __name__ == "__main__":
    main()
