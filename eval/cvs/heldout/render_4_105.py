"""Render the heldout4-105 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-105/render.py
The .md files are the source text; MD-target CVs are not rendered further.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1850": "pdf2col",
    "cv-ho-1852": "pdf",
    "cv-ho-1854": "pdf",
    "cv-ho-1860": "pdf",
    "cv-ho-1851": "docx",
    "cv-ho-1853": "docx",
    "cv-ho-1856": "docx",
    "cv-ho-1859": "docx",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    lines = text.splitlines()
    i = 0

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(("h%d" % min(level, 3), line.lstrip("#").strip()))
        elif line.strip() == "---":
            flush()
            blocks.append(("hr", None))
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (title_blocks, [(section_name, blocks)])."""
    head, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            head.append(b)
        else:
            cur[1].append(b)
    return head, sections


# ---------------------------------------------------------------- PDF
def register_fonts():
    cands = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ]
    import reportlab
    rl = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    cands.append((os.path.join(rl, "Vera.ttf"), os.path.join(rl, "VeraBd.ttf")))
    for reg, bold in cands:
        if os.path.exists(reg) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans", boldItalic="CVSans-Bold")
            return "CVSans"
    return "Helvetica"


FONT = register_fonts()


def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT + ("-Bold" if FONT == "CVSans" else ""),
                             fontSize=base + 8, leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT, fontSize=base + 2.5, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName=FONT, fontSize=base + 1, leading=base + 4,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3.5,
                             leftIndent=12, bulletIndent=3, spaceAfter=1.5, bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2.5),
    }


def inline_rl(s):
    s = escape(s)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="•"))
        elif kind == "hr":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            first = width * (0.42 if ncol == 2 else 0.38)
            rest = (width - first) / (ncol - 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cid, blocks, title):
    path = os.path.join(HERE, cid + ".pdf")
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title,
                            author=title)
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cid, blocks, title):
    """Sidebar (contact, skills, ...) in a narrow left frame, main text on the right."""
    path = os.path.join(HERE, cid + ".pdf")
    st = styles(9)
    side_st = styles(8)
    W, H = A4
    m = 1.5 * cm
    side_w = 6.3 * cm
    gap = 0.8 * cm
    main_w = W - 2 * m - side_w - gap

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(0, 0, m + side_w + gap / 2, H, stroke=0, fill=1)
        canv.restoreState()

    side = Frame(m, m, side_w, H - 2 * m, id="sidebar", leftPadding=0, rightPadding=4)
    main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main", leftPadding=4, rightPadding=0)
    doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[side, main], onPage=sidebar_bg)])

    head, sections = split_sections(blocks)
    side_blocks = list(head)
    main_blocks = []
    for name, bl in sections:
        (side_blocks if name in SIDEBAR_SECTIONS else main_blocks).extend(bl)
    story = flowables(side_blocks, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cid, blocks, title):
    path = os.path.join(HERE, cid + ".docx")
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
            par = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    par.add_run().add_break()
                add_inline(par, line)
        elif kind == "li":
            add_inline(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    add_inline(cell.paragraphs[0], val)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cid, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            text = f.read()
        blocks = parse_md(text)
        title = next((b[1] for b in blocks if b[0] == "h1"), cid)
        if fmt == "pdf":
            p = render_pdf(cid, blocks, title)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cid, blocks, title)
        else:
            p = render_docx(cid, blocks, title)
        print("wrote", os.path.relpath(p, HERE), os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
