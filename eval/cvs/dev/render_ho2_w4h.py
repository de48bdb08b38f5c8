"""Render the heldout-w4h CVs from their Markdown text to their target formats.

Run from anywhere with:  /work/main/.venv/bin/python eval/cvs/heldout-w4h/render.py
The .md files hold exactly the CV content; this script renders the PDF and DOCX targets.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-481": ("pdf-two-column", {"sidebar": ["Skills", "Languages", "Interests"]}),
    "cv-ho-482": ("docx", {}),
    "cv-ho-483": ("md", {}),
    "cv-ho-484": ("docx", {}),  # the Markdown skills table becomes a real Word table
    "cv-ho-485": ("pdf", {}),
    "cv-ho-486": ("md", {}),
    "cv-ho-487": ("docx", {}),
    "cv-ho-488": ("pdf", {}),
    "cv-ho-489": ("md", {}),
    "cv-ho-490": ("docx", {}),
    "cv-ho-491": ("pdf", {}),
    "cv-ho-492": ("md", {}),
}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(heading, blocks)].

    blocks are ("sub", text) | ("bullet", text) | ("para", text) | ("table", rows)."""
    title, header, sections = None, [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("### "):
            current[1].append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            (current[1] if current else header).append(("bullet", line[2:].strip()))
        else:
            (current[1] if current else header).append(("para", line.strip()))
    return title, header, sections


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs for **bold** and *italic*."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName="Helvetica-Bold",
                                fontSize=20 * scale, leading=24 * scale, alignment=TA_LEFT,
                                spaceAfter=4),
        "header": ParagraphStyle("h", parent=base["Normal"], fontName="Helvetica",
                                 fontSize=9.5 * scale, leading=12 * scale,
                                 textColor=colors.HexColor("#333333")),
        "section": ParagraphStyle("s", parent=base["Heading2"], fontName="Helvetica-Bold",
                                  fontSize=12 * scale, leading=15 * scale, spaceBefore=9,
                                  spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "sub": ParagraphStyle("u", parent=base["Normal"], fontName="Helvetica-Bold",
                              fontSize=10 * scale, leading=13 * scale, spaceBefore=4,
                              spaceAfter=2),
        "body": ParagraphStyle("b", parent=base["Normal"], fontName="Helvetica",
                               fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3),
    }


def blocks_to_flowables(blocks, st, width):
    flow, bullets = [], []

    def flush():
        if bullets:
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl_markup(b), st["body"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="•", leftIndent=10, bulletFontSize=7))
            bullets.clear()

    for kind, val in blocks:
        if kind == "bullet":
            bullets.append(val)
            continue
        flush()
        if kind == "sub":
            flow.append(Paragraph(to_rl_markup(val), st["sub"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl_markup(val), st["body"]))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["body"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    flush()
    return flow


def header_flowables(title, header, st):
    flow = [Paragraph(to_rl_markup(title), st["title"])]
    for kind, val in header:
        flow.append(Paragraph(to_rl_markup(val), st["header"]))
    return flow


def render_pdf(cv_id, parsed, out):
    title, header, sections = parsed
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=title, author=title, subject="Curriculum vitae")
    width = A4[0] - 4 * cm
    flow = header_flowables(title, header, st) + [Spacer(1, 4)]
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl_markup(heading), st["section"]))
        flow.extend(blocks_to_flowables(blocks, st, width))
    doc.build(flow)


def render_pdf_two_column(cv_id, parsed, out, sidebar_names):
    """Header across the top, then a real two-column page: sidebar frame + main frame."""
    title, header, sections = parsed
    st = pdf_styles()
    side_st = pdf_styles(scale=0.92)
    W, H = A4
    margin = 1.5 * cm
    header_h = 3.0 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=6, rightPadding=6, topPadding=4, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title,
                          subject="Curriculum vitae")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    flow = [NextPageTemplate("later")] + header_flowables(title, header, st) + [FrameBreak()]
    side = [s for s in sections if s[0] in sidebar_names]
    main = [s for s in sections if s[0] not in sidebar_names]
    for heading, blocks in side:
        flow.append(Paragraph(to_rl_markup(heading), side_st["section"]))
        flow.extend(blocks_to_flowables(blocks, side_st, side_w - 12))
    flow.append(FrameBreak())
    for heading, blocks in main:
        flow.append(Paragraph(to_rl_markup(heading), st["section"]))
        flow.extend(blocks_to_flowables(blocks, st, main_w))
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold, italic in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, parsed, out):
    title, header, sections = parsed
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for kind, val in header:
        add_runs(doc.add_paragraph(), val)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        for kind, val in blocks:
            if kind == "sub":
                doc.add_heading(val, level=2)
            elif kind == "bullet":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "para":
                add_runs(doc.add_paragraph(), val)
            elif kind == "table":
                ncols = max(len(r) for r in val)
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                for i, row in enumerate(val):
                    cells = table.add_row().cells
                    for j, text in enumerate(row):
                        cells[j].text = ""
                        p = cells[j].paragraphs[0]
                        add_runs(p, text)
                        if i == 0:
                            for r in p.runs:
                                r.bold = True
                doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id, (fmt, opts) in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        parsed = parse(md_path.read_text(encoding="utf-8"))
        if fmt == "md":
            continue  # the Markdown file itself is the target
        if fmt == "pdf":
            render_pdf(cv_id, parsed, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-two-column":
            render_pdf_two_column(cv_id, parsed, HERE / f"{cv_id}.pdf", opts["sidebar"])
        elif fmt == "docx":
            render_docx(cv_id, parsed, HERE / f"{cv_id}.docx")
        print("rendered", cv_id, fmt)


if __name__ == "__main__":
    main()
