"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-098/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1765": "pdf-two-column",
    "cv-ho-1766": "docx",
    "cv-ho-1767": "md",
    "cv-ho-1768": "pdf",
    "cv-ho-1769": "docx",
    "cv-ho-1770": "pdf",
    "cv-ho-1771": "md",
    "cv-ho-1772": "pdf",
    "cv-ho-1773": "docx",
    "cv-ho-1774": "md",
    "cv-ho-1775": "docx",
    "cv-ho-1776": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.match(r"^:?-+:?$", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^[-*]\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("li", m.group(1)))
            i += 1
            continue
        m = re.match(r"^(\d+)\.\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("oli", (m.group(1), m.group(2))))
            i += 1
            continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (str, bold, italic) runs."""
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


def rl_markup(text):
    out = []
    for s, b, it in inline_runs(text):
        s = escape(s)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DejaVu", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                           italic="DejaVu-Oblique", boldItalic="DejaVu-BoldOblique")
        return "DejaVu", "DejaVu-Bold"
    except Exception:
        return "Helvetica", "Helvetica-Bold"


def pdf_styles(font, bold, scale=1.0):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=bold, fontSize=18 * scale,
                             leading=22 * scale, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=bold, fontSize=12 * scale,
                             leading=15 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=bold, fontSize=10 * scale,
                             leading=13 * scale, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=font, fontSize=9.5 * scale,
                            leading=12.5 * scale, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName=font, fontSize=9.5 * scale,
                             leading=12.5 * scale, leftIndent=12, bulletIndent=3, spaceAfter=1.5,
                             bulletFontName=font),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            flow.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "li":
            flow.append(Paragraph(rl_markup(payload), st["li"], bulletText="\u2022"))
        elif kind == "oli":
            num, txt = payload
            flow.append(Paragraph(rl_markup(txt), st["li"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def split_sections(blocks):
    """Yield (section_title or None, blocks) groups split on h2."""
    groups = [[None, []]]
    for b in blocks:
        if b[0] == "h2":
            groups.append([b[1], [b]])
        else:
            groups[-1][1].append(b)
    return groups


def render_pdf(blocks, out, title):
    font, bold = register_fonts()
    st = pdf_styles(font, bold)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    doc.build(blocks_to_flowables(blocks, st, A4[0] - 36 * mm))


def render_pdf_two_column(blocks, out, title):
    font, bold = register_fonts()
    st = pdf_styles(font, bold, scale=0.95)
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    sidebar = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                    leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar, main], onPage=deco),
        PageTemplate(id="rest", frames=[later]),
    ])
    side_blocks, main_blocks = [], []
    for sec, bl in split_sections(blocks):
        (side_blocks if sec in SIDEBAR_SECTIONS else main_blocks).extend(bl)
    flow = [NextPageTemplate("rest")]
    flow += blocks_to_flowables(side_blocks, st, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main_blocks, st, main_w - 8)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_runs(text):
        r = par.add_run(s)
        r.bold = b or None
        r.italic = it or None


def render_docx(blocks, out, title):
    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = title
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
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "oli":
            add_runs(d.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            t = d.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, txt in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, txt)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(out)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        title = next((p for k, p in blocks if k == "h1"), cv_id)
        if target == "md":
            continue
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out, title)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out, title)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out, title)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
