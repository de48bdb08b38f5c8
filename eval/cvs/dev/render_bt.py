"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bt/render.py
The .md file is the source of truth for each CV's text; MD targets are not rendered.
"""
import os
import re

from docx import Document
from docx.shared import Pt
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

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-889": "pdf-two-column",
    "cv-dev-890": "docx",
    "cv-dev-891": "md",
    "cv-dev-892": "pdf",
    "cv-dev-893": "docx",
    "cv-dev-894": "md",
    "cv-dev-895": "md",
    "cv-dev-896": "docx",
    "cv-dev-897": "pdf",
    "cv-dev-898": "md",
    "cv-dev-899": "docx",
    "cv-dev-900": "pdf",
}
# For the two-column PDF: the main column starts at this heading; everything before it
# (name, tagline, contact, skills, languages, interests) goes into the left sidebar.
MAIN_COLUMN_STARTS_AT = {"cv-dev-889": "Profile"}


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,ul,table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(l.strip() for l in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        if s.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].strip().startswith("- "):
                items.append(lines[i].strip()[2:])
                i += 1
            blocks.append(("ul", items))
            continue
        if s.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                r = lines[i].strip().strip("|")
                cells = [c.strip() for c in r.split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        # a line directly after a heading/paragraph line stays a separate line in the
        # header area (e.g. tagline + contact line) -> keep as own paragraph
        if para and i > 0 and lines[i - 1].strip() and not lines[i - 1].strip().startswith("#"):
            flush_para()
        para.append(s)
        i += 1
    flush_para()
    return blocks


def inline_spans(text):
    """Split **bold** / *italic* markup into (text, bold, italic) spans."""
    spans = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            spans.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            spans.append((m.group(1), True, False))
        else:
            spans.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        spans.append((text[pos:], False, False))
    return spans


def rl_markup(text):
    out = []
    for t, b, it in inline_spans(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/liberation/"
    files = {
        "CVSans": "LiberationSans-Regular.ttf",
        "CVSans-Bold": "LiberationSans-Bold.ttf",
        "CVSans-Italic": "LiberationSans-Italic.ttf",
        "CVSans-BoldItalic": "LiberationSans-BoldItalic.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
        return "CVSans"
    return "Helvetica"


FONT = register_fonts()


def styles(size=10):
    accent = colors.HexColor("#1f3a5f")
    return {
        "h1": ParagraphStyle("h1", fontName=FONT, fontSize=size + 8, leading=size + 11,
                             textColor=accent, spaceAfter=3, alignment=TA_LEFT),
        "h2": ParagraphStyle("h2", fontName=FONT, fontSize=size + 2, leading=size + 5,
                             textColor=accent, spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=FONT, fontSize=size + 0.5, leading=size + 3,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=size, leading=size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=size, leading=size + 3),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=size - 0.5, leading=size + 2),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph("<b>%s</b>" % rl_markup(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph("<b>%s</b>" % rl_markup(payload).upper(), st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph("<b>%s</b>" % rl_markup(payload), st["h3"]))
        elif kind == "p":
            flow.append(Paragraph(rl_markup(payload), st["p"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(rl_markup(t), st["li"]), leftIndent=10) for t in payload]
            flow.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                     leftIndent=10, bulletFontName=FONT, bulletFontSize=8))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in r] for r in payload]
            ncol = max(len(r) for r in data)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks, out):
    st = styles(10)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="", subject="CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out, main_heading):
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = pw - 2 * margin - side_w - gap
    h = ph - 2 * margin
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id, subject="CV")
    sidebar = Frame(margin, margin, side_w, h, id="sidebar", leftPadding=6, rightPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main")
    rest = Frame(margin, margin, pw - 2 * margin, h, id="rest")

    def side_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="two", frames=[sidebar, main], onPage=side_bg),
                          PageTemplate(id="one", frames=[rest])])
    split = next(i for i, (k, p) in enumerate(blocks) if k == "h2" and p == main_heading)
    st_side = styles(8.8)
    st_main = styles(9.5)
    story = [NextPageTemplate("one")]
    story += blocks_to_flowables(blocks[:split], st_side, side_w - 12)
    story.append(FrameBreak())
    story += blocks_to_flowables(blocks[split:], st_main, main_w - 12)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in inline_spans(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks, out):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind in ("h2", "h3"):
            h = doc.add_heading("", level=1 if kind == "h2" else 2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "ul":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, c in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, "**%s**" % c if ri == 0 else c)
            doc.add_paragraph()
    doc.save(out)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "md":
            continue
        if target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        elif target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out, MAIN_COLUMN_STARTS_AT[cv_id])
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
