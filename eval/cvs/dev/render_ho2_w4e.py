"""Render the heldout-w4e CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4e/render.py

Each `<id>.md` holds exactly the CV's text. This script turns some of them into
their target format (see TARGETS). The `.md` files whose target is "md" are
left untouched. PDFs are built with reportlab (real text layer, standard
Helvetica fonts, no images); DOCX files with python-docx.
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id -> (format, options)
TARGETS = {
    "cv-ho-445": ("pdf", {"layout": "two-column",
                          "sidebar": ["Skills", "Field skills", "Languages", "Interests"]}),
    "cv-ho-446": ("docx", {}),          # skills as a real Word table
    "cv-ho-447": ("md", {}),
    "cv-ho-448": ("pdf", {}),
    "cv-ho-449": ("docx", {}),
    "cv-ho-450": ("md", {}),
    "cv-ho-451": ("pdf", {}),           # skills table rendered as a PDF table
    "cv-ho-452": ("md", {}),
    "cv-ho-453": ("docx", {}),
    "cv-ho-454": ("pdf", {}),
    "cv-ho-455": ("md", {}),
    "cv-ho-456": ("docx", {}),
}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return (title, blocks). Block kinds: h2, h3, para, bullet, table."""
    title = None
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif re.match(r"^\s*- ", line):
            indent = len(line) - len(line.lstrip())
            blocks.append(("bullet", (1 if indent >= 2 else 0, line.strip()[2:])))
        else:
            blocks.append(("para", line.strip()))
    return title, blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text: str):
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


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def to_rl_markup(text: str) -> str:
    res = []
    for t, b, i in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9.2, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold",
                                fontSize=17, leading=21, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=9.6,
                             leading=12.5, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", parent=base, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "bullet2": ParagraphStyle("bullet2", parent=base, leftIndent=22, bulletIndent=13,
                                  spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11),
    }


def flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors
    out = []
    for kind, val in blocks:
        if kind == "h2":
            out.append(Paragraph(to_rl_markup(val), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl_markup(val), st["h3"]))
        elif kind == "para":
            out.append(Paragraph(to_rl_markup(val), st["para"]))
        elif kind == "bullet":
            level, text = val
            style = st["bullet2"] if level else st["bullet"]
            out.append(Paragraph(to_rl_markup(text), style,
                                 bulletText="\u2013" if level else "\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.45, width * 0.55], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
    return out


def split_sections(blocks, names):
    side, main = [], []
    current = main
    for kind, val in blocks:
        if kind == "h2":
            current = side if val in names else main
        current.append((kind, val))
    return side, main


def render_pdf(cv_id, title, blocks, opts):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                    FrameBreak, NextPageTemplate, SimpleDocTemplate)
    st = pdf_styles()
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 1.7 * cm
    # Title + contact line (first paragraph) go on top
    header = [Paragraph(to_rl_markup(title), st["title"])]
    rest = list(blocks)
    if rest and rest[0][0] == "para":
        header.append(Paragraph(to_rl_markup(rest[0][1]), st["para"]))
        rest = rest[1:]

    if opts.get("layout") == "two-column":
        header_h = 2.4 * cm
        gap = 0.6 * cm
        side_w = 5.6 * cm
        body_h = H - 2 * margin - header_h
        main_w = W - 2 * margin - side_w - gap
        f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head",
                       showBoundary=0)
        f_side = Frame(margin, margin, side_w, body_h, id="side",
                       leftPadding=4, rightPadding=6)
        f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=6, rightPadding=4)
        f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def sidebar_bg(canvas, doc):
            from reportlab.lib import colors
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title,
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[f_later]),
        ])
        side, main = split_sections(rest, set(opts["sidebar"]))
        story = [NextPageTemplate("later")] + header + [FrameBreak()]
        story += flowables(side, st, side_w - 10) + [FrameBreak()]
        story += flowables(main, st, main_w - 10)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author=title,
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        width = W - 2 * margin
        doc.build(header + flowables(rest, st, width * 0.8))
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text):
    for t, b, i in runs(text):
        r = paragraph.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, title, blocks, opts):
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for kind, val in blocks:
        if kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), val)
        elif kind == "para":
            add_runs(doc.add_paragraph(), val)
        elif kind == "bullet":
            level, text = val
            p = doc.add_paragraph(style="List Bullet 2" if level else "List Bullet")
            add_runs(p, text)
        elif kind == "table":
            rows = val
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id, (fmt, opts) in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        title, blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, title, blocks, opts)
        elif fmt == "docx":
            out = render_docx(cv_id, title, blocks, opts)
        else:
            out = src
        print(f"{cv_id}: {fmt:4s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
