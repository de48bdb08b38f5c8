"""Render the dev-ch CVs from their Markdown source to the target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ch/render.py

The .md file is the CV's content. PDFs get a real text layer (reportlab
Paragraphs, no images); one PDF uses two frames (sidebar + main column).
DOCX files use python-docx; Markdown tables become real Word tables.
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> target format ("pdf", "pdf2col", "docx", "md")
TARGETS = {
    "cv-dev-1057": "docx",
    "cv-dev-1058": "md",
    "cv-dev-1059": "pdf",
    "cv-dev-1060": "docx",
    "cv-dev-1061": "pdf2col",
    "cv-dev-1062": "md",
    "cv-dev-1063": "pdf",
    "cv-dev-1064": "md",
    "cv-dev-1065": "docx",
    "cv-dev-1066": "pdf",
    "cv-dev-1067": "md",
    "cv-dev-1068": "docx",
}

# sections that go to the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para, table (payload = list of rows).
    Every non-empty line that is not a heading/bullet/table row is its own
    paragraph (CV lines are short and meant to stay separate).
    """
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("- "):
            blocks.append(("bullet", line.lstrip()[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
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


def to_rl_markup(text):
    out = []
    for seg, b, i in inline_runs(text):
        s = escape(seg)
        if b:
            s = "<b>%s</b>" % s
        if i:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = _fonts()
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=bold, fontSize=17 * scale,
                             leading=21 * scale, spaceAfter=3)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=9.8 * scale,
                             leading=12.5 * scale, spaceBefore=4, spaceAfter=1)
    s["para"] = ParagraphStyle("para", fontName=font, fontSize=9.2 * scale,
                               leading=12 * scale, spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=11,
                                 bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=font,
                                 bulletFontSize=9.2 * scale)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row]
                    for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"],
                                 bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl_markup(payload), st[kind]))
    return out


def render_pdf(blocks, path, title):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    st = _styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=title, author=title)
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path, title):
    """Sidebar (left frame) + main column (right frame) on page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate,
                                    FrameBreak, NextPageTemplate)

    W, H = A4
    margin = 12 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    # split blocks: header (h1 + following paras) and sidebar sections go left
    side, main = [], []
    current = side
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=0, rightPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0)
    later_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="later",
                        leftPadding=0, rightPadding=0)

    doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame],
                     onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_frame], onPage=draw_sidebar),
    ])
    st_side = _styles(scale=0.95)
    st_main = _styles()
    story = [NextPageTemplate("later")]
    story += _flowables(side, st_side, side_w)
    story.append(FrameBreak())
    story += _flowables(main, st_main, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(blocks, path, title):
    import docx
    from docx.shared import Pt

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
        elif kind == "bullet":
            _add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            _add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    _add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(path)


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse(f.read())
        title = next((p for k, p in blocks if k == "h1"), cv_id)
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out, title)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out, title)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out, title)
        else:
            out = src  # the Markdown file is the target
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out),
                                       os.path.getsize(out)))


if __name__ == "__main__":
    main()
