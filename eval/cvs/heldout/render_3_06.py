"""Render the heldout3-06 CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-06/render.py

Targets (the .md file is the source text of every CV; for MD targets it is the CV itself):
  PDF : cv-ho-661 (two-column layout: sidebar + main column), cv-ho-664, cv-ho-667, cv-ho-670
  DOCX: cv-ho-662 (skills as a real Word table), cv-ho-665, cv-ho-668, cv-ho-671
  MD  : cv-ho-663, cv-ho-666, cv-ho-669, cv-ho-672
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

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

PDF_TARGETS = ["cv-ho-661", "cv-ho-664", "cv-ho-667", "cv-ho-670"]
TWO_COLUMN = {"cv-ho-661": "Profile"}  # id -> first heading of the main column
DOCX_TARGETS = ["cv-ho-662", "cv-ho-665", "cv-ho-668", "cv-ho-671"]
MD_TARGETS = ["cv-ho-663", "cv-ho-666", "cv-ho-669", "cv-ho-672"]


# --------------------------------------------------------------------------- parsing
def parse_markdown(text: str) -> list[tuple]:
    """Very small Markdown reader: headings, bullets, tables, rules, plain lines."""
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
        elif line.strip() == "---":
            blocks.append(("hr", ""))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl_markup(text: str) -> str:
    out = []
    for part in INLINE.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append("<b>" + escape(part[2:-2]) + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>" + escape(part[1:-1]) + "</i>")
        else:
            out.append(escape(part))
    return "".join(out)


def add_docx_runs(paragraph, text: str) -> None:
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


# --------------------------------------------------------------------------- PDF
def pdf_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["Normal"], fontName="Helvetica", fontSize=9.5 * scale,
        leading=12.5 * scale, alignment=TA_LEFT, spaceAfter=1.5,
    )
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=17 * scale,
                             leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", fontSize=10.5 * scale,
                             leading=13 * scale, spaceBefore=6, spaceAfter=2),
        "p": body,
        "li": ParagraphStyle("li", parent=body, leftIndent=10, bulletIndent=1),
    }


def blocks_to_flowables(blocks, styles, width):
    flow = []
    for kind, content in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["p"]) for c in row] for row in content]
            t = Table(data, colWidths=[width * 0.62, width * 0.38])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "hr":
            flow.append(Spacer(1, 6))
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(content), styles["li"], bulletText="\u2022"))
        elif kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl_markup(content), styles[kind]))
        else:
            flow.append(Paragraph(to_rl_markup(content), styles["p"]))
    return flow


def render_pdf_single(cv_id: str, blocks) -> Path:
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    styles = pdf_styles()
    doc.build(blocks_to_flowables(blocks, styles, doc.width))
    return out


def render_pdf_two_column(cv_id: str, blocks, main_heading: str) -> Path:
    """Sidebar (name, contact, skills, languages...) in a narrow left frame,
    experience/education in a wide right frame: two real text columns."""
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.4 * cm
    gap = 0.8 * cm
    side_w = 6.0 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, frame_h, id="sidebar", leftPadding=6, rightPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", leftPadding=0,
                 rightPadding=0)
    later = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main2", leftPadding=0,
                  rightPadding=0)

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later]),
    ])

    split = next(i for i, (k, c) in enumerate(blocks) if k == "h2" and c == main_heading)
    side_styles = pdf_styles(scale=0.9)
    main_styles = pdf_styles()
    flow = blocks_to_flowables(blocks[:split], side_styles, side_w - 12)
    flow += [NextPageTemplate("later"), FrameBreak()]
    flow += blocks_to_flowables(blocks[split:], main_styles, main_w)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------- DOCX
def render_docx(cv_id: str, blocks) -> Path:
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=0)
        elif kind == "h2":
            doc.add_heading(re.sub(r"\*", "", content), level=1)
        elif kind == "h3":
            doc.add_heading(re.sub(r"\*", "", content), level=2)
        elif kind == "li":
            add_docx_runs(doc.add_paragraph(style="List Bullet"), content)
        elif kind == "table":
            rows = content
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    add_docx_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
        elif kind == "hr":
            continue
        else:
            add_docx_runs(doc.add_paragraph(), content)
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main() -> None:
    for cv_id in PDF_TARGETS:
        blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            out = render_pdf_single(cv_id, blocks)
        print(f"wrote {out.name} ({out.stat().st_size} bytes)")
    for cv_id in DOCX_TARGETS:
        blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_docx(cv_id, blocks)
        print(f"wrote {out.name} ({out.stat().st_size} bytes)")
    for cv_id in MD_TARGETS:
        path = HERE / f"{cv_id}.md"
        assert path.exists(), path
        print(f"kept  {path.name} (Markdown target)")


if __name__ == "__main__":
    main()
