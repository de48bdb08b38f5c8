"""Render the dev-bi CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bi/render.py

- PDF (reportlab, real text layer): cv-dev-757, cv-dev-760 (two columns), cv-dev-763, cv-dev-766
- DOCX (python-docx): cv-dev-758 (skills as a real Word table), cv-dev-761, cv-dev-764, cv-dev-767
- MD: cv-dev-759, cv-dev-762, cv-dev-765, cv-dev-768 (the .md file is the target itself)
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-dev-757", "cv-dev-760", "cv-dev-763", "cv-dev-766"]
TWO_COLUMN = {"cv-dev-760": "Summary"}  # id -> first heading of the main column
DOCX = ["cv-dev-758", "cv-dev-761", "cv-dev-764", "cv-dev-767"]
MD = ["cv-dev-759", "cv-dev-762", "cv-dev-765", "cv-dev-768"]


# ---------------------------------------------------------------- markdown parsing
def parse(md):
    """Return a list of blocks: (kind, payload). kinds: h1/h2/h3, para, bullets, numbered, table."""
    blocks = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
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
        if re.match(r"^- ", line):
            items = []
            while i < len(lines) and re.match(r"^- ", lines[i]):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        if re.match(r"^\d+\. ", line):
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i]):
                items.append(re.sub(r"^\d+\. ", "", lines[i]).strip())
                i += 1
            blocks.append(("numbered", items))
            continue
        para = []
        while (i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,3}\s|- |\||\d+\. )", lines[i])):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("para", para))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append("<b>%s</b>" % escape(part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>%s</i>" % escape(part[1:-1]))
        else:
            out.append(escape(part))
    return "".join(out)


def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    files = {"CV": "DejaVuSans.ttf", "CV-Bold": "DejaVuSans-Bold.ttf",
             "CV-Italic": "DejaVuSans-Oblique.ttf", "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf"}
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        pdfmetrics.registerFontFamily("CV", normal="CV", bold="CV-Bold", italic="CV-Italic",
                                      boldItalic="CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()


def styles(small=False):
    size = 8.6 if small else 9.6
    body = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17 if not small else 14,
                             leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11 if not small else 10, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=size + 0.4, leading=size * 1.35,
                             spaceBefore=4, spaceAfter=2),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, spaceAfter=1.5),
    }


def pdf_flowables(blocks, st):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind in ("bullets", "numbered"):
            items = [ListItem(Paragraph(to_rl(t), st["bullet"]), leftIndent=12) for t in payload]
            if kind == "bullets":
                flow.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                                         bulletFontName=FONT, bulletFontSize=8))
            else:
                flow.append(ListFlowable(items, bulletType="1", leftIndent=14, bulletFontName=FONT,
                                         bulletFontSize=8.5))
            flow.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf4"))]))
            flow.append(t)
    return flow


def render_pdf(cv_id, md):
    out = os.path.join(HERE, cv_id + ".pdf")
    blocks = parse(md)
    title = blocks[0][1] if blocks and blocks[0][0] == "h1" else cv_id
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title, author=title)
        doc.build(pdf_flowables(blocks, styles()))
        return out
    # two columns: sidebar (name, contact, skills, education, languages) + main column
    split_at = next(i for i, (k, p) in enumerate(blocks) if k == "h2" and p == TWO_COLUMN[cv_id])
    side, main = blocks[:split_at], blocks[split_at:]
    W, H = A4
    margin, gap, side_w = 1.4 * cm, 0.7 * cm, 5.6 * cm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    doc = BaseDocTemplate(out, pagesize=A4, title=title, author=title)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    first = PageTemplate(id="First", onPage=sidebar_bg, frames=[
        Frame(margin, margin, side_w, H - 2 * margin, id="side", leftPadding=0, rightPadding=4),
        Frame(main_x, margin, main_w, H - 2 * margin, id="main", leftPadding=4, rightPadding=0)])
    later = PageTemplate(id="Later", onPage=sidebar_bg, frames=[
        Frame(main_x, margin, main_w, H - 2 * margin, id="main2", leftPadding=4, rightPadding=0)])
    doc.addPageTemplates([first, later])
    flow = pdf_flowables(side, styles(small=True))
    flow += [NextPageTemplate("Later"), FrameBreak()]
    flow += pdf_flowables(main, styles())
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, md):
    out = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in parse(md):
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind in ("bullets", "numbered"):
            style = "List Bullet" if kind == "bullets" else "List Number"
            for item in payload:
                add_runs(doc.add_paragraph(style=style), item)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(out)
    return out


def main():
    for cv_id in PDF + DOCX + MD:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            md = f.read()
        if cv_id in PDF:
            path = render_pdf(cv_id, md)
        elif cv_id in DOCX:
            path = render_docx(cv_id, md)
        else:
            path = os.path.join(HERE, cv_id + ".md")
        print("%-12s -> %s (%d bytes)" % (cv_id, os.path.basename(path), os.path.getsize(path)))


if __name__ == "__main__":
    main()
