"""Render the Markdown CVs in this folder to their target formats (PDF / DOCX).

Run:  /work/main/.venv/bin/python eval/cvs/heldout3-54/render.py
The .md files are the source of truth; .md-target CVs are left as they are.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1237": "md",
    "cv-ho-1238": "pdf-2col",
    "cv-ho-1239": "docx",
    "cv-ho-1240": "docx",
    "cv-ho-1241": "pdf",
    "cv-ho-1242": "md",
    "cv-ho-1243": "pdf",
    "cv-ho-1244": "md",
    "cv-ho-1245": "pdf",
    "cv-ho-1246": "docx",
    "cv-ho-1247": "docx",
    "cv-ho-1248": "md",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Currently learning", "Certifications", "Languages"}

# ---------------------------------------------------------------- parsing

def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            flush_para()
            continue
        if line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush_para(); blocks.append(("li", line[2:]))
        else:
            # consecutive plain lines: keep separate lines (contact blocks) as separate paragraphs
            flush_para(); para.append(line.strip()); flush_para()
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    s = ""
    for t, b, i in runs(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        s += t
    return s

# ---------------------------------------------------------------- PDF

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
try:
    pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    BASE, BOLD = "DV", "DV-B"
except Exception:  # fall back to core fonts
    BASE, BOLD = "Helvetica", "Helvetica-Bold"


def styles(size=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName=BOLD, fontSize=10, leading=12.5, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=BASE, fontSize=size, leading=size * 1.3, spaceAfter=2, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=BASE, fontSize=size, leading=size * 1.3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1, bulletFontName=BASE),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(rl_markup(val), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(rl_markup(val), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Return (title_blocks, [(section_name, blocks)])."""
    head, sections, cur = [], [], None
    for kind, val in blocks:
        if kind == "h2":
            cur = (val, [(kind, val)])
            sections.append(cur)
        elif cur is None:
            head.append((kind, val))
        else:
            cur[1].append((kind, val))
    return head, sections


def render_pdf_two_column(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 1.5 * cm
    gap = 0.7 * cm
    side_w = 6.0 * cm
    main_w = W - 2 * margin - side_w - gap
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", leftPadding=6, rightPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
    single = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2")

    def sidebar_bg(canv, doc_):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="rest", frames=[single])])
    head, sections = split_sections(blocks)
    st_side = styles(8.5)
    st_main = styles(9.5)
    story = []
    for name, sec in sections:
        if name in SIDEBAR:
            story += flowables(sec, st_side, side_w - 12)
    story.append(NextPageTemplate("rest"))
    story.append(FrameBreak())
    story += flowables(head, st_main, main_w)
    for name, sec in sections:
        if name not in SIDEBAR:
            story += flowables(sec, st_main, main_w)
    doc.build(story)
    return path

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = cv_id
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), val)
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print("%-11s %-8s %7d bytes" % (cv_id, fmt, os.path.getsize(out)))


if __name__ == "__main__":
    main()
