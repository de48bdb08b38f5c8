"""Render the heldout3-55 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-55/render.py
The .md file is the CV content; MD targets need no rendering.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1249": "md",
    "cv-ho-1250": "docx",
    "cv-ho-1251": "pdf",
    "cv-ho-1252": "pdf-2col",
    "cv-ho-1253": "docx",
    "cv-ho-1254": "md",
    "cv-ho-1255": "pdf",
    "cv-ho-1256": "docx",
    "cv-ho-1257": "md",
    "cv-ho-1258": "pdf",
    "cv-ho-1259": "docx",
    "cv-ho-1260": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            rows = [r for r in table if not re.match(r"^\|?\s*:?-{2,}", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                flush()
            table.append(line)
            continue
        if table:
            flush()
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^\s*-\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("bullet", m.group(1)))
            continue
        m = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("numbered", (m.group(1), m.group(2))))
            continue
        para.append(line.strip())
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>%s</b>" % html.escape(part[2:-2], quote=False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append("<i>%s</i>" % html.escape(part[1:-1], quote=False))
        else:
            out.append(html.escape(part, quote=False))
    return "".join(out)


def add_runs(paragraph, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 8, leading=base_size + 11,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2, leading=base_size + 4,
                             textColor=colors.HexColor("#1f3b5a"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 1, leading=base_size + 3),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st, width=None):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "numbered":
            num, text = payload
            out.append(Paragraph(to_rl(text), st["bullet"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4] if width else None, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, out_path):
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    doc.build(flowables(blocks, pdf_styles(10), doc.width))


def split_sidebar(blocks):
    """Header (before first h2) and sidebar sections go left; the rest goes right."""
    side, main = [], []
    target = side
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR_SECTIONS else main
        target.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks, out_path):
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    left = Frame(margin, margin, side_w, frame_h, id="sidebar", showBoundary=0)
    right = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", showBoundary=0)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=cv_id,
                          leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[left, right], onPage=draw_bg)])
    side, main = split_sidebar(blocks)
    side_st = pdf_styles(8.5)
    side_st["h1"].fontSize, side_st["h1"].leading = 15, 18
    story = flowables(side, side_st, side_w) + [FrameBreak()] + flowables(main, pdf_styles(9), main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks, out_path):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            rows = payload
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    para = t.cell(r, c).paragraphs[0]
                    add_runs(para, cell)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / (cv_id + ".md")
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = HERE / (cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            out = HERE / (cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / (cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("wrote", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
