"""Render the heldout7-177 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-177/render.py

Markdown files are the source of truth; the .md itself is the target for the
MD-format CVs. PDFs get a real text layer (reportlab platypus); one PDF uses a
two-frame page template so the text layer really is two columns. DOCX files
use python-docx; one of them renders its skills table as a real Word table.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-2716", "cv-ho-2718", "cv-ho-2721"]
PDF_TWO_COLUMN = {"cv-ho-2714": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX = ["cv-ho-2713", "cv-ho-2717", "cv-ho-2720", "cv-ho-2723"]


# --------------------------------------------------------------------------
# Markdown parsing (only the small subset the CVs use)
# --------------------------------------------------------------------------
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.strip() == "---":
            blocks.append(("hr", None))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif re.match(r"^\s*[-*] ", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*] ", "", line)))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
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
    base = getSampleStyleSheet()
    s = {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, alignment=0,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10.5 * scale, leading=13 * scale, spaceBefore=5,
                             spaceAfter=2),
        "para": ParagraphStyle("para", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base["BodyText"], fontName="Helvetica",
                                 fontSize=9.5 * scale, leading=12.5 * scale,
                                 leftIndent=12, bulletIndent=3, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=9 * scale, leading=11 * scale),
    }
    return s


def blocks_to_flowables(blocks, styles, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(inline_to_rl(payload), styles[kind]))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), styles["bullet"], bulletText="-"))
        elif kind == "hr":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), styles["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf_single(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(blocks_to_flowables(blocks, pdf_styles(), doc.width))


def render_pdf_two_column(cv_id, sidebar_sections):
    """Sidebar (left frame) holds the name and the sidebar sections; the main
    frame (right) holds everything else, in the order of the Markdown file."""
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    side, main = [], []
    current = side  # name/title at the top of the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_sections else main
        current.append((kind, payload))

    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=4, rightPadding=4)

    def background(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, frame_h + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id)
    doc.addPageTemplates([PageTemplate(id="two-col", frames=[side_frame, main_frame],
                                       onPage=background)])
    side_styles = pdf_styles(scale=0.92)
    main_styles = pdf_styles()
    story = blocks_to_flowables(side, side_styles, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, main_styles, main_w - 8)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "hr":
            doc.add_paragraph()
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r_idx, row in enumerate(payload):
                cells = table.add_row().cells
                for c_idx, text in enumerate(row):
                    p = cells[c_idx].paragraphs[0]
                    add_runs(p, text)
                    if r_idx == 0:
                        for run in p.runs:
                            run.bold = True
    doc.core_properties.title = cv_id
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_SINGLE:
        render_pdf_single(cv_id)
    for cv_id, sections in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, sections)
    for cv_id in DOCX:
        render_docx(cv_id)
    for p in sorted(HERE.glob("cv-ho-*.*")):
        if p.suffix in (".pdf", ".docx"):
            print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
