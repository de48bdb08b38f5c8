"""Render the CVs of this folder (<id>.md) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-140/render.py

The .md file is the CV's content. PDF files get a real text layer (reportlab),
DOCX files are written with python-docx (Markdown tables become Word tables).
cv-ho-2275 is laid out in two columns (sidebar + main column) using a
BaseDocTemplate with two Frames.
"""
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
    "cv-ho-2269": "md",
    "cv-ho-2270": "docx",   # skills as a real Word table
    "cv-ho-2271": "pdf",
    "cv-ho-2272": "md",
    "cv-ho-2273": "docx",
    "cv-ho-2274": "pdf",
    "cv-ho-2275": "pdf2col",  # two-column PDF
    "cv-ho-2276": "md",
    "cv-ho-2277": "docx",
    "cv-ho-2278": "docx",
    "cv-ho-2279": "pdf",
    "cv-ho-2280": "md",
}

SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
            i += 1
            continue
        if s.startswith("### "):
            flush(); blocks.append(("h3", s[4:])); i += 1; continue
        if s.startswith("## "):
            flush(); blocks.append(("h2", s[3:])); i += 1; continue
        if s.startswith("# "):
            flush(); blocks.append(("h1", s[2:])); i += 1; continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if s.startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].strip().startswith("- "):
                items.append(lines[i].strip()[2:])
                i += 1
            blocks.append(("ul", items))
            continue
        para.append(s)
        i += 1
    flush()
    return blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
FONT = "Helvetica"
FONT_B = "Helvetica-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    # A Unicode TTF so names such as "Aydın" or "Boğaziçi" keep their letters in the text layer.
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    _faces = {"CVSans": "DejaVuSans.ttf", "CVSans-Bold": "DejaVuSans-Bold.ttf",
              "CVSans-Oblique": "DejaVuSans-Oblique.ttf",
              "CVSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if all((_DEJAVU / f).exists() for f in _faces.values()):
        for name, f in _faces.items():
            pdfmetrics.registerFont(TTFont(name, str(_DEJAVU / f)))
        addMapping("CVSans", 0, 0, "CVSans")
        addMapping("CVSans", 1, 0, "CVSans-Bold")
        addMapping("CVSans", 0, 1, "CVSans-Oblique")
        addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
        FONT, FONT_B = "CVSans", "CVSans-Bold"


def styles(base=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=FONT_B, fontSize=base + 8,
                             leading=base + 11, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_B, fontSize=base + 2,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=FONT_B, fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName=FONT, fontSize=base,
                            leading=base + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName=FONT, fontSize=base,
                             leading=base + 3),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "ul":
            items = [ListItem(Paragraph(to_rl(t), st["li"]), leftIndent=10) for t in payload]
            out.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=10,
                                    bulletFontSize=st["li"].fontSize))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["li"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=blocks[0][1] + " - CV", author=blocks[0][1])
    doc.build(flowables(blocks, styles()))


def split_sidebar(blocks):
    """Sections named in SIDEBAR_SECTIONS go to the sidebar, the rest to the main column."""
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        if kind == "h1":
            main.append((kind, payload))
            continue
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(blocks, path):
    w, h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 6.0 * cm
    main_w = w - 2 * margin - side_w - gap
    frame_h = h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=6, rightPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main")
    later = Frame(margin, margin, w - 2 * margin, frame_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=blocks[0][1] + " - CV",
                          author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    side_blocks, main_blocks = split_sidebar(blocks)
    st_side = styles(base=8)
    st_main = styles(base=9)
    story = flowables(side_blocks, st_side)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story.extend(flowables(main_blocks, st_main))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = blocks[0][1] + " - CV"
    doc.core_properties.author = blocks[0][1]
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "ul":
            for item in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out)
        elif target == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out)
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
