"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/dev-ap/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, FrameBreak, NextPageTemplate, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-529": "pdf2col",
    "cv-dev-530": "docx",
    "cv-dev-531": "md",
    "cv-dev-532": "pdf",
    "cv-dev-533": "docx",
    "cv-dev-534": "pdf",
    "cv-dev-535": "md",
    "cv-dev-536": "pdf",
    "cv-dev-537": "docx",
    "cv-dev-538": "md",
    "cv-dev-539": "docx",
    "cv-dev-540": "md",
}

SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, num, para, table."""
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
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("num", line))
        else:
            blocks.append(("para", line))
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def rl_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13),
        "para": ParagraphStyle("para", parent=ss["Normal"], fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["Normal"], fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "num":
            out.append(Paragraph(inline_rl(payload), st["bullet"]))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(md_path, out_path):
    st = rl_styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(blocks_to_flowables(parse(md_path.read_text(encoding="utf-8")), st))


def split_sections(blocks):
    """Split blocks into (preamble, [(title, blocks)])."""
    pre, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            pre.append(b)
        else:
            cur[1].append(b)
    return pre, sections


def render_pdf_two_column(md_path, out_path):
    """Two real text columns: a narrow sidebar frame (contact, skills...) and a main frame."""
    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(main_x, margin, main_w, H - 2 * margin, id="main")
    later = Frame(main_x, margin, main_w, H - 2 * margin, id="main_later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.6 * cm, H - 2 * margin + 0.6 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    pre, sections = split_sections(parse(md_path.read_text(encoding="utf-8")))
    side_blocks, main_blocks = [], list(pre)
    for title, blks in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(blks)
    st_side = rl_styles(base_size=9)
    st_main = rl_styles()
    story = blocks_to_flowables(side_blocks, st_side)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += blocks_to_flowables(main_blocks, st_main)
    doc.build(story)


def add_inline_docx(par, text):
    parts = re.split(r"(\*\*.+?\*\*|\*.+?\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        elif p.startswith("*") and p.endswith("*") and len(p) > 2:
            par.add_run(p[1:-1]).italic = True
        else:
            par.add_run(p)


def render_docx(md_path, out_path):
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = md_path.stem
    d.core_properties.author = "synthetic CV"
    for kind, payload in parse(md_path.read_text(encoding="utf-8")):
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_inline_docx(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            add_inline_docx(d.add_paragraph(style="List Number"), re.sub(r"^\d+\. ", "", payload))
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_inline_docx(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
        else:
            add_inline_docx(d.add_paragraph(), payload)
    d.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
