"""Render the heldout7-181 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-181/render.py
The .md files are the source of truth; the .md-format CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-2762", "cv-ho-2764", "cv-ho-2766", "cv-ho-2769"]
TWO_COLUMN = {"cv-ho-2762": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-2763", "cv-ho-2765", "cv-ho-2768", "cv-ho-2771"]


def parse_md(text):
    """Return a list of blocks: (kind, payload). kind in h1, h2, p, li, table."""
    blocks = []
    lines = text.splitlines()
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
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


def split_bold(text):
    """Split text into (segment, is_bold) pairs using **...** markers."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = "Helvetica", "Helvetica-Bold"
    dv = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    dvb = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    if os.path.exists(dv) and os.path.exists(dvb):
        pdfmetrics.registerFont(TTFont("DejaVu", dv))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", dvb))
        from reportlab.lib.fonts import addMapping
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu")
        addMapping("DejaVu", 1, 1, "DejaVu-Bold")
        regular, bold = "DejaVu", "DejaVu-Bold"
    base = dict(fontName=regular, fontSize=9.5, leading=12.5)
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3),
        "p": ParagraphStyle("p", spaceAfter=3, **base),
        "li": ParagraphStyle("li", leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=regular, **base),
        "cell": ParagraphStyle("cell", **base),
        "side_h2": ParagraphStyle("side_h2", fontName=bold, fontSize=10.5, leading=13,
                                  spaceBefore=8, spaceAfter=2),
        "side_p": ParagraphStyle("side_p", fontName=regular, fontSize=8.8, leading=11.5,
                                 spaceAfter=2),
        "side_li": ParagraphStyle("side_li", fontName=regular, fontSize=8.8, leading=11.5,
                                  leftIndent=9, bulletIndent=0, spaceAfter=1,
                                  bulletFontName=regular),
    }


def to_markup(text):
    return "".join(
        f"<b>{escape(seg)}</b>" if b else escape(seg) for seg, b in split_bold(text)
    )


def blocks_to_flowables(blocks, st, side=False):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    fl = []
    for kind, payload in blocks:
        if kind == "h1":
            fl.append(Paragraph(to_markup(payload), st["h1"]))
        elif kind == "h2":
            fl.append(Paragraph(to_markup(payload), st["side_h2" if side else "h2"]))
        elif kind == "p":
            fl.append(Paragraph(to_markup(payload), st["side_p" if side else "p"]))
        elif kind == "li":
            fl.append(Paragraph(to_markup(payload), st["side_li" if side else "li"],
                                bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            widths = [170, 300] if ncol == 2 else [150, 160, 160][:ncol]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                    SimpleDocTemplate)

    st = pdf_styles()
    out = os.path.join(HERE, cv_id + ".pdf")
    meta = dict(title=f"CV {cv_id}", author="synthetic")
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        header, side, main = [], [], []
        current = header
        for kind, payload in blocks:
            if kind == "h2":
                current = side if payload in side_titles else main
            current.append((kind, payload))
        W, H = A4
        m = 36
        header_h = 70
        side_w = 180
        gap = 16
        frames = [
            Frame(m, H - m - header_h, W - 2 * m, header_h, id="header"),
            Frame(m, m, side_w, H - 2 * m - header_h, id="side"),
            Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h,
                  id="main"),
        ]

        def draw_rule(canvas, doc):
            from reportlab.lib import colors
            canvas.saveState()
            canvas.setStrokeColor(colors.grey)
            x = m + side_w + gap / 2
            canvas.line(x, m, x, H - m - header_h)
            canvas.restoreState()

        doc = BaseDocTemplate(out, pagesize=A4, leftMargin=m, rightMargin=m,
                              topMargin=m, bottomMargin=m, **meta)
        doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=draw_rule)])
        story = blocks_to_flowables(header, st)
        story.append(FrameBreak())
        story += blocks_to_flowables(side, st, side=True)
        story.append(FrameBreak())
        story += blocks_to_flowables(main, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=50, rightMargin=50,
                                topMargin=45, bottomMargin=45, **meta)
        doc.build(blocks_to_flowables(blocks, st))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b in split_bold(text):
        r = par.add_run(seg)
        r.bold = b


def render_docx(cv_id, blocks):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    run = p.add_run(val)
                    run.bold = r == 0
    out = os.path.join(HERE, cv_id + ".docx")
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    doc.save(out)
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse_md(f.read())
        out = render_pdf(cv_id, blocks) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print(f"{os.path.basename(out)}: {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
