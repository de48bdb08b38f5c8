"""Render the heldout3-74 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-74/render.py
The .md file is the CV's exact content; PDF/DOCX targets are generated from it.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1477": "pdf-2col",
    "cv-ho-1478": "docx",
    "cv-ho-1479": "md",
    "cv-ho-1480": "pdf",
    "cv-ho-1481": "docx",
    "cv-ho-1482": "md",
    "cv-ho-1483": "pdf",
    "cv-ho-1484": "docx",
    "cv-ho-1485": "md",
    "cv-ho-1486": "pdf",
    "cv-ho-1487": "docx",
    "cv-ho-1488": "md",
}
# Sections placed in the sidebar of the two-column PDF (the header block goes there too).
SIDEBAR = {"cv-ho-1477": {"Skills", "Currently learning", "Languages"}}


def parse(md_text):
    """Return (header_blocks, [(section_title, blocks)]); blocks are (kind, payload)."""
    header, sections, cur = [], [], None
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        target = header if cur is None else cur[1]
        if line.startswith("# "):
            header.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            target.append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            target.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            target.append(("table", rows))
            continue
        elif line.strip():
            target.append(("para", line.strip()))
        i += 1
    return header, sections


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def rl_styles(base=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=17, leading=21, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base + 2, leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "sub": ParagraphStyle("sub", parent=ss["Normal"], fontName="Helvetica-Bold",
                              fontSize=base + 0.5, leading=base + 3.5, spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base, leading=base + 3, spaceAfter=2),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base, leading=base + 3, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1),
    }


def rl_blocks(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "sub":
            out.append(Paragraph(inline_rl(payload), st["sub"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            out.append(t)
    return out


def render_pdf(cv_id, header, sections):
    st = rl_styles()
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    story = rl_blocks(header, st, doc.width)
    for title, blocks in sections:
        story.append(Paragraph(inline_rl(title), st["h2"]))
        story += rl_blocks(blocks, st, doc.width)
    doc.build(story)


def render_pdf_two_column(cv_id, header, sections):
    """Sidebar frame (header + skills etc.) on the left, main frame on the right."""
    st = rl_styles(base=8.8)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin, gap, side_w = 1.4 * cm, 0.7 * cm, 5.6 * cm
    main_w = W - 2 * margin - gap - side_w
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="one", frames=[full]),
    ])
    side_names = SIDEBAR[cv_id]
    story = [NextPageTemplate("one")]
    story += rl_blocks(header, st, side_w)
    for title, blocks in sections:
        if title in side_names:
            story.append(Paragraph(inline_rl(title), st["h2"]))
            story += rl_blocks(blocks, st, side_w)
    story.append(FrameBreak())
    for title, blocks in sections:
        if title not in side_names:
            story.append(Paragraph(inline_rl(title), st["h2"]))
            story += rl_blocks(blocks, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*[^*]+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def docx_blocks(doc, blocks):
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "sub":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True


def render_docx(cv_id, header, sections):
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    docx_blocks(doc, header)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        docx_blocks(doc, blocks)
    doc.core_properties.title = cv_id
    doc.save(HERE / f"{cv_id}.docx")


def main():
    for cv_id, fmt in TARGETS.items():
        header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, header, sections)
        elif fmt == "pdf-2col":
            render_pdf_two_column(cv_id, header, sections)
        elif fmt == "docx":
            render_docx(cv_id, header, sections)
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
