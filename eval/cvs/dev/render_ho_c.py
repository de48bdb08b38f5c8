"""Render the heldout-c CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-c/render.py

Each <id>.md holds exactly the CV's text. This script parses a small subset of
Markdown (headings, paragraphs, bullets, numbered items, pipe tables, **bold**,
*italic*) and writes:
  - PDF  (reportlab, real text layer): cv-ho-025, cv-ho-029 (two-column), cv-ho-030, cv-ho-033
  - DOCX (python-docx): cv-ho-026 (real Word table for skills), cv-ho-028, cv-ho-031, cv-ho-035
  - MD  : cv-ho-027, cv-ho-032, cv-ho-034, cv-ho-036 (the .md itself is the target)
"""
import os
import re

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

import docx
from docx.shared import Pt, Cm

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-ho-025", "cv-ho-029", "cv-ho-030", "cv-ho-033"]
TWO_COLUMN = {"cv-ho-029": {"Contact", "Skills", "Languages"}}  # sidebar sections
DOCX_TARGETS = ["cv-ho-026", "cv-ho-028", "cv-ho-031", "cv-ho-035"]
MD_TARGETS = ["cv-ho-027", "cv-ho-032", "cv-ho-034", "cv-ho-036"]


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []
    lines = md_text.splitlines()

    def flush_para():
        if para:
            blocks.append(("p", "\n".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for row in table:
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for line in lines:
        if line.strip().startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1).strip()))
            continue
        m = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("oli", (m.group(1), m.group(2).strip())))
            continue
        para.append(line)
    flush_para()
    flush_table()
    return blocks


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text.replace("\n", "<br/>")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs for python-docx."""
    runs = []
    pattern = re.compile(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            runs.append((tok[2:-2], True, False))
        else:
            runs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def _fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.lib.fonts import addMapping
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception:
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = _fonts()


def make_styles(scale=1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=3)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=9.8 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=1)
    s["p"] = ParagraphStyle("p", fontName=FONT, fontSize=9.2 * scale, leading=12 * scale,
                            spaceAfter=3, alignment=TA_LEFT)
    s["li"] = ParagraphStyle("li", parent=s["p"], leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=FONT, bulletFontSize=9.2 * scale)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_to_rl(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(inline_to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "oli":
            num, text = payload
            out.append(Paragraph(inline_to_rl(text), st["li"], bulletText=num + "."))
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in r] + [""] * (ncol - len(r))
                    for r in payload]
            first = width * (0.5 if ncol > 2 else 0.55)
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    margin = 16 * mm
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="")
    st = make_styles()
    doc.build(blocks_to_flowables(blocks, st, A4[0] - 2 * margin))
    return path


def split_sections(blocks, sidebar_names):
    """Split blocks into header (before first h2), sidebar sections and main sections."""
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_names else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, sidebar_names):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    header_h = 22 * mm
    side_w = 55 * mm
    gap = 7 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    body_top = H - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    rest_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main_rest",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])
    header, side, main = split_sections(blocks, sidebar_names)
    st = make_styles()
    side_st = make_styles(scale=0.92)
    story = [NextPageTemplate("rest")]
    story += blocks_to_flowables(header, st, W - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st, main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for k, line in enumerate(text.split("\n")):
        if k:
            par.add_run().add_break()
        for seg, bold, italic in inline_runs(line):
            r = par.add_run(seg)
            r.bold = bold or None
            r.italic = italic or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    for section in d.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "oli":
            add_runs(d.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = t.add_row().cells
                for j in range(ncol):
                    txt = row[j] if j < len(row) else ""
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    add_runs(p, txt)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(path)
    return path


# --------------------------------------------------------------------------- main
def main():
    written = []
    for cv_id in PDF_TARGETS + DOCX_TARGETS + MD_TARGETS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if cv_id in TWO_COLUMN:
            written.append(render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id]))
        elif cv_id in PDF_TARGETS:
            written.append(render_pdf(cv_id, blocks))
        elif cv_id in DOCX_TARGETS:
            written.append(render_docx(cv_id, blocks))
        else:
            written.append(os.path.join(HERE, cv_id + ".md"))
    for p in written:
        print("%-60s %7d bytes" % (os.path.relpath(p, HERE), os.path.getsize(p)))


if __name__ == "__main__":
    main()
