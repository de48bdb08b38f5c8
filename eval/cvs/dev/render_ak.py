"""Render the dev-ak CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ak/render.py
The .md files are the CV text; .md targets need no rendering.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (SimpleDocTemplate, BaseDocTemplate, PageTemplate, Frame,
                                FrameBreak, Paragraph, Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-469": "md",
    "cv-dev-470": "docx",
    "cv-dev-471": "pdf",
    "cv-dev-472": "pdf2col",
    "cv-dev-473": "docx",   # skills section is a real Word table
    "cv-dev-474": "md",
    "cv-dev-475": "docx",
    "cv-dev-476": "pdf",
    "cv-dev-477": "md",
    "cv-dev-478": "pdf",
    "cv-dev-479": "docx",
    "cv-dev-480": "md",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


def parse(text):
    """Very small Markdown parser: returns blocks (kind, payload)."""
    blocks, table = [], None
    for line in text.splitlines():
        s = line.rstrip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not s:
            continue
        if s.startswith("# "):
            blocks.append(("h1", s[2:]))
        elif s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("- "):
            blocks.append(("li", s[2:]))
        else:
            blocks.append(("p", s))
    return blocks


def sections(blocks):
    """Split blocks into (heading or None, [blocks]) groups at each h2."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


def rl_inline(s):
    s = escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\*)\*(?!\s)(.+?)\*", r"<i>\1</i>", s)
    return s


def pdf_styles(base=10):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base + 8, leading=base + 11,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=base, leading=base * 1.3,
                            spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontSize=base, leading=base * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=2),
    }
    return st


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_inline(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(rl_inline(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(rl_inline(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic")
    doc.build(flow(blocks, st))


def render_pdf_two_column(cv_id, blocks):
    """Sidebar frame (left) + main frame (right) on each page: a real two-column text layer."""
    W, H = A4
    margin, gap, side_w = 14 * mm, 8 * mm, 58 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", showBoundary=0)
    main = Frame(main_x, margin, main_w, H - 2 * margin, id="main", showBoundary=0)

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[side, main], onPage=deco)])
    side_st, main_st = pdf_styles(8.5), pdf_styles(9.5)
    head, *secs = sections(blocks)
    side_blocks, main_blocks = [], list(head[1])
    for name, bl in secs:
        (side_blocks if name in SIDEBAR else main_blocks).extend(bl)
    story = flow(side_blocks, side_st) + [FrameBreak()] + flow(main_blocks, main_st)
    doc.build(story)


def docx_inline(par, s):
    for part in re.split(r"(\*\*.+?\*\*)", s):
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, blocks):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "li":
            docx_inline(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, c in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = c
                    if i == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
        else:
            docx_inline(d.add_paragraph(), payload)
    d.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            render_docx(cv_id, blocks)
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
