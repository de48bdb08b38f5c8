"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-57/render.py
The .md files are the source of truth; the .md-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from reportlab.lib.fonts import addMapping

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1273": "pdf-2col",
    "cv-ho-1274": "pdf",
    "cv-ho-1275": "pdf",
    "cv-ho-1276": "pdf",
    "cv-ho-1277": "docx",
    "cv-ho-1278": "docx",
    "cv-ho-1279": "docx",
    "cv-ho-1280": "docx",
    # cv-ho-1281 .. cv-ho-1284: the .md file itself is the target
}
# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"cv-ho-1273": {"Skills", "Currently learning", "Languages", "Interests"}}

# ---------------------------------------------------------------- fonts
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
try:
    pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DV-I", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DV-BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
    addMapping("DV", 0, 0, "DV")
    addMapping("DV", 1, 0, "DV-B")
    addMapping("DV", 0, 1, "DV-I")
    addMapping("DV", 1, 1, "DV-BI")
    BASE, BOLD = "DV", "DV-B"
except Exception:  # fallback: standard fonts
    BASE, BOLD = "Helvetica", "Helvetica-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload, section)."""
    blocks, section = [], None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table, section))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("name", line[2:], section))
        elif line.startswith("## "):
            section = line[3:]
            blocks.append(("h2", section, section))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:], section))
        elif re.match(r"^\s{2,}- ", line):
            blocks.append(("bullet2", line.strip()[2:], section))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:], section))
        else:
            blocks.append(("para", line, section))
    return blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    s = {}
    s["name"] = ParagraphStyle("name", fontName=BOLD, fontSize=17 * scale, leading=21 * scale, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=BOLD, fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName=BOLD, fontSize=9.8 * scale, leading=12.5 * scale, spaceBefore=4)
    s["para"] = ParagraphStyle("para", fontName=BASE, fontSize=9.2 * scale, leading=12 * scale, spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10, bulletIndent=2, bulletFontName=BASE)
    s["bullet2"] = ParagraphStyle("bullet2", parent=s["para"], leftIndent=22, bulletIndent=14, bulletFontName=BASE)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload, _sec in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind in ("bullet", "bullet2"):
            out.append(Paragraph(to_rl(payload), st[kind], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st, A4[0] - 36 * mm))


def render_pdf_two_column(cv_id, blocks, out):
    side_secs = SIDEBAR[cv_id]
    pw, ph = A4
    margin, gap, side_w = 14 * mm, 7 * mm, 58 * mm
    main_x = margin + side_w + gap
    main_w = pw - main_x - margin
    side = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar", leftPadding=0, rightPadding=0)
    main = Frame(main_x, margin, main_w, ph - 2 * margin, id="main", leftPadding=0, rightPadding=0)
    later = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    side_st, main_st = styles(0.92), styles()
    header = [b for b in blocks if b[2] is None]
    side_blocks = [b for b in blocks if b[2] in side_secs]
    main_blocks = [b for b in blocks if b[2] is not None and b[2] not in side_secs]
    story = flowables(header, side_st, side_w) + [Spacer(1, 6)] + flowables(side_blocks, side_st, side_w)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(main_blocks, main_st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold, r.italic = b or None, i or None


def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload, _sec in blocks:
        if kind == "name":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "bullet2":
            add_runs(d.add_paragraph(style="List Bullet 2"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print("rendered", cv_id, target)


if __name__ == "__main__":
    main()
