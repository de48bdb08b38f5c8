"""Render the heldout-w3e CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-w3e/render.py

The .md file is the CV's content. PDF and DOCX targets are produced here;
.md targets are left as they are. One PDF (cv-ho-349) uses a real two-column
layout (sidebar frame + main frame); one DOCX (cv-ho-350) renders its skills
as a Word table (every Markdown table becomes a real Word table).
"""
import re
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-349": "pdf2col",
    "cv-ho-350": "docx",
    "cv-ho-351": "md",
    "cv-ho-352": "pdf",
    "cv-ho-353": "docx",
    "cv-ho-354": "md",
    "cv-ho-355": "pdf",
    "cv-ho-356": "docx",
    "cv-ho-357": "md",
    "cv-ho-358": "pdf",
    "cv-ho-359": "docx",
    "cv-ho-360": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-349": {"Contact", "Skills", "Currently learning", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("> "):
            blocks.append(("quote", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Split blocks into (preamble, [(section_title, [blocks])])."""
    pre, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        elif sections:
            sections[-1][1].append(b)
        else:
            pre.append(b)
    return pre, sections


def inline_runs(text):
    """Split '**bold** rest' into [(text, bold)]."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rl_inline(text):
    return "".join(f"<b>{esc(t)}</b>" if b else esc(t) for t, b in inline_runs(text))


# ---------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    ss = getSampleStyleSheet()
    st = {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=18,
                                leading=22, alignment=TA_LEFT, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica", fontSize=base,
                               leading=base + 3, spaceAfter=3),
        "quote": ParagraphStyle("q", parent=ss["Normal"], fontName="Helvetica-Oblique", fontSize=base,
                                leading=base + 3, spaceAfter=3, leftIndent=8),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica", fontSize=base,
                                 leading=base + 2.6),
        "cell": ParagraphStyle("c", parent=ss["Normal"], fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }
    return st


def pdf_flowables(blocks, st, width):
    out = []
    bullets = []

    def flush():
        if bullets:
            out.append(ListFlowable([ListItem(Paragraph(rl_inline(b), st["bullet"]), leftIndent=10)
                                     for b in bullets], bulletType="bullet", start="•",
                                    leftIndent=10, bulletFontSize=7))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "table":
            data = [[Paragraph(rl_inline(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
        else:
            out.append(Paragraph(rl_inline(payload), st[kind]))
    flush()
    return out


def render_pdf(cv_id, blocks, path):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, path):
    st = pdf_styles(base=9)
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 8 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header", showBoundary=0)
    side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=6)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h, id="main")
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 4, side_w + 2, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, side, main], onPage=first_bg),
                          PageTemplate(id="later", frames=[later])])

    pre, sections = split_sections(blocks)
    side_names = SIDEBAR[cv_id]
    side_blocks, main_blocks = [], []
    for name, body in sections:
        target = side_blocks if name in side_names else main_blocks
        target.append(("h2", name))
        target.extend(body)

    story = [NextPageTemplate("later")]
    story += pdf_flowables(pre, st, W - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side_blocks, st, side_w - 10)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, st, main.width)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b in inline_runs(text):
        r = par.add_run(t)
        r.bold = b


def render_docx(cv_id, blocks, path):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "quote":
            add_runs(d.add_paragraph(style="Quote"), payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
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
    d.save(str(path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            out = md_path
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
