"""Render the heldout-w4f CVs from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4f/render.py

The .md file is the CV's text; this script only changes the container format.
- PDF via reportlab (real text layer; one PDF uses two frames = two columns)
- DOCX via python-docx (Markdown tables become real Word tables)
- MD targets are left as they are.
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

# target format per CV id
TARGETS = {
    "cv-ho-457": "md",
    "cv-ho-458": "pdf-2col",
    "cv-ho-459": "docx",
    "cv-ho-460": "docx",
    "cv-ho-461": "md",
    "cv-ho-462": "pdf",
    "cv-ho-463": "docx",
    "cv-ho-464": "pdf",
    "cv-ho-465": "md",
    "cv-ho-466": "pdf",
    "cv-ho-467": "docx",
    "cv-ho-468": "md",
}

# for the two-column PDF: the main column starts at this section;
# everything before it (name, contact, skills, ...) goes into the sidebar
TWO_COL_MAIN_START = {"cv-ho-458": "Profile"}


# ---------------------------------------------------------------- parsing
def parse_md(text: str):
    """Very small Markdown reader -> list of blocks.

    Blocks: ("h1", text) ("h2", text) ("p", text) ("li", text) ("table", rows)
    """
    blocks = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("li", line[2:].strip()))
        else:
            para.append(line)
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
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


def to_rl_markup(text: str) -> str:
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib import colors

    ss = getSampleStyleSheet()
    base = ParagraphStyle("cvbody", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "h1": ParagraphStyle("cvh1", parent=base, fontName="Helvetica-Bold",
                             fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("cvh2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": base,
        "li": ParagraphStyle("cvli", parent=base, leftIndent=10, bulletIndent=2,
                             spaceAfter=1.5),
        "cell": ParagraphStyle("cvcell", parent=base, spaceAfter=0),
    }


def _pdf_flowables(blocks, styles, width, main_start=None):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer, FrameBreak
    from reportlab.lib import colors

    flow = []
    for kind, content in blocks:
        if kind == "h2" and main_start and content == main_start:
            flow.append(FrameBreak())
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), styles["cell"]) for c in row] for row in content]
            ncol = len(content[0])
            first = width * (0.5 if ncol == 2 else 0.5)
            rest = (width - first) / max(ncol - 1, 1)
            t = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(content), styles["li"], bulletText="-"))
        else:
            flow.append(Paragraph(to_rl_markup(content), styles[kind]))
    return flow


def render_pdf(cv_id: str, blocks, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    styles = _pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(_pdf_flowables(blocks, styles, doc.width))


def render_pdf_two_col(cv_id: str, blocks, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, NextPageTemplate

    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_w = W - 2 * margin - side_w - gap

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=0, topPadding=0, bottomPadding=0)
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    doc = BaseDocTemplate(str(out), pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side, main], onPage=side_bg),
        PageTemplate(id="later", frames=[full]),
    ])
    styles = _pdf_styles()
    styles["h1"].fontSize = 15
    styles["h1"].leading = 18
    flow = [NextPageTemplate("later")]
    flow += _pdf_flowables(blocks, styles, main_w, main_start=TWO_COL_MAIN_START[cv_id])
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id: str, blocks, out: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = blocks[0][1]
    doc.core_properties.author = blocks[0][1]

    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=0)
        elif kind == "h2":
            doc.add_heading(content, level=1)
        elif kind == "li":
            _add_runs(doc.add_paragraph(style="List Bullet"), content)
        elif kind == "p":
            _add_runs(doc.add_paragraph(), content)
        elif kind == "table":
            t = doc.add_table(rows=len(content), cols=len(content[0]))
            t.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    _add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse_md(md.read_text(encoding="utf-8"))
        if fmt == "md":
            print(f"{cv_id}: md (target is the .md itself)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_col(cv_id, blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
