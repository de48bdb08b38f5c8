"""Render the CV markdown files of this folder to their target formats.

Run with /work/main/.venv/bin/python eval/cvs/heldout5-145/render.py
PDF targets use reportlab (real text layer); DOCX targets use python-docx.
cv-ho-2332 is rendered as a two-column PDF (sidebar frame + main frame).
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2329": "md",
    "cv-ho-2330": "docx",
    "cv-ho-2331": "pdf",
    "cv-ho-2332": "pdf2col",
    "cv-ho-2333": "docx",
    "cv-ho-2334": "md",
    "cv-ho-2335": "pdf",
    "cv-ho-2336": "docx",
    "cv-ho-2337": "md",
    "cv-ho-2338": "pdf",
    "cv-ho-2339": "docx",
    "cv-ho-2340": "md",
}

SIDEBAR_SECTIONS = {"Contact", "Skills", "Currently learning", "Certifications", "Languages"}


def parse(text):
    """Parse the small Markdown subset used by the CVs into blocks."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush(); blocks.append(("li", line[2:]))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_pdf(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\*)\*(?!\s)(.+?)\*", r"<i>\1</i>", s)
    return s


def strip_md(s):
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    return re.sub(r"\*(.+?)\*", r"\1", s)


def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 8, leading=base_size + 11,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2.5, leading=base_size + 5,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 1, leading=base_size + 3,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size, leading=base_size + 3),
    }


def blocks_to_flowables(blocks, st):
    out = []
    bullets = []

    def flush_bullets():
        if bullets:
            out.append(ListFlowable([ListItem(Paragraph(inline_pdf(b), st["li"]), leftIndent=10)
                                     for b in bullets], bulletType="bullet", start="•",
                                    leftIndent=10, bulletFontSize=st["li"].fontSize))
            bullets.clear()

    for kind, val in blocks:
        if kind == "li":
            bullets.append(val)
            continue
        flush_bullets()
        if kind == "table":
            data = [[Paragraph(inline_pdf(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf5"))]))
            out.append(t)
        else:
            out.append(Paragraph(inline_pdf(val), st[kind]))
    flush_bullets()
    return out


def render_pdf(stem, blocks):
    path = HERE / f"{stem}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=stem, author="synthetic")
    doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return path


def split_sidebar(blocks):
    side, main = [], []
    target = side  # title and tagline go to the sidebar top
    for kind, val in blocks:
        if kind == "h2":
            target = side if val in SIDEBAR_SECTIONS else main
        target.append((kind, val))
    return side, main


def render_pdf_two_column(stem, blocks):
    path = HERE / f"{stem}.pdf"
    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=stem, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later_frame])])
    side, main = split_sidebar(blocks)
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.3)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side, side_st)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, main_st)
    doc.build(story)
    return path


def add_inline_runs(par, text):
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<!\*)\*(?!\s)(.+?)\*", text):
        if m.start() > pos:
            par.add_run(text[pos:m.start()])
        if m.group(1) is not None:
            par.add_run(m.group(1)).bold = True
        else:
            par.add_run(m.group(2)).italic = True
        pos = m.end()
    if pos < len(text):
        par.add_run(text[pos:])


def render_docx(stem, blocks):
    path = HERE / f"{stem}.docx"
    d = docx.Document()
    d.core_properties.title = stem
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            d.add_heading(strip_md(val), level=0)
        elif kind == "h2":
            d.add_heading(strip_md(val), level=1)
        elif kind == "h3":
            d.add_heading(strip_md(val), level=2)
        elif kind == "li":
            add_inline_runs(d.add_paragraph(style="List Bullet"), val)
        elif kind == "p":
            add_inline_runs(d.add_paragraph(), val)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = strip_md(cell)
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(path))
    return path


def main():
    for stem, fmt in TARGETS.items():
        blocks = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
        if fmt == "md":
            print(stem, "-> md (source is the target)")
            continue
        if fmt == "pdf":
            p = render_pdf(stem, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(stem, blocks)
        else:
            p = render_docx(stem, blocks)
        print(stem, "->", p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
