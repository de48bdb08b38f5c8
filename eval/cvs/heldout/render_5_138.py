"""Render the CVs of heldout5-138 from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout5-138/render.py
The .md file of each CV is its exact content; PDF/DOCX targets are rendered from it.
MD targets need no rendering (the .md itself is the target).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

# id -> (format, layout)
TARGETS = {
    "cv-ho-2245": ("md", None),
    "cv-ho-2246": ("pdf", "two-column"),
    "cv-ho-2247": ("docx", None),
    "cv-ho-2248": ("pdf", None),
    "cv-ho-2249": ("md", None),
    "cv-ho-2250": ("docx", None),
    "cv-ho-2251": ("pdf", None),
    "cv-ho-2252": ("docx", None),  # skills as a real Word table
    "cv-ho-2253": ("md", None),
    "cv-ho-2254": ("pdf", None),
    "cv-ho-2255": ("docx", None),
    "cv-ho-2256": ("md", None),
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,li,table."""
    blocks = []
    lines = text.splitlines()
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
                if not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^[-*]\s+", line):
            blocks.append(("li", re.sub(r"^[-*]\s+", "", line)))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


def inline_runs(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
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


def rl_markup(text):
    out = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    s = {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, alignment=TA_LEFT,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5,
                             spaceAfter=2),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName="Helvetica",
                            fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base["BodyText"], fontName="Helvetica",
                             fontSize=9.5 * scale, leading=12.5 * scale, leftIndent=12,
                             bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName="Helvetica",
                               fontSize=9 * scale, leading=11 * scale),
    }
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            if ncol == 2:
                widths = [width * 0.55, width * 0.45]
            else:
                widths = [width * 0.35, width * 0.2, width * 0.45]
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(rl_markup(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def split_sections(blocks):
    """Group blocks into (title, blocks) by h2; the h1 header goes under title None."""
    sections, cur_title, cur = [], None, []
    for b in blocks:
        if b[0] == "h2":
            sections.append((cur_title, cur))
            cur_title, cur = b[1], [b]
        else:
            cur.append(b)
    sections.append((cur_title, cur))
    return sections


def render_pdf(cv_id, blocks, layout):
    out = HERE / ("%s.pdf" % cv_id)
    pw, ph = A4
    margin = 1.6 * cm
    if layout == "two-column":
        side_w = 6.0 * cm
        gap = 0.8 * cm
        side = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar",
                     leftPadding=4, rightPadding=4)
        main_x = margin + side_w + gap
        main_w = pw - main_x - margin
        main = Frame(main_x, margin, main_w, ph - 2 * margin, id="main")

        def deco(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 4, margin - 4, side_w + 8, ph - 2 * margin + 8, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic")
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[side, main], onPage=deco),
        ])
        st = pdf_styles(0.92)
        sections = split_sections(blocks)
        side_blocks, main_blocks = [], []
        for title, bl in sections:
            if title is None or title in SIDEBAR_SECTIONS:
                side_blocks.extend(bl)
            else:
                main_blocks.extend(bl)
        story = flowables(side_blocks, st, side_w - 8)
        story.append(FrameBreak())
        story += flowables(main_blocks, st, main_w)
        doc.build(story)
    else:
        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        frame = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="body")
        doc.addPageTemplates([PageTemplate(id="one", frames=[frame])])
        st = pdf_styles()
        doc.build(flowables(blocks, st, pw - 2 * margin - 12))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    out = HERE / ("%s.docx" % cv_id)
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            h = doc.add_heading("", level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci in range(ncol):
                    txt = row[ci] if ci < len(row) else ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, txt)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))
    return out


def main():
    for cv_id, (fmt, layout) in TARGETS.items():
        md = (HERE / ("%s.md" % cv_id)).read_text(encoding="utf-8")
        blocks = parse_md(md)
        if fmt == "pdf":
            print("wrote", render_pdf(cv_id, blocks, layout).name)
        elif fmt == "docx":
            print("wrote", render_docx(cv_id, blocks).name)
        else:
            print("md target", cv_id + ".md")


if __name__ == "__main__":
    main()
