"""Render the heldout3-82 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-82/render.py
The .md files are the CV content; .md targets are used as-is.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1573": "docx",
    "cv-ho-1574": "md",
    "cv-ho-1575": "pdf-2col",
    "cv-ho-1576": "pdf",
    "cv-ho-1577": "docx",
    "cv-ho-1578": "md",
    "cv-ho-1579": "docx",
    "cv-ho-1580": "pdf",
    "cv-ho-1581": "pdf",
    "cv-ho-1582": "docx",
    "cv-ho-1583": "md",
    "cv-ho-1584": "md",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Design tools", "Languages"}


def parse(md_text):
    """Return (title, intro_blocks, sections) where sections = [(heading, blocks)].
    A block is ('p', text) | ('li', [texts]) | ('table', [rows])."""
    title, intro, sections = None, [], []
    cur = intro
    para, items, rows = [], [], []

    def flush():
        nonlocal para, items, rows
        if para:
            cur.append(("p", " ".join(para)))
        if items:
            cur.append(("li", items))
        if rows:
            cur.append(("table", rows))
        para, items, rows = [], [], []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks = []
            sections.append((line[3:].strip(), blocks))
            cur = blocks
        elif line.startswith("- "):
            if para or rows:
                flush()
            items.append(line[2:].strip())
        elif line.startswith("|"):
            if para or items:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            rows.append(cells)
        elif not line.strip():
            flush()
        else:
            if items or rows:
                flush()
            para.append(line.strip())
    flush()
    return title, intro, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>%s</b>" % escape(part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>%s</i>" % escape(part[1:-1]))
        else:
            out.append(escape(part))
    return "".join(out)


def styles(base_size=10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold",
                                fontSize=base_size + 8, leading=base_size + 11, spaceAfter=4),
        "h": ParagraphStyle("h", parent=body, fontName="Helvetica-Bold", fontSize=base_size + 2,
                            leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "body": body,
    }


def flow(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(to_rl(val), st["body"]))
        elif kind == "li":
            out.append(ListFlowable(
                [ListItem(Paragraph(to_rl(t), st["body"]), leftIndent=10) for t in val],
                bulletType="bullet", start="-", leftIndent=10, bulletFontSize=st["body"].fontSize))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in r] for r in val]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, md_text):
    title, intro, sections = parse(md_text)
    st = styles(10)
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    width = A4[0] - 36 * mm
    story = [Paragraph(to_rl(title), st["title"])] + flow(intro, st, width)
    for head, blocks in sections:
        story.append(Paragraph(to_rl(head), st["h"]))
        story += flow(blocks, st, width)
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, md_text):
    title, intro, sections = parse(md_text)
    st_main = styles(9.5)
    st_side = styles(8.5)
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = W - 2 * margin - side_w - gap
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 3, margin - 3, side_w + 6, H - 2 * margin + 6, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    side_story, main_story = [], []
    for head, blocks in sections:
        if head in SIDEBAR:
            side_story.append(Paragraph(to_rl(head), st_side["h"]))
            side_story += flow(blocks, st_side, side_w - 8)
        else:
            main_story.append(Paragraph(to_rl(head), st_main["h"]))
            main_story += flow(blocks, st_main, main_w)
    head_story = [Paragraph(to_rl(title), st_main["title"])] + flow(intro, st_main, main_w)
    story = side_story + [FrameBreak(), NextPageTemplate("later")] + head_story + main_story
    doc.build(story)
    return path


def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(cv_id, md_text):
    title, intro, sections = parse(md_text)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                for t in val:
                    add_runs(doc.add_paragraph(style="List Bullet"), t)
            elif kind == "table":
                table = doc.add_table(rows=0, cols=len(val[0]))
                table.style = "Table Grid"
                for i, r in enumerate(val):
                    cells = table.add_row().cells
                    for c, txt in zip(cells, r):
                        c.text = ""
                        run = c.paragraphs[0].add_run(txt)
                        run.bold = i == 0
                doc.add_paragraph()

    emit(intro)
    for head, blocks in sections:
        doc.add_heading(head, level=1)
        emit(blocks)
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        md_text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "pdf":
            p = render_pdf(cv_id, md_text)
        elif fmt == "pdf-2col":
            p = render_pdf_two_column(cv_id, md_text)
        elif fmt == "docx":
            p = render_docx(cv_id, md_text)
        else:
            p = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {p.name} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
