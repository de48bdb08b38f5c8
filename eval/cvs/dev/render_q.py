"""Render the dev-q CVs from Markdown to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-q/render.py

The .md file of each CV is its exact content. CVs whose target format is .md
are not rendered. One PDF (cv-dev-193) uses a real two-column layout (sidebar
frame + main frame via BaseDocTemplate); Markdown tables become real tables
(reportlab Table in PDFs, Word tables in DOCX).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-193": "pdf-two-column",
    "cv-dev-194": "docx",
    "cv-dev-195": "md",
    "cv-dev-196": "md",
    "cv-dev-197": "pdf",
    "cv-dev-198": "docx",
    "cv-dev-199": "docx",
    "cv-dev-200": "md",
    "cv-dev-201": "pdf",
    "cv-dev-202": "docx",
    "cv-dev-203": "md",
    "cv-dev-204": "pdf",
}

# sections placed in the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Currently learning", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse_md(text: str):
    """Return (name, header_paragraphs, sections).

    sections: list of (title, blocks); a block is one of
      ("sub", text) | ("para", text) | ("bullet", text) | ("table", rows)
    """
    name = ""
    header: list[str] = []
    sections: list[tuple[str, list]] = []
    cur = None
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        nonlocal para
        if para:
            blk = ("para", " ".join(p.strip() for p in para))
            (cur[1] if cur is not None else header_blocks).append(blk)
            para = []

    def flush_table():
        nonlocal table
        if table:
            cur[1].append(("table", table))
            table = []

    header_blocks: list = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        if line.startswith("# "):
            flush_para()
            name = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            flush_para()
            cur[1].append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            cur[1].append(("bullet", line[2:].strip()))
        else:
            para.append(line)
    flush_para()
    flush_table()
    header = [b[1] for b in header_blocks]
    return name, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (chunk, bold, italic) runs."""
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
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    import reportlab

    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    rl = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append(tuple(os.path.join(rl, f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")))
    for reg, bold, ital, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, ital, bi)):
            pdfmetrics.registerFont(TTFont("CV", reg))
            pdfmetrics.registerFont(TTFont("CV-Bold", bold))
            pdfmetrics.registerFont(TTFont("CV-Italic", ital))
            pdfmetrics.registerFont(TTFont("CV-BoldItalic", bi))
            addMapping("CV", 0, 0, "CV")
            addMapping("CV", 1, 0, "CV-Bold")
            addMapping("CV", 0, 1, "CV-Italic")
            addMapping("CV", 1, 1, "CV-BoldItalic")
            return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(base_size=9.5):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    font, bold = _register_fonts()
    s = {}
    s["name"] = ParagraphStyle("name", fontName=bold, fontSize=18, leading=22, spaceAfter=2)
    s["header"] = ParagraphStyle("header", fontName=font, fontSize=base_size, leading=base_size * 1.3,
                                 textColor=colors.HexColor("#444444"), spaceAfter=6)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=base_size + 2.5, leading=(base_size + 2.5) * 1.25,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3)
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=base_size + 0.5, leading=(base_size + 0.5) * 1.3,
                             spaceBefore=4, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName=font, fontSize=base_size, leading=base_size * 1.35, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10, bulletIndent=2, spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", fontName=font, fontSize=base_size - 0.5, leading=(base_size - 0.5) * 1.3)
    s["_font"] = font
    s["_bold"] = bold
    return s


def _markup(text: str) -> str:
    out = []
    for chunk, b, i in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = f"<b>{chunk}</b>"
        if i:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


def _blocks_to_flowables(blocks, s, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    fl = []
    for kind, val in blocks:
        if kind == "sub":
            fl.append(Paragraph(_markup(val), s["h3"]))
        elif kind == "para":
            fl.append(Paragraph(_markup(val), s["para"]))
        elif kind == "bullet":
            fl.append(Paragraph(_markup(val), s["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(_markup(c), s["cell"]) for c in row] for row in val]
            ncol = max(len(r) for r in val)
            col_w = [width * 0.45] + [width * 0.55 / (ncol - 1)] * (ncol - 1) if ncol > 1 else [width]
            t = Table(data, colWidths=col_w, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("FONTNAME", (0, 0), (-1, 0), s["_bold"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            fl.append(t)
    return fl


def _section_flowables(title, blocks, s, width):
    from reportlab.platypus import Paragraph
    return [Paragraph(_markup(title), s["h2"])] + _blocks_to_flowables(blocks, s, width)


def render_pdf(md_path: Path, out_path: Path):
    from reportlab.platypus import SimpleDocTemplate, Paragraph
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    name, header, sections = parse_md(md_path.read_text(encoding="utf-8"))
    s = _styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name)
    width = A4[0] - 36 * mm
    story = [Paragraph(_markup(name), s["name"])]
    story += [Paragraph(_markup(h), s["header"]) for h in header]
    for title, blocks in sections:
        story += _section_flowables(title, blocks, s, width)
    doc.build(story)


def render_pdf_two_column(md_path: Path, out_path: Path):
    """Header across the top, a narrow sidebar frame (left) and a main frame (right)."""
    from reportlab.platypus import BaseDocTemplate, PageTemplate, Frame, Paragraph, FrameBreak, NextPageTemplate
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors

    name, header, sections = parse_md(md_path.read_text(encoding="utf-8"))
    s = _styles(base_size=8.8)
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 6 * mm
    side_w = 60 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=2, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    f_cont = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main-cont",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=name, author=name)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[f_header, f_side, f_main], onPage=draw_sidebar_bg,
                     autoNextPageTemplate="cont"),
        PageTemplate(id="cont", frames=[f_cont]),
    ])
    story = [Paragraph(_markup(name), s["name"])]
    story += [Paragraph(_markup(h), s["header"]) for h in header]
    story.append(FrameBreak())
    for title, blocks in sections:
        if title in SIDEBAR_SECTIONS:
            story += _section_flowables(title, blocks, s, side_w - 8)
    story.append(FrameBreak())
    for title, blocks in sections:
        if title not in SIDEBAR_SECTIONS:
            story += _section_flowables(title, blocks, s, main_w)
    doc.build(story)


# --------------------------------------------------------------------------- DOCX
def _add_runs(par, text):
    for chunk, b, i in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = i or None


def render_docx(md_path: Path, out_path: Path):
    from docx import Document
    from docx.shared import Pt

    name, header, sections = parse_md(md_path.read_text(encoding="utf-8"))
    doc = Document()
    doc.core_properties.title = name
    doc.core_properties.author = name
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    doc.add_heading(name, level=0)
    for h in header:
        _add_runs(doc.add_paragraph(), h)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        for kind, val in blocks:
            if kind == "sub":
                doc.add_heading(val, level=2)
            elif kind == "para":
                _add_runs(doc.add_paragraph(), val)
            elif kind == "bullet":
                _add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                ncol = max(len(r) for r in val)
                t = doc.add_table(rows=len(val), cols=ncol)
                t.style = "Table Grid"
                for ri, row in enumerate(val):
                    for ci, cell in enumerate(row):
                        p = t.cell(ri, ci).paragraphs[0]
                        _add_runs(p, cell)
                        if ri == 0:
                            for r in p.runs:
                                r.bold = True
                doc.add_paragraph()
    doc.save(str(out_path))


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if fmt == "md":
            print(f"{cv_id}: md (no rendering)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md, out)
        elif fmt == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(md, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
