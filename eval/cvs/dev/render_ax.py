"""Render the Markdown CVs of batch dev-ax to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ax/render.py
The .md files are the source of truth; .md targets need no rendering.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, FrameBreak, PageTemplate,
                                NextPageTemplate, Paragraph, Spacer, Table, TableStyle, ListFlowable,
                                ListItem)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-625": "pdf2col",
    "cv-dev-626": "docx",
    "cv-dev-627": "md",
    "cv-dev-628": "pdf",
    "cv-dev-629": "docx",
    "cv-dev-630": "pdf",
    "cv-dev-631": "md",
    "cv-dev-632": "docx",
    "cv-dev-633": "md",
    "cv-dev-634": "pdf",
    "cv-dev-635": "docx",
    "cv-dev-636": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).
    kinds: h1, h2, p, ul (list of (level, text)), table (list of rows)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            level = len(m.group(1))
            blocks.append(("h1" if level == 1 else "h2", m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                indent = len(lines[i]) - len(lines[i].lstrip())
                text = re.sub(r"^\s*[-*]\s+", "", lines[i])
                items.append((1 if indent >= 2 else 0, text))
                i += 1
            blocks.append(("ul", items))
            continue
        # paragraph: consecutive non-empty, non-special lines
        para = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#|\s*[-*]\s|\s*\|)", lines[i]):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", " ".join(para)))
    return blocks


def inline_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic)."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=base_size + 8,
                             leading=base_size + 11, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica", fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica", fontSize=base_size,
                             leading=base_size + 3),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica", fontSize=base_size - 1,
                               leading=base_size + 2),
    }
    return st


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "p"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "ul":
            items = []
            for level, text in payload:
                items.append(ListItem(Paragraph(inline_rl(text), st["li"]),
                                      leftIndent=12 + 12 * level, bulletColor=colors.black))
            out.append(ListFlowable(items, bulletType="bullet", start="\u2013", leftIndent=12,
                                    bulletFontSize=7, spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = pdf_styles(10)
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="synthetic")
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Split blocks into (title_blocks, [(heading, [blocks])])."""
    title, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            title.append(b)
        else:
            cur[1].append(b)
    return title, sections


def render_pdf_two_column(cv_id, blocks):
    """Real two-column layout: a sidebar frame (left) and a main frame (right)."""
    path = os.path.join(HERE, cv_id + ".pdf")
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.7 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=6, rightPadding=6,
                 topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", leftPadding=6,
                 rightPadding=6, topPadding=6, bottomPadding=6)
    later = Frame(margin, margin, page_w - 2 * margin, frame_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    title, sections = split_sections(blocks)
    side_blocks = [b for h, bl in sections if h in SIDEBAR_SECTIONS for b in bl]
    main_blocks = title + [b for h, bl in sections if h not in SIDEBAR_SECTIONS for b in bl]
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side_blocks, st_side, side_w - 12)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st_main, main_w - 12)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, b, it in inline_runs(text):
        r = paragraph.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "ul":
            for level, text in payload:
                add_runs(d.add_paragraph(style="List Bullet 2" if level else "List Bullet"), text)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {fmt:8s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
