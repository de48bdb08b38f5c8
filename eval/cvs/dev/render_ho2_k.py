"""Render the heldout-k CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-k/render.py

The .md file is the CV's exact content; this script only lays it out.
- PDF: reportlab, real text layer (Helvetica). cv-ho-124 uses a two-column
  layout (BaseDocTemplate with a sidebar Frame and a main Frame).
- DOCX: python-docx; Markdown tables become real Word tables.
- MD targets are left as they are.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-121", "cv-ho-127", "cv-ho-130"]
PDF_TWO_COLUMN = {"cv-ho-124": ["Contact", "Skills", "Certifications", "Languages"]}
DOCX = ["cv-ho-122", "cv-ho-125", "cv-ho-128", "cv-ho-131"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, p, bullets (list of str), table (list of rows)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip()
                   and not lines[i].startswith(("#", "|"))
                   and not lines[i].lstrip().startswith("- ")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("p", " ".join(para)))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def split_inline(text):
    """Yield (text, bold, italic) runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl(text):
    out = []
    for run, bold, italic in split_inline(text):
        run = run.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            run = f"<b>{run}</b>"
        if italic:
            run = f"<i>{run}</i>"
        out.append(run)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3,
                             leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 0.5, leading=base_size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "p":
            out.append(Paragraph(to_rl(payload), st["p"]))
        elif kind == "bullets":
            for item in payload:
                out.append(Paragraph(to_rl(item), st["li"], bulletText="\u2013"))
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            data = [[Paragraph(to_rl(c), st["cell"]) for c in r] for r in payload]
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf_single(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm,
                            rightMargin=2 * cm, topMargin=1.8 * cm,
                            bottomMargin=1.8 * cm, title=cv_id, author="synthetic")
    st = pdf_styles(10)
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, sidebar_sections):
    """Sidebar frame (left) holds the listed sections; main frame the rest."""
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    side, main, current = [], [], None
    for kind, payload in blocks:
        if kind == "h1":
            main.append((kind, payload))
            continue
        if kind == "h2":
            current = side if payload in sidebar_sections else main
        (current if current is not None else main).append((kind, payload))

    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.4 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=4, rightPadding=4)
    cont_frame = Frame(margin, margin, page_w - 2 * margin, frame_h, id="cont")

    def paint_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 6, margin - 6, side_w + 12, frame_h + 12, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side_frame, main_frame], onPage=paint_sidebar),
        PageTemplate(id="cont", frames=[cont_frame]),
    ])
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.5)
    story = flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, main_st, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for run_text, bold, italic in split_inline(text):
        run = par.add_run(run_text)
        run.bold = bold
        run.italic = italic


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
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
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullets":
            for item in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_idx, row in enumerate(payload):
                cells = table.add_row().cells
                for c_idx, value in enumerate(row):
                    cells[c_idx].text = ""
                    par = cells[c_idx].paragraphs[0]
                    add_runs(par, value)
                    if r_idx == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
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
