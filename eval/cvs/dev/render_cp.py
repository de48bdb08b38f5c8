"""Render the dev-cp synthetic CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cp/render.py

Each CV's text lives in <id>.md. The target format of each CV is fixed in
TARGETS below; .md targets are not rendered (the Markdown file is the target).
Only a small Markdown subset is used by the CVs: '#', '##', '###' headings,
'- ' bullets, pipe tables, plain paragraphs, **bold** and *italic*.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1153": "pdf-2col",
    "cv-dev-1154": "docx",
    "cv-dev-1155": "md",
    "cv-dev-1156": "pdf",
    "cv-dev-1157": "docx",
    "cv-dev-1158": "md",
    "cv-dev-1159": "pdf",
    "cv-dev-1160": "docx",
    "cv-dev-1161": "md",
    "cv-dev-1162": "md",
    "cv-dev-1163": "docx",
    "cv-dev-1164": "pdf",
}

# Sections that go to the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-dev-1153": {"Habilidades", "Idiomas", "Certificações"}}


# --------------------------------------------------------------------------
# Markdown subset parser -> list of blocks
# --------------------------------------------------------------------------
def parse(md: str):
    """Return a list of (kind, payload) blocks.

    kinds: h1, h2, h3, para, bullet, table (payload: list of rows of cells)
    """
    blocks = []
    lines = md.splitlines()
    i = 0
    para: list[str] = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(s if s == "\n" else s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush_para(); blocks.append(("bullet", line[2:].strip()))
        elif line.lstrip().startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # A line directly following a paragraph line continues it, but keep
            # a line break (used e.g. for a degree line followed by details).
            para.append(line)
            if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].startswith(("#", "- ", "|")):
                para.append("\n")
        i += 1
    flush_para()
    # normalise the explicit line breaks inside paragraphs
    out = []
    for kind, payload in blocks:
        if kind == "para":
            payload = re.sub(r"\s*\n\s*", "\n", payload)
        out.append((kind, payload))
    return out


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    current = None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [b])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


# inline markup -----------------------------------------------------------
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Yield (text, bold, italic) runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl_markup(text: str) -> str:
    out = []
    for t, b, it in inline_runs(text):
        t = escape(t).replace("\n", "<br/>")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=9.5):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base_size, leading=base_size + 3,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base_size, leading=base_size + 3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base_size, leading=base_size + 3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1,
                                 bulletFontName="Helvetica", bulletFontSize=base_size),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base_size - 0.5, leading=base_size + 2),
    }


def pdf_flowables(blocks, styles, width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow += [t, Spacer(1, 4)]
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="-"))
        else:
            flow.append(Paragraph(to_rl_markup(payload), styles[kind]))
    return flow


def render_pdf(cv_id: str, blocks, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    styles = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, styles, doc.width))


def render_pdf_two_column(cv_id: str, blocks, out: Path):
    """Header across the top, skills sidebar on the left, experience on the right.

    Uses BaseDocTemplate with three Frames on the first page, so the text layer
    is genuinely laid out in two columns.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    page_w, page_h = A4
    margin = 14 * mm
    header_h = 26 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = page_h - margin - header_h
    body_h = body_top - margin
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin

    header_frame = Frame(margin, body_top, page_w - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(main_x, margin, main_w, page_h - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sections = split_sections(blocks)
    side_names = SIDEBAR_SECTIONS[cv_id]
    side_blocks = [b for title, bl in sections if title in side_names for b in bl]
    main_blocks = [b for title, bl in sections if title not in side_names for b in bl]

    styles = pdf_styles(base_size=9)
    side_styles = pdf_styles(base_size=8.5)
    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, styles, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side_blocks, side_styles, side_w - 8)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, styles, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text):
    for t, b, it in inline_runs(text):
        parts = t.split("\n")
        for k, piece in enumerate(parts):
            run = paragraph.add_run(piece)
            run.bold = b or None
            run.italic = it or None
            if k < len(parts) - 1:
                run.add_break()


def render_docx(cv_id: str, blocks, out: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            p = doc.add_heading("", level=2)
            add_runs(p, payload)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, txt in enumerate(row):
                    cells[c].text = ""
                    para = cells[c].paragraphs[0]
                    add_runs(para, txt)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            p = doc.add_paragraph()
            add_runs(p, payload)
    doc.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
