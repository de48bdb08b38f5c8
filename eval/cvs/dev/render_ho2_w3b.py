"""Render the heldout-w3b CVs from their Markdown text to PDF / DOCX.

Run from anywhere with:  /work/main/.venv/bin/python eval/cvs/heldout-w3b/render.py

The .md file is the CV's exact content; this script only changes the layout.
- PDF: reportlab, real text layer (Helvetica), one CV in two columns
  (sidebar frame + main frame on a BaseDocTemplate).
- DOCX: python-docx; Markdown tables become real Word tables.
- MD: the .md file itself is the target; nothing to render.
"""
import html
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-313": "pdf",
    "cv-ho-314": "docx",
    "cv-ho-315": "md",
    "cv-ho-316": "pdf2col",
    "cv-ho-317": "docx",
    "cv-ho-318": "md",
    "cv-ho-319": "pdf",
    "cv-ho-320": "docx",
    "cv-ho-321": "md",
    "cv-ho-322": "pdf",
    "cv-ho-323": "docx",
    "cv-ho-324": "md",
}

# For the two-column PDF: which "## " sections go into the left sidebar
# (the name and contact line also go there); everything else is the main column.
SIDEBAR = {"cv-ho-316": {"Skills", "Learning now", "Education", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Turn the Markdown into a list of blocks:
    ("title", text) ("h2", text) ("h3", text) ("p", text) ("ul", [items]) ("table", rows)
    """
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
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif re.match(r"^\s*[-*] ", line):
            items = []
            while i < len(lines) and re.match(r"^\s*[-*] ", lines[i]):
                items.append(re.sub(r"^\s*[-*] ", "", lines[i]).strip())
                i += 1
            blocks.append(("ul", items))
            continue
        elif re.match(r"^\d+\. ", line):
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i]):
                items.append(re.sub(r"^\d+\. ", "", lines[i]).strip())
                i += 1
            blocks.append(("ol", items))
            continue
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip()
                   and not re.match(r"^(#{1,3} |\s*[-*] |\d+\. |\|)", lines[i])):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("p", " ".join(para)))
            continue
        i += 1
    return blocks


def inline_spans(text):
    """Split **bold** / *italic* markup into (text, bold, italic) spans."""
    spans = []
    for tok in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            spans.append((tok[2:-2], True, False))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            spans.append((tok[1:-1], False, True))
        else:
            spans.append((tok, False, False))
    return spans


def to_rl(text):
    out = []
    for t, b, it in inline_spans(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold",
                                fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10 * scale),
        "p": base,
        "li": ParagraphStyle("li", parent=base, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind in ("title", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(val), st[kind]))
        elif kind in ("ul", "ol"):
            items = [ListItem(Paragraph(to_rl(x), st["li"]), leftIndent=10) for x in val]
            out.append(ListFlowable(items, bulletType="bullet" if kind == "ul" else "1",
                                    start="\u2022" if kind == "ul" else 1,
                                    leftIndent=10, bulletFontSize=7 if kind == "ul" else 9))
            out.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in r] for r in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id)
    doc.build(flowables(blocks, styles()))


def render_pdf_two_column(cv_id, blocks, out):
    side_names = SIDEBAR[cv_id]
    side, main = [], []
    current = side  # name + contact line start the sidebar
    for kind, val in blocks:
        if kind == "h2":
            current = side if val in side_names else main
        current.append((kind, val))
    st_side = styles(scale=0.9)
    st_main = styles()
    w, h = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 8 * mm
    left = Frame(margin, margin, side_w, h - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    right = Frame(margin + side_w + gap, margin, w - 2 * margin - side_w - gap, h - 2 * margin,
                  id="main", leftPadding=4, rightPadding=4)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id)
    doc.addPageTemplates([PageTemplate(id="two", frames=[left, right], onPage=decorate)])
    story = flowables(side, st_side) + [FrameBreak()] + flowables(main, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_spans(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    for kind, val in blocks:
        if kind == "title":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "p":
            add_runs(d.add_paragraph(), val)
        elif kind in ("ul", "ol"):
            for x in val:
                add_runs(d.add_paragraph(style="List Bullet" if kind == "ul" else "List Number"), x)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            out = md
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024 + 1} KB)")


if __name__ == "__main__":
    main()
