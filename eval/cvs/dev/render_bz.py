"""Render the dev-bz CVs from Markdown to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/dev-bz/render.py
The .md file of each CV is the source of truth; MD-target CVs are not rendered.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-963": "pdf",
    "cv-dev-964": "pdf2col",
    "cv-dev-967": "pdf",
    "cv-dev-969": "pdf",
    "cv-dev-965": "docx",
    "cv-dev-968": "docx",
    "cv-dev-970": "docx",
    "cv-dev-972": "docx",
}
# For the two-column PDF: the main column starts at this heading; everything before is the sidebar.
MAIN_STARTS_AT = {"cv-dev-964": "Profile"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dj = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dj + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DJ", _dj + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-B", _dj + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-I", _dj + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DJ-BI", _dj + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DJ", 0, 0, "DJ")
    addMapping("DJ", 1, 0, "DJ-B")
    addMapping("DJ", 0, 1, "DJ-I")
    addMapping("DJ", 1, 1, "DJ-BI")
    FONT, FONT_B, FONT_I = "DJ", "DJ-B", "DJ-I"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).
    kinds: h1, h2, h3, p, bullet (level, text), num (n, text), table (rows)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = [r for r in table if not re.match(r"^\|\s*-+", r)]
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            blocks.append(("table", rows))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^(\s*)- (.*)$", line)
        if m:
            flush_para()
            blocks.append(("bullet", (len(m.group(1)) // 2, m.group(2))))
            continue
        m = re.match(r"^(\d+)\. (.*)$", line)
        if m:
            flush_para()
            blocks.append(("num", (m.group(1), m.group(2))))
            continue
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
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
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if i:
            seg = "<i>%s</i>" % seg
        res.append(seg)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_B, fontSize=17, leading=21, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_B, fontSize=10, leading=13, spaceBefore=4)
    s["p"] = ParagraphStyle("p", fontName=FONT, fontSize=base_size, leading=base_size * 1.3,
                            spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["p"], leftIndent=12, bulletIndent=3, bulletFontName=FONT,
                                 spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def blocks_to_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            fl.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "p":
            fl.append(Paragraph(rl_markup(payload), st["p"]))
        elif kind == "bullet":
            level, text = payload
            style = ParagraphStyle("b%d" % level, parent=st["bullet"],
                                   leftIndent=12 + 12 * level, bulletIndent=3 + 12 * level)
            fl.append(Paragraph(rl_markup(text), style, bulletText="•"))
        elif kind == "num":
            n, text = payload
            fl.append(Paragraph(rl_markup(text), st["bullet"], bulletText=n + "."))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
            fl.append(Spacer(1, 4))
    return fl


def render_pdf(cv_id, blocks, out):
    st = pdf_styles()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_columns(cv_id, blocks, out):
    """Sidebar (contact, skills, languages) in a narrow left frame, main text in a right frame."""
    split_heading = MAIN_STARTS_AT[cv_id]
    idx = next(i for i, (k, p) in enumerate(blocks) if k == "h2" and p == split_heading)
    side, main = blocks[:idx], blocks[idx:]

    W, H = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    frame_side = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4)
    frame_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
    frame_full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[frame_side, frame_main], onPage=side_bg),
        PageTemplate(id="OneCol", frames=[frame_full]),
    ])
    st_side = pdf_styles(base_size=8.5)
    st_side["h1"] = ParagraphStyle("sh1", parent=st_side["h1"], fontSize=15, leading=18)
    st_main = pdf_styles(base_size=9.2)
    flow = blocks_to_flowables(side, st_side, side_w - 8)
    flow.append(NextPageTemplate("OneCol"))
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w - 8)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, b, i in inline_runs(text):
        r = paragraph.add_run(seg)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            level, text = payload
            style = "List Bullet" if level == 0 else "List Bullet 2"
            add_runs(doc.add_paragraph(style=style), text)
        elif kind == "num":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            rows = payload
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r_i, row in enumerate(rows):
                for c_i, cell in enumerate(row):
                    p = t.cell(r_i, c_i).paragraphs[0]
                    add_runs(p, cell)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(out)


def main():
    for cv_id, fmt in sorted(TARGETS.items()):
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_columns(cv_id, blocks, out)
        else:
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("%-12s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
