"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-81/render.py
The .md file is the CV's content; .md targets need no rendering.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1561": "pdf-two-column",
    "cv-ho-1562": "docx",
    "cv-ho-1563": "md",
    "cv-ho-1564": "pdf",
    "cv-ho-1565": "docx",
    "cv-ho-1566": "md",
    "cv-ho-1567": "pdf",
    "cv-ho-1568": "md",
    "cv-ho-1569": "pdf",
    "cv-ho-1570": "docx",
    "cv-ho-1571": "md",
    "cv-ho-1572": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# ---------------------------------------------------------------- parsing
def parse_blocks(text):
    """Very small Markdown parser: headings, bullets, tables, paragraphs."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
        elif line.strip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif re.match(r"^\s*[-*]\s+", line):
            flush()
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
        elif not line.strip():
            flush()
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_segments(text):
    """Split inline markdown into (text, bold, italic) segments."""
    segs = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            segs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            segs.append((tok[2:-2], True, False))
        elif tok.startswith("`"):
            segs.append((tok[1:-1], False, False))
        else:
            segs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        segs.append((text[pos:], False, False))
    return segs


def to_rl(text):
    out = []
    for s, b, it in inline_segments(text):
        s = html.escape(s)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=17 * scale,
                             leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=15 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10 * scale,
                             leading=13 * scale, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, content in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in content]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(content), st["li"], bulletText="-"))
        elif kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(content), st[kind]))
        else:
            out.append(Paragraph(to_rl(content), st["p"]))
    return out


def render_pdf(md_path, out_path):
    blocks = parse_blocks(md_path.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles()))


def split_sections(blocks):
    """Return (header blocks, {section title: blocks}) keyed by level-2 headings, in order."""
    header, sections, current = [], [], None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [b])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


def render_pdf_two_column(md_path, out_path):
    blocks = parse_blocks(md_path.read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    side = [b for title, bs in sections if title.lower() in SIDEBAR_SECTIONS for b in bs]
    main = [b for title, bs in sections if title.lower() not in SIDEBAR_SECTIONS for b in bs]

    W, H = A4
    margin = 14 * mm
    gap = 6 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4)
    full_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="one", frames=[full_frame]),
    ])
    st_side = pdf_styles(scale=0.92)
    st_main = pdf_styles()
    story = [NextPageTemplate("one")]
    story += flowables(header, st_side)  # name at the top of the sidebar
    story += flowables(side, st_side)
    story.append(FrameBreak())
    story += flowables(main, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_segments(text):
        r = par.add_run(s)
        r.bold = b
        r.italic = it


def render_docx(md_path, out_path):
    blocks = parse_blocks(md_path.read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, content in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), content)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), content)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), content)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), content)
        elif kind == "table":
            ncols = max(len(r) for r in content)
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(content):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
        else:
            add_runs(doc.add_paragraph(), content)
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out_path))


def main():
    for cv_id, target in TARGETS.items():
        md = HERE / (cv_id + ".md")
        if target == "pdf":
            render_pdf(md, HERE / (cv_id + ".pdf"))
        elif target == "pdf-two-column":
            render_pdf_two_column(md, HERE / (cv_id + ".pdf"))
        elif target == "docx":
            render_docx(md, HERE / (cv_id + ".docx"))
        print(cv_id, target)


if __name__ == "__main__":
    main()
