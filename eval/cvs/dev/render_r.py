"""Render the dev-r CVs (Markdown sources) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-r/render.py

- PDF targets use reportlab with a real text layer; cv-dev-209 is laid out in
  two frames (sidebar + main column) so that the text layer is two columns.
- DOCX targets use python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-205", "cv-dev-207", "cv-dev-209", "cv-dev-212"]
DOCX_TARGETS = ["cv-dev-206", "cv-dev-210", "cv-dev-213", "cv-dev-215"]
MD_TARGETS = ["cv-dev-208", "cv-dev-211", "cv-dev-214", "cv-dev-216"]
# For the two-column PDF: every block before this section goes in the sidebar.
TWO_COLUMN = {"cv-dev-209": "Experience"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Turn the small Markdown subset used by the CVs into a list of blocks."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h2", line[4:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif re.match(r"^(- |\d+\. )", line):
            ordered = not line.startswith("- ")
            items = []
            while i < len(lines) and re.match(r"^(- |\d+\. )", lines[i]):
                items.append(re.sub(r"^(- |\d+\. )", "", lines[i]).strip())
                i += 1
            blocks.append(("ol" if ordered else "ul", items))
            continue
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for seg, bold, italic in inline_runs(text):
        seg = html.escape(seg, quote=False)
        if bold:
            seg = f"<b>{seg}</b>"
        if italic:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3),
    }


def pdf_flowables(blocks, st, table_width):
    flow = []
    for kind, content in blocks:
        if kind in ("h1", "h2", "p"):
            flow.append(Paragraph(to_rl_markup(content), st[kind]))
        elif kind in ("ul", "ol"):
            items = [ListItem(Paragraph(to_rl_markup(t), st["li"]), leftIndent=12)
                     for t in content]
            flow.append(ListFlowable(items, bulletType="1" if kind == "ol" else "bullet",
                                     start=None if kind == "ol" else "•",
                                     leftIndent=12, bulletFontSize=8))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["li"]) for c in row] for row in content]
            ncols = len(content[0])
            t = Table(data, colWidths=[table_width / ncols] * ncols, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    margin = 18 * mm
    width, height = A4
    title = blocks[0][1] if blocks and blocks[0][0] == "h1" else cv_id
    if cv_id in TWO_COLUMN:
        split_at = next(i for i, (k, c) in enumerate(blocks)
                        if k == "h2" and c == TWO_COLUMN[cv_id])
        side_w = 60 * mm
        gap = 8 * mm
        main_w = width - 2 * margin - side_w - gap
        doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title,
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        side = Frame(margin, margin, side_w, height - 2 * margin, id="sidebar",
                     leftPadding=0, rightPadding=4)
        main = Frame(margin + side_w + gap, margin, main_w, height - 2 * margin,
                     id="main", leftPadding=4, rightPadding=0)

        def draw_rule(canvas, _doc):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#9fb3c8"))
            x = margin + side_w + gap / 2
            canvas.line(x, margin, x, height - margin)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="two", frames=[side, main],
                                           onPage=draw_rule)])
        st_side = pdf_styles(base_size=9)
        st_side["h1"] = ParagraphStyle("h1side", parent=st_side["h1"], fontSize=14, leading=17)
        st_main = pdf_styles(base_size=10)
        story = pdf_flowables(blocks[:split_at], st_side, side_w - 6)
        story.append(FrameBreak())
        story += pdf_flowables(blocks[split_at:], st_main, main_w - 6)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, title=title, author=title,
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        st = pdf_styles()
        doc.build(pdf_flowables(blocks, st, min(110 * mm, width - 2 * margin)))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for seg, bold, italic in inline_runs(text):
        run = paragraph.add_run(seg)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, content in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), content)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), content)
        elif kind == "p":
            add_runs(doc.add_paragraph(), content)
        elif kind in ("ul", "ol"):
            style = "List Number" if kind == "ol" else "List Bullet"
            for item in content:
                add_runs(doc.add_paragraph(style=style), item)
        elif kind == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    para = cell.paragraphs[0]
                    add_runs(para, cell_text)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = blocks[0][1] if blocks else cv_id
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS + MD_TARGETS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_TARGETS:
            out = render_pdf(cv_id, blocks)
        elif cv_id in DOCX_TARGETS:
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
