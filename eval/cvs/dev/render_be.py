"""Render the dev-be CVs from their Markdown source to their target formats.

Run with /work/main/.venv/bin/python from any directory:
    /work/main/.venv/bin/python eval/cvs/dev-be/render.py
PDF targets get a real text layer (reportlab); DOCX targets use python-docx.
Markdown targets need no rendering (the .md file is the target).
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-709": "pdf",
    "cv-dev-710": "docx",
    "cv-dev-711": "md",
    "cv-dev-712": "pdf2col",
    "cv-dev-713": "docx",
    "cv-dev-714": "md",
    "cv-dev-715": "pdf",
    "cv-dev-716": "md",
    "cv-dev-717": "docx",
    "cv-dev-718": "pdf",
    "cv-dev-719": "md",
    "cv-dev-720": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Kaggle profile", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p (list of lines), li (text), table (list of rows).
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("p", para))
            para = []
        if table:
            rows = [r for r in table if not re.match(r"^\|\s*-", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
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
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif s.startswith("- "):
            flush()
            blocks.append(("li", s[2:]))
        else:
            para.append(s)
    flush()
    return blocks


def inline_rl(text):
    """Markdown inline (bold) to reportlab mini-markup."""
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName="Helvetica-Bold", fontSize=18 * scale,
                             leading=22 * scale, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName="Helvetica-Bold", fontSize=10 * scale,
                             leading=12 * scale, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5 * scale,
                            leading=12.5 * scale, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5 * scale,
                             leading=12.5 * scale),
    }


def blocks_to_flowables(blocks, st):
    out = []
    pending = []

    def flush_list():
        nonlocal pending
        if pending:
            out.append(ListFlowable([ListItem(Paragraph(inline_rl(t), st["li"]), leftIndent=10)
                                     for t in pending], bulletType="bullet", start="\u2022",
                                    leftIndent=10, bulletFontSize=7))
            pending = []

    for kind, payload in blocks:
        if kind == "li":
            pending.append(payload)
            continue
        flush_list()
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(l) for l in payload), st["p"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["li"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    flush_list()
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return path


def split_sections(blocks):
    """Split blocks into (name_blocks, sidebar_blocks, main_blocks)."""
    name, side, main = [], [], []
    current = name
    for kind, payload in blocks:
        if kind == "h1":
            name.append((kind, payload))
            continue
        if kind == "h2":
            current = side if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return name, side, main


def render_pdf_two_column(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=0, topPadding=0, bottomPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")
    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later_frame])])

    name, side, main = split_sections(blocks)
    st = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    story = blocks_to_flowables(name, st) + blocks_to_flowables(side, st_side)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(d.add_paragraph(), " ".join(payload))
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    d.core_properties.author = ""
    d.core_properties.title = cv_id
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print("%-11s %-7s %s (%d bytes)" % (cv_id, fmt, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
