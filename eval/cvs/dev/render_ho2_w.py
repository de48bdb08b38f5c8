"""Render the held-out CVs of batch w (cv-ho-265 .. cv-ho-276) to their target formats.

Each CV's text lives in <id>.md.  This script turns the Markdown into
  - PDF (reportlab, real text layer; one CV in a true two-column layout), or
  - DOCX (python-docx; Markdown tables become real Word tables).
CVs whose target is .md are left as they are.

Run:  /work/main/.venv/bin/python eval/cvs/heldout-w/render.py
"""
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-265": "pdf",
    "cv-ho-266": "docx",
    "cv-ho-267": "md",
    "cv-ho-268": "pdf",
    "cv-ho-269": "pdf-two-column",
    "cv-ho-270": "docx",
    "cv-ho-271": "pdf",
    "cv-ho-272": "md",
    "cv-ho-273": "docx",
    "cv-ho-274": "docx",
    "cv-ho-275": "md",
    "cv-ho-276": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Education", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown parser -> list of blocks.

    Block kinds: ('h1', text), ('h2', text), ('h3', text), ('p', text),
    ('bullet', text), ('table', [[cells], ...]).
    """
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("p", line.strip()))
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
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DV": "DejaVuSans.ttf",
        "DV-B": "DejaVuSans-Bold.ttf",
        "DV-I": "DejaVuSans-Oblique.ttf",
        "DV-BI": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DV", 0, 0, "DV")
        addMapping("DV", 1, 0, "DV-B")
        addMapping("DV", 0, 1, "DV-I")
        addMapping("DV", 1, 1, "DV-BI")
        return "DV", "DV-B"
    return "Helvetica", "Helvetica-Bold"


def _styles(small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    regular, bold = _fonts()
    size = 8.5 if small else 9.5
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11 if not small else 10, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.5, leading=size + 4, spaceBefore=4),
        "p": ParagraphStyle("p", fontName=regular, fontSize=size, leading=size + 3.5, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=regular, fontSize=size, leading=size + 3.5,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=size, leading=size + 3),
    }


def _markup(text):
    from xml.sax.saxutils import escape

    out = []
    for seg, b, i in inline_runs(text):
        seg = escape(seg)
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


def _flowables(blocks, st):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, content in blocks:
        if kind == "table":
            data = [[Paragraph(_markup(c), st["cell"]) for c in row] for row in content]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(_markup(content), st["bullet"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(_markup(content), st[kind]))
    return flow


def render_pdf(blocks, out, title):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title, author=title)
    doc.build(_flowables(blocks, _styles()))


def split_sections(blocks):
    """Group blocks: header (before first h2) and a list of (section title, blocks)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(blocks, out, title):
    """True two-column page: a narrow sidebar frame and a wide main frame."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate

    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_w = W - 2 * margin - side_w - gap
    sidebar = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                    leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColorRGB(0.93, 0.95, 0.97)
        canvas.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], list(header)
    for name, sec in sections:
        (side_blocks if name in SIDEBAR_SECTIONS else main_blocks).extend(sec)
    st_side, st_main = _styles(small=True), _styles()
    story = [NextPageTemplate("later")]
    story += _flowables(side_blocks, st_side)
    story.append(FrameBreak())
    story += _flowables(main_blocks, st_main)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(blocks, out, title):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=0)
        elif kind == "h2":
            doc.add_heading(content, level=1)
        elif kind == "h3":
            doc.add_heading(content, level=2)
        elif kind == "bullet":
            _add_runs(doc.add_paragraph(style="List Bullet"), content)
        elif kind == "table":
            ncol = max(len(r) for r in content)
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(content):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    _add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            _add_runs(doc.add_paragraph(), content)
    doc.save(str(out))


# --------------------------------------------------------------------------- main
def main():
    for cid, fmt in TARGETS.items():
        md = HERE / f"{cid}.md"
        blocks = parse_md(md.read_text(encoding="utf-8"))
        title = next((c for k, c in blocks if k == "h1"), cid)
        if fmt == "pdf":
            out = HERE / f"{cid}.pdf"
            render_pdf(blocks, out, title)
        elif fmt == "pdf-two-column":
            out = HERE / f"{cid}.pdf"
            render_pdf_two_column(blocks, out, title)
        elif fmt == "docx":
            out = HERE / f"{cid}.docx"
            render_docx(blocks, out, title)
        else:
            out = md
        print(f"{cid}: {fmt:15s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
