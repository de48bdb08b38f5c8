"""Render the heldout3-12 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-12/render.py
The .md files are the CV text; MD-target CVs are used as-is.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-734", "cv-ho-736", "cv-ho-738", "cv-ho-742"]
TWO_COLUMN = {"cv-ho-734": {"Contact", "Skills", "Education", "Certifications", "Languages"}}
DOCX_TARGETS = ["cv-ho-735", "cv-ho-737", "cv-ho-740", "cv-ho-743"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV", boldItalic="DV-B")


def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, bullet, para, table."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-+", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Split blocks into (preamble, [(title, blocks)])."""
    pre, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            pre.append((kind, payload))
    return pre, sections


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="DV-B", fontSize=base + 8, leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DV-B", fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", fontName="DV", fontSize=base, leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", fontName="DV", fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=0, spaceAfter=2, bulletFontName="DV"),
    }


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_inline(c), st["para"]) for c in row] for row in payload]
            t = Table(data)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(rl_inline(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(rl_inline(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        pre, sections = split_sections(blocks)
        st = styles(9)
        side_st = styles(8.5)
        W, H = A4
        m = 1.5 * cm
        head_h = 2.4 * cm
        side_w = 6.0 * cm
        gap = 0.6 * cm
        header = Frame(m, H - m - head_h, W - 2 * m, head_h, id="header", showBoundary=0)
        side = Frame(m, m, side_w, H - 2 * m - head_h, id="sidebar", showBoundary=0)
        main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - head_h,
                     id="main", showBoundary=0)
        later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, H - 2 * m - head_h + 0.4 * cm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later]),
        ])
        story = flow(pre, st)
        story.append(FrameBreak())
        for title, body in sections:
            if title in side_titles:
                story += flow([("h2", title)] + body, side_st)
        story.append(FrameBreak())
        for title, body in sections:
            if title not in side_titles:
                story += flow([("h2", title)] + body, st)
        doc.build(story)
    else:
        st = styles()
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="synthetic")
        doc.build(flow(blocks, st))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for i, piece in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if piece:
            run = par.add_run(piece)
            run.bold = (i % 2 == 1)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
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
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(str(path))
    return path


def main():
    for cv_id in PDF_TARGETS:
        p = render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)
    for cv_id in DOCX_TARGETS:
        p = render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
