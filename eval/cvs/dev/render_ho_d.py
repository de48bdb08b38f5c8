"""Render the heldout-d CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-d/render.py
PDF targets use reportlab (real text layer, standard fonts); DOCX targets use python-docx.
The .md files are themselves the target for the Markdown CVs.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, ListFlowable, ListItem)
import docx
from docx.shared import Pt, Cm

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-037": "pdf-two-column",
    "cv-ho-038": "md",
    "cv-ho-039": "docx",
    "cv-ho-040": "pdf",
    "cv-ho-041": "docx",
    "cv-ho-042": "md",
    "cv-ho-043": "pdf",
    "cv-ho-044": "docx",
    "cv-ho-045": "md",
    "cv-ho-046": "pdf",
    "cv-ho-047": "docx",
    "cv-ho-048": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-037": ["Skills", "Design tools", "Currently learning", "Languages", "Interests"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); a section is (name, [blocks]).
    Blocks: ('h3', text) ('p', text) ('li', text) ('table', rows)."""
    title, header, sections = None, [], []
    cur = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (cur[1] if cur else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            cur[1].append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            (cur[1] if cur else header).append(("li", line[2:].strip()))
        else:
            (cur[1] if cur else header).append(("p", line.strip()))
    return title, header, sections


def inline_rl(text):
    """Markdown inline (**bold**, *italic*) to reportlab mini-markup."""
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)\*(?!\w)", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split markdown inline into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?\*(?!\w))", text):
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
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4),
        "contact": ParagraphStyle("contact", fontName="Helvetica", fontSize=base - 0.5, leading=base + 3,
                                  textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2.5, leading=base + 6,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base, leading=base + 3,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base + 3.2, spaceAfter=3),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base, leading=base + 3.2),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5, leading=base + 2.5),
    }


def blocks_to_flowables(blocks, st, width):
    out, items = [], []

    def flush():
        if items:
            out.append(ListFlowable([ListItem(Paragraph(inline_rl(t), st["li"]), leftIndent=10) for t in items],
                                    bulletType="bullet", start="-", leftIndent=10, bulletFontSize=8))
            items.clear()

    for kind, val in blocks:
        if kind == "li":
            items.append(val)
            continue
        flush()
        if kind == "h3":
            out.append(Paragraph(inline_rl(val), st["h3"]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    flush()
    return out


def render_pdf(cid, title, header, sections, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title, author=title)
    width = A4[0] - 4 * cm
    story = [Paragraph(inline_rl(title), st["title"])]
    for kind, val in header:
        story.append(Paragraph(inline_rl(val), st["contact"]))
    for name, blocks in sections:
        story.append(Paragraph(inline_rl(name), st["h2"]))
        story += blocks_to_flowables(blocks, st, width)
    doc.build(story)


def render_pdf_two_column(cid, title, header, sections, path):
    st = styles(base=8.8)
    side_st = styles(base=8.3)
    W, H = A4
    m = 1.5 * cm
    gap = 0.6 * cm
    side_w = 5.4 * cm
    main_w = W - 2 * m - side_w - gap
    head_h = 2.6 * cm
    body_h = H - 2 * m - head_h

    first = PageTemplate(id="first", frames=[
        Frame(m, H - m - head_h, W - 2 * m, head_h, id="header", showBoundary=0),
        Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0),
        Frame(m + side_w + gap, m, main_w, body_h, id="main", showBoundary=0),
    ], onPage=lambda c, d: (c.setFillColor(colors.HexColor("#F1F4F8")),
                             c.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, body_h + 0.2 * cm, stroke=0, fill=1)))
    later = PageTemplate(id="later", frames=[
        Frame(m, m, side_w, H - 2 * m, id="sidebar2"),
        Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2"),
    ])
    doc = BaseDocTemplate(path, pagesize=A4, pageTemplates=[first, later], title=title, author=title)

    side_names = SIDEBAR[cid]
    story = [NextPageTemplate("later"), Paragraph(inline_rl(title), st["title"])]
    for kind, val in header:
        story.append(Paragraph(inline_rl(val), st["contact"]))
    story.append(FrameBreak())
    for name, blocks in sections:
        if name in side_names:
            story.append(Paragraph(inline_rl(name), side_st["h2"]))
            story += blocks_to_flowables(blocks, side_st, side_w)
    story.append(FrameBreak())
    for name, blocks in sections:
        if name not in side_names:
            story.append(Paragraph(inline_rl(name), st["h2"]))
            story += blocks_to_flowables(blocks, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cid, title, header, sections, path):
    d = docx.Document()
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "h3":
                d.add_heading(val, level=2)
            elif kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        cell_p = t.cell(r, c).paragraphs[0]
                        add_runs(cell_p, cell)
                        if r == 0:
                            for run in cell_p.runs:
                                run.bold = True
                d.add_paragraph()

    emit(header)
    for name, blocks in sections:
        d.add_heading(name, level=1)
        emit(blocks)
    d.save(path)


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            title, header, sections = parse(f.read())
        if fmt == "md":
            print(f"{cid}: md (source is the target)")
            continue
        ext = "docx" if fmt == "docx" else "pdf"
        out = os.path.join(HERE, f"{cid}.{ext}")
        {"pdf": render_pdf, "pdf-two-column": render_pdf_two_column, "docx": render_docx}[fmt](
            cid, title, header, sections, out)
        print(f"{cid}: {fmt} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
