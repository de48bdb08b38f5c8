"""Render the heldout3-26 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-26/render.py
The .md files are the canonical CV text; .md targets are left as they are.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-901": "pdf-2col",
    "cv-ho-902": "docx",
    "cv-ho-903": "md",
    "cv-ho-904": "pdf",
    "cv-ho-905": "docx",
    "cv-ho-906": "md",
    "cv-ho-907": "pdf",
    "cv-ho-908": "docx",
    "cv-ho-909": "md",
    "cv-ho-910": "pdf",
    "cv-ho-911": "docx",
    "cv-ho-912": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para, bullet, table (payload = list of rows)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
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
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_runs(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for seg, bold, ital in inline_runs(text):
        s = escape(seg)
        if bold:
            s = "<b>%s</b>" % s
        if ital:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    import reportlab
    vera = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append(tuple(os.path.join(vera, f) for f in
                            ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")))
    for reg, bold, ital, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CV", reg))
            pdfmetrics.registerFont(TTFont("CV-Bold", bold))
            pdfmetrics.registerFont(TTFont("CV-Italic", ital))
            pdfmetrics.registerFont(TTFont("CV-BoldItalic", bi))
            from reportlab.pdfbase.pdfmetrics import registerFontFamily
            registerFontFamily("CV", normal="CV", bold="CV-Bold",
                               italic="CV-Italic", boldItalic="CV-BoldItalic")
            return "CV"
    return "Helvetica"


FONT = register_fonts()


def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT + "-Bold" if FONT == "CV" else "Helvetica-Bold",
                             fontSize=base * 1.9, leading=base * 2.3, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT + "-Bold" if FONT == "CV" else "Helvetica-Bold",
                             fontSize=base * 1.2, leading=base * 1.5, spaceBefore=8, spaceAfter=3,
                             textColor="#1f3a5f"),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base * 1.3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base * 1.3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=FONT),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "para"):
            out.append(Paragraph(to_rl_markup(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=os.path.basename(path), author="synthetic CV")
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Split into (header blocks before first h2, list of (title, blocks))."""
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
    """Sidebar (skills, languages, interests) on the left, main column on the right.

    Uses a BaseDocTemplate with two Frames per page, so the text layer is really
    laid out in two columns (sidebar text first, then the main column)."""
    pw, ph = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    h = ph - 2 * margin
    side = Frame(margin, margin, side_w, h, id="sidebar", showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main", showBoundary=0)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor("#eef2f7")
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=os.path.basename(path),
                          author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=draw_bg)])

    header, sections = split_sections(blocks)
    side_blocks = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in bl]
    main_blocks = [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in bl]

    st_side = styles(scale=0.92)
    st_main = styles()
    story = []
    story += flowables(side_blocks, st_side, side_w)
    story.append(FrameBreak())
    story += flowables(header, st_main, main_w)
    story += flowables(main_blocks, st_main, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, ital in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold
        r.italic = ital


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    run = p.add_run(val)
                    run.bold = ri == 0
    doc.core_properties.title = os.path.basename(path)
    doc.core_properties.author = "synthetic CV"
    doc.save(path)


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out)
        elif target == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out)
        else:
            out = src
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
