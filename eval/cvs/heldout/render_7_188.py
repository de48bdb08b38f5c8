"""Render the heldout7-188 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-188/render.py
The .md file is the CV's content; for the .md targets nothing is rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2845": "pdf",
    "cv-ho-2846": "pdf2col",
    "cv-ho-2847": "docx",
    "cv-ho-2848": "md",
    "cv-ho-2849": "docx",
    "cv-ho-2850": "md",
    "cv-ho-2851": "pdf",
    "cv-ho-2852": "docx",
    "cv-ho-2853": "md",
    "cv-ho-2854": "pdf",
    "cv-ho-2855": "md",
    "cv-ho-2856": "docx",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Learning", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,bullet,num,table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^- (.*)$", line)
        if m:
            flush()
            blocks.append(("bullet", m.group(1)))
            i += 1
            continue
        m = re.match(r"^\d+\. (.*)$", line)
        if m:
            flush()
            blocks.append(("num", m.group(1)))
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    return blocks


def inline_rl(text):
    """Markdown inline (**bold**, *italic*) to reportlab mini-HTML."""
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t.replace("\n", "<br/>")


def inline_runs(text):
    """Split into (text, bold, italic) runs for python-docx."""
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


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=11, leading=14,
                             spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
    }
    return st


def blocks_to_flowables(blocks, st):
    out = []
    pending = []  # consecutive list items

    def flush_list(kind=None):
        if pending:
            items = [ListItem(Paragraph(inline_rl(t), st["p"]), leftIndent=12)
                     for t in pending]
            if kind == "num":
                out.append(ListFlowable(items, bulletType="1", leftIndent=14))
            else:
                out.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                        leftIndent=12, bulletFontSize=8))
            pending.clear()

    last_list_kind = None
    for kind, payload in blocks:
        if kind in ("bullet", "num"):
            if last_list_kind and last_list_kind != kind:
                flush_list(last_list_kind)
            pending.append(payload)
            last_list_kind = kind
            continue
        flush_list(last_list_kind)
        last_list_kind = None
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    flush_list(last_list_kind)
    return out


def render_pdf(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cid, author="synthetic")
    doc.build(blocks_to_flowables(blocks, styles()))
    return path


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cid, blocks):
    path = os.path.join(HERE, cid + ".pdf")
    W, H = A4
    margin = 15 * mm
    header_h = 26 * mm
    side_w = 60 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_top - margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       body_top - margin, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    full_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4 * mm, margin - 4 * mm, side_w + 4 * mm,
                    body_top - margin + 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="OneCol", frames=[full_frame]),
    ])
    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, bl in sections:
        (side_blocks if title in SIDEBAR else main_blocks).extend(bl)
    st = styles()
    side_st = styles(base_size=9)
    side_st["h2"] = ParagraphStyle("sh2", parent=side_st["h2"], fontSize=11, spaceBefore=6)
    story = [NextPageTemplate("OneCol")]
    story += blocks_to_flowables(header, st)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, side_st)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cid, blocks):
    path = os.path.join(HERE, cid + ".docx")
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cid
    d.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            add_runs(d.add_paragraph(style="List Number"), payload)
        elif kind == "p":
            par = d.add_paragraph()
            lines = payload.split("\n")
            for k, ln in enumerate(lines):
                add_runs(par, ln)
                if k < len(lines) - 1:
                    par.add_run().add_break()
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            p = render_pdf(cid, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cid, blocks)
        elif fmt == "docx":
            p = render_docx(cid, blocks)
        else:
            p = os.path.join(HERE, cid + ".md")
        print(cid, fmt, os.path.basename(p), os.path.getsize(p))


if __name__ == "__main__":
    main()
