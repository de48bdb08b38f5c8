"""Render the heldout6-159 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-159/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import os
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2497": "pdf2col",
    "cv-ho-2498": "docx",
    "cv-ho-2499": "md",
    "cv-ho-2500": "pdf",
    "cv-ho-2501": "docx",
    "cv-ho-2502": "pdf",
    "cv-ho-2503": "md",
    "cv-ho-2504": "docx",
    "cv-ho-2505": "pdf",
    "cv-ho-2506": "md",
    "cv-ho-2507": "docx",
    "cv-ho-2508": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR = {"Skills", "Currently learning", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    try:
        pdfmetrics.registerFont(TTFont("DV", str(_DEJAVU / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DV-B", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("DV-I", str(_DEJAVU / "DejaVuSans-Oblique.ttf")))
        pdfmetrics.registerFont(TTFont("DV-BI", str(_DEJAVU / "DejaVuSans-BoldOblique.ttf")))
        from reportlab.lib.fonts import addMapping
        addMapping("DV", 0, 0, "DV")
        addMapping("DV", 1, 0, "DV-B")
        addMapping("DV", 0, 1, "DV-I")
        addMapping("DV", 1, 1, "DV-BI")
        FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"
    except Exception:  # fall back to the core fonts
        pass


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
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
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            # join wrapped paragraph lines
            para = [line.strip()]
            while (i + 1 < len(lines) and lines[i + 1].strip()
                   and not re.match(r"^(#|\||\s*[-*]\s)", lines[i + 1])):
                i += 1
                para.append(lines[i].strip())
            blocks.append(("p", " ".join(para)))
        i += 1
    return blocks


def split_inline(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
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
    for t, b, it in split_inline(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 11,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5,
                             spaceBefore=7, spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 1, leading=base + 4,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3, spaceAfter=2),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=FONT, bulletFontSize=base),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 3))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=path.stem, author="synthetic CV")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path):
    """Header across the top, sidebar on the left, main column on the right."""
    W, H = A4
    margin = 14 * mm
    header_h = 26 * mm
    gap = 6 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4,
                 topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    # split blocks into header / sidebar / main
    head, sidebar, body = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR else body
        current.append((kind, payload))
    st = styles(9)
    side_st = styles(8.5)
    story = [NextPageTemplate("later")]
    story += flowables(head, st, W - 2 * margin)
    story.append(FrameBreak())
    story += flowables(sidebar, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(body, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in split_inline(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(blocks, path):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = path.stem
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "li":
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
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        src = HERE / (cv_id + ".md")
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if target == "pdf":
            out = HERE / (cv_id + ".pdf")
            render_pdf(blocks, out)
        elif target == "pdf2col":
            out = HERE / (cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        elif target == "docx":
            out = HERE / (cv_id + ".docx")
            render_docx(blocks, out)
        else:
            out = src
        print("%-12s %-8s %s (%d bytes)" % (cv_id, target, out.name, os.path.getsize(out)))


if __name__ == "__main__":
    main()
