"""Render the heldout-u CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-u/render.py

The .md file is the CV's content; this script only lays it out.
- PDF: reportlab, real text layer. cv-ho-248 uses a two-column layout
  (BaseDocTemplate with a narrow sidebar frame and a main frame).
- DOCX: python-docx; Markdown tables become real Word tables.
- MD targets are left as they are.
"""
import html
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
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-241": "pdf",
    "cv-ho-242": "docx",
    "cv-ho-243": "md",
    "cv-ho-244": "docx",
    "cv-ho-245": "pdf",
    "cv-ho-246": "pdf",
    "cv-ho-247": "md",
    "cv-ho-248": "pdf2col",
    "cv-ho-249": "docx",
    "cv-ho-250": "md",
    "cv-ho-251": "docx",
    "cv-ho-252": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}

# ---------------------------------------------------------------- parsing


def parse_md(text):
    """Parse the small Markdown subset used by the CVs into blocks.

    Block kinds: h1, h2, h3, p, li, table (rows: list of list of str).
    Consecutive non-empty plain lines stay separate paragraphs (CV lines).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        if not s or s == "---":
            i += 1
            continue
        if s.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if s.startswith("### "):
            blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            blocks.append(("li", s[2:]))
        else:
            blocks.append(("p", s))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)")


def inline_runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        elif part.startswith("`") and part.endswith("`"):
            runs.append((part[1:-1], False, False))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF

FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"


def setup_fonts():
    global FONT, FONT_B, FONT_I, FONT_BI
    base = "/usr/share/fonts/truetype/dejavu/"
    files = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
             "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                      italic="DejaVuSans-Oblique", boldItalic="DejaVuSans-BoldOblique")
        FONT, FONT_B, FONT_I, FONT_BI = files.keys()


def styles(scale=1.0):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"), keepWithNext=1),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=5, spaceAfter=1, keepWithNext=1),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9.3 * scale, leading=12 * scale,
                            alignment=TA_LEFT, spaceAfter=1.5),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=9.3 * scale, leading=12 * scale,
                             leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9 * scale, leading=11 * scale),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(val), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(val), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=os.path.basename(path), author="")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Return (header blocks, list of (title, blocks)) split at h2."""
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


def render_pdf_two_column(blocks, path):
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin

    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t.strip().lower() in SIDEBAR_SECTIONS for b in bl]
    main = [b for t, bl in sections if t.strip().lower() not in SIDEBAR_SECTIONS for b in bl]

    side_frame = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=4,
                       showBoundary=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4)
    later_frame = Frame(margin, margin, W - 2 * margin, body_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, body_h + 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=os.path.basename(path))
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    st_side = styles(scale=0.92)
    st_main = styles()
    story = [NextPageTemplate("later")]
    story += flowables(header, st_side, side_w - 8)
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX


def add_runs(par, text, size=None):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(blocks, path):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            h = d.add_heading("", level=2)
            add_runs(h, val)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    for txt, b, it in inline_runs(cell):
                        run = p.add_run(txt)
                        run.bold = True if r == 0 else (b or None)
                        run.italic = it or None
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), val)
    d.core_properties.title = os.path.basename(path)
    d.core_properties.author = ""
    d.save(path)


# ---------------------------------------------------------------- main


def main():
    setup_fonts()
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out)
        else:
            out = src
        print(f"{cv_id}: {fmt:8s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
