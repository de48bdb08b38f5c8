"""Render the dev-split CVs from their Markdown text to their target formats.

Run from anywhere with the project's interpreter:

    /work/main/.venv/bin/python eval/cvs/dev/render.py

Each CV's text lives in <id>.md.  PDF targets get a real text layer (reportlab,
embedded DejaVu Sans so non-ASCII names survive), DOCX targets are built with
python-docx (Markdown tables become real Word tables), and Markdown targets are
the .md files themselves, so nothing is written for them.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id -> target format.  "pdf2col" = two-column PDF (sidebar + main column).
TARGETS = {
    "cv-dev-01": "md",
    "cv-dev-02": "pdf",
    "cv-dev-03": "pdf2col",
    "cv-dev-04": "docx",
    "cv-dev-05": "md",
    "cv-dev-06": "docx",
    "cv-dev-07": "pdf",
    "cv-dev-08": "docx",
    "cv-dev-09": "md",
    "cv-dev-10": "pdf",
    "cv-dev-11": "md",
    "cv-dev-12": "docx",
}

# For the two-column PDF: which "##" sections go into the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------
# A tiny Markdown reader: enough for the CVs in this folder.
# Blocks: ("h1", text) ("h2", text) ("h3", text) ("para", [lines])
#         ("bullets", [items]) ("table", [rows of cells])
# --------------------------------------------------------------------------
def parse_markdown(text: str):
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        else:
            para = []
            while (
                i < len(lines)
                and lines[i].strip()
                and not lines[i].startswith(("#", "- "))
                and not lines[i].lstrip().startswith("|")
            ):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (chunk, bold, italic) runs."""
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


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _pdf_setup():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    candidates = [
        Path("/usr/share/fonts/truetype/dejavu"),
        Path(sys.prefix) / "lib/python3.11/site-packages/matplotlib/mpl-data/fonts/ttf",
    ]
    names = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    font_dir = next(d for d in candidates if (d / "DejaVuSans.ttf").exists())
    for name, fn in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_dir / fn)))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")

    accent = colors.HexColor("#1F4E79")
    styles = {
        "h1": ParagraphStyle("h1", fontName="DejaVuSans-Bold", fontSize=18, leading=22,
                             textColor=accent, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DejaVuSans-Bold", fontSize=11.5, leading=14,
                             textColor=accent, spaceBefore=9, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName="DejaVuSans-Bold", fontSize=10, leading=12,
                             spaceBefore=4, spaceAfter=2),
        "body": ParagraphStyle("body", fontName="DejaVuSans", fontSize=9.2, leading=12.2,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="DejaVuSans", fontSize=9.2, leading=12.2,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName="DejaVuSans"),
        "side_h2": ParagraphStyle("side_h2", fontName="DejaVuSans-Bold", fontSize=10.5,
                                  leading=13, textColor=accent, spaceBefore=8, spaceAfter=3),
        "side_body": ParagraphStyle("side_body", fontName="DejaVuSans", fontSize=8.6,
                                    leading=11.2, spaceAfter=2),
        "side_bullet": ParagraphStyle("side_bullet", fontName="DejaVuSans", fontSize=8.6,
                                      leading=11.2, leftIndent=9, bulletIndent=0,
                                      spaceAfter=2, bulletFontName="DejaVuSans"),
        "subtitle": ParagraphStyle("subtitle", fontName="DejaVuSans", fontSize=11.5,
                                   leading=14, textColor=colors.HexColor("#555555")),
    }
    return styles, accent


def _markup(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            chunk = f"<b>{chunk}</b>"
        if italic:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


def _flowables(blocks, styles, side=False):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    body = styles["side_body" if side else "body"]
    bullet = styles["side_bullet" if side else "bullet"]
    h2 = styles["side_h2" if side else "h2"]
    flow = []
    for kind, content in blocks:
        if kind == "h1":
            flow.append(Paragraph(_markup(content), styles["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(_markup(content), h2))
        elif kind == "h3":
            flow.append(Paragraph(_markup(content), styles["h3"]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(_markup(l) for l in content), body))
        elif kind == "bullets":
            for item in content:
                flow.append(Paragraph(_markup(item), bullet, bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(_markup(c), body) for c in row] for row in content]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(md_path: Path, out_path: Path, title: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    styles, _ = _pdf_setup()
    blocks = parse_markdown(md_path.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm,
                            rightMargin=2 * cm, topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=title, author=title)
    doc.build(_flowables(blocks, styles))


def split_sections(blocks):
    """Return (header_blocks, sidebar_blocks, main_blocks) for the two-column layout."""
    header, sidebar, main = [], [], []
    current = header
    for kind, content in blocks:
        if kind == "h2":
            current = sidebar if content in SIDEBAR_SECTIONS else main
        current.append((kind, content))
    return header, sidebar, main


def render_pdf_two_column(md_path: Path, out_path: Path, title: str):
    """Real two-column text layer: header frame, left sidebar frame, right main frame."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, \
        NextPageTemplate

    styles, accent = _pdf_setup()
    blocks = parse_markdown(md_path.read_text(encoding="utf-8"))
    header, sidebar, main = split_sections(blocks)

    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 6.3 * cm
    gap = 0.7 * cm
    body_top = H - margin - header_h

    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_top - margin, id="sidebar",
                       leftPadding=8, rightPadding=8, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       body_top - margin, id="main", leftPadding=0, rightPadding=0,
                       topPadding=6, bottomPadding=6)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin, margin, side_w, body_top - margin, stroke=0, fill=1)
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top, W - margin, body_top)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[header_frame, side_frame, main_frame],
                     onPage=first_page, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    # Header: name (h1) and the one-line role under it.
    head_flow = []
    from reportlab.platypus import Paragraph
    for kind, content in header:
        if kind == "h1":
            head_flow.append(Paragraph(_markup(content), styles["h1"]))
        elif kind == "para":
            head_flow.append(Paragraph("<br/>".join(_markup(l) for l in content),
                                       styles["subtitle"]))
    story = head_flow + [FrameBreak()]
    story += _flowables(sidebar, styles, side=True) + [FrameBreak()]
    story += [NextPageTemplate("later")] + _flowables(main, styles)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(paragraph, text):
    for chunk, bold, italic in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or None
        run.italic = italic or None


def render_docx(md_path: Path, out_path: Path, title: str):
    from docx import Document
    from docx.shared import Pt, RGBColor, Cm

    blocks = parse_markdown(md_path.read_text(encoding="utf-8"))
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    for kind, content in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            _add_runs(h, content)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            _add_runs(h, content)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            _add_runs(h, content)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(content):
                if n:
                    p.add_run().add_break()
                _add_runs(p, line)
        elif kind == "bullets":
            for item in content:
                p = doc.add_paragraph(style="List Bullet")
                _add_runs(p, item)
        elif kind == "table":
            ncols = max(len(r) for r in content)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(content):
                cells = table.add_row().cells
                for c in range(ncols):
                    text = row[c] if c < len(row) else ""
                    para = cells[c].paragraphs[0]
                    _add_runs(para, text)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out_path))


# --------------------------------------------------------------------------
def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        text = md_path.read_text(encoding="utf-8")
        name = text.splitlines()[0].lstrip("# ").strip()
        title = f"{name} — CV"
        if fmt == "md":
            out = md_path
        elif fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md_path, out, title)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md_path, out, title)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(md_path, out, title)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
