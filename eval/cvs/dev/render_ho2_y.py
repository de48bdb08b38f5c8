"""Render the heldout-y CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-y/render.py
PDF targets use reportlab (real text layer); cv-ho-290 is laid out in two
columns (sidebar + main column) with BaseDocTemplate and two Frames.
DOCX targets use python-docx; Markdown tables become real Word tables.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, NextPageTemplate)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-290", "cv-ho-293", "cv-ho-297", "cv-ho-299"]
DOCX = ["cv-ho-289", "cv-ho-291", "cv-ho-294", "cv-ho-298"]
TWO_COLUMN = {"cv-ho-290": {"Contact", "Skills", "In progress", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, bullet, para, table (payload = list of rows)."""
    blocks = []
    table = None
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
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def spans(text):
    """Split inline Markdown into (text, bold, italic) spans."""
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


def to_rl(text):
    res = []
    for t, b, i in spans(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=17 * scale,
                                leading=21 * scale, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=(base + 0.5) * 1.3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base * 1.35, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base * 1.35, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base, leading=base * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def check_latin1(text, name):
    bad = sorted({ch for ch in text if ord(ch) > 127 and not _winansi(ch)})
    if bad:
        raise SystemExit(f"{name}: characters not in WinAnsi: {bad}")


def _winansi(ch):
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def render_pdf(cv_id, md_text):
    check_latin1(md_text, cv_id)
    out = HERE / f"{cv_id}.pdf"
    blocks = parse(md_text)
    title = blocks[0][1] if blocks and blocks[0][0] == "title" else cv_id
    margin = 16 * mm
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=title,
                                author=title)
        doc.build(flowables(blocks, styles(), A4[0] - 2 * margin))
        return out
    # Two-column layout: sidebar sections on the left, everything else on the right.
    side_names = TWO_COLUMN[cv_id]
    side, main = [], []
    target = main
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in side_names else main
        target.append((kind, payload))
    pw, ph = A4
    side_w = 58 * mm
    gap = 7 * mm
    main_w = pw - 2 * margin - side_w - gap
    f_side = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar",
                   leftPadding=4, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main",
                   leftPadding=4, rightPadding=4)
    f_full = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, ph - 2 * margin + 6, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="full", frames=[f_full]),
    ])
    st_side = styles(0.92)
    story = flowables(side, st_side, side_w - 8)
    story += [NextPageTemplate("full"), FrameBreak()]
    story += flowables(main, styles(), main_w - 8)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in spans(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, md_text):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md_text):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
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
                for c_i, text in enumerate(row):
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = parse(md_text)[0][1]
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF:
        p = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, p.stat().st_size)
    for cv_id in DOCX:
        p = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
