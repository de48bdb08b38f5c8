"""Render the heldout7-184 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-184/render.py
The .md files are the CV text; 4 are rendered to PDF (one two-column),
4 to DOCX (one with a real Word table for skills), 4 stay as Markdown.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
                                ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-2797", "cv-ho-2800", "cv-ho-2802", "cv-ho-2804"]
TWO_COLUMN = {"cv-ho-2797": {"Skills", "Currently learning", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-2798", "cv-ho-2801", "cv-ho-2805", "cv-ho-2807"]
MD_IDS = ["cv-ho-2799", "cv-ho-2803", "cv-ho-2806", "cv-ho-2808"]

# ---------------------------------------------------------------- parsing

def parse(md_text):
    """Return (name, blocks); blocks are (section, kind, payload)."""
    name = None
    section = None  # None = header area (contact line)
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            section = line[3:].strip()
            blocks.append((section, "heading", section))
        elif line.startswith("- "):
            blocks.append((section, "bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append((section, "table", rows))
            continue
        else:
            blocks.append((section, "para", line.strip()))
        i += 1
    return name, blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)

# ---------------------------------------------------------------- PDF

def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans-Oblique", boldItalic="CVSans-BoldOblique")
        return "CVSans"
    except Exception:
        return "Helvetica"


def styles(font, size=9.5):
    return {
        "name": ParagraphStyle("name", fontName=font, fontSize=18, leading=22,
                               textColor=colors.HexColor("#1f3a5f"), spaceAfter=2),
        "contact": ParagraphStyle("contact", fontName=font, fontSize=size - 1, leading=size + 2,
                                  textColor=colors.HexColor("#444444"), spaceAfter=6),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=size + 2, leading=size + 5,
                                  textColor=colors.HexColor("#1f3a5f"), spaceBefore=7, spaceAfter=3),
        "para": ParagraphStyle("para", fontName=font, fontSize=size, leading=size + 3,
                               alignment=TA_LEFT, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=size, leading=size + 3,
                                 alignment=TA_LEFT),
    }


def flowables(blocks, st):
    out = []
    pending = []

    def flush():
        if pending:
            out.append(ListFlowable([ListItem(p, leftIndent=10) for p in pending],
                                    bulletType="bullet", start="•", leftIndent=10,
                                    bulletFontSize=st["bullet"].fontSize))
            pending.clear()

    for section, kind, payload in blocks:
        if kind != "bullet":
            flush()
        if kind == "heading":
            out.append(Paragraph("<b>%s</b>" % to_rl_markup(payload.upper()), st["heading"]))
        elif kind == "para":
            style = st["contact"] if section is None else st["para"]
            out.append(Paragraph(to_rl_markup(payload), style))
        elif kind == "bullet":
            pending.append(Paragraph(to_rl_markup(payload), st["bullet"]))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    flush()
    return out


def render_pdf(cv_id, name, blocks, font):
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        side_sections = TWO_COLUMN[cv_id]
        st_main = styles(font, 9.0)
        st_side = styles(font, 8.3)
        W, H = A4
        margin = 14 * mm
        header_h = 26 * mm
        side_w = 58 * mm
        gap = 7 * mm
        body_h = H - 2 * margin - header_h
        header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        side = Frame(margin, margin, side_w, body_h, id="sidebar",
                     leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
        main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                     id="main", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, title="CV - " + name, author=name)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg,
                         autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later]),
        ])
        head_blocks = [b for b in blocks if b[0] is None]
        side_blocks = [b for b in blocks if b[0] in side_sections]
        main_blocks = [b for b in blocks if b[0] is not None and b[0] not in side_sections]
        story = [Paragraph(to_rl_markup(name), st_main["name"])]
        story += flowables(head_blocks, st_main)
        story.append(FrameBreak())
        story += flowables(side_blocks, st_side)
        story.append(FrameBreak())
        story += flowables(main_blocks, st_main)
        doc.build(story)
    else:
        st = styles(font)
        doc = SimpleDocTemplate(path, pagesize=A4, title="CV - " + name, author=name,
                                leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm)
        story = [Paragraph(to_rl_markup(name), st["name"])]
        story += flowables(blocks, st)
        doc.build(story)
    return path

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, name, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = "CV - " + name
    d.core_properties.author = name
    d.add_heading(name, level=0)
    for section, kind, payload in blocks:
        if kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
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
    d.save(path)
    return path

# ---------------------------------------------------------------- main

def main():
    font = register_fonts()
    for cv_id in PDF_IDS + DOCX_IDS + MD_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            name, blocks = parse(f.read())
        if cv_id in PDF_IDS:
            p = render_pdf(cv_id, name, blocks, font)
        elif cv_id in DOCX_IDS:
            p = render_docx(cv_id, name, blocks)
        else:
            p = os.path.join(HERE, cv_id + ".md")
        print("%-12s -> %s (%d bytes)" % (cv_id, os.path.basename(p), os.path.getsize(p)))


if __name__ == "__main__":
    main()
