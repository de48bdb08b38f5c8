"""Render the batch-ao dev CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ao/render.py

Targets: PDF (reportlab, real text layer; cv-dev-521 uses a genuine two-frame,
two-column page template), DOCX (python-docx; Markdown tables become real Word
tables), MD (the .md file itself is the target, nothing to render).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
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
    "cv-dev-517": "md",
    "cv-dev-518": "docx",
    "cv-dev-519": "pdf",
    "cv-dev-520": "md",
    "cv-dev-521": "pdf2col",
    "cv-dev-522": "docx",
    "cv-dev-523": "pdf",
    "cv-dev-524": "md",
    "cv-dev-525": "docx",
    "cv-dev-526": "pdf",
    "cv-dev-527": "docx",
    "cv-dev-528": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Currently learning", "Languages"}


# --------------------------------------------------------------------------
# Markdown parsing (just the subset the CVs use)
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, p (list of lines), bullet (text), table (list of rows).
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("p", para))
            para = []
        if table:
            rows = [r for r in table if not re.match(r"^\|\s*-+", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            blocks.append(("table", cells))
            table = []

    for line in text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                flush()
            table.append(s)
            continue
        if table:
            flush()
        if s.startswith("# "):
            flush()
            blocks.append(("h1", s[2:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("- "):
            flush()
            blocks.append(("bullet", s[2:].strip()))
        else:
            para.append(s.strip())
    flush()
    return blocks


def md_inline_to_rl(text):
    """Markdown bold/italic -> reportlab mini-markup."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def md_inline_runs(text):
    """Split Markdown text into (text, bold, italic) runs for python-docx."""
    runs = []
    pattern = re.compile(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            runs.append((tok[2:-2], True, False))
        else:
            runs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(scale=1.0):
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10 * scale,
                          leading=13 * scale, alignment=TA_LEFT, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "p": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2,
                                 spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(md_inline_to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(md_inline_to_rl(payload), st["h2"]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(md_inline_to_rl(l) for l in payload), st["p"]))
        elif kind == "bullet":
            out.append(Paragraph(md_inline_to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width * 0.7] + [width * 0.3 / (ncol - 1)] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(md_path, pdf_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    st = pdf_styles()
    doc = SimpleDocTemplate(str(pdf_path), pagesize=A4, leftMargin=2 * cm,
                            rightMargin=2 * cm, topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, A4[0] - 4 * cm))


def split_sidebar(blocks):
    """Header (h1 + the paragraph after it) and sidebar sections go left; the rest right."""
    side, main = [], []
    current = side  # the header goes to the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(md_path, pdf_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    side, main = split_sidebar(blocks)
    page_w, page_h = A4
    margin = 1.4 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    frame_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=8)
    main_frame = Frame(main_x, margin, main_w, frame_h, id="main")
    later_frame = Frame(main_x, margin, main_w, frame_h, id="main_later")

    def draw_sidebar_bg(canv, _doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, title=md_path.stem,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st = pdf_styles(scale=0.88)
    main_st = pdf_styles(scale=0.95)
    flow = blocks_to_flowables(side, side_st, side_w - 12)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    flow.extend(blocks_to_flowables(main, main_st, main_w))
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for chunk, bold, italic in md_inline_runs(text):
        r = par.add_run(chunk)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(md_path, docx_path):
    blocks = parse_md(md_path.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            par = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "bullet":
            par = doc.add_paragraph(style="List Bullet")
            add_runs(par, payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(docx_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
        elif fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
            print(f"{cv_id}: pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
            print(f"{cv_id}: pdf (two columns)")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
            print(f"{cv_id}: docx")


if __name__ == "__main__":
    main()
