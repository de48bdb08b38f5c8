"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-110/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1909": "pdf2col",
    "cv-ho-1912": "pdf",
    "cv-ho-1915": "pdf",
    "cv-ho-1919": "pdf",
    "cv-ho-1910": "docx",
    "cv-ho-1913": "docx",
    "cv-ho-1917": "docx",
    "cv-ho-1920": "docx",
}
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, preamble_blocks, sections); blocks are (kind, payload)."""
    title, pre, sections, cur = None, [], [], None
    para, table = [], []

    def target():
        return cur[1] if cur else pre

    def flush():
        nonlocal para, table
        if para:
            target().append(("p", " ".join(para)))
            para = []
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r"-{2,}|:?-+:?", c) for c in r)]
            target().append(("table", rows))
            table = []

    for line in md_text.splitlines():
        s = line.rstrip()
        if s.startswith("# "):
            flush(); title = s[2:].strip()
        elif s.startswith("## "):
            flush(); cur = (s[3:].strip(), []); sections.append(cur)
        elif s.startswith("|"):
            if para:
                target().append(("p", " ".join(para))); para = []
            table.append(s)
        elif s.startswith("- "):
            flush(); target().append(("li", s[2:].strip()))
        elif not s.strip():
            flush()
        else:
            if table:
                flush()
            if para and (s.startswith("**") or para[-1].endswith(")") and s.startswith("**")):
                target().append(("p", " ".join(para))); para = []
            para.append(s.strip())
    flush()
    return title, pre, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
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


def rl_markup(text):
    res = []
    for t, b, i in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"]


def register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    for d in FONT_DIRS:
        p = Path(d)
        if (p / "DejaVuSans.ttf").exists():
            pdfmetrics.registerFont(TTFont("DV", str(p / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DV-B", str(p / "DejaVuSans-Bold.ttf")))
            it = p / "DejaVuSans-Oblique.ttf"
            pdfmetrics.registerFont(TTFont("DV-I", str(it if it.exists() else p / "DejaVuSans.ttf")))
            bi = p / "DejaVuSans-BoldOblique.ttf"
            pdfmetrics.registerFont(TTFont("DV-BI", str(bi if bi.exists() else p / "DejaVuSans-Bold.ttf")))
            addMapping("DV", 0, 0, "DV"); addMapping("DV", 1, 0, "DV-B")
            addMapping("DV", 0, 1, "DV-I"); addMapping("DV", 1, 1, "DV-BI")
            return "DV", "DV-B"
    return "Helvetica", "Helvetica-Bold"


def styles(base=9.5):
    font, bold = register_fonts()
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=bold, fontSize=base + 8,
                                leading=base + 11, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName=bold, fontSize=base + 2,
                            leading=base + 4, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=font, fontSize=base,
                            leading=base + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName=font, fontSize=base,
                             leading=base + 3, leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=font),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontName=font, fontSize=base,
                               leading=base + 2),
    }


def blocks_to_flow(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "p":
            flow.append(Paragraph(rl_markup(payload), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(rl_markup(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.58, width * 0.42], repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cid, title, pre, sections):
    st = styles()
    out = HERE / f"{cid}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title, author=title)
    width = A4[0] - 4 * cm
    flow = [Paragraph(rl_markup(title), st["title"])]
    flow += blocks_to_flow(pre, st, width)
    for name, blocks in sections:
        flow.append(Paragraph(rl_markup(name), st["h"]))
        flow += blocks_to_flow(blocks, st, width)
    doc.build(flow)


def render_pdf_two_column(cid, title, pre, sections):
    st = styles(base=9)
    out = HERE / f"{cid}.pdf"
    W, H = A4
    m, gap, side_w = 1.5 * cm, 0.8 * cm, 5.6 * cm
    main_w = W - 2 * m - side_w - gap
    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    side = Frame(m, m, side_w, H - 2 * m, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main")
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def shade(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, m + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=shade),
                          PageTemplate(id="one", frames=[later])])
    flow = [NextPageTemplate("one"), Paragraph(rl_markup(title), st["title"])]
    flow += blocks_to_flow(pre, st, side_w)
    for name, blocks in sections:
        if name in SIDEBAR_SECTIONS:
            flow.append(Paragraph(rl_markup(name), st["h"]))
            flow += blocks_to_flow(blocks, st, side_w)
    flow.append(FrameBreak())
    for name, blocks in sections:
        if name not in SIDEBAR_SECTIONS:
            flow.append(Paragraph(rl_markup(name), st["h"]))
            flow += blocks_to_flow(blocks, st, main_w)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cid, title, pre, sections):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, payload in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), payload)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), payload)
            elif kind == "table":
                t = doc.add_table(rows=0, cols=len(payload[0]))
                t.style = "Table Grid"
                for ri, row in enumerate(payload):
                    cells = t.add_row().cells
                    for ci, c in enumerate(row):
                        cells[ci].text = ""
                        p = cells[ci].paragraphs[0]
                        add_runs(p, c)
                        if ri == 0:
                            for r in p.runs:
                                r.bold = True

    emit(pre)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        emit(blocks)
    doc.core_properties.author = title
    doc.core_properties.title = f"CV {title}"
    doc.save(str(HERE / f"{cid}.docx"))


def main():
    for cid, fmt in TARGETS.items():
        title, pre, sections = parse((HERE / f"{cid}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cid, title, pre, sections)
        elif fmt == "pdf2col":
            render_pdf_two_column(cid, title, pre, sections)
        elif fmt == "docx":
            render_docx(cid, title, pre, sections)
        print(cid, "->", fmt)


if __name__ == "__main__":
    main()
