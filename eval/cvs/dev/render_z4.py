"""Render the dev-z4 CVs from their Markdown text to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-z4/render.py

Each <id>.md is the CV's content. Targets:
  - pdf      : single-column PDF (reportlab platypus, real text layer)
  - pdf2col  : two-column PDF (BaseDocTemplate with a sidebar Frame and a main Frame)
  - docx     : Word document (python-docx); Markdown tables become real Word tables
  - md       : the .md file itself is the target (nothing to render)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-337": "pdf2col",
    "cv-dev-338": "docx",
    "cv-dev-339": "pdf",
    "cv-dev-340": "md",
    "cv-dev-341": "docx",
    "cv-dev-342": "pdf",
    "cv-dev-343": "md",
    "cv-dev-344": "docx",
    "cv-dev-345": "md",
    "cv-dev-346": "md",
    "cv-dev-347": "pdf",
    "cv-dev-348": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-dev-337": ["Contact", "Vaardigheden", "Talen", "Interesses"]}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(heading, blocks)].

    Blocks: ("h3", text) | ("date", text) | ("bullet", text) | ("para", text)
            | ("table", rows)
    """
    lines = md_text.splitlines()
    title = None
    header = []
    sections = []
    cur = None
    table = None

    def flush_table():
        nonlocal table
        if table is not None:
            cur[1].append(("table", table))
            table = None

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        if cur is not None:
            flush_table()
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif cur is None:
            header.append(line.strip())
        elif line.startswith("### "):
            cur[1].append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            cur[1].append(("bullet", line[2:].strip()))
        elif re.fullmatch(r"\*[^*].*\*", line.strip()):
            cur[1].append(("date", line.strip()[1:-1]))
        else:
            cur[1].append(("para", line.strip()))
    if cur is not None:
        flush_table()
    return title, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


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
        "CV-Italic": "DejaVuSans-Oblique.ttf",
        "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


def rl_markup(text):
    from xml.sax.saxutils import escape

    out = []
    for chunk, b, i in inline_runs(text):
        c = escape(chunk)
        if b:
            c = "<b>%s</b>" % c
        if i:
            c = "<i>%s</i>" % c
        out.append(c)
    return "".join(out)


def pdf_styles(small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    reg, bold = pdf_fonts()
    fs = 8.6 if small else 9.6
    accent = colors.HexColor("#1f4e79")
    st = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, textColor=accent, spaceAfter=2),
        "header": ParagraphStyle("header", fontName=reg, fontSize=fs, leading=fs * 1.35, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=fs + 2.4, leading=(fs + 2.4) * 1.3, textColor=accent, spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=fs + 0.4, leading=(fs + 0.4) * 1.3, spaceBefore=4),
        "date": ParagraphStyle("date", fontName=reg, fontSize=fs - 0.6, leading=(fs - 0.6) * 1.3, textColor=colors.HexColor("#666666"), spaceAfter=1),
        "para": ParagraphStyle("para", fontName=reg, fontSize=fs, leading=fs * 1.35, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=reg, bulletFontName=reg, fontSize=fs, leading=fs * 1.35, leftIndent=10, bulletIndent=1, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=reg, fontSize=fs - 0.4, leading=(fs - 0.4) * 1.25),
        "cellh": ParagraphStyle("cellh", fontName=bold, fontSize=fs - 0.4, leading=(fs - 0.4) * 1.25),
    }
    st["date"].fontName = "CV-Italic" if reg == "CV" else "Helvetica-Oblique"
    return st


def pdf_blocks(heading, blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = [Paragraph(rl_markup(heading), st["h2"])]
    for kind, val in blocks:
        if kind == "h3":
            flow.append(Paragraph(rl_markup(val), st["h3"]))
        elif kind == "date":
            flow.append(Paragraph(rl_markup(val), st["date"]))
        elif kind == "bullet":
            flow.append(Paragraph(rl_markup(val), st["bullet"], bulletText="•"))
        elif kind == "para":
            flow.append(Paragraph(rl_markup(val), st["para"]))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cellh" if r == 0 else "cell"]) for c in row] for r, row in enumerate(val)]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id, md_text, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate, Paragraph

    title, header, sections = parse(md_text)
    st = pdf_styles()
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title, author=title)
    story = [Paragraph(rl_markup(title), st["title"])]
    story += [Paragraph(rl_markup(h), st["header"]) for h in header]
    for heading, blocks in sections:
        story += pdf_blocks(heading, blocks, st, doc.width)
    doc.build(story)


def render_pdf2col(cv_id, md_text, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, FrameBreak, NextPageTemplate

    title, header, sections = parse(md_text)
    side_names = SIDEBAR[cv_id]
    side = [s for s in sections if s[0] in side_names]
    main = [s for s in sections if s[0] not in side_names]
    st = pdf_styles(small=True)

    W, H = A4
    m = 1.5 * cm
    head_h = 2.4 * cm
    side_w = 6.0 * cm
    gap = 0.6 * cm
    body_h = H - 2 * m - head_h
    f_head = Frame(m, H - m - head_h, W - 2 * m, head_h, id="head", leftPadding=0, rightPadding=0)
    f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=6, rightPadding=6)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", leftPadding=0, rightPadding=0)
    f_more = Frame(m, m, W - 2 * m, H - 2 * m, id="more")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=decorate),
        PageTemplate(id="later", frames=[f_more]),
    ])
    story = [NextPageTemplate("later"), Paragraph(rl_markup(title), st["title"])]
    story += [Paragraph(rl_markup(h), st["header"]) for h in header]
    story.append(FrameBreak())
    for heading, blocks in side:
        story += pdf_blocks(heading, blocks, st, side_w - 12)
    story.append(FrameBreak())
    for heading, blocks in main:
        story += pdf_blocks(heading, blocks, st, f_main._width)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for chunk, b, i in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, md_text, out_path):
    import docx
    from docx.shared import Pt

    title, header, sections = parse(md_text)
    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = title
    d.styles["Normal"].font.size = Pt(10.5)
    d.add_heading(title, level=0)
    for h in header:
        add_runs(d.add_paragraph(), h)
    for heading, blocks in sections:
        d.add_heading(heading, level=1)
        for kind, val in blocks:
            if kind == "h3":
                d.add_heading(val, level=2)
            elif kind == "date":
                p = d.add_paragraph()
                r = p.add_run(val)
                r.italic = True
            elif kind == "bullet":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "para":
                add_runs(d.add_paragraph(), val)
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
    d.save(out_path)


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            md_text = f.read()
        if fmt == "md":
            out = md_path
        elif fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, md_text, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf2col(cv_id, md_text, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, md_text, out)
        else:
            sys.exit("unknown format " + fmt)
        print("%-11s %-8s %7d bytes  %s" % (cv_id, fmt, os.path.getsize(out), os.path.basename(out)))


if __name__ == "__main__":
    main()
