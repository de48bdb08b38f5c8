"""Render the heldout7-186 CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-186/render.py
PDFs are built with reportlab (real text layer; cv-ho-2821 uses a two-frame
BaseDocTemplate so the sidebar and the main column are genuine columns).
DOCX files are built with python-docx (Markdown tables become Word tables).
The .md files are the targets for the remaining CVs and are left untouched.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2821", "cv-ho-2824", "cv-ho-2827", "cv-ho-2830"]
DOCX = ["cv-ho-2822", "cv-ho-2825", "cv-ho-2828", "cv-ho-2831"]
TWO_COLUMN = {"cv-ho-2821": {"Contact", "Skills", "Currently Learning", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks, table, para = [], None, []

    def flush_para():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        if table is not None:
            blocks.append(("table", table))
            table = None
        if not line.strip():
            flush_para()
        elif line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush_para(); blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            flush_para(); blocks.append(("bullet", re.sub(r"^\d+\. ", "", line)))
        else:
            para.append(line.strip())
    flush_para()
    if table is not None:
        blocks.append(("table", table))
    return blocks


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text.replace("\n", "<br/>")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs for python-docx."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    s = {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=9 * scale, leading=11 * scale),
    }
    return s


def blocks_to_flowables(blocks, st, width):
    out, bullets = [], []

    def flush_bullets():
        if bullets:
            out.append(ListFlowable(
                [ListItem(Paragraph(inline_to_rl(b), st["para"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush_bullets()
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(inline_to_rl(payload), st[kind]))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    flush_bullets()
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        side, main, current = [], [], None
        for kind, payload in blocks:
            if kind == "h1":
                side.append((kind, payload))
                continue
            if kind == "h2":
                current = side if payload in side_titles else main
            (current if current is not None else main).append((kind, payload))
        page_w, page_h = A4
        side_w = 62 * mm
        gap = 8 * mm
        main_w = page_w - 2 * margin - side_w - gap
        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin,
                              title=f"CV {cv_id}", author="synthetic")
        left = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar",
                     leftPadding=4, rightPadding=4)
        right = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="main",
                      leftPadding=4, rightPadding=4)

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 2, margin - 2, side_w + 4, page_h - 2 * margin + 4, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="twocol", frames=[left, right], onPage=sidebar_bg)])
        st_side = pdf_styles(0.92)
        st_main = pdf_styles(1.0)
        story = blocks_to_flowables(side, st_side, side_w - 8)
        story.append(FrameBreak())
        story += blocks_to_flowables(main, st_main, main_w - 8)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin,
                                title=f"CV {cv_id}", author="synthetic")
        st = pdf_styles()
        doc.build(blocks_to_flowables(blocks, st, A4[0] - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, bold, italic in inline_runs(text):
        lines = seg.split("\n")
        for k, ln in enumerate(lines):
            r = paragraph.add_run(ln)
            r.bold = bold
            r.italic = italic
            if k < len(lines) - 1:
                r.add_break()


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
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
            doc.add_paragraph()
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
