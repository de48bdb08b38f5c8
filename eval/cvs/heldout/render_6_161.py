"""Render the CVs of this folder from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-161/render.py

PDF (reportlab, real text layer): cv-ho-2522 (two-column), cv-ho-2524, cv-ho-2527, cv-ho-2530
DOCX (python-docx): cv-ho-2523, cv-ho-2525 (Word table for skills), cv-ho-2529, cv-ho-2532
MD (the .md file itself is the target): cv-ho-2521, cv-ho-2526, cv-ho-2528, cv-ho-2531
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-2524", "cv-ho-2527", "cv-ho-2530"]
PDF_TWO_COLUMN = ["cv-ho-2522"]
DOCX = ["cv-ho-2523", "cv-ho-2525", "cv-ho-2529", "cv-ho-2532"]
# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks); blocks are dicts with kind heading|para|bullets|table."""
    title = None
    blocks = []
    para = []
    bullets = []
    table = []

    def flush():
        nonlocal para, bullets, table
        if para:
            blocks.append({"kind": "para", "lines": para})
        if bullets:
            blocks.append({"kind": "bullets", "items": bullets})
        if table:
            blocks.append({"kind": "table", "rows": table})
        para, bullets, table = [], [], []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks.append({"kind": "heading", "text": line[3:].strip()})
        elif line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            table.append(cells)
        else:
            if bullets or table:
                flush()
            para.append(line.strip())
    flush()
    return title, blocks


def inline_spans(text):
    """Split Markdown inline text into (text, bold, italic) spans."""
    spans = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    for part in pattern.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for t, b, i in inline_spans(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def _fonts():
    """Use DejaVu Sans (embedded TrueType, clean Unicode text layer) when available."""
    d = Path("/usr/share/fonts/truetype/dejavu")
    files = {"DV": "DejaVuSans.ttf", "DV-B": "DejaVuSans-Bold.ttf",
             "DV-I": "DejaVuSans-Oblique.ttf", "DV-BI": "DejaVuSans-BoldOblique.ttf"}
    if all((d / f).exists() for f in files.values()):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, str(d / f)))
        pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I",
                                      boldItalic="DV-BI")
        return "DV", "DV-B", "\u2022"
    return "Helvetica", "Helvetica-Bold", "-"


FONT, FONT_BOLD, BULLET = _fonts()


def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_BOLD,
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName=FONT_BOLD,
                            fontSize=11, leading=14, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1F3A5F")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=FONT,
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName=FONT,
                             fontSize=base_size, leading=base_size * 1.3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1, bulletFontName=FONT),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for b in blocks:
        if b["kind"] == "heading":
            flow.append(Paragraph(to_rl(b["text"]), st["h"]))
        elif b["kind"] == "para":
            flow.append(Paragraph("<br/>".join(to_rl(x) for x in b["lines"]), st["p"]))
        elif b["kind"] == "bullets":
            for it in b["items"]:
                flow.append(Paragraph(to_rl(it), st["li"], bulletText=BULLET))
        elif b["kind"] == "table":
            ncol = len(b["rows"][0])
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in b["rows"]]
            first = width * 0.25
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf_single(cv_id):
    title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    st = styles()
    flow = [Paragraph(to_rl(title), st["title"])]
    flow += blocks_to_flowables(blocks, st, doc.width)
    doc.build(flow)
    return out


def split_sections(blocks):
    sections = []
    for b in blocks:
        if b["kind"] == "heading":
            sections.append((b["text"], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            sections.append(("", [b]))
    return sections


def render_pdf_two_column(cv_id):
    title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    w, h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = w - 2 * margin - side_w - gap
    title_h = 18 * mm

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    body_h = h - 2 * margin - title_h
    title_frame = Frame(margin, h - margin - title_h, w - 2 * margin, title_h, id="title",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4,
                 topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=0,
                 rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin + side_w + gap, margin, main_w, h - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[title_frame, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    st = styles()
    side_st = styles(base_size=8.5)
    side_blocks, main_blocks = [], []
    for name, secblocks in split_sections(blocks):
        (side_blocks if name in SIDEBAR_SECTIONS else main_blocks).extend(secblocks)
    flow = [NextPageTemplate("later"), Paragraph(to_rl(title), st["title"]), FrameBreak()]
    flow += blocks_to_flowables(side_blocks, side_st, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main_blocks, st, main_w)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_spans(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id):
    title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.docx"
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)
    for b in blocks:
        if b["kind"] == "heading":
            d.add_heading(b["text"], level=1)
        elif b["kind"] == "para":
            p = d.add_paragraph()
            for k, line in enumerate(b["lines"]):
                if k:
                    p.add_run().add_break()
                add_runs(p, line)
        elif b["kind"] == "bullets":
            for it in b["items"]:
                add_runs(d.add_paragraph(style="List Bullet"), it)
        elif b["kind"] == "table":
            rows = b["rows"]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(out))
    return out


def main():
    made = []
    for cv in PDF_SINGLE:
        made.append(render_pdf_single(cv))
    for cv in PDF_TWO_COLUMN:
        made.append(render_pdf_two_column(cv))
    for cv in DOCX:
        made.append(render_docx(cv))
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
