"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-102/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1813": "md",
    "cv-ho-1814": "docx",
    "cv-ho-1815": "pdf",
    "cv-ho-1816": "pdf2col",
    "cv-ho-1817": "docx",
    "cv-ho-1818": "md",
    "cv-ho-1819": "pdf",
    "cv-ho-1820": "md",
    "cv-ho-1821": "docx",
    "cv-ho-1822": "pdf",
    "cv-ho-1823": "md",
    "cv-ho-1824": "docx",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Certifications", "Languages"}


def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, h2, para, bullet, table."""
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
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    return t


def split_bold(text):
    """Yield (chunk, is_bold) for docx runs."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "small": ParagraphStyle("s", parent=ss["BodyText"], fontSize=8.5, leading=11),
        "smallb": ParagraphStyle("sb", parent=ss["BodyText"], fontSize=8.5, leading=11,
                                 leftIndent=8, bulletIndent=0, spaceAfter=1),
        "smallh": ParagraphStyle("sh", parent=ss["Heading3"], fontSize=10.5, leading=13,
                                 spaceBefore=6, spaceAfter=2),
    }


def flowables(blocks, st, compact=False):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(payload), st["smallh" if compact else "h2"]))
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["small" if compact else "para"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["smallb" if compact else "bullet"],
                                 bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            tbl = Table(data, colWidths=[7 * cm, 9 * cm])
            tbl.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(tbl)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    st = styles()
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic")
    doc.build(flowables(blocks, st))


def render_pdf_two_column(cv_id, blocks):
    """Header across the top, sidebar (left) and main column (right) as real frames."""
    st = styles()
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=0, rightPadding=6, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=6, rightPadding=0, topPadding=0, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar2",
                       leftPadding=0, rightPadding=6, topPadding=0, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       H - 2 * margin, id="main2", leftPadding=6, rightPadding=0,
                       topPadding=0, bottomPadding=0)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        x = margin + side_w + gap / 2
        top = body_top if doc.page == 1 else H - margin
        canvas.line(x, margin, x, top)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                          title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=decorate),
        # on later pages the sidebar stays empty; main text continues in the right column
        PageTemplate(id="later", frames=[later_side, later_main], onPage=decorate),
    ])

    head, sidebar, body = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR else body
        current.append((kind, payload))

    story = [NextPageTemplate("later")]
    story += flowables(head, st)
    story.append(FrameBreak())
    story += flowables(sidebar, st, compact=True)
    story.append(FrameBreak())
    story += flowables(body, st)
    doc.build(story)


def render_docx(cv_id, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind in ("para", "bullet"):
            p = doc.add_paragraph(style="List Bullet" if kind == "bullet" else None)
            for chunk, bold in split_bold(payload):
                run = p.add_run(chunk)
                run.bold = bold
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(text)
                    run.bold = (r == 0)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(cv_id, blocks)
        elif target == "pdf2col":
            render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            render_docx(cv_id, blocks)
        print(cv_id, target)


if __name__ == "__main__":
    main()
