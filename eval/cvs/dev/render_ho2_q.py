"""Render the heldout-q CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-q/render.py

The .md file of each CV is its exact content.  This script only changes the
container format:
  * PDF  (reportlab, real text layer; cv-ho-195 uses a two-frame, two-column page)
  * DOCX (python-docx; Markdown tables become real Word tables)
CVs whose target format is .md are left untouched.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-193": "md",
    "cv-ho-194": "docx",   # real Word table for skills
    "cv-ho-195": "pdf2col",  # two-column PDF (sidebar + main)
    "cv-ho-196": "md",
    "cv-ho-197": "docx",
    "cv-ho-198": "md",
    "cv-ho-199": "pdf",
    "cv-ho-200": "docx",
    "cv-ho-201": "md",
    "cv-ho-202": "pdf",
    "cv-ho-203": "pdf",
    "cv-ho-204": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "learning", "education", "languages"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
_DJ = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DJ + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DJ", _DJ + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-B", _DJ + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-I", _DJ + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-BI", _DJ + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DJ", normal="DJ", bold="DJ-B", italic="DJ-I", boldItalic="DJ-BI")
    FONT, FONT_B, FONT_I, FONT_BI = "DJ", "DJ-B", "DJ-I", "DJ-BI"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1/h2/h3 (text), p (text), ul (list of text), ol (list of text),
    table (list of rows, first row is the header).
    """
    blocks = []
    lines = text.splitlines()
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
        if re.match(r"^\s*\d+\.\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*\d+\.\s+", lines[i]):
                items.append(re.sub(r"^\s*\d+\.\s+", "", lines[i]).strip())
                i += 1
            blocks.append(("ol", items))
            continue
        para = [line.strip()]
        i += 1
        while (i < len(lines) and lines[i].strip()
               and not re.match(r"^(#{1,3}\s|\s*[-*]\s|\s*\d+\.\s|\s*\|)", lines[i])):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", " ".join(para)))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
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


def to_rl(text):
    out = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5, spaceBefore=7,
                             spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 1, leading=base + 4, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.2, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3.0, leftIndent=12,
                             bulletIndent=2, bulletFontName=FONT, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
        "cellh": ParagraphStyle("cellh", fontName=FONT_B, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind in ("ul", "ol"):
            # bullet drawn on the same baseline as the item, so the text layer reads "• item"
            for n, t in enumerate(payload, 1):
                out.append(Paragraph(to_rl(t), st["li"], bulletText="•" if kind == "ul" else "%d." % n))
            out.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cellh" if r == 0 else "cell"]) for c in row]
                    for r, row in enumerate(payload)]
            ncol = len(payload[0])
            first = width * (0.5 if ncol > 2 else 0.55)
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8899aa")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=os.path.basename(path), author="")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def split_sidebar(blocks):
    """Split blocks into (sidebar, main) by their H2 section name."""
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload.strip().lower() in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(blocks, path):
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    h = ph - 2 * margin
    sidebar = Frame(margin, margin, side_w, h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main", leftPadding=4, rightPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, h, id="main2", leftPadding=4, rightPadding=4)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, h + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=os.path.basename(path), author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    side_blocks, main_blocks = split_sidebar(blocks)
    st_side = styles(0.9)
    st_main = styles(1.0)
    story = [NextPageTemplate("later")]
    story += flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main_blocks, st_main, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for sec in doc.sections:
        sec.left_margin = sec.right_margin = Pt(54)
        sec.top_margin = sec.bottom_margin = Pt(48)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind in ("h2", "h3"):
            h = doc.add_heading(level=1 if kind == "h2" else 2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in payload:
                add_runs(doc.add_paragraph(style=style), item)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    add_runs(p, val)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.author = ""
    doc.core_properties.title = os.path.basename(path)
    doc.save(path)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "md":
            continue
        if target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out)
        elif target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out)
        elif target == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
