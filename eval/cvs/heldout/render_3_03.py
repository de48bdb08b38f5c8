"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run: /work/main/.venv/bin/python eval/cvs/heldout3-03/render.py
The .md file is the CV's content; .md targets are left as they are.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-625": "pdf",
    "cv-ho-626": "docx",
    "cv-ho-627": "md",
    "cv-ho-628": "pdf-two-column",
    "cv-ho-629": "docx",
    "cv-ho-630": "pdf",
    "cv-ho-631": "md",
    "cv-ho-632": "docx",
    "cv-ho-633": "pdf",
    "cv-ho-634": "md",
    "cv-ho-635": "md",
    "cv-ho-636": "docx",
}
# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Certifications"}


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks, table = [], None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("heading", line[3:].strip()))
        elif re.match(r"^\s*- ", line):
            level = 1 if line.startswith("  ") else 0
            blocks.append(("bullet", (level, re.sub(r"^\s*- ", "", line))))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """[(heading or None, [blocks])]"""
    out = [(None, [])]
    for kind, payload in blocks:
        if kind == "heading":
            out.append((payload, []))
        else:
            out[-1][1].append((kind, payload))
    return out


# ---------------------------------------------------------------- inline markup
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    parts = []
    for tok in INLINE.split(text):
        if tok.startswith("**") and tok.endswith("**"):
            parts.append("<b>%s</b>" % escape(tok[2:-2]))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 1:
            parts.append("<i>%s</i>" % escape(tok[1:-1]))
        else:
            parts.append(escape(tok))
    return "".join(parts)


def add_runs(par, text, size=None):
    for tok in INLINE.split(text):
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            run = par.add_run(tok[2:-2]); run.bold = True
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 1:
            run = par.add_run(tok[1:-1]); run.italic = True
        else:
            run = par.add_run(tok)
        if size:
            run.font.size = Pt(size)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=base + 8, leading=base + 11,
                                alignment=0, spaceAfter=4),
        "heading": ParagraphStyle("h", parent=ss["Heading2"], fontSize=base + 2, leading=base + 5,
                                  spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontSize=base, leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontSize=base, leading=base + 3,
                                 leftIndent=12, bulletIndent=3, spaceAfter=1),
        "bullet1": ParagraphStyle("b1", parent=ss["Normal"], fontSize=base, leading=base + 3,
                                  leftIndent=24, bulletIndent=15, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(to_rl(payload), st["heading"]))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            level, text = payload
            out.append(Paragraph(to_rl(text), st["bullet1" if level else "bullet"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[70 * mm, 90 * mm])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(md_path, pdf_path):
    st = styles()
    doc = SimpleDocTemplate(str(pdf_path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=md_path.stem)
    doc.build(flowables(parse(md_path.read_text(encoding="utf-8")), st))


def render_pdf_two_column(md_path, pdf_path):
    st = styles(9)
    page_w, page_h = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    side = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_x = margin + side_w + gap
    main = Frame(main_x, margin, page_w - main_x - margin, page_h - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, page_h - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, title=md_path.stem,
                          leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=decorate)])
    sections = split_sections(parse(md_path.read_text(encoding="utf-8")))
    head = sections[0][1]
    side_blocks, main_blocks = list(head), []
    for name, blocks in sections[1:]:
        target = side_blocks if name in SIDEBAR else main_blocks
        target.append(("heading", name))
        target.extend(blocks)
    story = flowables(side_blocks, st) + [FrameBreak()] + flowables(main_blocks, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(md_path, docx_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md_path.read_text(encoding="utf-8")):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            level, text = payload
            add_runs(doc.add_paragraph(style="List Bullet 2" if level else "List Bullet"), text)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    p = t.cell(i, j).paragraphs[0]
                    add_runs(p, cell)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
    doc.save(str(docx_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-two-column":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
