"""Render the heldout3-20 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-20/render.py
The .md files are the source of truth; PDFs get a real text layer (reportlab),
DOCX files are built with python-docx. Markdown tables become real tables.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-829": "md",
    "cv-ho-830": "pdf-2col",
    "cv-ho-831": "md",
    "cv-ho-832": "pdf",
    "cv-ho-833": "docx",
    "cv-ho-834": "md",
    "cv-ho-835": "pdf",
    "cv-ho-836": "docx",
    "cv-ho-837": "pdf",
    "cv-ho-838": "docx",
    "cv-ho-839": "md",
    "cv-ho-840": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, li, table (payload = list of rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"(#{1,3}) (.*)", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:]))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def inline_spans(text):
    """Split text on **bold** and *italic* markers -> list of (text, bold, italic)."""
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*"):
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    res = []
    for t, b, it in inline_spans(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.6
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17, leading=21,
                             alignment=0, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10, leading=12),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base, leading=base + 3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base, leading=base + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Split blocks into header (before first h2), and a list of sections."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = [b]
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur.append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_h = H - 2 * margin - header_h
    f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head")
    f_side = Frame(margin, margin, side_w, body_h, id="side")
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main")
    f_rest = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="rest")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=side_bg),
        PageTemplate(id="rest", frames=[f_rest]),
    ])
    header, sections = split_sections(blocks)
    side = [b for s in sections if s[0][1] in SIDEBAR_SECTIONS for b in s]
    main = [b for s in sections if s[0][1] not in SIDEBAR_SECTIONS for b in s]
    st = styles()
    st_small = styles(small=True)
    story = flowables(header, st, f_head._width)
    story.append(FrameBreak())
    story += flowables(side, st_small, side_w)
    story.append(NextPageTemplate("rest"))
    story.append(FrameBreak())
    story += flowables(main, st, f_main._width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_spans(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cp = table.cell(r, c).paragraphs[0]
                    add_runs(cp, cell)
                    if r == 0:
                        for run in cp.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(path))
    return path


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if target == "pdf":
            p = render_pdf(cv_id, blocks)
        elif target == "pdf-2col":
            p = render_pdf_two_column(cv_id, blocks)
        else:
            p = render_docx(cv_id, blocks)
        print(cv_id, "->", p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
