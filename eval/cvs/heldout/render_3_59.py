"""Render the heldout3-59 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-59/render.py
The .md file of each CV is its exact content; this script only lays it out.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1297", "cv-ho-1300", "cv-ho-1302", "cv-ho-1306"]
TWO_COLUMN = {"cv-ho-1297": {"Contact", "Skills", "Languages", "Interests"}}
DOCX = ["cv-ho-1298", "cv-ho-1301", "cv-ho-1304", "cv-ho-1307"]


def parse(md_text):
    """Split Markdown into blocks: (kind, payload). kinds: h1,h2,h3,bullet,para,table."""
    blocks, table = [], []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def runs(text):
    """Yield (segment, bold, italic) for docx."""
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*"):
            yield part[1:-1], False, True
        else:
            yield part, False, False


def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 9.5
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17, leading=21, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base + 0.5, leading=base + 3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontSize=base, leading=base + 3, spaceAfter=2),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontSize=base, leading=base + 3, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def sections(blocks):
    """Group blocks into (title or None, [blocks]) by h2."""
    groups, cur = [], (None, [])
    for b in blocks:
        if b[0] == "h2":
            groups.append(cur)
            cur = (b[1], [b])
        else:
            cur[1].append(b)
    groups.append(cur)
    return groups


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = str(HERE / f"{cv_id}.pdf")
    margin = 16 * mm
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        side, main = [], []
        for title, bl in sections(blocks):
            (side if title in side_titles else main).extend(bl)
        pw, ph = A4
        gap = 7 * mm
        side_w = 58 * mm
        main_w = pw - 2 * margin - side_w - gap
        doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic")
        left = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar", showBoundary=0)
        right = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main")
        right_only = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main2")
        doc.addPageTemplates([PageTemplate(id="first", frames=[left, right], onPage=_sidebar_bg(margin, side_w)),
                              PageTemplate(id="later", frames=[right_only])])
        from reportlab.platypus import NextPageTemplate
        story = [NextPageTemplate("later")]
        story += flowables(side, styles(small=True), side_w - 12)
        story.append(FrameBreak())
        story += flowables(main, styles(), main_w - 12)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
        doc.build(flowables(blocks, styles(), A4[0] - 2 * margin))


def _sidebar_bg(margin, side_w):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f1f4f8"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, A4[1] - 2 * margin + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()
    return draw


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
            continue
        if kind == "h2":
            doc.add_heading(payload, level=1)
            continue
        if kind == "h3":
            doc.add_heading(payload, level=2)
            continue
        if kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for r in t.cell(i, j).paragraphs[0].runs:
                            r.bold = True
            continue
        p = doc.add_paragraph(style="List Bullet" if kind == "bullet" else None)
        for seg, bold, ital in runs(payload):
            r = p.add_run(seg)
            r.bold, r.italic = bold, ital
    doc.save(str(HERE / f"{cv_id}.docx"))


if __name__ == "__main__":
    for cv in PDF:
        render_pdf(cv)
    for cv in DOCX:
        render_docx(cv)
    print("rendered", len(PDF), "pdf and", len(DOCX), "docx")
