"""Render the dev-bd CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bd/render.py

The .md file is the CV's exact text. PDFs are built with reportlab (real text
layer, DejaVu Sans embedded so Turkish/German/Spanish characters survive), DOCX
with python-docx (Markdown tables become real Word tables). One PDF uses a
two-frame page template (sidebar + main column).
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> (format, options)
TARGETS = {
    "cv-dev-697": ("pdf", {"two_column": True,
                           "sidebar": ["Skills", "Currently Learning", "Languages", "Interests"]}),
    "cv-dev-698": ("docx", {}),
    "cv-dev-699": ("md", {}),
    "cv-dev-700": ("pdf", {}),
    "cv-dev-701": ("docx", {}),
    "cv-dev-702": ("pdf", {}),
    "cv-dev-703": ("md", {}),
    "cv-dev-704": ("docx", {}),
    "cv-dev-705": ("pdf", {}),
    "cv-dev-706": ("md", {}),
    "cv-dev-707": ("docx", {}),
    "cv-dev-708": ("md", {}),
}

FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def register_fonts():
    pdfmetrics.registerFont(TTFont("DV", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return (name, blocks) where blocks is a list of (section, [items]).

    Items: ("p", text) paragraph (lines joined with a line break),
           ("h3", text), ("li", text), ("table", rows).
    Section None holds the header lines under the name.
    """
    lines = text.splitlines()
    name = None
    sections = [[None, []]]
    para = []
    table = []

    def flush():
        if para:
            sections[-1][1].append(("p", "\n".join(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) for c in r)]
            sections[-1][1].append(("table", rows))
            table.clear()

    for line in lines:
        s = line.rstrip()
        if s.startswith("# "):
            flush()
            name = s[2:].strip()
        elif s.startswith("## "):
            flush()
            sections.append([s[3:].strip(), []])
        elif s.startswith("### "):
            flush()
            sections[-1][1].append(("h3", s[4:].strip()))
        elif s.startswith("- "):
            flush()
            sections[-1][1].append(("li", s[2:].strip()))
        elif s.startswith("|"):
            if para:
                sections[-1][1].append(("p", "\n".join(para)))
                para.clear()
            table.append(s)
        elif not s.strip():
            flush()
        else:
            if table:
                flush()
            para.append(s.strip())
    flush()
    return name, sections


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


def to_rl(text):
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    res = []
    for t, b, i in runs(text):
        t = esc(t)
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res).replace("\n", "<br/>")


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "name": ParagraphStyle("name", fontName="DV-B", fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="DV-B", fontSize=base, leading=base + 3,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName="DV", fontSize=base, leading=base + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName="DV", fontSize=base, leading=base + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName="DV"),
    }


def blocks_to_flowables(items, st, width):
    out = []
    for kind, val in items:
        if kind == "p":
            out.append(Paragraph(to_rl(val), st["p"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(val), st["h3"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(val), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, name, sections, opts):
    path = os.path.join(HERE, cv_id + ".pdf")
    if opts.get("two_column"):
        return render_pdf_two_column(path, name, sections, opts["sidebar"])
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=name, author=name)
    width = A4[0] - 40 * mm
    story = [Paragraph(to_rl(name), st["name"])]
    for sec, items in sections:
        if sec is not None:
            story.append(Paragraph(to_rl(sec), st["h2"]))
        story.extend(blocks_to_flowables(items, st, width))
    doc.build(story)
    return path


def render_pdf_two_column(path, name, sections, sidebar_names):
    st_main = styles()
    st_side = styles(0.9)
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    first = PageTemplate(id="first", frames=[
        Frame(margin, margin, side_w, H - 2 * margin, id="side",
              leftPadding=4, rightPadding=4),
        Frame(main_x, margin, main_w, H - 2 * margin, id="main"),
    ], onPage=lambda c, d: (c.saveState(), c.setFillColor(colors.HexColor("#eef2f7")),
                            c.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1),
                            c.restoreState()))
    later = PageTemplate(id="later", frames=[
        Frame(main_x, margin, main_w, H - 2 * margin, id="main2")])
    doc = BaseDocTemplate(path, pagesize=A4, pageTemplates=[first, later], title=name, author=name)

    side, main = [], []
    header_items = []
    for sec, items in sections:
        if sec is None:
            header_items = items
        elif sec in sidebar_names:
            side.append(Paragraph(to_rl(sec), st_side["h2"]))
            side.extend(blocks_to_flowables(items, st_side, side_w - 8))
        else:
            main.append(Paragraph(to_rl(sec), st_main["h2"]))
            main.extend(blocks_to_flowables(items, st_main, main_w))
    story = [NextPageTemplate("later")]
    story.extend(side)
    story.append(FrameBreak())
    story.append(Paragraph(to_rl(name), st_main["name"]))
    story.extend(blocks_to_flowables(header_items, st_main, main_w))
    story.extend(main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, name, sections, opts):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = name
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    for sec, items in sections:
        if sec is not None:
            doc.add_heading(sec, level=1)
        for kind, val in items:
            if kind == "p":
                lines = val.split("\n")
                p = doc.add_paragraph()
                for k, line in enumerate(lines):
                    if k:
                        p.add_run().add_break()
                    add_runs(p, line)
            elif kind == "h3":
                p = doc.add_paragraph()
                add_runs(p, "**%s**" % val if "**" not in val else val)
            elif kind == "li":
                p = doc.add_paragraph(style="List Bullet")
                add_runs(p, val)
            elif kind == "table":
                t = doc.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        cp = t.cell(r, c).paragraphs[0]
                        add_runs(cp, cell)
                        if r == 0:
                            for run in cp.runs:
                                run.bold = True
    doc.save(path)
    return path


def main():
    register_fonts()
    for cv_id, (fmt, opts) in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            name, sections = parse_md(f.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, name, sections, opts)
        elif fmt == "docx":
            out = render_docx(cv_id, name, sections, opts)
        else:
            out = src
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
