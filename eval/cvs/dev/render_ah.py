"""Render the dev-ah CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ah/render.py

Each CV's text lives in <id>.md. Targets:
  PDF : cv-dev-434 (two-column: sidebar + main), cv-dev-436, cv-dev-439, cv-dev-442
  DOCX: cv-dev-433, cv-dev-437 (skills as a real Word table), cv-dev-440, cv-dev-443
  MD  : cv-dev-435, cv-dev-438, cv-dev-441, cv-dev-444 (the .md itself is the target)
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.lib import colors

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-434", "cv-dev-436", "cv-dev-439", "cv-dev-442"]
DOCX_TARGETS = ["cv-dev-433", "cv-dev-437", "cv-dev-440", "cv-dev-443"]
TWO_COLUMN = {"cv-dev-434": {"Skills", "Learning now", "Certifications", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Very small Markdown reader: returns (title, blocks).

    blocks is a list of (section, kind, payload) where kind is one of
    'h3', 'para', 'bullet', 'table'. The text before the first '##' has
    section None (contact line).
    """
    title = None
    blocks = []
    section = None
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append((section, "para", para[:]))
            para.clear()

    def flush_table():
        if table:
            blocks.append((section, "table", table[:]))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush_para(); flush_table()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para(); flush_table()
            section = line[3:].strip()
            blocks.append((section, "h2", section))
        elif line.startswith("### "):
            flush_para(); flush_table()
            blocks.append((section, "h3", line[4:].strip()))
        elif line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            table.append(cells)
        elif re.match(r"^(- |\d+\. )", line):
            flush_para(); flush_table()
            text = re.sub(r"^(- |\d+\. )", "", line)
            blocks.append((section, "bullet", text))
        elif not line.strip():
            flush_para(); flush_table()
        else:
            flush_table()
            para.append(line.strip())
    flush_para(); flush_table()
    return title, blocks


def inline_spans(text):
    """Split text into (segment, bold, italic) spans for **bold** and *italic*."""
    spans = []
    pattern = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            spans.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            spans.append((tok[2:-2], True, False))
        else:
            spans.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        spans.append((text[pos:], False, False))
    return spans


def to_rl_markup(text):
    out = []
    for seg, b, i in inline_spans(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5,
                          leading=12.5, alignment=TA_LEFT, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=18,
                                leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10,
                             leading=13, spaceBefore=4),
        "para": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2,
                                 spaceAfter=2),
        "side": ParagraphStyle("side", parent=base, fontSize=8.8, leading=11.5),
        "side_h2": ParagraphStyle("side_h2", parent=base, fontName="Helvetica-Bold",
                                  fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1F3A5F")),
        "side_bullet": ParagraphStyle("side_bullet", parent=base, fontSize=8.8, leading=11.5,
                                      leftIndent=8, bulletIndent=0, spaceAfter=2),
    }


def block_flowables(blocks, st, side=False):
    flow = []
    for _section, kind, payload in blocks:
        if kind == "h2":
            flow.append(Paragraph(to_rl_markup(payload), st["side_h2" if side else "h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl_markup(payload), st["h3"]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl_markup(l) for l in payload),
                                  st["side" if side else "para"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["side_bullet" if side else "bullet"],
                                  bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def render_pdf_single(cv_id, title, blocks):
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=title, author=title)
    flow = [Paragraph(to_rl_markup(title), st["title"])]
    flow += block_flowables(blocks, st)
    doc.build(flow)


def render_pdf_two_column(cv_id, title, blocks, side_sections):
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 15 * mm
    header_h = 24 * mm
    gutter = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gutter
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def draw_rule(canvas, _doc):
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        x = margin + side_w + gutter / 2
        canvas.line(x, margin, x, body_top - 2 * mm)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_rule),
                          PageTemplate(id="later", frames=[later])])

    head_blocks = [b for b in blocks if b[0] is None]
    side_blocks = [b for b in blocks if b[0] in side_sections]
    main_blocks = [b for b in blocks if b[0] is not None and b[0] not in side_sections]

    flow = [Paragraph(to_rl_markup(title), st["title"])]
    flow += block_flowables(head_blocks, st)
    flow.append(FrameBreak())
    flow += block_flowables(side_blocks, st, side=True)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    flow += block_flowables(main_blocks, st)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, b, i in inline_spans(text):
        run = paragraph.add_run(seg)
        run.bold = b
        run.italic = i


def render_docx(cv_id, title, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for _section, kind, payload in blocks:
        if kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    para = cells[c_i].paragraphs[0]
                    add_runs(para, val)
                    if r_i == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_TARGETS:
            if cv_id in TWO_COLUMN:
                render_pdf_two_column(cv_id, title, blocks, TWO_COLUMN[cv_id])
            else:
                render_pdf_single(cv_id, title, blocks)
            print("wrote", f"{cv_id}.pdf")
        else:
            render_docx(cv_id, title, blocks)
            print("wrote", f"{cv_id}.docx")


if __name__ == "__main__":
    main()
