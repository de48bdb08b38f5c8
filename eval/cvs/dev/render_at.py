"""Render the dev-at CVs from their Markdown source to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-at/render.py

Each CV's text lives in <id>.md.  This script turns some of them into PDF
(reportlab, real text layer) or DOCX (python-docx).  The .md files whose
target format is Markdown are left untouched.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    HRFlowable,
    ListFlowable,
    ListItem,
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
    "cv-dev-577": "md",
    "cv-dev-578": "docx",
    "cv-dev-579": "pdf",
    "cv-dev-580": "pdf-two-column",
    "cv-dev-581": "docx",
    "cv-dev-582": "md",
    "cv-dev-583": "pdf",
    "cv-dev-584": "docx",
    "cv-dev-585": "md",
    "cv-dev-586": "md",
    "cv-dev-587": "pdf",
    "cv-dev-588": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Education", "Certifications"}


# --------------------------------------------------------------------------
# A very small Markdown parser (headings, bullets, paragraphs, tables, rules)
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    blocks: list[tuple] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            # keep the author's line breaks (e.g. stacked contact lines)
            blocks.append(("p", "\n".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        if line.strip() == "---":
            flush_para()
            blocks.append(("hr",))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        m = re.match(r"^\s*-\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1).strip()))
            continue
        if raw.startswith("  ") and blocks and blocks[-1][0] == "li" and not para:
            # continuation line of a bullet
            blocks[-1] = ("li", blocks[-1][1] + " " + line.strip())
            continue
        para.append(line)
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)")


def inline_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (style, chunk) with style in {'', 'b', 'i', 'code'}."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append(("b", part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append(("i", part[1:-1]))
        elif part.startswith("`") and part.endswith("`"):
            out.append(("code", part[1:-1]))
        else:
            out.append(("", part))
    return out


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_rl(text: str) -> str:
    parts = []
    for style, chunk in inline_runs(text):
        c = esc(chunk)
        if style == "b":
            parts.append(f"<b>{c}</b>")
        elif style == "i":
            parts.append(f"<i>{c}</i>")
        elif style == "code":
            parts.append(f'<font face="Courier">{c}</font>')
        else:
            parts.append(c)
    return "".join(parts).replace("\n", "<br/>")


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(scale: float = 1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle(
        "base", parent=ss["Normal"], fontName="Helvetica",
        fontSize=9.5 * scale, leading=12.5 * scale, alignment=TA_LEFT,
    )
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=20 * scale, leading=24 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5,
                             spaceAfter=1),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9 * scale,
                               leading=11 * scale),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    bullets: list = []

    def flush_bullets():
        if bullets:
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(b), st["li"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7,
            ))
            flow.append(Spacer(1, 3))
            bullets.clear()

    for b in blocks:
        kind = b[0]
        if kind == "li":
            bullets.append(b[1])
            continue
        flush_bullets()
        if kind in ("h1", "h2", "h3", "p"):
            flow.append(Paragraph(to_rl(b[1]), st[kind]))
        elif kind == "hr":
            flow.append(HRFlowable(width="100%", thickness=0.6, color=colors.grey,
                                   spaceBefore=3, spaceAfter=3))
        elif kind == "table":
            rows = [[Paragraph(to_rl(c), st["cell"]) for c in r] for r in b[1]]
            ncol = len(rows[0])
            t = Table(rows, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e9f2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    flush_bullets()
    return flow


def render_pdf(cv_id: str, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks):
    """Return (header blocks, list of (title, blocks)) split on h2."""
    header, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id: str, blocks):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    header_h = 20 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin,
                         header_h, id="header", leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin,
                       id="main2", leftPadding=0, rightPadding=0, topPadding=0,
                       bottomPadding=0)

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef1f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_main]),
    ])

    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in bl]
    main = [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in bl]

    st_main = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    story = pdf_flowables(header, st_main, page_w - 2 * margin)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story += pdf_flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += pdf_flowables(main, st_main, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text, size=None):
    for style, chunk in inline_runs(text):
        lines = chunk.split("\n")
        for k, line in enumerate(lines[:-1]):
            r = par.add_run(line)
            r.add_break()
        chunk = lines[-1]
        run = par.add_run(chunk)
        if style == "b":
            run.bold = True
        elif style == "i":
            run.italic = True
        elif style == "code":
            run.font.name = "Courier New"
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            p = doc.add_paragraph(style="Title")
            add_runs(p, b[1])
        elif kind == "h2":
            p = doc.add_paragraph(style="Heading 1")
            add_runs(p, b[1])
        elif kind == "h3":
            p = doc.add_paragraph(style="Heading 2")
            add_runs(p, b[1])
        elif kind == "p":
            p = doc.add_paragraph()
            add_runs(p, b[1])
        elif kind == "li":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, b[1])
        elif kind == "hr":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    cell = t.cell(i, j)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], c)
                    if i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = src
        print(f"{cv_id}: {fmt:15s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
