"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-42/render.py
The .md file is the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, HRFlowable,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1094", "cv-ho-1096", "cv-ho-1098", "cv-ho-1099"]
DOCX = ["cv-ho-1095", "cv-ho-1097", "cv-ho-1101", "cv-ho-1103"]
TWO_COLUMN = {"cv-ho-1094": {"Contact", "Skills", "Education", "Languages"}}

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DV", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DV-B", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DV-I", str(FONT_DIR / "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DV-BI", str(FONT_DIR / "DejaVuSans-BoldOblique.ttf")))
pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks, para, table = [], [], []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            rows = [r for r in table if not re.match(r"^\|[\s\-:|]+\|$", r)]
            blocks.append(("table", [[c.strip() for c in r.strip("|").split("|")] for r in rows]))
            table = []

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            table.append(s)
            continue
        if table:
            flush()
        m = re.match(r"^(#{1,3}) (.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif s.strip() == "---":
            flush()
            blocks.append(("hr", None))
        elif re.match(r"^  +- ", s):
            flush()
            blocks.append(("bullet2", s.strip()[2:]))
        elif s.startswith("- "):
            flush()
            blocks.append(("bullet", s[2:]))
        elif re.match(r"^\d+\. ", s):
            flush()
            blocks.append(("para", [s]))
        else:
            para.append(s)
    flush()
    return blocks


def inline_spans(text):
    """Split text into (chunk, bold, italic) spans for **bold** and *italic*."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for chunk, b, i in inline_spans(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = "<b>%s</b>" % chunk
        if i:
            chunk = "<i>%s</i>" % chunk
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = ParagraphStyle("base", fontName="DV", fontSize=9.2 * scale, leading=12.2 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="DV-B", fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=base, fontName="DV-B", fontSize=11.2 * scale, leading=14 * scale,
                             textColor=colors.HexColor("#1f3b5a"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=base, fontName="DV-B", fontSize=9.8 * scale, leading=12.6 * scale,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base, bulletFontName="DV", leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "bullet2": ParagraphStyle("bullet2", parent=base, bulletFontName="DV", leftIndent=22, bulletIndent=13, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
            if kind == "h2":
                out.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor("#9aa7b4"),
                                      spaceBefore=0, spaceAfter=3))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "bullet2":
            out.append(Paragraph(to_rl(payload), st["bullet2"], bulletText="–"))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.4, color=colors.grey, spaceBefore=3, spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("FONTNAME", (0, 0), (-1, 0), "DV-B"),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    if cv_id in TWO_COLUMN:
        render_two_column(cv_id, blocks, path)
        return path
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, styles()))
    return path


def render_two_column(cv_id, blocks, path):
    """Header across the top, a narrow sidebar (left) and a main column (right)."""
    sidebar_titles = TWO_COLUMN[cv_id]
    header, sidebar, main = [], [], []
    target = header
    for kind, payload in blocks:
        if kind == "h2":
            target = sidebar if payload in sidebar_titles else main
        target.append((kind, payload))

    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - m - header_h
    f_header = Frame(m, body_top, W - 2 * m, header_h, id="header", leftPadding=0, rightPadding=0)
    f_side = Frame(m, m, side_w, body_top - m, id="sidebar", leftPadding=0, rightPadding=4)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m, id="main",
                   leftPadding=0, rightPadding=0)
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, m + side_w + 2 * mm, body_top, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=draw_sidebar_bg),
                          PageTemplate(id="later", frames=[f_later])])
    st = styles(0.95)
    story = flowables(header, st) + [NextPageTemplate("later"), FrameBreak()]
    story += flowables(sidebar, st) + [FrameBreak()]
    story += flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, b, i in inline_spans(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = HERE / (cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "bullet2":
            add_runs(doc.add_paragraph(style="List Bullet 2"), payload)
        elif kind == "hr":
            doc.add_paragraph("")
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], val)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        out = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print("%-12s -> %s (%d bytes)" % (cv_id, out.name, out.stat().st_size))


if __name__ == "__main__":
    main()
