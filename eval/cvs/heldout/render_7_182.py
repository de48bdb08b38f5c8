"""Render the heldout7-182 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-182/render.py
The .md file is the exact CV content; this script only lays it out.
"""
import re
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2773": "pdf-two-column",
    "cv-ho-2774": "docx",
    "cv-ho-2775": "md",
    "cv-ho-2776": "pdf",
    "cv-ho-2777": "docx",
    "cv-ho-2778": "md",
    "cv-ho-2779": "pdf",
    "cv-ho-2780": "md",
    "cv-ho-2781": "docx",
    "cv-ho-2782": "pdf",
    "cv-ho-2783": "md",
    "cv-ho-2784": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Learning now", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, para, bullet, table (payload = list of rows).
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


def inline_html(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=base_size + 8, leading=base_size + 11,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3,
                                 leftIndent=10, bulletIndent=1, spaceAfter=1.5),
        "cell": ParagraphStyle("c", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size - 0.5, leading=base_size + 2),
        "cellh": ParagraphStyle("ch", parent=ss["Normal"], fontName="Helvetica-Bold",
                                fontSize=base_size - 0.5, leading=base_size + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = []
            for r, row in enumerate(payload):
                style = st["cellh"] if r == 0 else st["cell"]
                data.append([Paragraph(inline_html(c), style) for c in row])
            ncol = len(payload[0])
            widths = [width * w for w in ([0.38, 0.22, 0.40] if ncol == 3 else [1.0 / ncol] * ncol)]
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.extend([t, Spacer(1, 4)])
        elif kind == "bullet":
            out.append(Paragraph(inline_html(payload), st["bullet"], bulletText="\u2013"))
        else:
            out.append(Paragraph(inline_html(payload), st[kind]))
    return out


def check_encodable(text, name):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:
        sys.exit(f"{name}: character not in the PDF base fonts: {e}")


def render_pdf(cid, blocks):
    out = HERE / f"{cid}.pdf"
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cid, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return out


def split_sidebar(blocks):
    side, main = [], []
    title = [b for b in blocks if b[0] == "title"]
    current = None
    for b in blocks:
        if b[0] == "title":
            continue
        if b[0] == "h2":
            current = side if b[1] in SIDEBAR_SECTIONS else main
        (current if current is not None else main).append(b)
    return title, side, main


def render_pdf_two_column(cid, blocks):
    out = HERE / f"{cid}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=4, rightPadding=4)
    rest = Frame(margin + side_w + gap, margin, main_w, frame_h, id="rest",
                 leftPadding=4, rightPadding=4)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cid, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[rest]),
    ])
    title, side_blocks, main_blocks = split_sidebar(blocks)
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)
    story = [NextPageTemplate("later")]
    story += flowables(title, st_side, side_w - 8)
    story += flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main_blocks, st_main, main_w - 8)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        run = par.add_run(seg)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cid, blocks):
    out = HERE / f"{cid}.docx"
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            ncol = len(payload[0])
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = t.add_row().cells
                for c, val in enumerate(row):
                    p = cells[c].paragraphs[0]
                    add_runs(p, val)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = cid
    d.core_properties.author = "synthetic CV"
    d.save(str(out))
    return out


def main():
    for cid, fmt in TARGETS.items():
        md_path = HERE / f"{cid}.md"
        text = md_path.read_text(encoding="utf-8")
        blocks = parse(text)
        if fmt == "md":
            print(f"{cid}: md (source is the target)")
            continue
        if fmt.startswith("pdf"):
            check_encodable(text, cid)
            out = render_pdf_two_column(cid, blocks) if fmt == "pdf-two-column" else render_pdf(cid, blocks)
        else:
            out = render_docx(cid, blocks)
        print(f"{cid}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
