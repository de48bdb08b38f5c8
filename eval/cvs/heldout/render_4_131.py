"""Render the heldout4-131 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-131/render.py

- PDF (reportlab, real text layer): cv-ho-2161 (two-column: sidebar + main frame),
  cv-ho-2164, cv-ho-2167, cv-ho-2170 (single column).
- DOCX (python-docx): cv-ho-2162 (skills as a real Word table), cv-ho-2165,
  cv-ho-2168, cv-ho-2171.
- MD: cv-ho-2163, cv-ho-2166, cv-ho-2169, cv-ho-2172 (the .md file is the target).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-2164", "cv-ho-2167", "cv-ho-2170"]
PDF_TWO_COLUMN = {"cv-ho-2161": {"Contact", "Skills", "Languages", "Interests"}}
DOCX = ["cv-ho-2162", "cv-ho-2165", "cv-ho-2168", "cv-ho-2171"]


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return (title, subtitle_lines, sections); sections = [(heading, blocks)].

    A block is ("p", text) | ("li", text) | ("table", rows).
    """
    title, pre, sections = None, [], []
    cur = None
    table = None
    para = []

    def flush_para():
        nonlocal para
        if para:
            target = cur[1] if cur is not None else pre
            target.append(("p", " ".join(para)) if cur is not None else " ".join(para))
            para = []

    def flush_table():
        nonlocal table
        if table is not None:
            cur[1].append(("table", table))
            table = None

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            flush_para()
            flush_table()
            cur = (line[3:].strip(), [])
            sections.append(cur)
            continue
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table = (table or []) + [cells]
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        if line.startswith("- "):
            flush_para()
            cur[1].append(("li", line[2:].strip()))
            continue
        if cur is None:
            # lines under the title before the first section: keep line breaks
            pre.append(line.strip())
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return title, pre, sections


def md_inline_to_rl(s):
    s = html.escape(s, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=base + 8,
                                leading=base + 12, spaceAfter=2),
        "sub": ParagraphStyle("sub", fontName="Helvetica", fontSize=base - 0.5,
                              leading=base + 3, textColor=colors.HexColor("#333333")),
        "h": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=base + 1.5,
                            leading=base + 5, spaceBefore=8, spaceAfter=3,
                            textColor=colors.HexColor("#1f3b5c")),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base + 3.2,
                            spaceAfter=3),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base, leading=base + 3.2,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(md_inline_to_rl(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(md_inline_to_rl(val), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            out.append(t)
    return out


def render_pdf_single(cv_id):
    title, pre, sections = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = styles(10)
    story = [Paragraph(md_inline_to_rl(title), st["title"])]
    for line in pre:
        story.append(Paragraph(md_inline_to_rl(line), st["sub"]))
    story.append(Spacer(1, 6))
    for heading, blocks in sections:
        story.append(Paragraph(md_inline_to_rl(heading), st["h"]))
        story.extend(blocks_to_flowables(blocks, st))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV - {title}", author=title)
    doc.build(story)


def render_pdf_two_column(cv_id, sidebar_sections):
    """Sidebar frame (left) with contact/skills/languages; main frame (right)."""
    title, pre, sections = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = styles(9.5)
    side_st = styles(8.8)
    page_w, page_h = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    frame_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, frame_h,
                 id="main", leftPadding=4, rightPadding=4, topPadding=6, bottomPadding=6)
    # later pages (if any) use a single wide frame
    wide = Frame(margin, margin, page_w - 2 * margin, frame_h, id="wide")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, frame_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                          title=f"CV - {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg, autoNextPageTemplate="rest"),
        PageTemplate(id="rest", frames=[wide]),
    ])
    story = [Paragraph(md_inline_to_rl(title), side_st["title"])]
    for line in pre:
        story.append(Paragraph(md_inline_to_rl(line), side_st["sub"]))
    for heading, blocks in sections:
        if heading in sidebar_sections:
            story.append(Paragraph(md_inline_to_rl(heading), side_st["h"]))
            story.extend(blocks_to_flowables(blocks, side_st))
    story.append(FrameBreak())
    for heading, blocks in sections:
        if heading not in sidebar_sections:
            story.append(Paragraph(md_inline_to_rl(heading), st["h"]))
            story.extend(blocks_to_flowables(blocks, st))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id):
    title, pre, sections = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"CV - {title}"
    doc.core_properties.author = title
    doc.add_heading(title, level=0)
    for line in pre:
        add_runs(doc.add_paragraph(), line)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                table = doc.add_table(rows=len(val), cols=len(val[0]))
                table.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        cell_par = table.cell(r, c).paragraphs[0]
                        if r == 0:
                            cell_par.add_run(cell).bold = True
                        else:
                            add_runs(cell_par, cell)
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, side)
        print("wrote", f"{cv_id}.pdf (two-column)")
    for cv_id in PDF_SINGLE:
        render_pdf_single(cv_id)
        print("wrote", f"{cv_id}.pdf")
    for cv_id in DOCX:
        render_docx(cv_id)
        print("wrote", f"{cv_id}.docx")


if __name__ == "__main__":
    main()
