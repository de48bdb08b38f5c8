"""Render the CV Markdown files of this folder to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-115/render.py

- PDF  (reportlab, real text layer; one CV uses a two-column layout with two Frames)
- DOCX (python-docx; Markdown tables become real Word tables)
- MD   (the .md file itself is the target; nothing to render)
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1969": "md",
    "cv-ho-1970": "pdf2col",
    "cv-ho-1971": "docx",
    "cv-ho-1972": "pdf",
    "cv-ho-1973": "docx",
    "cv-ho-1974": "pdf",
    "cv-ho-1975": "md",
    "cv-ho-1976": "md",
    "cv-ho-1977": "docx",
    "cv-ho-1978": "pdf",
    "cv-ho-1979": "md",
    "cv-ho-1980": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "certifications", "languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown subset -> list of blocks (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^(?:- |\d+\. )(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1)))
            continue
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def inline_spans(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    res = []
    for seg, b, i in inline_spans(text):
        s = escape(seg)
        if b:
            s = "<b>%s</b>" % s
        if i:
            s = "<i>%s</i>" % s
        res.append(s)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DV-B", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DV-I", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DV-BI", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
        return "DV", "DV-B"
    except Exception:
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_B = register_fonts()


def styles(scale=1.0):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=9.8 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9.2 * scale, leading=12 * scale,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=9.2 * scale, leading=12 * scale,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=FONT),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, styles()))
    return path


def split_sections(blocks):
    """Return (header blocks, [(section title, blocks)])."""
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


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (name, contact, skills, ...) on the left, main column on the right.

    Uses a BaseDocTemplate with two Frames so the text layer really is two columns.
    """
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 8 * mm
    left = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                  id="main", leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def deco(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[left, right], onPage=deco)])
    header, sections = split_sections(blocks)
    side = header + [b for t, bs in sections if t.lower() in SIDEBAR_SECTIONS for b in bs]
    main = [b for t, bs in sections if t.lower() not in SIDEBAR_SECTIONS for b in bs]
    st_side = styles(0.92)
    st_main = styles(1.0)
    story = flowables(side, st_side) + [FrameBreak()] + flowables(main, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, i in inline_spans(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, blocks)
        else:
            p = os.path.join(HERE, cv_id + ".md")
        print("%-12s %-8s %7d bytes" % (cv_id, fmt, os.path.getsize(p)))


if __name__ == "__main__":
    main()
