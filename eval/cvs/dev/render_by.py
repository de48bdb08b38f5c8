"""Render the Markdown CVs of this folder (dev, batch by) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-by/render.py

- PDF  (reportlab, real text layer): cv-dev-949 (two columns), 952, 956, 959
- DOCX (python-docx):               cv-dev-950 (Word table for skills), 953, 957, 960
- MD   (the .md file itself):       cv-dev-951, 954, 955, 958
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-949", "cv-dev-952", "cv-dev-956", "cv-dev-959"]
DOCX_IDS = ["cv-dev-950", "cv-dev-953", "cv-dev-957", "cv-dev-960"]
TWO_COLUMN = {"cv-dev-949"}
# Sections that go to the sidebar in the two-column layout.
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# --------------------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple]:
    """Return a list of blocks: ('title', text) ('heading', text) ('para', text)
    ('bullet', text) ('number', n, text) ('table', rows)."""
    blocks: list[tuple] = []
    lines = md.splitlines()
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
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("#"):
            blocks.append(("heading", line.lstrip("#").strip()))
        elif re.match(r"^\s*[-*] ", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*] ", "", line)))
        elif re.match(r"^\d+\. ", line):
            n, text = line.split(". ", 1)
            blocks.append(("number", n, text))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split inline Markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# --------------------------------------------------------------------------- PDF
def to_rl_markup(text: str) -> str:
    from xml.sax.saxutils import escape

    pieces = []
    for t, b, it in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        pieces.append(t)
    return "".join(pieces)


def pdf_flowables(blocks, styles, width):
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            flow.append(Paragraph(to_rl_markup(b[1]), styles["name"]))
        elif kind == "heading":
            flow.append(Paragraph(to_rl_markup(b[1]), styles["h"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl_markup(b[1]), styles["p"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(b[1]), styles["li"], bulletText="-"))
        elif kind == "number":
            flow.append(Paragraph(to_rl_markup(b[2]), styles["li"], bulletText=f"{b[1]}."))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["p"]) for c in row] for row in b[1]]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def make_styles(base_size=9.5):
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=11.5, leading=14,
                            spaceBefore=8, spaceAfter=3),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontSize=base_size,
                             leading=base_size * 1.3, leftIndent=12, bulletIndent=2,
                             spaceAfter=1),
    }


def render_pdf_single(cv_id: str, blocks) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(pdf_flowables(blocks, make_styles(), doc.width))
    return out


def render_pdf_two_column(cv_id: str, blocks) -> Path:
    """Name across the top, a narrow sidebar (contact, skills, languages, interests)
    on the left and the main column (objective, education, experience, projects)
    on the right: three reportlab Frames, filled in that order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, NextPageTemplate

    out = HERE / f"{cv_id}.pdf"
    pw, ph = A4
    m = 1.5 * cm
    top_h = 2.0 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = ph - 2 * m - top_h
    top = Frame(m, ph - m - top_h, pw - 2 * m, top_h, id="top", showBoundary=0)
    side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, pw - 2 * m - side_w - gap, body_h, id="main",
                 showBoundary=0)
    later = Frame(m, m, pw - 2 * m, ph - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColorRGB(0.93, 0.95, 0.98)
        canvas.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, body_h + 0.4 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[top, side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])

    title = [b for b in blocks if b[0] == "title"]
    side_blocks, main_blocks = [], []
    current = main_blocks
    for b in blocks:
        if b[0] == "title":
            continue
        if b[0] == "heading":
            current = side_blocks if b[1].lower() in SIDEBAR_SECTIONS else main_blocks
        current.append(b)

    st = make_styles(9)
    st_side = make_styles(8.5)
    story = [NextPageTemplate("later")]
    story += pdf_flowables(title, st, pw)
    story.append(FrameBreak())
    story += pdf_flowables(side_blocks, st_side, side_w)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, st, main.width)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id: str, blocks) -> Path:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            add_runs(doc.add_heading(level=0), b[1])
        elif kind == "heading":
            add_runs(doc.add_heading(level=1), b[1])
        elif kind == "para":
            add_runs(doc.add_paragraph(), b[1])
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), b[1])
        elif kind == "number":
            add_runs(doc.add_paragraph(style="List Number"), b[2])
        elif kind == "table":
            rows = b[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    doc.save(str(out))
    return out


def main() -> None:
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks)
        elif cv_id in PDF_IDS:
            out = render_pdf_single(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
