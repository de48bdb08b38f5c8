"""Render the dev-l CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-l/render.py

- PDF targets are built with reportlab (real text layer, standard Helvetica).
  cv-dev-133 uses a two-frame page template: a sidebar frame (contact, skills,
  languages, interests) and a main frame (everything else).
- DOCX targets are built with python-docx; Markdown tables become real Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-133": "pdf-two-column",
    "cv-dev-134": "docx",
    "cv-dev-135": "md",
    "cv-dev-136": "docx",
    "cv-dev-137": "pdf",
    "cv-dev-138": "md",
    "cv-dev-139": "pdf",
    "cv-dev-140": "md",
    "cv-dev-141": "pdf",
    "cv-dev-142": "md",
    "cv-dev-143": "docx",
    "cv-dev-144": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parsing: title, sections, sub-headings, bullets, tables,
# paragraphs. Each block is (kind, payload).
# --------------------------------------------------------------------------
def parse_blocks(text: str) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("section", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("subsection", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Return (title, [(section_name, [blocks...]), ...]); blocks before the
    first section are put under section name None."""
    title = None
    sections: list[tuple[str | None, list]] = [(None, [])]
    for kind, payload in blocks:
        if kind == "title" and title is None:
            title = payload
        elif kind == "section":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return title, sections


# --------------------------------------------------------------------------
# Inline formatting
# --------------------------------------------------------------------------
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl_markup(s: str) -> str:
    out = []
    for part in INLINE.split(s):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>" + esc[2:-2] + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>" + esc[1:-1] + "</i>")
        else:
            out.append(esc)
    return "".join(out)


def add_docx_runs(paragraph, s: str):
    for part in INLINE.split(s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "section": ParagraphStyle("s", parent=ss["Heading2"], fontName="Helvetica-Bold",
                                  fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1F3A5F")),
        "subsection": ParagraphStyle("ss", parent=ss["Heading3"], fontName="Helvetica-Bold",
                                     fontSize=base_size + 0.5, leading=base_size + 3.5,
                                     spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 1, leading=base_size + 1),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "title":
            flow.append(Paragraph(to_rl_markup(payload), st["title"]))
        elif kind == "section":
            flow.append(Paragraph(to_rl_markup(payload), st["section"]))
        elif kind == "subsection":
            flow.append(Paragraph(to_rl_markup(payload), st["subsection"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            flow.append(Paragraph(to_rl_markup(payload), st["para"]))
        elif kind == "table":
            rows = [[Paragraph(to_rl_markup(c), st["cell"]) for c in r] for r in payload]
            ncol = max(len(r) for r in rows)
            t = Table(rows, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id: str, text: str):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic CV")
    flow = pdf_flowables(parse_blocks(text), st, doc.width)
    doc.build(flow)
    return out


def render_pdf_two_column(cv_id: str, text: str):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.4 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    frame_h = page_h - 2 * margin

    sidebar = Frame(margin, margin, side_w, frame_h, id="sidebar",
                    leftPadding=6, rightPadding=6, topPadding=8)
    main = Frame(main_x, margin, main_w, frame_h, id="main")
    later = Frame(margin, margin, page_w - 2 * margin, frame_h, id="later")

    def shade(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar, main], onPage=shade),
        PageTemplate(id="later", frames=[later]),
    ])

    side_st = pdf_styles(base_size=8.5)
    main_st = pdf_styles(base_size=9.5)
    title, sections = split_sections(parse_blocks(text))

    side_blocks = [("title", title)]
    main_blocks = []
    for name, blocks in sections:
        if name is None:
            side_blocks.extend(blocks)
        elif name in SIDEBAR_SECTIONS:
            side_blocks.append(("section", name))
            side_blocks.extend(blocks)
        else:
            main_blocks.append(("section", name))
            main_blocks.extend(blocks)

    side_st["title"] = ParagraphStyle("t2", parent=side_st["title"], fontSize=15, leading=18)
    story = pdf_flowables(side_blocks, side_st, side_w - 12)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story.extend(pdf_flowables(main_blocks, main_st, main_w))
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(cv_id: str, text: str):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in parse_blocks(text):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "section":
            doc.add_heading(payload, level=1)
        elif kind == "subsection":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_docx_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_docx_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    p = cells[c_i].paragraphs[0]
                    if r_i == 0:
                        p.add_run(val).bold = True
                    else:
                        add_docx_runs(p, val)
            doc.add_paragraph()
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if target == "pdf":
            out = render_pdf(cv_id, text)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, text)
        elif target == "docx":
            out = render_docx(cv_id, text)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
