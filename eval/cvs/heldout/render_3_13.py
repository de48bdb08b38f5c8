"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-13/render.py
The .md files are the source of truth; .md targets are not rendered.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (
    BaseDocTemplate, SimpleDocTemplate, Frame, FrameBreak, PageTemplate,
    Paragraph, Spacer, Table, TableStyle,
)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-745": "md",
    "cv-ho-746": "pdf2col",
    "cv-ho-747": "docx",
    "cv-ho-748": "pdf",
    "cv-ho-749": "docx",
    "cv-ho-750": "pdf",
    "cv-ho-751": "docx",
    "cv-ho-752": "md",
    "cv-ho-753": "md",
    "cv-ho-754": "pdf",
    "cv-ho-755": "docx",
    "cv-ho-756": "md",
}

# For the two-column PDF: the main column starts at this heading.
MAIN_COLUMN_START = {"cv-ho-746": "Summary"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).
    kinds: title, heading, bullet, para, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("# "):
            flush()
            blocks.append(("title", s[2:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("heading", s[3:].strip()))
        elif s.startswith("- "):
            flush()
            blocks.append(("bullet", s[2:].strip()))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def segments(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    res = []
    for t, b, it in segments(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3)
    return {
        "title": ParagraphStyle("t", parent=base, fontName="Helvetica-Bold",
                                fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "heading": ParagraphStyle("h", parent=base, fontName="Helvetica-Bold",
                                  fontSize=11.5 * scale, leading=14 * scale,
                                  spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1F3B5A")),
        "para": base,
        "bullet": ParagraphStyle("b", parent=base, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
    }


def pdf_flowables(blocks, st, width=None):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=None if width is None else [width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "bullet":
            flow.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="-"))
        else:
            flow.append(Paragraph(rl_markup(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic")
    doc.build(pdf_flowables(blocks, st, width=A4[0] - 36 * mm))
    return out


def render_pdf_two_column(cv_id, blocks):
    """Header across the page, then a narrow sidebar frame and a wide main frame."""
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles(scale=0.95)
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later_main]),
    ])
    start = MAIN_COLUMN_START[cv_id]
    first_heading = next(i for i, b in enumerate(blocks) if b[0] == "heading")
    main_idx = next(i for i, b in enumerate(blocks) if b == ("heading", start))
    head_blocks = blocks[:first_heading]
    side_blocks = blocks[first_heading:main_idx]
    main_blocks = blocks[main_idx:]
    flow = pdf_flowables(head_blocks, st)
    flow.append(FrameBreak())
    flow += pdf_flowables(side_blocks, st, width=side_w - 8)
    flow.append(FrameBreak())
    flow += pdf_flowables(main_blocks, st, width=main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in segments(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    core = doc.core_properties
    core.title = cv_id
    core.author = "synthetic"
    doc.save(out)
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
