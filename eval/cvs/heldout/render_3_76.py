"""Render the heldout3-76 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-76/render.py
The .md files are the CV text; this script only lays them out.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-1504", "cv-ho-1507", "cv-ho-1509"]
PDF_TWO_COLUMN = ["cv-ho-1501"]
DOCX = ["cv-ho-1502", "cv-ho-1505", "cv-ho-1508", "cv-ho-1510"]
# cv-ho-1503, cv-ho-1506, cv-ho-1511, cv-ho-1512 stay as Markdown.

SIDEBAR_SECTIONS = {"skills", "languages", "interests"}

# ---------------------------------------------------------------- parsing

def parse_md(text):
    """Return (title, header_lines, sections) where sections = [(heading, blocks)].
    A block is ('p', text) | ('li', text) | ('table', rows)."""
    title, header, sections = None, [], []
    current = None
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("- "):
            (current[1] if current else header).append(("li", line[2:].strip()))
        else:
            (current[1] if current else header).append(("p", line.strip()))
    return title, header, sections


def split_bold(text):
    """Yield (segment, is_bold)."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def to_rl(text):
    out = []
    for seg, bold in split_bold(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{seg}</b>" if bold else seg)
    return "".join(out)

# ---------------------------------------------------------------- PDF

pdfmetrics.registerFont(TTFont("DV", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DV-B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV", boldItalic="DV-B")

ST = {
    "title": ParagraphStyle("title", fontName="DV-B", fontSize=17, leading=21, spaceAfter=3),
    "head": ParagraphStyle("head", fontName="DV", fontSize=8.5, leading=11, textColor=colors.HexColor("#444444"),
                           spaceAfter=6),
    "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=11, leading=14, spaceBefore=8, spaceAfter=3,
                         textColor=colors.HexColor("#1f3b63")),
    "p": ParagraphStyle("p", fontName="DV", fontSize=9, leading=12, spaceAfter=3, alignment=TA_LEFT),
    "li": ParagraphStyle("li", fontName="DV", fontSize=9, leading=12),
    "side_h2": ParagraphStyle("side_h2", fontName="DV-B", fontSize=10, leading=13, spaceBefore=8, spaceAfter=3,
                              textColor=colors.HexColor("#1f3b63")),
    "side_p": ParagraphStyle("side_p", fontName="DV", fontSize=8.3, leading=11, spaceAfter=2),
}


def blocks_to_flow(blocks, p_style, li_style):
    flow, items = [], []

    def flush():
        if items:
            flow.append(ListFlowable([ListItem(Paragraph(to_rl(t), li_style), leftIndent=10) for t in items],
                                     bulletType="bullet", start="•", leftIndent=10, bulletFontName="DV",
                                     bulletFontSize=8))
            items.clear()

    for kind, val in blocks:
        if kind == "li":
            items.append(val)
            continue
        flush()
        if kind == "p":
            flow.append(Paragraph(to_rl(val), p_style))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), p_style) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    flush()
    return flow


def render_pdf_single(cid):
    title, header, sections = parse_md((HERE / f"{cid}.md").read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(HERE / f"{cid}.pdf"), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=f"CV - {title}", author=title)
    flow = [Paragraph(to_rl(title), ST["title"])]
    flow += blocks_to_flow(header, ST["head"], ST["head"])
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl(heading.upper()), ST["h2"]))
        flow += blocks_to_flow(blocks, ST["p"], ST["li"])
    doc.build(flow)


def render_pdf_two_column(cid):
    """Sidebar (skills, languages, interests) on the left, main column on the right,
    as two real frames so the text layer is two columns."""
    title, header, sections = parse_md((HERE / f"{cid}.md").read_text(encoding="utf-8"))
    W, H = A4
    m = 14 * mm
    side_w = 58 * mm
    gap = 6 * mm
    side = Frame(m, m, side_w, H - 2 * m, id="side", leftPadding=4, rightPadding=4, showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main", showBoundary=0)
    later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, m + side_w + 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cid}.pdf"), pagesize=A4, title=f"CV - {title}", author=title)
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="rest", frames=[later])])
    side_flow = [Paragraph(to_rl(title), ParagraphStyle("t2", parent=ST["title"], fontSize=15, leading=18))]
    side_flow += blocks_to_flow(header, ST["side_p"], ST["side_p"])
    main_flow = []
    for heading, blocks in sections:
        if heading.lower() in SIDEBAR_SECTIONS:
            side_flow.append(Paragraph(to_rl(heading.upper()), ST["side_h2"]))
            side_flow += blocks_to_flow(blocks, ST["side_p"], ST["side_p"])
        else:
            main_flow.append(Paragraph(to_rl(heading.upper()), ST["h2"]))
            main_flow += blocks_to_flow(blocks, ST["p"], ST["li"])
    flow = [NextPageTemplate("rest")] + side_flow + [FrameBreak()] + main_flow
    doc.build(flow)

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for seg, bold in split_bold(text):
        r = par.add_run(seg)
        r.bold = bold


def render_docx(cid):
    title, header, sections = parse_md((HERE / f"{cid}.md").read_text(encoding="utf-8"))
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10)
    d.core_properties.title = f"CV - {title}"
    d.core_properties.author = title
    d.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j, cell in enumerate(row):
                        c = t.cell(i, j)
                        c.text = ""
                        add_runs(c.paragraphs[0], cell)
                        if i == 0:
                            for r in c.paragraphs[0].runs:
                                r.bold = True

    emit(header)
    for heading, blocks in sections:
        d.add_heading(heading, level=1)
        emit(blocks)
    d.save(str(HERE / f"{cid}.docx"))


if __name__ == "__main__":
    for cid in PDF_SINGLE:
        render_pdf_single(cid)
    for cid in PDF_TWO_COLUMN:
        render_pdf_two_column(cid)
    for cid in DOCX:
        render_docx(cid)
    for f in sorted(HERE.glob("cv-ho-*.*")):
        print(f.name, f.stat().st_size)
