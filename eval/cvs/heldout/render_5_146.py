"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-146/render.py
The .md file is the CV's content; PDFs get a real text layer (reportlab),
DOCX files are written with python-docx. cv-ho-2342 is laid out in two columns
(sidebar frame + main frame); skills tables become real tables.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-2342", "cv-ho-2344", "cv-ho-2347", "cv-ho-2350"]
DOCX = ["cv-ho-2343", "cv-ho-2345", "cv-ho-2348", "cv-ho-2351"]
TWO_COLUMN = {"cv-ho-2342": {"Skills", "Certifications", "Languages"}}

# Fonts: DejaVu Sans if present (covers ł, ż, →), else Helvetica.
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DV = "/usr/share/fonts/truetype/dejavu/"
try:
    pdfmetrics.registerFont(TTFont("DV", _DV + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DV + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DV + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DV + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"
except Exception:  # pragma: no cover
    pass


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
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
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, secs, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            secs.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, secs


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
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
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 11,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 4,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", fontName=FONT, fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("c", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(("**%s**" % c) if r == 0 and c else c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
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


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 16 * mm
    meta = dict(title=cv_id, author="synthetic CV")
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        header, secs = sections(blocks)
        st = styles(9)
        header_h = 34 * mm
        side_w = 60 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        body_h = H - 2 * margin - header_h
        f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head")
        f_side = Frame(margin, margin, side_w, body_h, id="side")
        f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
        f_later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#f1f4f8"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, **meta)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[f_later]),
        ])
        story = flowables(header, st, W - 2 * margin)
        story += [NextPageTemplate("later"), FrameBreak()]
        for title, bl in secs:
            if title in side_titles:
                story += flowables([("h2", title)] + bl, st, side_w)
        story.append(FrameBreak())
        for title, bl in secs:
            if title not in side_titles:
                story += flowables([("h2", title)] + bl, st, main_w)
        doc.build(story)
    else:
        st = styles(9.5)
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(flowables(blocks, st, W - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(level=0).add_run(payload)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id in PDF + DOCX:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        out = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
