"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-151/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2401": "pdf",
    "cv-ho-2402": "docx",
    "cv-ho-2403": "md",
    "cv-ho-2404": "pdf-two-column",
    "cv-ho-2405": "docx",
    "cv-ho-2406": "md",
    "cv-ho-2407": "md",
    "cv-ho-2408": "pdf",
    "cv-ho-2409": "docx",
    "cv-ho-2410": "md",
    "cv-ho-2411": "pdf",
    "cv-ho-2412": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections) where sections = [(heading, blocks)].
    A block is ('p', text) | ('bullets', [text]) | ('table', [[cells]])."""
    title, header, sections = None, [], []
    cur = None
    blocks = header_blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
            blocks = cur[1]
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif line.strip():
            blocks.append(("p", line.strip()))
        i += 1
    return title, header_blocks, sections


def strip_md(text):
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                            fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                            spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "b": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3),
        "bullet": ParagraphStyle("bl", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1, bulletFontName="Helvetica"),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph(to_rl(content), st["p"]))
        elif kind == "bullets":
            for t in content:
                out.append(Paragraph(to_rl(t), st["bullet"], bulletText="-"))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["b"]) for c in row] for row in content]
            t = Table(data, colWidths=[width / len(content[0])] * len(content[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(stem, md_text):
    title, header, sections = parse(md_text)
    st = styles()
    doc = SimpleDocTemplate(str(HERE / f"{stem}.pdf"), pagesize=A4, title=title,
                            author=title, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm)
    width = A4[0] - 36 * mm
    story = [Paragraph(to_rl(title), st["title"])]
    story += blocks_to_flowables(header, st, width)
    for heading, blocks in sections:
        story.append(Paragraph(to_rl(heading), st["h"]))
        story += blocks_to_flowables(blocks, st, width)
    doc.build(story)


def render_pdf_two_column(stem, md_text):
    """Header frame across the top, then a real sidebar frame (left) and main frame (right)."""
    title, header, sections = parse(md_text)
    st = styles(9)
    path = str(HERE / f"{stem}.pdf")
    W, H = A4
    m = 14 * mm
    header_h = 26 * mm
    side_w = 62 * mm
    gap = 7 * mm
    main_w = W - 2 * m - side_w - gap
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header")
    f_side = Frame(m, m, side_w, body_h, id="sidebar")
    f_main = Frame(m + side_w + gap, m, main_w, body_h, id="main")
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later"), Paragraph(to_rl(title), st["title"])]
    story += blocks_to_flowables(header, st, W - 2 * m)
    story.append(FrameBreak())
    for heading, blocks in sections:
        if heading in SIDEBAR_SECTIONS:
            story.append(Paragraph(to_rl(heading), st["h"]))
            story += blocks_to_flowables(blocks, st, side_w)
    story.append(FrameBreak())
    for heading, blocks in sections:
        if heading not in SIDEBAR_SECTIONS:
            story.append(Paragraph(to_rl(heading), st["h"]))
            story += blocks_to_flowables(blocks, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def docx_blocks(d, blocks):
    for kind, content in blocks:
        if kind == "p":
            add_runs(d.add_paragraph(), content)
        elif kind == "bullets":
            for t in content:
                add_runs(d.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            table = d.add_table(rows=0, cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(strip_md(val))
                    run.bold = (r == 0)


def render_docx(stem, md_text):
    title, header, sections = parse(md_text)
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)
    docx_blocks(d, header)
    for heading, blocks in sections:
        d.add_heading(heading, level=1)
        docx_blocks(d, blocks)
    d.save(str(HERE / f"{stem}.docx"))


def main():
    for stem, fmt in TARGETS.items():
        md_text = (HERE / f"{stem}.md").read_text(encoding="utf-8")
        if fmt == "pdf":
            render_pdf(stem, md_text)
        elif fmt == "pdf-two-column":
            render_pdf_two_column(stem, md_text)
        elif fmt == "docx":
            render_docx(stem, md_text)
        print(stem, fmt)


if __name__ == "__main__":
    main()
