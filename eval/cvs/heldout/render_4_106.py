"""Render the heldout4-106 CVs from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-106/render.py

The .md file of every CV is its exact content. Four CVs are rendered to PDF
(one with a genuine two-column layout built from reportlab Frames), four to
DOCX (one with a real Word table for the skills), and four stay Markdown.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-1861", "cv-ho-1867", "cv-ho-1870"]
PDF_TWO_COLUMN = {"cv-ho-1864": {"Contact", "Skills", "Education", "Languages"}}
DOCX = ["cv-ho-1862", "cv-ho-1865", "cv-ho-1868", "cv-ho-1871"]
MD_ONLY = ["cv-ho-1863", "cv-ho-1866", "cv-ho-1869", "cv-ho-1872"]


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, bullet, num, table."""
    blocks = []
    lines = md_text.splitlines()
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
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"\d+\. ", line):
            blocks.append(("num", line.split(". ", 1)[1]))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)
    return text


def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=18,
                             leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3, spaceBefore=4,
                             spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica", fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica", fontSize=base_size,
                             leading=base_size * 1.3),
    }


def flowables(blocks, st):
    out = []
    pending = []  # consecutive list items
    pending_kind = None

    def flush():
        nonlocal pending, pending_kind
        if pending:
            kw = {"bulletType": "bullet", "start": "\u2022"} if pending_kind == "bullet" \
                else {"bulletType": "1"}
            out.append(ListFlowable([ListItem(Paragraph(to_rl(t), st["li"]), leftIndent=12)
                                     for t in pending], leftIndent=12, bulletFontSize=8, **kw))
            out.append(Spacer(1, 3))
        pending, pending_kind = [], None

    for kind, payload in blocks:
        if kind in ("bullet", "num"):
            if pending_kind and pending_kind != kind:
                flush()
            pending.append(payload)
            pending_kind = kind
            continue
        flush()
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["li"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))]))
            out.append(t)
    flush()
    return out


def render_pdf_single(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles(10)))


def render_pdf_two_column(cv_id, sidebar_titles):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    # header = name + tagline (everything before the first h2); then sections
    header, sections, current = [], [], None
    for b in blocks:
        if b[0] == "h2":
            current = [b]
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current.append(b)
    side = [blk for sec in sections if sec[0][1] in sidebar_titles for blk in sec]
    main = [blk for sec in sections if sec[0][1] not in sidebar_titles for blk in sec]

    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 6 * mm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                   showBoundary=0)
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.5)
    story = [NextPageTemplate("later")]
    story += flowables(header, main_st)
    story.append(FrameBreak())
    story += flowables(side, side_st)
    story.append(FrameBreak())
    story += flowables(main, main_st)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
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
        elif kind == "num":
            add_runs(doc.add_paragraph(style="List Number"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_SINGLE:
        render_pdf_single(cv_id)
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, side)
    for cv_id in DOCX:
        render_docx(cv_id)
    for cv_id in PDF_SINGLE + list(PDF_TWO_COLUMN) + DOCX + MD_ONLY:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    print("rendered", len(PDF_SINGLE) + len(PDF_TWO_COLUMN), "PDF,", len(DOCX), "DOCX;",
          len(MD_ONLY), "Markdown CVs kept as .md")


if __name__ == "__main__":
    main()
