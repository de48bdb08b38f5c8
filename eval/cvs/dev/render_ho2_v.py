"""Render the heldout-v CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-v/render.py

- PDF  (reportlab, real text layer): cv-ho-253 (two columns), cv-ho-256, cv-ho-260, cv-ho-262
- DOCX (python-docx): cv-ho-254, cv-ho-257, cv-ho-259 (skills as a real Word table), cv-ho-263
- MD   (the .md file itself is the target): cv-ho-255, cv-ho-258, cv-ho-261, cv-ho-264
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-253", "cv-ho-256", "cv-ho-260", "cv-ho-262"]
TWO_COLUMN = {"cv-ho-253": {"Skills", "Learning now", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-254", "cv-ho-257", "cv-ho-259", "cv-ho-263"]
MD_IDS = ["cv-ho-255", "cv-ho-258", "cv-ho-261", "cv-ho-264"]


# --------------------------------------------------------------------------
# Minimal Markdown block parser (headings, bullets, tables, paragraphs)
# --------------------------------------------------------------------------
def parse_md(text):
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if line.startswith("- "):
            flush_para()
            blocks.append(("li", line[2:]))
            continue
        para.append(line)
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (string, bold, italic) runs."""
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


def inline_markup(text):
    out = []
    for s, b, i in inline_runs(text):
        s = escape(s)
        if b:
            s = "<b>%s</b>" % s
        if i:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CV": "DejaVuSans.ttf",
        "CV-Bold": "DejaVuSans-Bold.ttf",
        "CV-Oblique": "DejaVuSans-Oblique.ttf",
        "CV-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Oblique")
        addMapping("CV", 1, 1, "CV-BoldOblique")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


def pdf_styles(small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = pdf_fonts()
    size = 8.6 if small else 9.6
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=3)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=size + 2, leading=size + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", parent=s["h2"], fontSize=size + 1)
    s["p"] = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.3, spaceAfter=3)
    s["li"] = ParagraphStyle("li", parent=s["p"], leftIndent=10, bulletIndent=1, spaceAfter=1.5,
                             bulletFontName=font)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def pdf_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    out = []
    for kind, content in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_markup(content), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_markup(l) for l in content), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_markup(content), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_markup(c), st["cell"]) for c in row] for row in content]
            t = Table(data, colWidths=[width * 0.4, width * 0.6])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, text):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    blocks = parse_md(text)
    path = os.path.join(HERE, cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        render_pdf_two_column(cv_id, blocks, path)
        return path
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(pdf_flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks, path):
    """Header across the top, then a narrow sidebar frame (skills etc.) and a wide
    main frame (profile, experience, ...), so the text layer is two real columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    sidebar_titles = TWO_COLUMN[cv_id]
    header, side, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h2":
            current = side if b[1] in sidebar_titles else main
        current.append(b)

    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    main_x = margin + side_w + gap
    main_w = W - margin - main_x

    f_header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    f_main = Frame(main_x, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    f_later = Frame(main_x, margin, main_w, H - 2 * margin, id="main2",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=decorate),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st_main = pdf_styles()
    st_side = pdf_styles(small=True)
    story = []
    story += pdf_flowables(header, st_main, W - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += pdf_flowables(main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for s, b, i in inline_runs(text):
        r = par.add_run(s)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, text):
    from docx import Document
    from docx.shared import Pt

    blocks = parse_md(text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    for kind, content in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, content)
        elif kind in ("h2", "h3"):
            h = doc.add_heading(level=1 if kind == "h2" else 2)
            add_runs(h, content)
        elif kind == "p":
            par = doc.add_paragraph()
            for n, line in enumerate(content):
                if n:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            par = doc.add_paragraph(style="List Bullet")
            add_runs(par, content)
        elif kind == "table":
            ncols = max(len(r) for r in content)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(content):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    par = cells[ci].paragraphs[0]
                    add_runs(par, val)
                    if ri == 0:
                        for r in par.runs:
                            r.bold = True
            doc.add_paragraph()
    path = os.path.join(HERE, cv_id + ".docx")
    doc.save(path)
    return path


def main():
    for cv_id in PDF_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            p = render_pdf(cv_id, f.read())
        print("wrote", os.path.relpath(p), os.path.getsize(p), "bytes")
    for cv_id in DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            p = render_docx(cv_id, f.read())
        print("wrote", os.path.relpath(p), os.path.getsize(p), "bytes")
    for cv_id in MD_IDS:
        p = os.path.join(HERE, cv_id + ".md")
        assert os.path.exists(p), p
        print("target is the Markdown itself:", os.path.relpath(p))


if __name__ == "__main__":
    main()
