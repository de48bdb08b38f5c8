"""Render the dev-b synthetic CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev/render_b.py

Each ``cv-dev-NN.md`` holds exactly the CV's text.  The target format of
each CV is fixed in ``TARGETS`` below; ``md`` targets are left as they are.
The PDF of cv-dev-14 is laid out in two real columns (a sidebar frame and a
main frame, via ``BaseDocTemplate``), so its text layer is two columns too.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-13": "md",
    "cv-dev-14": "pdf-two-column",
    "cv-dev-15": "docx",  # skills as a real Word table
    "cv-dev-16": "md",
    "cv-dev-17": "docx",
    "cv-dev-18": "pdf",
    "cv-dev-19": "docx",
    "cv-dev-20": "pdf",
    "cv-dev-21": "pdf",
    "cv-dev-22": "md",
    "cv-dev-23": "docx",
    "cv-dev-24": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------

def parse(md_text: str):
    """Return (title, blocks_before_first_section, [(section, blocks)]).

    A block is one of ("h3", text), ("p", [lines]), ("ul", [items]),
    ("table", [rows]).
    """
    title = ""
    pre: list = []
    sections: list = []
    current = pre
    para: list[str] = []
    bullets: list[str] = []
    rows: list[list[str]] = []

    def flush():
        nonlocal para, bullets, rows
        if para:
            current.append(("p", para))
            para = []
        if bullets:
            current.append(("ul", bullets))
            bullets = []
        if rows:
            current.append(("table", rows))
            rows = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks: list = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
        elif line.startswith("### "):
            flush()
            current.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            if para or rows:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            rows.append(cells)
        else:
            if bullets or rows:
                flush()
            para.append(line.strip())
    flush()
    return title, pre, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (chunk, bold, italic) runs."""
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


def to_rl(text: str) -> str:
    """Inline Markdown -> reportlab paragraph markup."""
    html = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        html.append(chunk)
    return "".join(html)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

def pdf_styles(base_size: float = 9.5):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, alignment=TA_LEFT,
                          spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold",
                                fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=(base_size + 2.5) * 1.3,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             spaceBefore=4, spaceAfter=2),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, spaceAfter=1),
    }


def pdf_blocks(blocks, st, width):
    flow = []
    for kind, content in blocks:
        if kind == "h3":
            flow.append(Paragraph(to_rl(content), st["h3"]))
        elif kind == "p":
            flow.append(Paragraph("<br/>".join(to_rl(x) for x in content), st["body"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(to_rl(x), st["bullet"]), leftIndent=10)
                     for x in content]
            flow.append(ListFlowable(items, bulletType="bullet", start="-",
                                     leftIndent=10, bulletFontSize=9))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in content]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id: str, md_text: str, out: Path):
    title, pre, sections = parse(md_text)
    st = pdf_styles()
    margin = 18 * mm
    width = A4[0] - 2 * margin
    story = [Paragraph(to_rl(title), st["title"])]
    story += pdf_blocks(pre, st, width)
    for name, blocks in sections:
        story.append(Paragraph(to_rl(name), st["h2"]))
        story += pdf_blocks(blocks, st, width)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin,
                            title=f"CV - {title}", author=title)
    doc.build(story)


def render_pdf_two_column(cv_id: str, md_text: str, out: Path):
    title, pre, sections = parse(md_text)
    st = pdf_styles(9.0)
    side_st = pdf_styles(8.5)
    pw, ph = A4
    margin = 15 * mm
    gap = 8 * mm
    header_h = 16 * mm
    side_w = 55 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_top = ph - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, pw - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3b5a"))
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top - 2, pw - margin, body_top - 2)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV - {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=first_page),
        PageTemplate(id="later", frames=[later_main]),
    ])

    side_story, main_story = [], []
    for name, blocks in sections:
        if name in SIDEBAR_SECTIONS:
            side_story.append(Paragraph(to_rl(name), side_st["h2"]))
            side_story += pdf_blocks(blocks, side_st, side_w - 8)
        else:
            main_story.append(Paragraph(to_rl(name), st["h2"]))
            main_story += pdf_blocks(blocks, st, main_w)

    story = [NextPageTemplate("later"), Paragraph(to_rl(title), st["title"])]
    story += pdf_blocks(pre, st, pw - 2 * margin)
    story.append(FrameBreak())
    story += side_story
    story.append(FrameBreak())
    story += main_story
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def add_runs(par, text):
    for chunk, bold, italic in inline_runs(text):
        run = par.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def docx_blocks(doc, blocks):
    for kind, content in blocks:
        if kind == "h3":
            doc.add_heading(content, level=3)
        elif kind == "p":
            par = doc.add_paragraph()
            for i, line in enumerate(content):
                if i:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "ul":
            for item in content:
                add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    cells[c].text = ""
                    par = cells[c].paragraphs[0]
                    add_runs(par, text)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True


def render_docx(cv_id: str, md_text: str, out: Path):
    title, pre, sections = parse(md_text)
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
    doc.save(str(out))


# --------------------------------------------------------------------------

def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        md_text = md_path.read_text(encoding="utf-8")
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, md_text, out)
        elif target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, md_text, out)
        elif target == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, md_text, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
