"""Render the heldout6-160 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-160/render.py
The .md file is the CV's exact content; MD-target CVs are not rendered.
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

PDF = ["cv-ho-2509", "cv-ho-2512", "cv-ho-2515", "cv-ho-2518"]
TWO_COLUMN = {"cv-ho-2512": {"Contact", "Skills", "Currently learning", "Education",
                             "Certifications", "Languages"}}
DOCX = ["cv-ho-2510", "cv-ho-2513", "cv-ho-2516", "cv-ho-2519"]
MD = ["cv-ho-2511", "cv-ho-2514", "cv-ho-2517", "cv-ho-2520"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, preamble_blocks, [(heading, blocks)]).

    A block is ('p', text) | ('li', text) | ('table', rows)."""
    title, pre, sections = None, [], []
    cur = pre
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                cur.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            blocks = []
            sections.append((line[3:].strip(), blocks))
            cur = blocks
        elif line.startswith("- "):
            cur.append(("li", line[2:].strip()))
        else:
            cur.append(("p", line.strip()))
    return title, pre, sections


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def split_bold(text):
    """Yield (chunk, is_bold) for **bold** markup."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True
        else:
            yield part, False


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                            fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=9.5, leading=12.5, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=9.5, leading=12.5, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def blocks_to_flow(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id):
    title, pre, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = styles()
    path = str(HERE / f"{cv_id}.pdf")
    meta = dict(title=f"CV - {title}", author=title)
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        W, H = A4
        margin = 14 * mm
        side_w = 62 * mm
        gap = 8 * mm
        side = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                     leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
        main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                     H - 2 * margin, id="main", leftPadding=0, rightPadding=0,
                     topPadding=0, bottomPadding=0)

        def deco(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, **meta)
        doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=deco)])
        story = [Paragraph(inline_rl(title), st["title"])]
        story += blocks_to_flow(pre, st)
        for name, blocks in sections:
            if name in side_names:
                story.append(Paragraph(inline_rl(name), st["h"]))
                story += blocks_to_flow(blocks, st)
        story.append(FrameBreak())
        for name, blocks in sections:
            if name not in side_names:
                story.append(Paragraph(inline_rl(name), st["h"]))
                story += blocks_to_flow(blocks, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, **meta)
        story = [Paragraph(inline_rl(title), st["title"])]
        story += blocks_to_flow(pre, st)
        for name, blocks in sections:
            story.append(Paragraph(inline_rl(name), st["h"]))
            story += blocks_to_flow(blocks, st)
        doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold in split_bold(text):
        run = par.add_run(chunk)
        run.bold = bold


def docx_blocks(doc, blocks):
    for kind, val in blocks:
        if kind == "p":
            add_runs(doc.add_paragraph(), val)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(val[0]))
            table.style = "Table Grid"
            for i, row in enumerate(val):
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = ""
                    p = cell.paragraphs[0]
                    if i == 0:
                        p.add_run(text).bold = True
                    else:
                        add_runs(p, text)
            doc.add_paragraph()


def render_docx(cv_id):
    title, pre, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {title}"
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    docx_blocks(doc, pre)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        docx_blocks(doc, blocks)
    doc.save(str(HERE / f"{cv_id}.docx"))


if __name__ == "__main__":
    for cv in PDF:
        render_pdf(cv)
        print("pdf ", cv)
    for cv in DOCX:
        render_docx(cv)
        print("docx", cv)
    for cv in MD:
        assert (HERE / f"{cv}.md").exists()
        print("md  ", cv)
