"""Render the heldout-w5f CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-w5f/render.py

Targets:
  PDF : cv-ho-554 (two-column: sidebar + main frame), cv-ho-557, cv-ho-559, cv-ho-563
  DOCX: cv-ho-553, cv-ho-556 (skills as a real Word table), cv-ho-561, cv-ho-564
  MD  : cv-ho-555, cv-ho-558, cv-ho-560, cv-ho-562 (the .md file is the target)
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-554", "cv-ho-557", "cv-ho-559", "cv-ho-563"]
TWO_COLUMN = {"cv-ho-554": {"Contact", "Skills", "Learning now", "Languages"}}
DOCX_IDS = ["cv-ho-553", "cv-ho-556", "cv-ho-561", "cv-ho-564"]
MD_IDS = ["cv-ho-555", "cv-ho-558", "cv-ho-560", "cv-ho-562"]


# --------------------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple]:
    """Very small Markdown subset: #/##/### headings, '- ' bullets, '|' tables, paragraphs.

    Consecutive plain lines form one paragraph whose lines are kept as separate lines.
    """
    blocks: list[tuple] = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(("h", level, line[level:].strip()))
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while (i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "- ", "|"))):
                para.append(lines[i].rstrip())
                i += 1
            blocks.append(("p", para))
    return blocks


def sections(blocks: list[tuple]) -> list[tuple[str | None, list[tuple]]]:
    """Split blocks into (heading, blocks) groups at level-2 headings; first group = header."""
    out: list[tuple[str | None, list[tuple]]] = [(None, [])]
    for b in blocks:
        if b[0] == "h" and b[1] == 2:
            out.append((b[2], [b]))
        else:
            out[-1][1].append(b)
    return out


INLINE = re.compile(r"(\*\*.+?\*\*|\*[^*]+?\*)")


def to_rl(text: str) -> str:
    parts = INLINE.split(text)
    out = []
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>" + escape(part[2:-2]) + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append("<i>" + escape(part[1:-1]) + "</i>")
        else:
            out.append(escape(part))
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size: float = 9.5) -> dict[str, ParagraphStyle]:
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=18,
                             leading=22, spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=base_size + 2.5,
                             leading=(base_size + 2.5) * 1.3, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", fontSize=base_size + 1),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=base_size - 0.5, spaceAfter=0),
    }


def flowables(blocks: list[tuple], st: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for b in blocks:
        kind = b[0]
        if kind == "h":
            out.append(Paragraph(to_rl(b[2]), st["h%d" % min(b[1], 3)]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in b[1]), st["body"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(to_rl(x), st["bullet"]), leftIndent=10) for x in b[1]]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=10,
                                    bulletFontSize=st["body"].fontSize))
            out.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in b[1]]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf_single(cv_id: str, md: str) -> Path:
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="")
    doc.build(flowables(parse(md), pdf_styles()))
    return path


def render_pdf_two_column(cv_id: str, md: str, sidebar_titles: set[str]) -> Path:
    """Header across the top, then a shaded sidebar frame (left) and a main frame (right).

    Page 1 uses three frames; later pages use one full-width frame for the main column's overflow.
    """
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=8, rightPadding=8, topPadding=8, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=6)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def shade(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(colors.HexColor("#1f3a5f"))
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top - 2, W - margin, body_top - 2)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, side, main], onPage=shade),
                          PageTemplate(id="later", frames=[later])])

    groups = sections(parse(md))
    header_blocks = groups[0][1]
    side_groups = [g for g in groups[1:] if g[0] in sidebar_titles]
    main_groups = [g for g in groups[1:] if g[0] not in sidebar_titles]

    side_st = pdf_styles(8.3)
    main_st = pdf_styles(9.3)
    story: list = []
    story += flowables(header_blocks, pdf_styles(11))
    story.append(FrameBreak())
    for _, blocks in side_groups:
        story += flowables(blocks, side_st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    for _, blocks in main_groups:
        story += flowables(blocks, main_st)
    doc.build(story)
    return path


# --------------------------------------------------------------------------- DOCX
def add_inline(par, text: str, size: float | None = None) -> None:
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            run = par.add_run(part[2:-2])
            run.bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            run = par.add_run(part[1:-1])
            run.italic = True
        else:
            run = par.add_run(part)
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, md: str) -> Path:
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    for b in parse(md):
        kind = b[0]
        if kind == "h":
            if b[1] == 1:
                h = doc.add_heading(level=0)
                add_inline(h, b[2])
            else:
                h = doc.add_heading(level=min(b[1] - 1, 3))
                add_inline(h, b[2])
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "p":
            par = doc.add_paragraph()
            for j, line in enumerate(b[1]):
                if j:
                    par.add_run().add_break()
                add_inline(par, line)
        elif kind == "ul":
            for item in b[1]:
                add_inline(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            rows = b[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Light Grid Accent 1"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    add_inline(cell.paragraphs[0], val, size=10)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- main
def main() -> None:
    for cv_id in PDF_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        md.encode("cp1252")  # Helvetica (WinAnsi) must be able to show every character
        if cv_id in TWO_COLUMN:
            p = render_pdf_two_column(cv_id, md, TWO_COLUMN[cv_id])
        else:
            p = render_pdf_single(cv_id, md)
        print(f"wrote {p.name} ({p.stat().st_size // 1024} KB)")
    for cv_id in DOCX_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        p = render_docx(cv_id, md)
        print(f"wrote {p.name} ({p.stat().st_size // 1024} KB)")
    for cv_id in MD_IDS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
        print(f"target {cv_id}.md (Markdown source is the target)")


if __name__ == "__main__":
    main()
