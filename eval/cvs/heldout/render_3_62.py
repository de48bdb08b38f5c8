"""Render the CVs in this folder from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-62/render.py
The .md file is the CV text; .md targets are left as they are.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1333": "md",
    "cv-ho-1334": "pdf2col",
    "cv-ho-1335": "docx",
    "cv-ho-1336": "pdf",
    "cv-ho-1337": "docx",
    "cv-ho-1338": "pdf",
    "cv-ho-1339": "docx",
    "cv-ho-1340": "md",
    "cv-ho-1341": "md",
    "cv-ho-1342": "pdf",
    "cv-ho-1343": "docx",
    "cv-ho-1344": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Education", "Languages", "Interests"}


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in cells):
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
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def rl_styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5, leftIndent=12,
                                 bulletIndent=3, spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=9, leading=11),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    st = rl_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.6 * cm, bottomMargin=1.6 * cm, title=path.stem)
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path):
    """Sidebar (contact, skills, education, ...) on the left, header + summary + experience on the right."""
    st = rl_styles()
    st["title"].fontSize = 16
    page_w, page_h = A4
    margin = 1.4 * cm
    gap = 0.6 * cm
    side_w = 6.0 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=4, rightPadding=4)
    single = Frame(margin, margin, page_w - 2 * margin, body_h, id="single")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem)
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="one", frames=[single])])

    header, side_blocks, main_blocks = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in SIDEBAR else main_blocks
        current.append((kind, payload))

    side_st = dict(st)
    side_st["para"] = ParagraphStyle("sp", parent=st["para"], fontSize=8.8, leading=11.5)
    side_st["bullet"] = ParagraphStyle("sb", parent=st["bullet"], fontSize=8.8, leading=11.5)
    story = blocks_to_flowables(side_blocks, side_st, side_w)
    story.append(NextPageTemplate("one"))
    story.append(FrameBreak())
    story += blocks_to_flowables(header + main_blocks, st, main_w)
    doc.build(story)


def add_inline_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_inline_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_inline_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = ""
                    p = t.cell(i, j).paragraphs[0]
                    add_inline_runs(p, cell)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
    doc.core_properties.title = path.stem
    doc.save(str(path))


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out)
        else:
            out = md_path
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
