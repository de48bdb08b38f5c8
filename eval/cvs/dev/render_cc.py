"""Render the dev-cc CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-cc/render.py

The .md file of each CV is its exact content. PDF and DOCX targets are
rendered from it; MD targets are the .md itself.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-dev-997", "cv-dev-1000", "cv-dev-1002", "cv-dev-1005"]
TWO_COLUMN = {"cv-dev-1000": {"Contact", "Skills", "Learning on the side", "Languages"}}
DOCX = ["cv-dev-998", "cv-dev-1001", "cv-dev-1004", "cv-dev-1007"]
MD = ["cv-dev-999", "cv-dev-1003", "cv-dev-1006", "cv-dev-1008"]

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_dejavu = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dejavu + "DejaVuSans.ttf") and os.path.exists(_dejavu + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVuSans", _dejavu + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", _dejavu + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
    FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, para (list of lines), bullets (list of items), table (rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while (i < len(lines) and lines[i].strip()
                   and not lines[i].startswith(("#", "- ", "|"))):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


def split_bold(text):
    """Yield (chunk, is_bold) from **bold** markup."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def to_rl(text):
    out = []
    for chunk, bold in split_bold(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{chunk}</b>" if bold else chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    s = {}
    s["title"] = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=18 * scale,
                                leading=22 * scale, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=10 * scale,
                             leading=13 * scale, spaceBefore=5, spaceAfter=2)
    s["body"] = ParagraphStyle("body", fontName=FONT, fontSize=9.5 * scale,
                               leading=12.5 * scale, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=12,
                                 bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=FONT)
    s["cell"] = ParagraphStyle("cell", parent=s["body"], spaceAfter=0)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind == "bullets":
            for item in payload:
                out.append(Paragraph(to_rl(item), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    meta = dict(title=cv_id, author="synthetic CV")
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        side, main = [], []
        current = main
        for kind, payload in blocks:
            if kind == "h2":
                current = side if payload in side_names else main
            current.append((kind, payload))
        pw, ph = A4
        margin = 1.5 * cm
        side_w = 5.6 * cm
        gap = 0.7 * cm
        main_w = pw - 2 * margin - side_w - gap
        f_side = Frame(margin, margin, side_w, ph - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4)
        f_main = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
        f_rest = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="rest")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 4, margin - 4, side_w + 8, ph - 2 * margin + 8,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, **meta)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[f_side, f_main], onPage=sidebar_bg),
            PageTemplate(id="rest", frames=[f_rest]),
        ])
        st_side = styles(0.92)
        st_main = styles(1.0)
        story = [NextPageTemplate("rest")]
        story += flowables(side, st_side, side_w - 8)
        story.append(FrameBreak())
        story += flowables(main, st_main, main_w - 8)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm, **meta)
        st = styles()
        doc.build(flowables(blocks, st, A4[0] - 4 * cm))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold in split_bold(text):
        run = par.add_run(chunk)
        run.bold = bold


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "title":
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
        elif kind == "bullets":
            for item in payload:
                p = doc.add_paragraph(style="List Bullet")
                add_runs(p, item)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    par = cells[c].paragraphs[0]
                    run = par.add_run(val)
                    run.bold = (r == 0)
            doc.add_paragraph()
    doc.save(path)
    return path


def main():
    for cv_id in PDF + DOCX + MD:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if cv_id in PDF:
            out = render_pdf(cv_id, blocks)
        elif cv_id in DOCX:
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
