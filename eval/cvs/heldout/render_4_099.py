"""Render the heldout4-099 CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-099/render.py

Targets:
  PDF  : cv-ho-1778, cv-ho-1780 (two-column), cv-ho-1782, cv-ho-1786
  DOCX : cv-ho-1779 (real Word table for skills), cv-ho-1781, cv-ho-1784, cv-ho-1787
  MD   : cv-ho-1777, cv-ho-1783, cv-ho-1785, cv-ho-1788 (the .md is the target)
"""
import os
import re
from xml.sax.saxutils import escape

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

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-1778", "cv-ho-1782", "cv-ho-1786"]
TWO_COLUMN_ID = "cv-ho-1780"
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Certifications", "Languages"}
DOCX_IDS = ["cv-ho-1779", "cv-ho-1781", "cv-ho-1784", "cv-ho-1787"]


# ---------------------------------------------------------------- markdown
def parse_md(text):
    """Very small Markdown parser -> list of blocks.

    Blocks: ("title", s), ("h2", s), ("bullet", s), ("para", s), ("table", rows)
    Consecutive non-blank plain lines are kept as separate lines in a paragraph.
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(s):
    """Split text into (text, bold, italic) runs."""
    runs = []
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(s):
    out = []
    for text, b, it in inline_runs(s):
        t = escape(text)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    cands = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    import reportlab
    vera = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    cands.append((os.path.join(vera, "Vera.ttf"), os.path.join(vera, "VeraBd.ttf"),
                  os.path.join(vera, "VeraIt.ttf"), os.path.join(vera, "VeraBI.ttf")))
    for reg, bold, ital, bi in cands:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", ital))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", bi))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
            return "CVSans"
    return "Helvetica"


def styles(font, small=False):
    base = 8.6 if small else 9.6
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=17 if not small else 15,
                                leading=21, spaceAfter=4, textColor=colors.HexColor("#1a2b4c")),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=base + 2.2, leading=base + 5,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1a2b4c")),
        "para": ParagraphStyle("para", fontName=font, fontSize=base, leading=base + 3.2,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=base, leading=base + 3.2,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=font, bulletFontSize=base),
    }


def blocks_to_flowables(blocks, st):
    flow = []
    for kind, val in blocks:
        if kind == "title":
            flow.append(Paragraph("<b>%s</b>" % to_rl(val), st["title"]))
        elif kind == "h2":
            flow.append(Paragraph("<b>%s</b>" % to_rl(val), st["h2"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(val), st["bullet"], bulletText="•"))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl(l) for l in val.split("\n")), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def render_pdf(cv_id, font):
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    out = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, styles(font)))
    return out


def split_sections(blocks):
    """Return header blocks (before first h2) and a list of (heading, blocks)."""
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


def render_two_column_pdf(cv_id, font):
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    header, sections = split_sections(blocks)
    side, main = [], []
    for name, bl in sections:
        (side if name in SIDEBAR_SECTIONS else main).extend(bl)

    out = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    m = 14 * mm
    gap = 6 * mm
    side_w = 62 * mm
    head_h = 22 * mm
    body_top = H - m - head_h

    def draw_side_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(0, 0, m + side_w + gap / 2, H - m - head_h + 2 * mm, stroke=0, fill=1)
        canv.restoreState()

    first = PageTemplate(id="first", frames=[
        Frame(m, H - m - head_h, W - 2 * m, head_h, id="head", showBoundary=0),
        Frame(m, m, side_w, body_top - m, id="side", showBoundary=0),
        Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main",
              showBoundary=0),
    ], onPage=draw_side_bg)
    later = PageTemplate(id="later", frames=[
        Frame(m, m, side_w, H - 2 * m, id="side2", showBoundary=0),
        Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main2",
              showBoundary=0),
    ])
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=[first, later], title=cv_id,
                          author="synthetic CV")
    st_side = styles(font, small=True)
    st_main = styles(font)
    flow = blocks_to_flowables(header, st_main)
    flow.append(NextPageTemplate("later"))
    flow.append(FrameBreak())
    flow.extend(blocks_to_flowables(side, st_side))
    flow.append(FrameBreak())
    flow.extend(blocks_to_flowables(main, st_main))
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, s):
    for text, b, it in inline_runs(s):
        r = par.add_run(text)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id):
    blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "title":
            h = d.add_heading(level=0)
            add_runs(h, val)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, val)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, val)
        elif kind == "para":
            p = d.add_paragraph()
            lines = val.split("\n")
            for j, l in enumerate(lines):
                add_runs(p, l)
                if j < len(lines) - 1:
                    p.add_run().add_break()
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    cp = t.cell(r, c).paragraphs[0]
                    add_runs(cp, cell)
                    if r == 0:
                        for run in cp.runs:
                            run.bold = True
            d.add_paragraph()
    out = os.path.join(HERE, cv_id + ".docx")
    d.save(out)
    return out


def main():
    font = register_fonts()
    outs = [render_pdf(i, font) for i in PDF_IDS]
    outs.append(render_two_column_pdf(TWO_COLUMN_ID, font))
    outs += [render_docx(i) for i in DOCX_IDS]
    for o in outs:
        print("%-50s %7d bytes" % (os.path.relpath(o, HERE), os.path.getsize(o)))


if __name__ == "__main__":
    main()
