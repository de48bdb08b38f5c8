"""Render the heldout7-187 CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-187/render.py
PDF targets get a real text layer (reportlab); one PDF uses a genuine two-column
layout (sidebar frame + main frame). DOCX targets use python-docx; Markdown
pipe tables become real Word tables.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = {"cv-ho-2834": "two-column", "cv-ho-2837": "single", "cv-ho-2840": "single",
       "cv-ho-2842": "single"}
DOCX = ["cv-ho-2833", "cv-ho-2836", "cv-ho-2839", "cv-ho-2843"]
# Sections placed in the sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-2834": {"Contact", "Skills", "Certifications", "Languages"}}


def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: h1,h2,h3,bullet,para,table."""
    blocks, table = [], []
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


def split_sections(blocks):
    """Group blocks into (heading, [blocks]) sections; heading None for the preamble."""
    sections, current = [], (None, [])
    for b in blocks:
        if b[0] == "h2":
            sections.append(current)
            current = (b[1], [])
        else:
            current[1].append(b)
    sections.append(current)
    return sections


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_styles(base=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base + 9, leading=base + 12,
                             alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.5,
                             leading=base + 5, spaceBefore=7, spaceAfter=2,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base,
                               leading=base + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_inline(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(rl_inline(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(rl_inline(payload), st[kind]))
    return out


def render_pdf_single(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    st = pdf_styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    pw, ph = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gap
    h = ph - 2 * margin
    side = Frame(margin, margin, side_w, h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main", leftPadding=4,
                 rightPadding=4)
    cont = Frame(margin, margin, pw - 2 * margin, h, id="cont")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef3f1"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV",
                          pageTemplates=[PageTemplate("twocol", [side, main],
                                                      onPage=draw_sidebar_bg),
                                         PageTemplate("onecol", [cont])])
    sections = split_sections(blocks)
    side_names = SIDEBAR[cv_id]
    st_side = pdf_styles(base=8.5)
    st_main = pdf_styles(base=9.5)
    story = [NextPageTemplate("onecol")]
    # sidebar: the name (preamble) and sidebar sections
    pre = sections[0][1]
    story += flowables(pre, st_side, side_w - 8)
    for name, body in sections[1:]:
        if name in side_names:
            story += flowables([("h2", name)] + body, st_side, side_w - 8)
    story.append(FrameBreak())
    for name, body in sections[1:]:
        if name not in side_names:
            story += flowables([("h2", name)] + body, st_main, main_w - 8)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        else:
            par.add_run(p)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
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
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    run = t.cell(r, c).paragraphs[0].add_run(cell)
                    run.bold = r == 0
            doc.add_paragraph()
    doc.save(str(path))
    return path


def main():
    for cv_id, layout in PDF.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = (render_pdf_two_column if layout == "two-column" else render_pdf_single)(cv_id, blocks)
        print("wrote", p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print("wrote", p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
