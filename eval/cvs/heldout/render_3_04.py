"""Render the heldout3-04 CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-04/render.py

- PDF  (reportlab, real text layer): cv-ho-637, cv-ho-641 (two-column), cv-ho-644, cv-ho-647
- DOCX (python-docx, Markdown tables become real Word tables): cv-ho-638, cv-ho-642, cv-ho-645, cv-ho-648
- MD   (the .md file itself is the target): cv-ho-639, cv-ho-640, cv-ho-643, cv-ho-646
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-637", "cv-ho-641", "cv-ho-644", "cv-ho-647"]
TWO_COLUMN = {"cv-ho-641": {"Contact", "Skills", "Languages"}}  # sidebar sections
DOCX_IDS = ["cv-ho-638", "cv-ho-642", "cv-ho-645", "cv-ho-648"]


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown reader: returns a list of blocks (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_segments(text):
    """Split text into (string, bold, italic) runs."""
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


def to_rl_markup(text):
    res = []
    for s, b, it in inline_segments(text):
        s = escape(s)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        res.append(s)
    return "".join(res)


# --------------------------------------------------------------------------- PDF
def register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVu": "DejaVuSans.ttf",
        "DejaVu-Bold": "DejaVuSans-Bold.ttf",
        "DejaVu-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVu-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
        addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
        return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def pdf_styles(font, bold, small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    size = 8.5 if small else 9.5
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17 if not small else 14,
                             leading=21 if not small else 17, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5 if not small else 10.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10, leading=13, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=font, fontSize=size, leading=size + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=size, leading=size + 3,
                                 leftIndent=11, bulletIndent=2, spaceAfter=1.5, bulletFontName=font),
    }


def blocks_to_flowables(blocks, st, width, font, bold):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, payload in blocks:
        if kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.35, width * 0.65])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        else:
            flow.append(Paragraph(to_rl_markup(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    font, bold = register_fonts()
    out = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 16 * mm
    meta = dict(title="Curriculum Vitae", author="", subject="CV")

    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        st = pdf_styles(font, bold)
        doc.build(blocks_to_flowables(blocks, st, W - 2 * margin, font, bold))
        return out

    # Two-column layout: sidebar frame (left) + main frame (right), text flows sidebar first.
    sidebar_sections = TWO_COLUMN[cv_id]
    side, main = [], []
    current = side  # name and subtitle go to the sidebar header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_sections else main
        current.append((kind, payload))

    gap = 7 * mm
    side_w = (W - 2 * margin - gap) * 0.34
    main_w = (W - 2 * margin - gap) - side_w
    f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    f_main2 = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def draw_sidebar_bg(canvas, doc):
        from reportlab.lib import colors
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, **meta)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[f_side, f_main], onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[f_main2]),
    ])
    st_side = pdf_styles(font, bold, small=True)
    st_main = pdf_styles(font, bold)
    flow = [NextPageTemplate("rest")]  # any overflow page carries the main column only
    flow += blocks_to_flowables(side, st_side, side_w - 8, font, bold)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w - 8, font, bold)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_segments(text):
        r = par.add_run(s)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = "Curriculum Vitae"
    d.core_properties.author = ""
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    out = os.path.join(HERE, cv_id + ".docx")
    d.save(out)
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        out = render_pdf(cv_id, blocks) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
