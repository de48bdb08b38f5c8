"""Render the dev-au CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev-au/render.py
- PDF targets use reportlab (real text layer); one is a two-column layout
  built with BaseDocTemplate and separate Frames (sidebar + main column).
- DOCX targets use python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-589": "md",
    "cv-dev-590": "pdf2col",
    "cv-dev-591": "docx",
    "cv-dev-592": "pdf",
    "cv-dev-593": "docx",
    "cv-dev-594": "md",
    "cv-dev-595": "docx",
    "cv-dev-596": "pdf",
    "cv-dev-597": "md",
    "cv-dev-598": "md",
    "cv-dev-599": "pdf",
    "cv-dev-600": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR = {"cv-dev-590": ["Skills", "Tools", "Education", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, header_lines, sections); sections = [(title, blocks)].

    blocks are ("p", text) | ("bullets", [text]) | ("table", [[cells]]).
    """
    name, header, sections = "", [], []
    current = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
            continue
        if line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
            continue
        blocks = current[1] if current else None
        if line.startswith("- "):
            item = line[2:].strip()
            if blocks is not None and blocks and blocks[-1][0] == "bullets":
                blocks[-1][1].append(item)
            elif blocks is not None:
                blocks.append(("bullets", [item]))
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
            continue
        if current is None:
            header.append(line.strip())
        else:
            blocks.append(("p", line.strip()))
    return name, header, sections


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split Markdown inline emphasis into (text, bold, italic) runs."""
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
def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 10
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=TA_LEFT, spaceAfter=2),
        "contact": ParagraphStyle("contact", parent=ss["Normal"], fontSize=9,
                                  textColor=colors.HexColor("#444444"), spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2,
                             leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "body": ParagraphStyle("body", parent=ss["Normal"], fontSize=base,
                               leading=base * 1.3, spaceAfter=3),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph(inline_to_rl(content), st["body"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(inline_to_rl(t), st["body"]), leftIndent=10)
                     for t in content]
            out.append(ListFlowable(items, bulletType="bullet", start="–", bulletFontName="Helvetica",
                                    leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["body"]) for c in row]
                    for row in content]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, parsed, out):
    name, header, sections = parsed
    st = styles()
    story = [Paragraph(inline_to_rl(name), st["name"])]
    story += [Paragraph(inline_to_rl(h), st["contact"]) for h in header]
    for title, blocks in sections:
        story.append(Paragraph(inline_to_rl(title), st["h2"]))
        story += blocks_to_flowables(blocks, st)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=name, author=name)
    doc.build(story)


def render_pdf_two_column(cv_id, parsed, out):
    name, header, sections = parsed
    side_titles = SIDEBAR[cv_id]
    st_main, st_side = styles(), styles(small=True)
    width, height = A4
    margin, gap, header_h = 14 * mm, 7 * mm, 24 * mm
    side_w = 62 * mm
    body_top = height - margin - header_h
    body_h = body_top - margin
    header_frame = Frame(margin, body_top, width - 2 * margin, header_h,
                         id="header", showBoundary=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin,
                       width - 2 * margin - side_w - gap, body_h, id="main")
    later_frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin,
                        id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=name, author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    story = [NextPageTemplate("later"), Paragraph(inline_to_rl(name), st_main["name"])]
    story += [Paragraph(inline_to_rl(h), st_main["contact"]) for h in header]
    story.append(FrameBreak())
    for title, blocks in sections:
        if title in side_titles:
            story.append(Paragraph(inline_to_rl(title), st_side["h2"]))
            story += blocks_to_flowables(blocks, st_side)
    story.append(FrameBreak())
    for title, blocks in sections:
        if title not in side_titles:
            story.append(Paragraph(inline_to_rl(title), st_main["h2"]))
            story += blocks_to_flowables(blocks, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold, italic in inline_runs(text):
        run = par.add_run(t)
        run.bold = bold
        run.italic = italic


def render_docx(cv_id, parsed, out):
    name, header, sections = parsed
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = name
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    for h in header:
        add_runs(doc.add_paragraph(), h)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        for kind, content in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), content)
            elif kind == "bullets":
                for item in content:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif kind == "table":
                table = doc.add_table(rows=0, cols=len(content[0]))
                table.style = "Table Grid"
                for r, row in enumerate(content):
                    cells = table.add_row().cells
                    for c, val in enumerate(row):
                        cells[c].text = ""
                        p = cells[c].paragraphs[0]
                        add_runs(p, val)
                        if r == 0:
                            for run in p.runs:
                                run.bold = True
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        parsed = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cv_id, parsed, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, parsed, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, parsed, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
