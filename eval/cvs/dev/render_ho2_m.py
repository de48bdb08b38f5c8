"""Render the heldout-m CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-m/render.py

The .md file is the CV's content; this script only lays it out.
- PDF (reportlab, real text layer): cv-ho-145, cv-ho-148 (two columns), cv-ho-151, cv-ho-154
- DOCX (python-docx): cv-ho-146 (skills as a real Word table), cv-ho-149, cv-ho-152, cv-ho-155
- MD (the .md itself is the target): cv-ho-147, cv-ho-150, cv-ho-153, cv-ho-156
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
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-145", "cv-ho-151", "cv-ho-154"]
TWO_COLUMN_ID = "cv-ho-148"
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}
DOCX_IDS = ["cv-ho-146", "cv-ho-149", "cv-ho-152", "cv-ho-155"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, heading, para, bullet, table (payload = list of rows)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_segments(text):
    """Split **bold** markup into (text, bold) segments."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


def to_rl(text):
    out = []
    for seg, bold in inline_segments(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{seg}</b>" if bold else seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "heading": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                                  fontSize=base_size + 2, leading=base_size + 5,
                                  textColor=colors.HexColor("#1f3b5a"), spaceBefore=8, spaceAfter=3),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=4),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "heading":
            flow.append(Paragraph(to_rl(payload), st["heading"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id):
    """Sidebar frame (contact, skills, certifications, languages) + main frame."""
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    side, main = [], []
    current = None
    for kind, payload in blocks:
        if kind == "title":
            main.append((kind, payload))
            continue
        if kind == "heading":
            current = side if payload in SIDEBAR_SECTIONS else main
        (current if current is not None else main).append((kind, payload))

    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="two", frames=[side_frame, main_frame],
                                       onPage=draw_sidebar_bg)])
    st_side = pdf_styles(base_size=8.5)
    st_main = pdf_styles(base_size=9.5)
    flow = blocks_to_flowables(side, st_side, side_w - 8)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main, main_w - 8)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, bold in inline_segments(text):
        run = paragraph.add_run(seg)
        run.bold = bold


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    run = p.add_run(val)
                    run.bold = (r == 0)
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    outputs = []
    for cv_id in PDF_IDS:
        outputs.append(render_pdf(cv_id))
    outputs.append(render_pdf_two_column(TWO_COLUMN_ID))
    for cv_id in DOCX_IDS:
        outputs.append(render_docx(cv_id))
    for p in outputs:
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
