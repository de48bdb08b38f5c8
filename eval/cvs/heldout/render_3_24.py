"""Render the heldout3-24 CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-24/render.py
The .md files are the CV text; PDFs/DOCX are produced from them.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
                                NextPageTemplate)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-877": "md",
    "cv-ho-878": "pdf2col",
    "cv-ho-879": "docx",
    "cv-ho-880": "pdf",
    "cv-ho-881": "docx",
    "cv-ho-882": "pdf",
    "cv-ho-883": "md",
    "cv-ho-884": "docx",
    "cv-ho-885": "md",
    "cv-ho-886": "pdf",
    "cv-ho-887": "docx",
    "cv-ho-888": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "In progress", "Certifications", "Languages"}


def parse(md_text):
    """Parse a small Markdown subset into blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            blocks.append(("table", rows))
            table = []

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if s.startswith("|"):
            if para:
                flush()
            table.append(s)
            continue
        if table:
            flush()
        if s.startswith("# "):
            flush(); blocks.append(("title", s[2:].strip()))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:].strip()))
        elif s.startswith("- "):
            flush(); blocks.append(("bullet", s[2:].strip()))
        elif re.match(r"^\d+\. ", s):
            flush(); blocks.append(("number", re.sub(r"^\d+\. ", "", s).strip()))
        else:
            para.append(s.strip())
    flush()
    return blocks


def inline_rl(text):
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, spaceAfter=6, alignment=0),
        "h2": ParagraphStyle("h", parent=ss["Heading2"], fontSize=12, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "body": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5, spaceAfter=3),
        "bullet": ParagraphStyle("bl", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    num = 0
    for kind, payload in blocks:
        if kind != "number":
            num = 0
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(inline_rl(l) for l in payload), st["body"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "number":
            num += 1
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText=f"{num}."))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(blocks, path):
    st = styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm)
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Return (title_blocks, sidebar_blocks, main_blocks)."""
    title, side, main = [], [], []
    current = None
    for b in blocks:
        if b[0] == "title":
            title.append(b)
            continue
        if b[0] == "h2":
            current = side if b[1] in SIDEBAR else main
        (current if current is not None else main).append(b)
    return title, side, main


def render_pdf_two_column(blocks, path):
    st = styles()
    st["bullet"] = ParagraphStyle("bls", parent=st["bullet"], fontSize=8.5, leading=11)
    side_st = dict(st)
    side_st["body"] = ParagraphStyle("bs", parent=st["body"], fontSize=8.5, leading=11)
    main_st = styles()
    W, H = A4
    m = 15 * mm
    header_h = 18 * mm
    gap = 6 * mm
    side_w = 62 * mm
    body_h = H - 2 * m - header_h
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    sidebar = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    mainf = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", showBoundary=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, mainf], onPage=draw_bg),
        PageTemplate(id="rest", frames=[later]),
    ])
    title, side, main = split_sections(blocks)
    story = [NextPageTemplate("rest")]
    story += flowables(title, main_st, W)
    story.append(FrameBreak())
    story += flowables(side, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main, main_st, mainf._width)
    doc.build(story)


def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(blocks, path):
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            p = doc.add_paragraph()
            for k, line in enumerate(payload):
                if k:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "number":
            add_runs(doc.add_paragraph(style="List Number"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cp = t.cell(r, c).paragraphs[0]
                    add_runs(cp, cell)
                    if r == 0:
                        for run in cp.runs:
                            run.bold = True
    doc.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
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
