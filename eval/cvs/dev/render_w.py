"""Render the dev-w CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-w/render.py
The .md files are the CV text; this script writes the .pdf/.docx targets.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_ONE_COLUMN = ["cv-dev-266", "cv-dev-271", "cv-dev-275"]
PDF_TWO_COLUMN = {"cv-dev-268": {"Contacto", "Competências", "Formação Complementar",
                                 "Línguas", "Interesses"}}
DOCX = ["cv-dev-267", "cv-dev-270", "cv-dev-273", "cv-dev-276"]


def parse(md_text):
    """Return (name, header_lines, sections) where sections = [(title, blocks)].
    A block is ("p", text), ("li", [texts]) or ("table", [rows])."""
    name, header, sections = None, [], []
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
        target = current[1] if current else header
        if line.startswith("- "):
            if target and target[-1][0] == "li":
                target[-1][1].append(line[2:].strip())
            else:
                target.append(("li", [line[2:].strip()]))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if target and target[-1][0] == "table":
                target[-1][1].append(cells)
            else:
                target.append(("table", [cells]))
        else:
            target.append(("p", line.strip()))
    return name, header, sections


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


STYLES = {
    "name": ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=4),
    "head": ParagraphStyle("head", fontName="Helvetica", fontSize=9, leading=12, textColor=colors.HexColor("#333333")),
    "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=9, spaceAfter=3,
                         textColor=colors.HexColor("#1f3a5f")),
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5, spaceAfter=3),
    "side_h2": ParagraphStyle("side_h2", fontName="Helvetica-Bold", fontSize=10, leading=12, spaceBefore=8,
                              spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
    "side": ParagraphStyle("side", fontName="Helvetica", fontSize=8.5, leading=11, spaceAfter=2),
}


def pdf_blocks(blocks, body, h2=None):
    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph(rl_inline(content), body))
        elif kind == "li":
            out.append(ListFlowable([ListItem(Paragraph(rl_inline(t), body), leftIndent=10) for t in content],
                                    bulletType="bullet", start="•", leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(rl_inline(c), body) for c in row] for row in content]
            t = Table(data, colWidths=[9 * cm, 6 * cm])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(stem):
    name, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    story = [Paragraph(rl_inline(name), STYLES["name"])]
    story += pdf_blocks(header, STYLES["head"])
    story.append(Spacer(1, 4))
    for title, blocks in sections:
        story.append(Paragraph(rl_inline(title), STYLES["h2"]))
        story += pdf_blocks(blocks, STYLES["body"])
    doc = SimpleDocTemplate(str(HERE / f"{stem}.pdf"), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=name, author=name)
    doc.build(story)


def render_pdf_two_column(stem, sidebar_titles):
    name, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    W, H = A4
    m = 1.5 * cm
    head_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    header_frame = Frame(m, H - m - head_h, W - 2 * m, head_h, id="header", showBoundary=0)
    side_frame = Frame(m, m, side_w, H - 2 * m - head_h, id="sidebar", showBoundary=0)
    main_frame = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - head_h, id="main",
                       showBoundary=0)
    later_frame = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, H - 2 * m - head_h + 0.4 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{stem}.pdf"), pagesize=A4, title=name, author=name)
    doc.addPageTemplates([PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                                       onPage=draw_sidebar_bg),
                          PageTemplate(id="later", frames=[later_frame])])
    story = [NextPageTemplate("later"), Paragraph(rl_inline(name), STYLES["name"])]
    story += pdf_blocks(header, STYLES["head"])
    story.append(FrameBreak())
    side = [s for s in sections if s[0] in sidebar_titles]
    main = [s for s in sections if s[0] not in sidebar_titles]
    for title, blocks in side:
        story.append(Paragraph(rl_inline(title), STYLES["side_h2"]))
        story += pdf_blocks(blocks, STYLES["side"])
    story.append(FrameBreak())
    for title, blocks in main:
        story.append(Paragraph(rl_inline(title), STYLES["h2"]))
        story += pdf_blocks(blocks, STYLES["body"])
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def docx_inline(paragraph, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        else:
            paragraph.add_run(part)


def docx_blocks(doc, blocks):
    for kind, content in blocks:
        if kind == "p":
            docx_inline(doc.add_paragraph(), content)
        elif kind == "li":
            for t in content:
                docx_inline(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(content[0]))
            table.style = "Table Grid"
            for i, row in enumerate(content):
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(text.replace("**", ""))
                    run.bold = i == 0
            doc.add_paragraph()


def render_docx(stem):
    name, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = name
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    docx_blocks(doc, header)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        docx_blocks(doc, blocks)
    doc.save(str(HERE / f"{stem}.docx"))


if __name__ == "__main__":
    for stem in PDF_ONE_COLUMN:
        render_pdf(stem)
    for stem, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(stem, side)
    for stem in DOCX:
        render_docx(stem)
    for p in sorted(HERE.glob("cv-dev-*.*")):
        if p.suffix in {".pdf", ".docx"}:
            print(f"{p.name}: {p.stat().st_size // 1024} KB")
