"""Render the heldout4-127 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-127/render.py

The .md file is the CV's exact content. For the PDF and DOCX targets this
script converts a small Markdown subset (#, ##, ### headings, "- " bullets,
pipe tables, paragraphs, **bold** / *italic*) to the target format.
MD targets are not rendered (the .md itself is the target).
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2113": "pdf-2col",
    "cv-ho-2114": "docx",
    "cv-ho-2115": "md",
    "cv-ho-2116": "pdf",
    "cv-ho-2117": "docx",
    "cv-ho-2118": "pdf",
    "cv-ho-2119": "md",
    "cv-ho-2120": "docx",
    "cv-ho-2121": "pdf",
    "cv-ho-2122": "docx",
    "cv-ho-2123": "md",
    "cv-ho-2124": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Skills", "Currently learning", "Languages", "Interests"}


# ----------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, li, table (payload = list of rows), hr
    """
    blocks = []
    lines = md_text.splitlines()
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
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        elif line.strip() == "---":
            blocks.append(("hr", None))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
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


def rl_markup(text):
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ----------------------------------------------------------------- PDF
def _register_font():
    """Use DejaVu Sans (covers ø, İ, →, ×) when present, else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    d = Path("/usr/share/fonts/truetype/dejavu")
    files = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf",
             "-Oblique": "DejaVuSans-Oblique.ttf",
             "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if not all((d / f).exists() for f in files.values()):
        return "Helvetica", "Helvetica-Bold"
    for suf, f in files.items():
        pdfmetrics.registerFont(TTFont("CVSans" + suf, str(d / f)))
    addMapping("CVSans", 0, 0, "CVSans")
    addMapping("CVSans", 1, 0, "CVSans-Bold")
    addMapping("CVSans", 0, 1, "CVSans-Oblique")
    addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
    return "CVSans", "CVSans-Bold"


FONT, FONT_BOLD = _register_font()


def pdf_styles(base=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=FONT_BOLD,
                             fontSize=base + 8, leading=base + 11,
                             alignment=TA_LEFT, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_BOLD,
                             fontSize=base + 2, leading=base + 4,
                             textColor=colors.HexColor("#1f3a5f"),
                             spaceBefore=7, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=FONT_BOLD,
                             fontSize=base + 0.5, leading=base + 3,
                             spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName=FONT,
                            fontSize=base, leading=base + 3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName=FONT,
                             fontSize=base, leading=base + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "hr":
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(rl_markup(payload), st["li"], bulletText="•"))
        else:
            flow.append(Paragraph(rl_markup(payload), st[kind]))
    return flow


def render_pdf(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(md_path, out_path):
    """Header across the top, sidebar (skills etc.) left, main column right."""
    blocks = parse(md_path.read_text(encoding="utf-8"))
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append([b])
        elif sections:
            sections[-1].append(b)
        else:
            header.append(b)
    side = [b for s in sections if s[0][1] in SIDEBAR for b in s]
    main = [b for s in sections if s[0][1] not in SIDEBAR for b in s]

    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    side_w = 55 * mm
    gap = 6 * mm
    body_h = H - 2 * margin - header_h
    main_w = W - 2 * margin - side_w - gap

    f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head")
    f_side = Frame(margin, margin, side_w, body_h, id="side")
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, body_h + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = pdf_styles(base=8.8)
    side_st = pdf_styles(base=8.3)
    flow = [NextPageTemplate("later")]
    flow += pdf_flowables(header, st, W - 2 * margin)
    flow.append(FrameBreak())
    flow += pdf_flowables(side, side_st, side_w)
    flow.append(FrameBreak())
    flow += pdf_flowables(main, st, main_w)
    doc.build(flow)


# ----------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        elif kind == "hr":
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = md_path.stem
    d.core_properties.author = "synthetic CV"
    d.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
