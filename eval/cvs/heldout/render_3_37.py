"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-37/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1033": "md",
    "cv-ho-1034": "pdf-2col",
    "cv-ho-1035": "docx",
    "cv-ho-1036": "pdf",
    "cv-ho-1037": "md",
    "cv-ho-1038": "docx",
    "cv-ho-1039": "pdf",
    "cv-ho-1040": "docx",
    "cv-ho-1041": "md",
    "cv-ho-1042": "pdf",
    "cv-ho-1043": "docx",
    "cv-ho-1044": "md",
}
# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"cv-ho-1034": {"Contact", "Skills", "Languages", "Education"}}

# ---------------------------------------------------------------- parsing

def parse(md):
    """Return a list of blocks: (kind, payload)."""
    blocks, para = [], []
    lines = md.splitlines()

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append((f"h{level}", line.lstrip("#").strip()))
        elif line.strip() == "---":
            flush()
            blocks.append(("hr", None))
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
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

# ---------------------------------------------------------------- PDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
from reportlab.pdfbase.pdfmetrics import registerFontFamily
registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="DV-B", fontSize=base + 8, leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="DV-B", fontSize=base + 1, leading=base + 4,
                             spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="DV", fontSize=base, leading=base + 3.5, spaceAfter=3,
                            alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="DV", fontSize=base, leading=base + 3.5, leftIndent=10, bulletFontName="DV",
                             bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="DV", fontSize=base - 0.5, leading=base + 2.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(rl_markup(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(rl_markup(payload), st["li"], bulletText="•"))
        elif kind == "hr":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks, side_names):
    side, main, current = [], [], None
    for b in blocks:
        if b[0] == "h2":
            current = side if b[1] in side_names else main
        elif b[0] == "h1" or current is None:
            current = side  # name and subtitle sit at the top of the sidebar
        current.append(b)
    return side, main


def render_pdf_2col(cv_id, blocks, out):
    st = styles(base=8.8)
    W, H = A4
    m = 1.4 * cm
    side_w = 6.0 * cm
    gap = 0.7 * cm
    main_w = W - 2 * m - side_w - gap
    left = Frame(m, m, side_w, H - 2 * m, id="sidebar", leftPadding=6, rightPadding=6)
    right = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main")
    full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 4, m - 4, side_w + 8, H - 2 * m + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[left, right], onPage=sidebar_bg, autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[full]),
    ])
    side, main = split_sections(blocks, SIDEBAR[cv_id])
    story = flowables(side, st, side_w - 12) + [FrameBreak()] + flowables(main, st, main_w)
    doc.build(story)

# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.core_properties.title = cv_id
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            level = {"h1": 0, "h2": 1, "h3": 2}[kind]
            h = d.add_heading(level=level)
            add_runs(h, payload)
        elif kind == "p":
            p = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if target == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-2col":
            render_pdf_2col(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
