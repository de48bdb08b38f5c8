"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-119/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem, NextPageTemplate,
    PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# A Unicode TrueType font so names such as "Kovač" and symbols render and extract
# correctly; falls back to Helvetica when DejaVu is not installed.
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    for name, fname in [("DejaVu", "DejaVuSans.ttf"), ("DejaVu-Bold", "DejaVuSans-Bold.ttf"),
                        ("DejaVu-Oblique", "DejaVuSans-Oblique.ttf"),
                        ("DejaVu-BoldOblique", "DejaVuSans-BoldOblique.ttf")]:
        pdfmetrics.registerFont(TTFont(name, str(_DEJAVU / fname)))
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"

TARGETS = {
    "cv-ho-2017": "pdf",
    "cv-ho-2018": "docx",   # real Word table for skills
    "cv-ho-2019": "md",
    "cv-ho-2020": "pdf",
    "cv-ho-2021": "docx",
    "cv-ho-2022": "docx",
    "cv-ho-2023": "md",
    "cv-ho-2024": "pdf2col",  # two-column PDF
    "cv-ho-2025": "pdf",
    "cv-ho-2026": "docx",
    "cv-ho-2027": "md",
    "cv-ho-2028": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, para (list of lines), bullets (list of str), table (rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush_para():
        nonlocal para
        if para:
            blocks.append(("para", para))
            para = []

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("# "):
            flush_para()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        elif line.startswith("|"):
            flush_para()
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
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    """Markdown inline (bold/italic) -> reportlab mini-markup."""
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append("<b>%s</b>" % escape(part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>%s</i>" % escape(part[1:-1]))
        else:
            out.append(escape(part))
    return "".join(out)


def add_runs(paragraph, text, size=None):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            run = paragraph.add_run(part[2:-2])
            run.bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            run = paragraph.add_run(part[1:-1])
            run.italic = True
        else:
            run = paragraph.add_run(part)
        if size:
            run.font.size = Pt(size)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=FONT_BOLD, fontSize=base_size + 8,
                                leading=base_size + 11, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_BOLD, fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=FONT_BOLD, fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=5, spaceAfter=2),
        "body": ParagraphStyle("b", parent=ss["BodyText"], fontName=FONT, fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl(t), st["body"]), leftIndent=10)
                     for t in payload]
            out.append(ListFlowable(items, bulletType="bullet", start="•",
                                    leftIndent=10, bulletFontName=FONT, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, colWidths=[80 * mm, 80 * mm])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(flowables(blocks, styles()))


def split_sidebar(blocks):
    """Header (title + lines before the first section) and sidebar sections go left."""
    side, main = [], []
    current = side
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks, out):
    w, h = A4
    margin = 14 * mm
    side_w = 60 * mm
    gap = 8 * mm
    main_w = w - 2 * margin - side_w - gap
    frame_h = h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=4, rightPadding=4, showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=4, rightPadding=4)
    full = Frame(margin, margin, w - 2 * margin, frame_h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[full]),
    ])
    side_blocks, main_blocks = split_sidebar(blocks)
    side_styles = styles(8.5)
    side_styles["title"].fontSize, side_styles["title"].leading = 14, 17  # name fits on one line
    story = flowables(side_blocks, side_styles)
    story.append(NextPageTemplate("rest"))
    story.append(FrameBreak())
    story.extend(flowables(main_blocks, styles(9.5)))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.core_properties.title = blocks[0][1]
    d.core_properties.author = blocks[0][1]
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            p = d.add_heading("", level=2)
            add_runs(p, payload)
        elif kind == "para":
            p = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullets":
            for t in payload:
                add_runs(d.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            table = d.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    para = cells[c].paragraphs[0]
                    add_runs(para, text)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
