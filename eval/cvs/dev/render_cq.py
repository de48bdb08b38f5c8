"""Render the dev-cq CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-cq/render.py

Each CV's text lives in <id>.md. The target format of each CV is given in
TARGETS below: "pdf", "pdf-2col" (sidebar + main column, two real reportlab
frames), "docx" (a Markdown table becomes a real Word table) or "md" (the .md
file is itself the target, nothing is rendered).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-1165": "pdf-2col",
    "cv-dev-1166": "docx",
    "cv-dev-1167": "md",
    "cv-dev-1168": "docx",
    "cv-dev-1169": "pdf",
    "cv-dev-1170": "md",
    "cv-dev-1171": "pdf",
    "cv-dev-1172": "md",
    "cv-dev-1173": "docx",
    "cv-dev-1174": "pdf",
    "cv-dev-1175": "docx",
    "cv-dev-1176": "md",
}

# For the two-column PDF: the sections that go into the left sidebar.
SIDEBAR_SECTIONS = {"cv-dev-1165": {"Contact", "Skills", "Languages", "Interests"}}


# --------------------------------------------------------------------------
# A very small Markdown reader: enough for these CVs.
# Blocks: ("title", text), ("h2", text), ("h3", text), ("bullet", text),
#         ("para", text), ("table", [[cell, ...], ...])
# --------------------------------------------------------------------------
def parse_md(text):
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:].strip()))
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("bullet", line.lstrip()[2:].strip()))
        elif line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _pdf_setup():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                      italic="CVSans-Oblique", boldItalic="CVSans-Bold")
        return "CVSans", "CVSans-Bold"
    except Exception:  # fall back to the built-in Type 1 fonts
        return "Helvetica", "Helvetica-Bold"


def _pdf_styles(small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = _pdf_setup()
    size = 8.5 if small else 9.5
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.5, leading=size + 3.5,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=font, fontSize=size, leading=size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=size, leading=size + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName=font),
    }


def _rl_markup(text):
    from xml.sax.saxutils import escape

    out = []
    for chunk, b, it in inline_runs(text):
        chunk = escape(chunk)
        if b:
            chunk = "<b>%s</b>" % chunk
        if it:
            chunk = "<i>%s</i>" % chunk
        out.append(chunk)
    return "".join(out)


def _pdf_flowables(blocks, styles, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(_rl_markup(c), styles["para"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.65, width * 0.35])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(_rl_markup(val), styles["bullet"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(_rl_markup(val), styles[kind]))
    return flow


def render_pdf(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    styles = _pdf_styles()
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(_pdf_flowables(blocks, styles, doc.width))


def split_sections(blocks, sidebar_names):
    """Return (title_blocks, sidebar_blocks, main_blocks)."""
    title, side, main = [], [], []
    current = title
    for kind, val in blocks:
        if kind == "title":
            title.append((kind, val))
            continue
        if kind == "h2":
            current = side if val in sidebar_names else main
        current.append((kind, val))
    return title, side, main


def render_pdf_two_column(cv_id, blocks, out_path):
    """Sidebar frame (left) + main frame (right) on page 1; full width afterwards."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate)

    page_w, page_h = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=4, rightPadding=4)
    full_frame = Frame(margin, margin, page_w - 2 * margin, body_h, id="full")

    def shade(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side_frame, main_frame], onPage=shade),
        PageTemplate(id="rest", frames=[full_frame]),
    ])

    title, side, main = split_sections(blocks, SIDEBAR_SECTIONS[cv_id])
    side_styles = _pdf_styles(small=True)
    main_styles = _pdf_styles()
    story = [NextPageTemplate("rest")]
    story += _pdf_flowables(title + side, side_styles, side_w - 8)
    story.append(FrameBreak())
    story += _pdf_flowables(main, main_styles, main_w - 8)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _docx_add_runs(par, text):
    for chunk, b, it in inline_runs(text):
        run = par.add_run(chunk)
        run.bold = b or None
        run.italic = it or None


def render_docx(cv_id, blocks, out_path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"

    for kind, val in blocks:
        if kind == "title":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "bullet":
            _docx_add_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "para":
            _docx_add_runs(d.add_paragraph(), val)
        elif kind == "table":
            table = d.add_table(rows=0, cols=len(val[0]))
            table.style = "Table Grid"
            for r, row in enumerate(val):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    _docx_add_runs(p, text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(out_path)


def main():
    ids = sys.argv[1:] or sorted(TARGETS)
    for cv_id in ids:
        fmt = TARGETS[cv_id]
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "md":
            print(cv_id, "-> md (no rendering)")
            continue
        ext = "docx" if fmt == "docx" else "pdf"
        out = os.path.join(HERE, cv_id + "." + ext)
        if fmt == "pdf":
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            render_pdf_two_column(cv_id, blocks, out)
        else:
            render_docx(cv_id, blocks, out)
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
