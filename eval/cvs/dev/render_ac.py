"""Render the dev-ac CVs (cv-dev-373 .. cv-dev-384) from Markdown to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ac/render.py

Each CV's text lives in <id>.md. This script writes <id>.pdf or <id>.docx for the CVs
whose target format is PDF or DOCX; for Markdown targets the .md file itself is the target.
Only a small Markdown subset is supported: '#', '##', '###' headings, '- ' bullets,
'1. ' numbered items, '|' tables, plain paragraphs, **bold** and *italic*.
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> target format. "pdf2col" = two-column PDF (sidebar + main column).
TARGETS = {
    "cv-dev-373": "pdf2col",
    "cv-dev-374": "docx",
    "cv-dev-375": "md",
    "cv-dev-376": "pdf",
    "cv-dev-377": "docx",
    "cv-dev-378": "md",
    "cv-dev-379": "pdf",
    "cv-dev-380": "pdf",
    "cv-dev-381": "docx",
    "cv-dev-382": "md",
    "cv-dev-383": "md",
    "cv-dev-384": "docx",
}

# Sections that go in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Currently learning", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush_para(); blocks.append(("li", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            flush_para()
            num, rest = line.split(". ", 1)
            blocks.append(("ol", (num, rest.strip())))
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # every source line is its own paragraph (CV lines are short, hard breaks matter)
            para.append(line)
            flush_para()
        i += 1
    flush_para()
    return blocks


def inline_segments(text):
    """Split text into (string, bold, italic) segments."""
    segs = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            segs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            segs.append((tok[2:-2], True, False))
        else:
            segs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        segs.append((text[pos:], False, False))
    return segs


def to_rl_markup(text):
    out = []
    for s, b, it in inline_segments(text):
        s = escape(s)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    candidates = [
        "/usr/share/fonts/truetype/dejavu",
        os.path.join(os.path.dirname(os.__file__), "site-packages", "matplotlib", "mpl-data", "fonts", "ttf"),
    ]
    for d in candidates:
        files = {k: os.path.join(d, v) for k, v in {
            "r": "DejaVuSans.ttf", "b": "DejaVuSans-Bold.ttf",
            "i": "DejaVuSans-Oblique.ttf", "bi": "DejaVuSans-BoldOblique.ttf"}.items()}
        if all(os.path.exists(p) for p in files.values()):
            pdfmetrics.registerFont(TTFont("CVSans", files["r"]))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", files["b"]))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", files["i"]))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", files["bi"]))
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans-Italic")
            addMapping("CVSans", 1, 1, "CVSans-BoldItalic")
            return "CVSans"
    return "Helvetica"


def _styles(font, base=9.5):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    return {
        "h1": ParagraphStyle("h1", fontName=font, fontSize=base + 8, leading=base + 11,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=base + 2.5, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=font, fontSize=base + 0.5, leading=base + 3.5,
                             spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=font, fontSize=base, leading=base + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=base, leading=base + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=base - 0.5, leading=base + 2),
    }


def _flowables(blocks, st, avail_width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            txt = to_rl_markup(payload)
            out.append(Paragraph("<b>%s</b>" % txt if kind != "h1" else "<b>%s</b>" % txt, st[kind]))
        elif kind == "p":
            out.append(Paragraph(to_rl_markup(payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl_markup(payload), st["li"], bulletText="\u2022"))
        elif kind == "ol":
            num, rest = payload
            out.append(Paragraph(to_rl_markup(rest), st["li"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[avail_width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate
    font = _fonts()
    st = _styles(font)
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out_path):
    """Sidebar (left frame) with contact/skills, main column (right frame) with the rest.

    The sidebar flowables are drawn into the left frame first, then a FrameBreak moves to
    the right frame, so the text layer really is two separate columns.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate)
    font = _fonts()
    st_main = _styles(font, 9.5)
    st_side = _styles(font, 8.5)

    # split blocks: title lines (before the first h2) go to main; h2 sections by name
    title, side, main = [], [], []
    current = title
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))

    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    left = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    right = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    right_only = Frame(main_x, margin, main_w, H - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    doc = BaseDocTemplate(out_path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[left, right], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[right_only], onPage=draw_sidebar_bg),
    ])
    story = [NextPageTemplate("later")]
    story += _flowables(side, st_side, side_w)
    story.append(FrameBreak())
    story += _flowables(title, st_main, main_w)
    story += _flowables(main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def _add_runs(par, text, bold_all=False):
    for s, b, it in inline_segments(text):
        r = par.add_run(s)
        r.bold = b or bold_all
        r.italic = it


def render_docx(cv_id, blocks, out_path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            _add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            _add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            _add_runs(d.add_heading(level=2), payload)
        elif kind == "p":
            _add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            _add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "ol":
            _add_runs(d.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    _add_runs(c.paragraphs[0], cell, bold_all=(ri == 0))
            d.add_paragraph()
    d.save(out_path)


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            out = md_path
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
