"""Render the heldout3-75 CVs from their Markdown sources to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-75/render.py

The .md file of each CV is its exact content. CVs whose target format is .md
are not rendered (the .md itself is the target).
"""
import os
import re
import glob
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate)
from reportlab.lib.fonts import addMapping

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

# target format per CV id
TARGETS = {
    "cv-ho-1489": "md",
    "cv-ho-1490": "pdf-2col",
    "cv-ho-1491": "docx",
    "cv-ho-1492": "pdf",
    "cv-ho-1493": "docx",   # real Word table for the skills
    "cv-ho-1494": "md",
    "cv-ho-1495": "pdf",
    "cv-ho-1496": "docx",
    "cv-ho-1497": "md",
    "cv-ho-1498": "pdf",
    "cv-ho-1499": "docx",
    "cv-ho-1500": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"cv-ho-1490": ["Contact", "Skills", "Certifications", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections) where sections = [(name, blocks)].
    blocks: ("p", [lines]) | ("ul", [items]) | ("table", [rows])"""
    title = None
    header = []
    sections = []
    cur = None
    block = None

    def close():
        nonlocal block
        if block is not None:
            (cur[1] if cur is not None else header).append(block)
        block = None

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            close()
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            close()
            cur = (line[3:].strip(), [])
            sections.append(cur)
            continue
        if not line.strip():
            close()
            continue
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if block is None or block[0] != "table":
                close()
                block = ("table", [])
            block[1].append(cells)
        elif s.startswith("- "):
            if block is None or block[0] != "ul":
                close()
                block = ("ul", [])
            block[1].append(s[2:])
        else:
            if block is None or block[0] != "p":
                close()
                block = ("p", [])
            block[1].append(s)
    close()
    return title, header, sections


def inline_rl(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ]
    base = None
    for c in candidates:
        if os.path.exists(c):
            base = c
            break
    if base is None:
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
    d = os.path.dirname(base)
    files = {
        "CVSans": "DejaVuSans.ttf",
        "CVSans-Bold": "DejaVuSans-Bold.ttf",
        "CVSans-Oblique": "DejaVuSans-Oblique.ttf",
        "CVSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, f in files.items():
        p = os.path.join(d, f)
        if not os.path.exists(p):
            p = base
        pdfmetrics.registerFont(TTFont(name, p))
    addMapping("CVSans", 0, 0, "CVSans")
    addMapping("CVSans", 1, 0, "CVSans-Bold")
    addMapping("CVSans", 0, 1, "CVSans-Oblique")
    addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
    return "CVSans", "CVSans-Bold", "CVSans-Oblique", "CVSans-BoldOblique"


FONT, FONT_B, FONT_I, FONT_BI = register_fonts()


def styles(scale=1.0):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_B, fontSize=18 * scale,
                                leading=22 * scale, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName=FONT_B, fontSize=11.5 * scale,
                            leading=14 * scale, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3b5c")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=FONT, fontSize=9.5 * scale,
                            leading=12.5 * scale, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName=FONT, fontSize=9.5 * scale,
                             leading=12.5 * scale, leftIndent=12, bulletIndent=2, spaceAfter=1,
                             bulletFontName=FONT),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontName=FONT, fontSize=9 * scale,
                               leading=11 * scale),
    }


def blocks_to_flow(blocks, st, width):
    out = []
    for kind, data in blocks:
        if kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(l) for l in data), st["p"]))
        elif kind == "ul":
            for it in data:
                out.append(Paragraph(inline_rl(it), st["li"], bulletText="•"))
            out.append(Spacer(1, 3))
        elif kind == "table":
            rows = [[Paragraph(inline_rl(c), st["cell"]) for c in r] for r in data]
            ncol = max(len(r) for r in rows)
            t = Table(rows, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cid, md_text, out_path):
    title, header, sections = parse(md_text)
    st = styles()
    margin = 1.8 * cm
    width = A4[0] - 2 * margin
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=title, author=title)
    flow = [Paragraph(inline_rl(title), st["title"])]
    flow += blocks_to_flow(header, st, width)
    for name, blocks in sections:
        flow.append(Paragraph(inline_rl(name), st["h"]))
        flow += blocks_to_flow(blocks, st, width)
    doc.build(flow)


def render_pdf_two_column(cid, md_text, out_path):
    """Header band across the top, then a real two-frame layout: a narrow
    sidebar frame (left) and a main frame (right). Later pages use one frame."""
    title, header, sections = parse(md_text)
    st = styles(scale=0.95)
    side_names = SIDEBAR[cid]
    margin = 1.5 * cm
    pw, ph = A4
    head_h = 2.2 * cm
    gap = 0.6 * cm
    side_w = 6.0 * cm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - head_h

    f_head = Frame(margin, ph - margin - head_h, pw - 2 * margin, head_h, id="head",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    f_rest = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="rest")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[f_rest]),
    ])

    flow = [NextPageTemplate("rest"), Paragraph(inline_rl(title), st["title"])]
    flow += blocks_to_flow(header, st, pw - 2 * margin)
    flow.append(FrameBreak())
    for name, blocks in sections:
        if name in side_names:
            flow.append(Paragraph(inline_rl(name), st["h"]))
            flow += blocks_to_flow(blocks, st, side_w - 8)
    flow.append(FrameBreak())
    for name, blocks in sections:
        if name not in side_names:
            flow.append(Paragraph(inline_rl(name), st["h"]))
            flow += blocks_to_flow(blocks, st, main_w)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cid, md_text, out_path):
    title, header, sections = parse(md_text)
    d = docx.Document()
    d.core_properties.author = title
    d.core_properties.title = title
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    d.add_heading(title, level=0)

    def emit(blocks):
        for kind, data in blocks:
            if kind == "p":
                p = d.add_paragraph()
                for k, l in enumerate(data):
                    if k:
                        p.add_run().add_break()
                    add_runs(p, l)
            elif kind == "ul":
                for it in data:
                    p = d.add_paragraph(style="List Bullet")
                    add_runs(p, it)
            elif kind == "table":
                ncol = max(len(r) for r in data)
                t = d.add_table(rows=len(data), cols=ncol)
                t.style = "Table Grid"
                for ri, r in enumerate(data):
                    for ci, c in enumerate(r):
                        cell = t.cell(ri, ci)
                        cell.text = ""
                        add_runs(cell.paragraphs[0], c)
                        if ri == 0:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
                d.add_paragraph()

    emit(header)
    for name, blocks in sections:
        d.add_heading(name, level=1)
        emit(blocks)
    d.save(out_path)


def main():
    for md_path in sorted(glob.glob(os.path.join(HERE, "cv-ho-*.md"))):
        cid = os.path.basename(md_path)[:-3]
        fmt = TARGETS.get(cid)
        if fmt is None:
            continue
        with open(md_path, encoding="utf-8") as fh:
            text = fh.read()
        if fmt == "pdf":
            render_pdf(cid, text, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "pdf-2col":
            render_pdf_two_column(cid, text, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "docx":
            render_docx(cid, text, os.path.join(HERE, cid + ".docx"))
        print(cid, fmt)


if __name__ == "__main__":
    main()
