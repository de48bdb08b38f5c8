"""Render the heldout4-123 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-123/render.py

The .md file of each CV is its exact content. CVs whose target format is
"md" are not rendered (the .md file is the target). PDFs get a real text
layer (reportlab paragraphs); one PDF uses a two-column page template
(sidebar frame + main frame). DOCX files are written with python-docx; a
Markdown table becomes a real Word table.
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2065": "md",
    "cv-ho-2066": "pdf-two-column",
    "cv-ho-2067": "docx",
    "cv-ho-2068": "pdf",
    "cv-ho-2069": "docx",
    "cv-ho-2070": "md",
    "cv-ho-2071": "pdf",
    "cv-ho-2072": "md",
    "cv-ho-2073": "docx",
    "cv-ho-2074": "md",
    "cv-ho-2075": "docx",
    "cv-ho-2076": "pdf",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Markdown parsing (only the small subset used by these CVs)
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE_RE.split(text):
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
    for seg, b, it in inline_runs(text):
        s = escape(seg)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    d = "/usr/share/fonts/truetype/dejavu"
    files = {
        "DV": "DejaVuSans.ttf",
        "DV-B": "DejaVuSans-Bold.ttf",
        "DV-I": "DejaVuSans-Oblique.ttf",
        "DV-BI": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(os.path.join(d, f)) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, os.path.join(d, f)))
        addMapping("DV", 0, 0, "DV")
        addMapping("DV", 1, 0, "DV-B")
        addMapping("DV", 0, 1, "DV-I")
        addMapping("DV", 1, 1, "DV-BI")
        return "DV", "DV-B"
    return "Helvetica", "Helvetica-Bold"


def _styles(base, bold, scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=4, textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=base, fontSize=9.3 * scale, leading=12 * scale,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=base, fontSize=9.3 * scale, leading=12 * scale,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=base, bulletFontSize=9.3 * scale),
        "cell": ParagraphStyle("cell", fontName=base, fontSize=9 * scale, leading=11 * scale),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=9 * scale, leading=11 * scale),
    }


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    fl = []
    for kind, payload in blocks:
        if kind == "table":
            rows = []
            for r_i, row in enumerate(payload):
                style = st["cellb"] if r_i == 0 else st["cell"]
                rows.append([Paragraph(to_rl_markup(c), style) for c in row])
            ncol = len(payload[0])
            first = width * (0.55 if ncol == 2 else 0.5)
            rest = (width - first) / max(1, ncol - 1)
            t = Table(rows, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b8")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4eaf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            fl.append(t)
            fl.append(Spacer(1, 4))
        elif kind == "bullet":
            fl.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="\u2022"))
        else:
            fl.append(Paragraph(to_rl_markup(payload), st[kind]))
    return fl


def render_pdf(blocks, out_path, title):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    base, bold = _register_fonts()
    st = _styles(base, bold)
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title,
                            author=title)
    doc.build(_flowables(blocks, st, doc.width))


def split_sidebar(blocks):
    """Split blocks into (sidebar, main) by ## section name."""
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(blocks, out_path, title):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak

    base, bold = _register_fonts()
    st_main = _styles(base, bold)
    st_side = _styles(base, bold, scale=0.92)
    page_w, page_h = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    main_only = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main2",
                      leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)

    def draw_sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=draw_sidebar_bg,
                     autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[main_only]),
    ])
    # title line(s) go to the main column, the sidebar sections to the sidebar
    head = []
    body = list(blocks)
    while body and body[0][0] != "h2":
        head.append(body.pop(0))
    side, main = split_sidebar(body)
    story = _flowables(side, st_side, side_w - 12)
    story.append(FrameBreak())
    story += _flowables(head + main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(blocks, out_path, title):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            _add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    p = cells[c_i].paragraphs[0]
                    if r_i == 0:
                        p.add_run(val).bold = True
                    else:
                        _add_runs(p, val)
            doc.add_paragraph()
        else:
            _add_runs(doc.add_paragraph(), payload)
    doc.save(out_path)


def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        title = next((p for k, p in blocks if k == "h1"), cv_id)
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out, title)
        elif fmt == "pdf-two-column":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out, title)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out, title)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
