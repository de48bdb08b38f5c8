"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-163/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
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
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

# Embedded (subset) TrueType fonts give a clean Unicode text layer; fall back to Helvetica.
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists() and (_DEJAVU / "DejaVuSans-Bold.ttf").exists():
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(_DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
    _ital = _DEJAVU / "DejaVuSans-Oblique.ttf"
    if _ital.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans-Oblique", str(_ital)))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                      italic="DejaVuSans-Oblique",
                                      boldItalic="DejaVuSans-Bold")
    FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"

TARGETS = {
    "cv-ho-2545": "pdf",
    "cv-ho-2546": "docx",
    "cv-ho-2547": "md",
    "cv-ho-2548": "pdf2col",
    "cv-ho-2549": "docx",
    "cv-ho-2550": "md",
    "cv-ho-2551": "pdf",
    "cv-ho-2552": "docx",
    "cv-ho-2553": "md",
    "cv-ho-2554": "pdf",
    "cv-ho-2555": "md",
    "cv-ho-2556": "docx",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(heading, blocks)].

    blocks: ("p", text) | ("ul", [(level, text)]) | ("table", [[cells]])
    """
    title, header, sections = None, [], []
    current = None  # list of blocks
    para, bullets, table = [], [], []

    def flush():
        nonlocal para, bullets, table
        target = current if current is not None else None
        if para:
            if target is None:
                header.extend(para)
            else:
                target.append(("p", "\n".join(para)))
            para = []
        if bullets:
            target.append(("ul", bullets))
            bullets = []
        if table:
            target.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            flush()
            current = []
            sections.append((line[3:].strip(), current))
            continue
        if not line.strip():
            flush()
            continue
        m = re.match(r"^(\s*)(?:[-*]|\d+\.)\s+(.*)$", line)
        if m and current is not None:
            if para:
                flush()
            level = 1 if len(m.group(1)) >= 2 else 0
            bullets.append((level, m.group(2)))
            continue
        if line.lstrip().startswith("|") and current is not None:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        para.append(line.strip())
    flush()
    return title, header, sections


def inline_rl(text):
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split markdown inline text into (text, bold, italic) runs."""
    runs = []
    pos = 0
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    for m in pattern.finditer(text):
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
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontName=FONT_BOLD,
                               fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=2),
        "header": ParagraphStyle("header", parent=ss["Normal"], fontName=FONT,
                                 fontSize=base_size, leading=base_size + 3,
                                 textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_BOLD,
                             fontSize=base_size + 2.5, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "body": ParagraphStyle("body", parent=ss["Normal"], fontName=FONT,
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["Normal"], fontName=FONT, bulletFontName=FONT,
                                 fontSize=base_size, leading=base_size + 3),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, data in blocks:
        if kind == "p":
            for ln in data.split("\n"):
                out.append(Paragraph(inline_rl(ln), st["body"]))
        elif kind == "ul":
            for level, text in data:
                bst = ParagraphStyle(f"b{level}", parent=st["bullet"],
                                     leftIndent=12 + 12 * level, bulletIndent=2 + 12 * level,
                                     spaceAfter=1)
                out.append(Paragraph(inline_rl(text), bst, bulletText="\u2022"))
            out.append(Spacer(1, 3))
        elif kind == "table":
            rows = [[Paragraph(inline_rl(c), st["body"]) for c in r] for r in data]
            t = Table(rows, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, md_text):
    title, header, sections = parse(md_text)
    st = pdf_styles()
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV - {title}", author=title)
    story = [Paragraph(inline_rl(title), st["name"])]
    for ln in header:
        story.append(Paragraph(inline_rl(ln), st["header"]))
    for heading, blocks in sections:
        story.append(Paragraph(inline_rl(heading), st["h2"]))
        story.extend(blocks_to_flowables(blocks, st, doc.width))
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, md_text):
    title, header, sections = parse(md_text)
    st = pdf_styles(base_size=9)
    side_st = pdf_styles(base_size=8.5)
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = (W - 2 * margin) * 0.32
    main_w = (W - 2 * margin) - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=f"CV - {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    story = [Paragraph(inline_rl(title), st["name"])]
    for ln in header:
        story.append(Paragraph(inline_rl(ln), st["header"]))
    story.append(FrameBreak())
    for heading, blocks in sections:
        if heading in SIDEBAR_SECTIONS:
            story.append(Paragraph(inline_rl(heading), side_st["h2"]))
            story.extend(blocks_to_flowables(blocks, side_st, side_w - 8))
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    for heading, blocks in sections:
        if heading not in SIDEBAR_SECTIONS:
            story.append(Paragraph(inline_rl(heading), st["h2"]))
            story.extend(blocks_to_flowables(blocks, st, main_w))
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold, italic in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, md_text):
    title, header, sections = parse(md_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {title}"
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for ln in header:
        add_runs(doc.add_paragraph(), ln)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        for kind, data in blocks:
            if kind == "p":
                for ln in data.split("\n"):
                    add_runs(doc.add_paragraph(), ln)
            elif kind == "ul":
                for level, text in data:
                    style = "List Bullet 2" if level else "List Bullet"
                    add_runs(doc.add_paragraph(style=style), text)
            elif kind == "table":
                ncols = max(len(r) for r in data)
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                for i, row in enumerate(data):
                    cells = table.add_row().cells
                    for j, val in enumerate(row):
                        p = cells[j].paragraphs[0]
                        add_runs(p, val)
                        if i == 0:
                            for r in p.runs:
                                r.bold = True
                doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        md_text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "pdf":
            out = render_pdf(cv_id, md_text)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, md_text)
        elif fmt == "docx":
            out = render_docx(cv_id, md_text)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
