"""Render the heldout3-69 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-69/render.py
The .md files are the CV content; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                NextPageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1417": "md",
    "cv-ho-1418": "pdf-2col",
    "cv-ho-1419": "docx",
    "cv-ho-1420": "pdf",
    "cv-ho-1421": "docx",
    "cv-ho-1422": "pdf",
    "cv-ho-1423": "docx",
    "cv-ho-1424": "md",
    "cv-ho-1425": "md",
    "cv-ho-1426": "docx",
    "cv-ho-1427": "md",
    "cv-ho-1428": "pdf",
}
# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"Skills", "Certifications", "Languages", "Interests"}


def find_font():
    cands = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        os.path.join(os.path.dirname(__import__("matplotlib").__file__),
                     "mpl-data/fonts/ttf/DejaVuSans.ttf"),
    ]
    for c in cands:
        if os.path.exists(c):
            bold = c.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
            return c, bold if os.path.exists(bold) else c
    raise SystemExit("no DejaVuSans font found")


REG, BOLD = find_font()
pdfmetrics.registerFont(TTFont("CVSans", REG))
pdfmetrics.registerFont(TTFont("CVSans-Bold", BOLD))
pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                              italic="CVSans", boldItalic="CVSans-Bold")


# ---------------------------------------------------------------- parsing
def parse(md):
    """Return list of blocks: (kind, payload). kinds: h1,h2,h3,p,ul,table."""
    blocks = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                items.append(re.sub(r"^\s*[-*]\s+", "", lines[i]).strip())
                i += 1
            blocks.append(("ul", items))
            continue
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(
                r"^(#{1,3}\s|\s*[-*]\s|\s*\|)", lines[i]):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", " ".join(para)))
    return blocks


def inline_pdf(text):
    out = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)


def inline_runs(text):
    """Split '**bold**' markup into (text, bold) runs."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    return [(p[2:-2], True) if p.startswith("**") else (p, False) for p in parts if p]


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName="CVSans-Bold", fontSize=base + 8,
                             leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="CVSans-Bold", fontSize=base + 2,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", fontName="CVSans-Bold", fontSize=base + 1,
                             leading=base + 4, spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="CVSans", fontSize=base,
                            leading=base + 3.5, spaceAfter=3),
        "li": ParagraphStyle("li", fontName="CVSans", fontSize=base,
                             leading=base + 3.5, leftIndent=10, bulletIndent=2, bulletFontName="CVSans",
                             spaceAfter=1),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_pdf(payload), st[kind]))
        elif kind == "ul":
            for it in payload:
                out.append(Paragraph(inline_pdf(it), st["li"], bulletText="•"))
            out.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(inline_pdf(c), st["p"]) for c in r] for r in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    st = styles(10)
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cid,
                            author="synthetic CV")
    doc.build(flow(blocks, st, doc.width))
    return path


def split_sections(blocks):
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = [b[1], [b]]
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_2col(cid, blocks):
    """Header across the top, sidebar (skills etc.) left, experience right."""
    path = os.path.join(HERE, cid + ".pdf")
    W, H = A4
    m = 14 * mm
    header_h = 28 * mm
    side_w = 60 * mm
    gap = 6 * mm
    body_top = H - m - header_h
    f_header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_top - m, id="side")
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main")
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(m - 3 * mm, m, side_w + 4 * mm, body_top - m, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    header, sections = split_sections(blocks)
    st_main = styles(9.5)
    st_side = styles(8.5)
    story = [NextPageTemplate("later")]
    story += flow(header, styles(10), f_header._width)
    story.append(FrameBreak())
    for name, blks in sections:
        if name in SIDEBAR:
            story += flow(blks, st_side, side_w)
    story.append(FrameBreak())
    for name, blks in sections:
        if name not in SIDEBAR:
            story += flow(blks, st_main, f_main._width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold in inline_runs(text):
        r = par.add_run(t)
        r.bold = bold


def render_docx(cid, blocks):
    path = os.path.join(HERE, cid + ".docx")
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "ul":
            for it in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), it)
        elif kind == "table":
            t = doc.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    for txt, bold in inline_runs(val):
                        r = p.add_run(txt)
                        r.bold = bold or ri == 0
    doc.core_properties.title = cid
    doc.core_properties.author = "synthetic CV"
    doc.save(path)
    return path


def main():
    for cid, target in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if target == "pdf":
            p = render_pdf(cid, blocks)
        elif target == "pdf-2col":
            p = render_pdf_2col(cid, blocks)
        elif target == "docx":
            p = render_docx(cid, blocks)
        else:
            p = os.path.join(HERE, cid + ".md")
        print(cid, target, os.path.basename(p), os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
