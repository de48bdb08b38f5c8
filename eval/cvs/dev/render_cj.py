"""Render the CVs of batch dev-cj (cv-dev-1081 .. cv-dev-1092) from their .md
source into their target format (PDF via reportlab, DOCX via python-docx).
The .md file is the CV's exact content; MD targets are left as they are.

Run:  /work/main/.venv/bin/python eval/cvs/dev-cj/render.py
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)
import docx
from docx.shared import Pt, RGBColor

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> (format, options)
TARGETS = {
    "cv-dev-1081": ("pdf", {"two_column": True,
                            "sidebar": ["Skills", "Currently learning", "Languages", "Interests"]}),
    "cv-dev-1082": ("pdf", {}),   # skills table with levels
    "cv-dev-1083": ("pdf", {}),   # Spanish section titles
    "cv-dev-1084": ("pdf", {}),
    "cv-dev-1085": ("docx", {}),  # real Word table for skills
    "cv-dev-1086": ("docx", {}),
    "cv-dev-1087": ("docx", {}),  # German section titles
    "cv-dev-1088": ("docx", {}),
    "cv-dev-1089": ("md", {}),
    "cv-dev-1090": ("md", {}),
    "cv-dev-1091": ("md", {}),
    "cv-dev-1092": ("md", {}),
}

# ---------------------------------------------------------------- parsing

def parse_md(text):
    """Very small Markdown subset -> list of blocks (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markup into (text, bold, italic) runs."""
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


def to_rl(text):
    s = []
    for t, b, it in runs(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        s.append(t)
    return "".join(s)

# ---------------------------------------------------------------- PDF

def pdf_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CV-Italic", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CV-BoldItalic", base + "DejaVuSans-BoldOblique.ttf"))
        pdfmetrics.registerFontFamily("CV", normal="CV", bold="CV-Bold",
                                      italic="CV-Italic", boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception:
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_B = pdf_fonts()


def styles(scale=1.0):
    fs = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=17 * scale, leading=21 * scale,
                                spaceAfter=3, textColor=colors.HexColor("#1b2a41")),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1b4f72")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=fs, leading=fs * 1.3, spaceBefore=4),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=fs, leading=fs * 1.35, spaceAfter=2),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=fs, leading=fs * 1.35,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=fs, leading=fs * 1.25),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.42, width * 0.58], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe8f1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, opts, path):
    if opts.get("two_column"):
        return render_pdf_two_column(cv_id, blocks, opts, path)
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flow(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, opts, path):
    """Left sidebar frame (skills etc.) + right main frame (experience)."""
    sidebar_titles = set(opts["sidebar"])
    side, main, current = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            current = "side" if payload in sidebar_titles else "main"
        target = side if current == "side" else main
        target.append((kind, payload))
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin
    f_side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=0, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=4)
    f_full = Frame(margin, margin, W - 2 * margin, body_h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef3f7"))
        canvas.rect(margin - 4 * mm, margin - 4 * mm, side_w + 6 * mm, body_h + 8 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_full]),
    ])
    st_side = styles(0.9)
    st_main = styles(0.95)
    story = [NextPageTemplate("later")]
    story += flow(side, st_side, side_w)
    story.append(FrameBreak())
    story += flow(main, st_main, main_w)
    doc.build(story)

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, opts, path):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "title":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, val)
                    if r_i == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(path)

# ---------------------------------------------------------------- main

def main():
    for cv_id, (fmt, opts) in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        out = os.path.join(HERE, "%s.%s" % (cv_id, fmt))
        (render_pdf if fmt == "pdf" else render_docx)(cv_id, blocks, opts, out)
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
