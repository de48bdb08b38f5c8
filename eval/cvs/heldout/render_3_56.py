"""Render the heldout3-56 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-56/render.py
The .md file is the CV text; this script only lays it out.
- PDF: reportlab, real text layer (TrueType DejaVu Sans, subset-embedded).
  cv-ho-1261 uses a two-column page (sidebar frame + main frame).
- DOCX: python-docx; Markdown tables become real Word tables.
"""
import os
import re

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_IDS = ["cv-ho-1261", "cv-ho-1264", "cv-ho-1267", "cv-ho-1270"]
DOCX_IDS = ["cv-ho-1262", "cv-ho-1265", "cv-ho-1268", "cv-ho-1271"]
TWO_COLUMN = {"cv-ho-1261": {"Contact", "Skills", "Languages", "Interests"}}

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Oblique", os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", os.path.join(FONT_DIR, "DejaVuSans-BoldOblique.ttf")))
from reportlab.pdfbase.pdfmetrics import registerFontFamily
registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                   italic="DejaVu-Oblique", boldItalic="DejaVu-BoldOblique")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).
    kinds: title, heading, bullet, para (list of lines), table (list of rows)."""
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        else:
            para.append(line.strip())
    flush()
    return blocks


def split_sections(blocks):
    """[(heading or None, [blocks])]; the title goes in the first section."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "heading":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return sections


INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>%s</b>" % esc[2:-2])
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>%s</i>" % esc[1:-1])
        else:
            out.append(esc)
    return "".join(out)


def runs(text):
    """[(text, bold, italic)] for python-docx."""
    res = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            res.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            res.append((part[1:-1], False, True))
        else:
            res.append((part, False, False))
    return res


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    return {
        "title": ParagraphStyle("t", fontName="DejaVu-Bold", fontSize=17, leading=21, spaceAfter=4),
        "heading": ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=11, leading=14,
                                  spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("p", fontName="DejaVu", fontSize=base_size, leading=base_size * 1.32,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", fontName="DejaVu", fontSize=base_size, leading=base_size * 1.32,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("c", fontName="DejaVu", fontSize=base_size - 0.5, leading=(base_size - 0.5) * 1.25),
        "cellb": ParagraphStyle("cb", fontName="DejaVu-Bold", fontSize=base_size - 0.5,
                                leading=(base_size - 0.5) * 1.25),
    }


def flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind == "title":
            fl.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "heading":
            fl.append(Paragraph(to_rl(payload), st["heading"]))
        elif kind == "bullet":
            fl.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            fl.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = []
            for i, row in enumerate(payload):
                s = st["cellb"] if i == 0 else st["cell"]
                data.append([Paragraph(to_rl(c), s) for c in row])
            ncol = len(payload[0])
            first = width * (0.45 if ncol == 2 else 0.4)
            rest = (width - first) / (ncol - 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
            fl.append(Spacer(1, 4))
    return fl


def render_pdf(cv_id, md_text):
    out = os.path.join(HERE, cv_id + ".pdf")
    blocks = parse(md_text)
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        side, main = [], []
        for heading, body in split_sections(blocks):
            target = side if heading in side_names else main
            if heading:
                target.append(("heading", heading))
            target.extend(body)
        W, H = A4
        margin = 14 * mm
        side_w = 58 * mm
        gap = 8 * mm
        main_w = W - 2 * margin - side_w - gap
        doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV")
        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
        f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def sidebar_bg(canv, _doc):
            canv.saveState()
            canv.setFillColor(colors.HexColor("#eef2f6"))
            canv.rect(margin - 3, margin - 3, side_w + 6, H - 2 * margin + 6, stroke=0, fill=1)
            canv.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_side, f_main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[f_later]),
        ])
        st_side = styles(8.5)
        st_main = styles(9.5)
        # the name goes at the top of the main column
        title = [b for b in main if b[0] == "title"]
        main = [b for b in main if b[0] != "title"]
        story = [NextPageTemplate("later")]
        story += flowables(side, st_side, side_w - 8)
        story.append(FrameBreak())
        story += flowables(title + main, st_main, main_w - 12)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                                author="synthetic CV")
        st = styles(9.5)
        doc.build(flowables(blocks, st, A4[0] - 36 * mm))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, md_text):
    out = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in parse(md_text):
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = d.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cell_p = t.cell(r, c).paragraphs[0]
                    add_runs(cell_p, cell)
                    if r == 0:
                        for run in cell_p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(out)
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            text = fh.read()
        path = render_pdf(cv_id, text) if cv_id in PDF_IDS else render_docx(cv_id, text)
        print("%-40s %7d bytes" % (os.path.relpath(path, HERE), os.path.getsize(path)))


if __name__ == "__main__":
    main()
