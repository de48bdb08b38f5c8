"""Render the held-out CVs of batch 93 from their Markdown sources.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-93/render.py

The .md file is the CV's exact content. PDFs are written with reportlab (real
text layer, one of them laid out in two frames: sidebar + main column), DOCX
files with python-docx (one with a real Word table for the skills section).
CVs whose target format is .md are not rendered.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1705": "md",
    "cv-ho-1706": "docx",
    "cv-ho-1707": "pdf-2col",
    "cv-ho-1708": "pdf",
    "cv-ho-1709": "docx",
    "cv-ho-1710": "pdf",
    "cv-ho-1711": "pdf",
    "cv-ho-1712": "docx",
    "cv-ho-1713": "md",
    "cv-ho-1714": "md",
    "cv-ho-1715": "docx",
    "cv-ho-1716": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Learning now", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parsing into blocks
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para, bullet, table (payload = list of rows of cells).
    """
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
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
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Group blocks into [(section_title_or_None, [blocks...])]."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        else:
            sections[-1][1].append((kind, payload))
    return sections


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


# --------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------
def _pdf_setup():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-B", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-I", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BI", base + "DejaVuSans-BoldOblique.ttf"))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-B")
        addMapping("CV", 0, 1, "CV-I")
        addMapping("CV", 1, 1, "CV-BI")
        return "CV"
    except Exception:  # fall back to a built-in font
        return "Helvetica"


def _styles(font, small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    size = 8.6 if small else 9.8
    return {
        "h1": ParagraphStyle("h1", fontName=font, fontSize=17, leading=21,
                             spaceAfter=4, textColor=colors.HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=size + 2.2,
                             leading=size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1d3557")),
        "para": ParagraphStyle("para", fontName=font, fontSize=size,
                               leading=size * 1.32, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=size,
                                 leading=size * 1.32, leftIndent=11, bulletFontName=font,
                                 bulletIndent=2, spaceAfter=1.5),
    }


def _markup(text):
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if i:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(_markup(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph("<b>%s</b>" % _markup(payload), st["h2"]))
        elif kind == "para":
            flow.append(Paragraph(_markup(payload), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(_markup(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = _pdf_setup()
    st = _styles(font)
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out_path):
    """Sidebar (left frame) with contact/skills, main column (right frame)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate,
                                    FrameBreak, NextPageTemplate)

    font = _pdf_setup()
    st_side = _styles(font, small=True)
    st_main = _styles(font)
    page_w, page_h = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = page_w - 2 * margin - side_w - gap
    h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, h, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main",
                 leftPadding=4, rightPadding=4)
    main_only = Frame(margin + side_w + gap, margin, main_w, h, id="main2",
                      leftPadding=4, rightPadding=4)

    def shade(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm,
                    h + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side, main], onPage=shade),
        PageTemplate(id="cont", frames=[main_only], onPage=shade),
    ])

    sections = split_sections(blocks)
    header = sections[0][1]
    side_blocks, main_blocks = [], []
    for title, sec in sections[1:]:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(sec)

    story = []
    story += _flowables(header, st_main, side_w)
    story += _flowables(side_blocks, st_side, side_w)
    story.append(NextPageTemplate("cont"))
    story.append(FrameBreak())
    story += _flowables(main_blocks, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        run = par.add_run(seg)
        run.bold = b or None
        run.italic = i or None


def render_docx(cv_id, blocks, out_path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"

    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "para":
            _add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            _add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    _add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
    d.save(out_path)


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cv_id, blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "pdf-2col":
            render_pdf_two_column(cv_id, blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "docx":
            render_docx(cv_id, blocks, os.path.join(HERE, cv_id + ".docx"))
        print("rendered", cv_id, fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
