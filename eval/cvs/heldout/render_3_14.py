"""Render the heldout3-14 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-14/render.py

- PDF targets use reportlab with a real text layer; one CV uses a two-column
  layout built from BaseDocTemplate frames (header, sidebar, main column).
- DOCX targets use python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-757": "pdf-two-column",
    "cv-ho-758": "docx",
    "cv-ho-759": "md",
    "cv-ho-760": "pdf",
    "cv-ho-761": "docx",
    "cv-ho-762": "md",
    "cv-ho-763": "pdf",
    "cv-ho-764": "docx",
    "cv-ho-765": "pdf",
    "cv-ho-766": "md",
    "cv-ho-767": "docx",
    "cv-ho-768": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Currently learning", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Parse the small Markdown subset used by the CVs into blocks.

    Returns (title, header_lines, sections) where sections is a list of
    (heading, blocks) and a block is ("p", text) | ("ul", [items]) |
    ("ol", [items]) | ("table", [rows]).
    """
    title = None
    header = []
    sections = []
    current = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
            continue
        blocks = current[1] if current else None
        if current is None:
            header.append(line.strip())
            continue
        m_ul = re.match(r"^\s*[-*] (.*)$", line)
        m_ol = re.match(r"^\s*\d+\. (.*)$", line)
        if m_ul:
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(m_ul.group(1))
            else:
                blocks.append(("ul", [m_ul.group(1)]))
        elif m_ol:
            if blocks and blocks[-1][0] == "ol":
                blocks[-1][1].append(m_ol.group(1))
            else:
                blocks.append(("ol", [m_ol.group(1)]))
        elif line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("p", line.strip()))
    return title, header, sections


def inline_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", text)
    return text


def split_runs(text):
    """Markdown inline -> list of (text, bold) runs for python-docx."""
    runs = []
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            runs.append((part, i % 2 == 1))
    return runs


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=2),
        "header": ParagraphStyle("hd", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3,
                                 textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "body": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=2),
    }


def blocks_to_flowables(blocks, st, width=None):
    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph(inline_rl(content), st["body"]))
        elif kind in ("ul", "ol"):
            items = [ListItem(Paragraph(inline_rl(t), st["body"]), leftIndent=12)
                     for t in content]
            out.append(ListFlowable(items, bulletType="bullet" if kind == "ul" else "1",
                                    start=None if kind == "ol" else "\u2022",
                                    leftIndent=12, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["body"]) for c in row] for row in content]
            t = Table(data, colWidths=None if width is None else [width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(md_path, out_path):
    title, header, sections = parse(md_path.read_text(encoding="utf-8"))
    st = pdf_styles()
    story = [Paragraph(inline_rl(title), st["title"])]
    story += [Paragraph(inline_rl(h), st["header"]) for h in header]
    story.append(Spacer(1, 6))
    for heading, blocks in sections:
        story.append(Paragraph(inline_rl(heading), st["h2"]))
        story += blocks_to_flowables(blocks, st, width=A4[0] - 4 * cm)
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title,
                            author=title)
    doc.build(story)


def render_pdf_two_column(md_path, out_path):
    title, header, sections = parse(md_path.read_text(encoding="utf-8"))
    st = pdf_styles(base_size=8.8)
    page_w, page_h = A4
    margin = 1.4 * cm
    header_h = 2.6 * cm
    sidebar_w = 5.6 * cm
    gap = 0.6 * cm
    body_top = page_h - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, page_w - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar_frame = Frame(margin, margin, sidebar_w, body_h, id="sidebar",
                          leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + sidebar_w + gap, margin, page_w - 2 * margin - sidebar_w - gap,
                       body_h, id="main", leftPadding=0, rightPadding=0, topPadding=6,
                       bottomPadding=0)
    later_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, sidebar_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, sidebar_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    side = [(h, b) for h, b in sections if h in SIDEBAR_SECTIONS]
    main = [(h, b) for h, b in sections if h not in SIDEBAR_SECTIONS]
    story = [NextPageTemplate("later"), Paragraph(inline_rl(title), st["title"])]
    story += [Paragraph(inline_rl(h), st["header"]) for h in header]
    story.append(FrameBreak())
    for heading, blocks in side:
        story.append(Paragraph(inline_rl(heading), st["h2"]))
        story += blocks_to_flowables(blocks, st, width=sidebar_w - 12)
    story.append(FrameBreak())
    for heading, blocks in main:
        story.append(Paragraph(inline_rl(heading), st["h2"]))
        story += blocks_to_flowables(blocks, st, width=main_frame._width)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for part, bold in split_runs(text):
        run = paragraph.add_run(part)
        run.bold = bold


def render_docx(md_path, out_path):
    title, header, sections = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for h in header:
        add_runs(doc.add_paragraph(), h)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        for kind, content in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), content)
            elif kind == "ul":
                for item in content:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif kind == "ol":
                for item in content:
                    add_runs(doc.add_paragraph(style="List Number"), item)
            elif kind == "table":
                ncols = max(len(r) for r in content)
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                for r_i, row in enumerate(content):
                    cells = table.add_row().cells
                    for c_i, text in enumerate(row):
                        cells[c_i].text = ""
                        p = cells[c_i].paragraphs[0]
                        add_runs(p, text)
                        if r_i == 0:
                            for run in p.runs:
                                run.bold = True
                doc.add_paragraph()
    doc.core_properties.author = title
    doc.core_properties.title = f"CV - {title}"
    doc.save(str(out_path))


# --------------------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        if target == "pdf":
            render_pdf(md_path, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(md_path, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(md_path, HERE / f"{cv_id}.docx")
        # "md": the Markdown file is the target itself.
        print(cv_id, target)


if __name__ == "__main__":
    main()
