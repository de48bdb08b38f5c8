"""Render the dev-c CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev/render_c.py

- PDF (real text layer, reportlab): cv-dev-26, cv-dev-28 (two-column, two Frames), cv-dev-31, cv-dev-34
- DOCX (python-docx): cv-dev-27 (skills as a real Word table), cv-dev-30, cv-dev-32, cv-dev-35
- MD: cv-dev-25, cv-dev-29, cv-dev-33, cv-dev-36 (the .md file itself is the target; nothing to render)
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-dev-26", "cv-dev-28", "cv-dev-31", "cv-dev-34"]
TWO_COLUMN = {"cv-dev-28": ["Contact", "Skills", "Languages", "Education"]}  # sidebar sections
DOCX_IDS = ["cv-dev-27", "cv-dev-30", "cv-dev-32", "cv-dev-35"]

# ---------------------------------------------------------------- fonts
FONT = "Helvetica"
FONT_B = "Helvetica-Bold"
FONT_I = "Helvetica-Oblique"


def _register_fonts():
    global FONT, FONT_B, FONT_I
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    import reportlab
    rl = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append((os.path.join(rl, "Vera.ttf"), os.path.join(rl, "VeraBd.ttf"),
                       os.path.join(rl, "VeraIt.ttf"), os.path.join(rl, "VeraBI.ttf")))
    for reg, bold, ital, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", ital))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", bi))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans-Italic", boldItalic="CVSans-BoldItalic")
            FONT, FONT_B, FONT_I = "CVSans", "CVSans-Bold", "CVSans-Italic"
            return


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, lines, ul, table."""
    blocks = []
    para, items, rows = [], [], []

    def flush():
        nonlocal para, items, rows
        if para:
            blocks.append(("lines", para))
        if items:
            blocks.append(("ul", items))
        if rows:
            blocks.append(("table", rows))
        para, items, rows = [], [], []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip())); continue
        if line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip())); continue
        if line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip())); continue
        if line.lstrip().startswith("|"):
            if para:
                blocks.append(("lines", para))
            if items:
                blocks.append(("ul", items))
            para, items = [], []
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            rows.append(cells)
            continue
        if line.startswith("- "):
            if para:
                blocks.append(("lines", para)); para = []
            items.append(line[2:].strip())
            continue
        if items:
            blocks.append(("ul", items)); items = []
        para.append(line.strip())
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
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
    s = ""
    for seg, b, i in inline_runs(text):
        seg = escape(seg)
        if b:
            seg = "<b>%s</b>" % seg
        if i:
            seg = "<i>%s</i>" % seg
        s += seg
    return s


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * scale, leading=12 * scale, spaceBefore=4),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=9.5 * scale, leading=12.5 * scale,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=FONT, bulletFontSize=9.5 * scale),
    }


def blocks_to_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            fl.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "lines":
            for ln in payload:
                fl.append(Paragraph(to_rl(ln), st["body"]))
        elif kind == "ul":
            for it in payload:
                fl.append(Paragraph(to_rl(it), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            fl.append(t)
    return fl


def render_pdf(cv_id, text):
    out = os.path.join(HERE, cv_id + ".pdf")
    blocks = parse_md(text)
    meta = dict(title="CV", author="", subject="Curriculum vitae")
    if cv_id in TWO_COLUMN:
        render_two_column(out, blocks, TWO_COLUMN[cv_id], meta)
        return out
    st = pdf_styles()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, **meta)
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks):
    """Return (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_two_column(out, blocks, sidebar_titles, meta):
    pw, ph = A4
    margin = 14 * mm
    header_h = 26 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    header_frame = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="later")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, **meta)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=deco),
        PageTemplate(id="later", frames=[later_main]),
    ])
    header, sections = split_sections(blocks)
    st_main = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    fl = blocks_to_flowables(header, st_main, pw - 2 * margin)
    fl.append(FrameBreak())
    for title, sb in sections:
        if title in sidebar_titles:
            fl += blocks_to_flowables(sb, st_side, side_w)
    fl.append(FrameBreak())
    for title, sb in sections:
        if title not in sidebar_titles:
            fl += blocks_to_flowables(sb, st_main, main_w)
    doc.build(fl)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = i
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, text):
    out = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    doc.core_properties.title = "CV"
    doc.core_properties.author = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse_md(text):
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "lines":
            for ln in payload:
                add_runs(doc.add_paragraph(), ln)
        elif kind == "ul":
            for it in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), it)
        elif kind == "table":
            t = doc.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(out)
    return out


def main():
    _register_fonts()
    for cv_id in PDF_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            print("wrote", render_pdf(cv_id, f.read()))
    for cv_id in DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            print("wrote", render_docx(cv_id, f.read()))


if __name__ == "__main__":
    main()
