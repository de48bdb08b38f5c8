"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cd/render.py

The .md file is the CV's exact content; this script only lays it out.
- PDF targets get a real text layer (reportlab Paragraphs, no images).
- cv-dev-1010 is laid out in two real columns (sidebar + main) with
  BaseDocTemplate and two Frames on the first page.
- DOCX targets use python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import html
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-1009": "md",
    "cv-dev-1010": "pdf",   # two-column
    "cv-dev-1011": "docx",
    "cv-dev-1012": "pdf",
    "cv-dev-1013": "docx",  # Word table for skills
    "cv-dev-1014": "md",
    "cv-dev-1015": "pdf",
    "cv-dev-1016": "docx",
    "cv-dev-1017": "pdf",
    "cv-dev-1018": "md",
    "cv-dev-1019": "docx",
    "cv-dev-1020": "md",
}

# Sections that go into the left sidebar of a two-column PDF.
TWO_COLUMN = {"cv-dev-1010": ["Contact", "Skills", "Education", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, bullet, para (list of lines), table (list of rows).
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            continue
        if line.startswith("- "):
            if para:
                blocks.append(("para", para))
                para = []
            blocks.append(("bullet", line[2:].strip()))
            continue
        para.append(line.strip())
    flush()
    return blocks


def inline_runs(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
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


def to_rl(text):
    out = []
    for seg, b, i in inline_runs(text):
        seg = html.escape(seg, quote=False)
        if b:
            seg = "<b>%s</b>" % seg
        if i:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5),
        "para": ParagraphStyle("para", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": base,
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def split_sections(blocks, sidebar_titles):
    """Header (before first h2), sidebar sections, main sections."""
    header, side, main = [], [], []
    current = header
    for b in blocks:
        if b[0] == "h2":
            current = side if b[1] in sidebar_titles else main
        current.append(b)
    return header, side, main


def render_pdf(cv_id, blocks, path):
    margin = 1.6 * cm
    meta = dict(title=cv_id, author="synthetic CV")
    if cv_id in TWO_COLUMN:
        st = pdf_styles(0.95)
        header, side, main = split_sections(blocks, TWO_COLUMN[cv_id])
        W, H = A4
        side_w = 5.6 * cm
        gap = 0.7 * cm
        main_x = margin + side_w + gap
        main_w = W - main_x - margin
        first = PageTemplate(id="twocol", frames=[
            Frame(margin, margin, side_w, H - 2 * margin, id="sidebar"),
            Frame(main_x, margin, main_w, H - 2 * margin, id="main"),
        ], onPage=lambda c, d: (c.setFillColor(colors.HexColor("#f1f4f8")),
                                c.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)))
        later = PageTemplate(id="later", frames=[
            Frame(main_x, margin, main_w, H - 2 * margin, id="main2")])
        doc = BaseDocTemplate(path, pagesize=A4, pageTemplates=[first, later], **meta)
        story = flowables(side, st)
        story.append(FrameBreak())
        story.append(NextPageTemplate("later"))
        story += flowables(header, st) + flowables(main, st)
        doc.build(story)
    else:
        st = pdf_styles()
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(flowables(blocks, st))


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, text in enumerate(row):
                    cells[ci].text = ""
                    add_runs(cells[ci].paragraphs[0], text)
                    if ri == 0:
                        for r in cells[ci].paragraphs[0].runs:
                            r.bold = True
            doc.add_paragraph()
    doc.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            out = md_path
        print("%-12s %-4s %7d bytes  %s" % (cv_id, fmt, os.path.getsize(out), os.path.basename(out)))


if __name__ == "__main__":
    main()
