"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-15/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-769": "md",
    "cv-ho-770": "docx",
    "cv-ho-771": "pdf",
    "cv-ho-772": "pdf2col",
    "cv-ho-773": "docx",
    "cv-ho-774": "md",
    "cv-ho-775": "pdf",
    "cv-ho-776": "docx",
    "cv-ho-777": "md",
    "cv-ho-778": "pdf",
    "cv-ho-779": "docx",
    "cv-ho-780": "md",
}
# sections that go to the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Certifications"}

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                              italic="DejaVu", boldItalic="DejaVu-Bold")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 p li table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table
                    if not re.match(r"^\|?\s*-{3,}", r.strip())]
            blocks.append(("table", rows))
            table.clear()

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                flush()
            table.append(s)
            continue
        if table:
            flush()
        m = re.match(r"^(#{1,3}) (.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif s.startswith("- "):
            flush()
            blocks.append(("li", s[2:]))
        else:
            para.append(s.strip())
    flush()
    return blocks


def sections(blocks):
    """Split blocks after the h1 header into (title, blocks) sections."""
    head, secs = [], []
    for b in blocks:
        if b[0] == "h2":
            secs.append((b[1], [b]))
        elif secs:
            secs[-1][1].append(b)
        else:
            head.append(b)
    return head, secs


def esc(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def plain(text):
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=base + 8, leading=base + 12,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="DejaVu-Bold", fontSize=base, leading=base + 3,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="DejaVu", fontSize=base - 0.5, leading=base + 3,
                            spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="DejaVu", fontSize=base - 0.5, leading=base + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName="DejaVu"),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(esc(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(esc(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(esc(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, out):
    st = styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, st))


def render_pdf_two_column(cv_id, blocks, out):
    st = styles(9.5)
    side_st = styles(8.5)
    W, H = A4
    m = 14 * mm
    head_h = 26 * mm
    side_w = 58 * mm
    gap = 6 * mm
    header = Frame(m, H - m - head_h, W - 2 * m, head_h, id="header", showBoundary=0)
    sidebar = Frame(m, m, side_w, H - 2 * m - head_h, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - head_h, id="main",
                 showBoundary=0)
    later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def draw_sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, H - 2 * m - head_h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, sidebar, main],
                                       onPage=draw_sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    head, secs = sections(blocks)
    story = [NextPageTemplate("later")]
    story += flowables(head, st)
    story.append(FrameBreak())
    for title, b in secs:
        if title in SIDEBAR:
            story += flowables(b, side_st)
    story.append(FrameBreak())
    for title, b in secs:
        if title not in SIDEBAR:
            story += flowables(b, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(plain(payload), level=0)
        elif kind == "h2":
            doc.add_heading(plain(payload), level=1)
        elif kind == "h3":
            doc.add_heading(plain(payload), level=2)
        elif kind == "li":
            doc.add_paragraph(plain(payload), style="List Bullet")
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = plain(cell)
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        else:
            doc.add_paragraph(plain(payload))
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
