"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-117/render.py
The .md files are the source of truth; .md-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1993": "md",
    "cv-ho-1994": "docx",
    "cv-ho-1995": "pdf",
    "cv-ho-1996": "pdf2col",
    "cv-ho-1997": "docx",
    "cv-ho-1998": "md",
    "cv-ho-1999": "pdf",
    "cv-ho-2000": "docx",
    "cv-ho-2001": "pdf",
    "cv-ho-2002": "md",
    "cv-ho-2003": "docx",
    "cv-ho-2004": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.lstrip().startswith("- "):
            flush(); blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # a line directly under the name (no blank line) stays its own paragraph
            if para and blocks and blocks[-1][0] == "h1":
                flush()
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_spans(text):
    """Split **bold** and *italic* markup into (text, bold, italic) spans."""
    spans = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            spans.append((part[2:-2], True, False))
        elif part.startswith("*"):
            spans.append((part[1:-1], False, True))
        else:
            spans.append((part, False, False))
    return spans


def to_rl(text):
    out = []
    for s, b, it in inline_spans(text):
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            s = f"<b>{s}</b>"
        if it:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3, spaceBefore=4,
                             spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3, leftIndent=12,
                             bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(flowables(blocks, styles()))


def split_sections(blocks):
    """header (before first h2), then list of (title, blocks) sections."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(blocks, path):
    W, H = A4
    m = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 6.0 * cm
    gap = 0.7 * cm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header")
    f_side = Frame(m, m, side_w, body_h, id="sidebar")
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main")
    f_rest = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main2")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 0.3 * cm, m - 0.3 * cm, side_w + 0.6 * cm, body_h + 0.3 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=side_bg),
        PageTemplate(id="rest", frames=[f_rest]),
    ])
    header, sections = split_sections(blocks)
    st_main = styles(9.5)
    st_side = styles(8.5)
    story = [NextPageTemplate("rest")]
    story += flowables(header, st_main)
    story.append(FrameBreak())
    for title, sec in sections:
        if title in SIDEBAR_SECTIONS:
            story += flowables(sec, st_side)
    story.append(FrameBreak())
    for title, sec in sections:
        if title not in SIDEBAR_SECTIONS:
            story += flowables(sec, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_spans(text):
        r = par.add_run(s)
        r.bold = b
        r.italic = it


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.author = blocks[0][1]
    doc.core_properties.title = blocks[0][1] + " - CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print("rendered", cv_id, fmt)


if __name__ == "__main__":
    main()
