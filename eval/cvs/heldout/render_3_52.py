"""Render the heldout3-52 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-52/render.py

- PDF targets are written with reportlab (real text layer); cv-ho-1216 uses a
  two-column layout (sidebar frame + main frame) built with BaseDocTemplate.
- DOCX targets are written with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, ListFlowable, ListItem)
from reportlab.lib import colors

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1213": "pdf",
    "cv-ho-1214": "docx",
    "cv-ho-1215": "md",
    "cv-ho-1216": "pdf2col",
    "cv-ho-1217": "docx",
    "cv-ho-1218": "md",
    "cv-ho-1219": "pdf",
    "cv-ho-1220": "docx",
    "cv-ho-1221": "md",
    "cv-ho-1222": "pdf",
    "cv-ho-1223": "docx",
    "cv-ho-1224": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text):
    """Return blocks: ('h1', s) ('h2', s) ('para', [lines]) ('bullets', [items]) ('table', rows)."""
    blocks = []
    lines = text.splitlines()
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
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "- ", "|")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_tokens(s):
    """Yield (text, bold, italic)."""
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl(s):
    out = []
    for t, b, it in inline_tokens(s):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22, alignment=0,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "body": ParagraphStyle("body", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=3),
    }


def blocks_to_flowables(blocks, st):
    fl = []
    for kind, val in blocks:
        if kind == "h1":
            fl.append(Paragraph(to_rl(val), st["h1"]))
        elif kind == "h2":
            fl.append(Paragraph(to_rl(val), st["h2"]))
        elif kind == "para":
            fl.append(Paragraph("<br/>".join(to_rl(x) for x in val), st["body"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl(x), st["body"]), leftIndent=12) for x in val]
            fl.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12,
                                   bulletFontSize=st["body"].fontSize))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in r] for r in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            fl.append(t)
    return fl


def render_pdf(cid, text):
    path = os.path.join(HERE, cid + ".pdf")
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cid,
                            author="synthetic")
    doc.build(blocks_to_flowables(parse_md(text), st))
    return path


def render_pdf_two_column(cid, text):
    path = os.path.join(HERE, cid + ".pdf")
    W, H = A4
    m = 1.6 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = H - 2 * m - header_h
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                 showBoundary=0)
    later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 0.3 * cm, m - 0.3 * cm, side_w + 0.5 * cm, body_h + 0.3 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    blocks = parse_md(text)
    head, sections = split_sections(blocks)
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    fl = blocks_to_flowables(head, st_main)
    fl.append(FrameBreak())  # -> sidebar
    fl.append(NextPageTemplate("later"))
    for title, bl in sections:
        if title in SIDEBAR_SECTIONS:
            fl += blocks_to_flowables([("h2", title)] + bl, st_side)
    fl.append(FrameBreak())  # -> main column
    for title, bl in sections:
        if title not in SIDEBAR_SECTIONS:
            fl += blocks_to_flowables([("h2", title)] + bl, st_main)
    doc.build(fl)
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, s):
    for t, b, it in inline_tokens(s):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cid, text):
    path = os.path.join(HERE, cid + ".docx")
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, val in parse_md(text):
        if kind == "h1":
            d.add_heading(val, level=0)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "para":
            p = d.add_paragraph()
            for j, line in enumerate(val):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullets":
            for x in val:
                add_runs(d.add_paragraph(style="List Bullet"), x)
        elif kind == "table":
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    add_runs(t.cell(r, c).paragraphs[0], cell)
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    d.save(path)
    return path


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            text = f.read()
        if fmt == "pdf":
            out = render_pdf(cid, text)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cid, text)
        elif fmt == "docx":
            out = render_docx(cid, text)
        else:
            out = os.path.join(HERE, cid + ".md")
        print("%-12s %-8s %s (%d bytes)" % (cid, fmt, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
