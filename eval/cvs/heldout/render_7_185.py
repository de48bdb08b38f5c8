"""Render the CVs of this folder from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-185/render.py
The .md file is the CV's content; PDFs and DOCX files are generated from it.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2809": "md",
    "cv-ho-2810": "pdf",
    "cv-ho-2811": "docx",
    "cv-ho-2812": "pdf-two-column",
    "cv-ho-2813": "docx",
    "cv-ho-2814": "md",
    "cv-ho-2815": "pdf",
    "cv-ho-2816": "docx",
    "cv-ho-2817": "docx",
    "cv-ho-2818": "pdf",
    "cv-ho-2819": "md",
    "cv-ho-2820": "md",
}

# sections placed in the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages"}


def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, heading, para, bullet, table (payload = list of rows).
    """
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
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
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Split blocks into (preamble, [(heading, blocks), ...])."""
    pre, sections = [], []
    for kind, payload in blocks:
        if kind == "heading":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            pre.append((kind, payload))
    return pre, sections


# ---------------------------------------------------------------- inline markup

def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def runs(text):
    """Split into (text, bold, italic) runs for python-docx."""
    out = []
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


# ---------------------------------------------------------------- PDF

def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "heading": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                                  fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3b5c")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size * 1.3, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1, bulletFontName="Helvetica"),
    }


def rl_blocks(blocks, st, col_width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "heading":
            flow.append(Paragraph(to_rl(payload), st["heading"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2013"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[col_width * 0.45, col_width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    st = styles()
    doc.build(rl_blocks(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    pre, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in SIDEBAR_SECTIONS]
    main = [s for s in sections if s[0] not in SIDEBAR_SECTIONS]

    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    header_h = 22 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4,
                    rightPadding=4, topPadding=4, bottomPadding=4)
    mainf = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                  leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, mainf], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    st_main = styles(9.2)
    st_side = styles(8.6)
    flow = rl_blocks(pre, st_main, W - 2 * margin)
    flow.append(FrameBreak())
    for head, blk in side:
        flow.extend(rl_blocks([("heading", head)] + blk, st_side, side_w))
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    for head, blk in main:
        flow.extend(rl_blocks([("heading", head)] + blk, st_main, main_w))
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX

def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    doc.core_properties.author = "synthetic CV"
    doc.core_properties.title = cv_id
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: markdown is the target ({md_path.name})")
            continue
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(target)
        print(f"{cv_id}: wrote {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
