"""Render the CVs of this folder (cv-dev-445 .. cv-dev-456) from their .md text
to their target formats (.pdf via reportlab, .docx via python-docx).
The .md files are the source of truth; .md targets are not rendered.
Run with: /work/main/.venv/bin/python eval/cvs/dev-ai/render.py
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, FrameBreak, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-445": "md",
    "cv-dev-446": "docx",   # Word table for skills
    "cv-dev-447": "pdf2",   # two-column PDF
    "cv-dev-448": "docx",
    "cv-dev-449": "md",
    "cv-dev-450": "pdf",
    "cv-dev-451": "pdf",
    "cv-dev-452": "docx",
    "cv-dev-453": "md",
    "cv-dev-454": "pdf",
    "cv-dev-455": "md",
    "cv-dev-456": "docx",
}
# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Courses", "Languages", "Interests"}


def parse(md_text):
    """Return (name, blocks); blocks are (kind, payload) with kind in
    heading / para / bullet / table."""
    name = None
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
            name = line[2:].strip()
        elif line.startswith("## "):
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return name, blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def styles():
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontName="Helvetica-Bold",
                               fontSize=17, leading=21, alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                            fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=9.5, leading=12.5, spaceAfter=3),
        "b": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=9.5, leading=12.5, leftIndent=10, bulletIndent=2,
                            spaceAfter=1),
    }


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "heading":
            out.append(Paragraph(inline_rl(payload), st["h"]))
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["p"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["b"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cid, name, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=f"CV - {name}",
                            author=name)
    doc.build([Paragraph(inline_rl(name), st["name"])] + flow(blocks, st))


def split_sections(blocks):
    sections, cur = [], None
    for b in blocks:
        if b[0] == "heading":
            cur = [b[1], []]
            sections.append(cur)
        elif cur is None:
            cur = ["", [b]]
            sections.append(cur)
        else:
            cur[1].append(b)
    return sections


def render_pdf_two_column(cid, name, blocks, out):
    st = styles()
    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = (W - 2 * margin - gap) * 0.34
    main_w = (W - 2 * margin - gap) - side_w
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)

    def background(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, H - 2 * margin + 6, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV - {name}", author=name)
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=background)])
    side_blocks, main_blocks = [], []
    for title, body in split_sections(blocks):
        target = side_blocks if title in SIDEBAR else main_blocks
        target.append(("heading", title))
        target.extend(body)
    small = dict(st)
    small["p"] = ParagraphStyle("sp", parent=st["p"], fontSize=8.8, leading=11.5)
    small["b"] = ParagraphStyle("sb", parent=st["b"], fontSize=8.8, leading=11.5)
    # sidebar paragraphs: keep address lines separate
    story = flow(side_blocks, small)
    story.append(FrameBreak())
    story.append(Paragraph(inline_rl(name), st["name"]))
    story.extend(flow(main_blocks, st))
    doc.build(story)


def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cid, name, blocks, out):
    d = docx.Document()
    d.core_properties.title = f"CV - {name}"
    d.core_properties.author = name
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.add_heading(name, level=0)
    for kind, payload in blocks:
        if kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
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
    d.save(str(out))


def main():
    for cid, fmt in TARGETS.items():
        src = HERE / f"{cid}.md"
        name, blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cid, name, blocks, HERE / f"{cid}.pdf")
        elif fmt == "pdf2":
            render_pdf_two_column(cid, name, blocks, HERE / f"{cid}.pdf")
        elif fmt == "docx":
            render_docx(cid, name, blocks, HERE / f"{cid}.docx")
        print("rendered", cid, fmt)


if __name__ == "__main__":
    main()
