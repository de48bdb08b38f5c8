"""Render the dev-ct CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ct/render.py

Each cv-dev-XXXX.md holds the CV text.  The target format per id is set in
TARGETS below: "pdf", "pdf-2col" (two-column PDF: sidebar + main column, built
with BaseDocTemplate and separate Frames so the text layer is really in two
columns), "docx" or "md" (the .md itself is the target; nothing to render).
Markdown tables become real tables (reportlab Table / Word table).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1201": "pdf-2col",
    "cv-dev-1202": "pdf",
    "cv-dev-1203": "docx",
    "cv-dev-1204": "md",
    "cv-dev-1205": "docx",
    "cv-dev-1206": "pdf",
    "cv-dev-1207": "md",
    "cv-dev-1208": "docx",
    "cv-dev-1209": "pdf",
    "cv-dev-1210": "md",
    "cv-dev-1211": "docx",
    "cv-dev-1212": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"skills", "languages", "interests"}


# --------------------------------------------------------------------------
# Minimal Markdown parser: headings, paragraphs, bullets, pipe tables.
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    blocks: list[tuple] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", para[:]))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush_para()
            flush_table()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            flush_para()
            flush_table()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        if line.lstrip().startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            flush_para()
            flush_table()
            blocks.append(("li", m.group(1).strip()))
            continue
        flush_table()
        para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
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
        s = escape(seg)
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FONT = {"regular": "Helvetica", "bold": "Helvetica-Bold"}


def _register_fonts():
    """Use DejaVu Sans (embedded, subset) when available so that non-Latin-1
    letters such as 'ł' render; otherwise fall back to Helvetica (WinAnsi)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in FONT_DIRS:
        files = {k: d / f for k, f in (("regular", "DejaVuSans.ttf"),
                                        ("bold", "DejaVuSans-Bold.ttf"),
                                        ("italic", "DejaVuSans-Oblique.ttf"),
                                        ("bolditalic", "DejaVuSans-BoldOblique.ttf"))}
        if all(f.exists() for f in files.values()):
            names = {k: "DejaVuSans" + ("" if k == "regular" else "-" + k) for k in files}
            for k, f in files.items():
                pdfmetrics.registerFont(TTFont(names[k], str(f)))
            fam = names["regular"]
            addMapping(fam, 0, 0, names["regular"])
            addMapping(fam, 1, 0, names["bold"])
            addMapping(fam, 0, 1, names["italic"])
            addMapping(fam, 1, 1, names["bolditalic"])
            FONT.update(regular=names["regular"], bold=names["bold"])
            return True
    return False


def _pdf_styles():
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName=FONT["regular"],
                          fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT["bold"],
                             fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT["bold"],
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT["bold"],
                             fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=12, bulletIndent=3,
                             bulletFontName=FONT["regular"],
                             spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11,
                               spaceAfter=0),
    }


def _check_pdf_text(text: str, name: str):
    if FONT["regular"] != "Helvetica":
        return
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:  # standard Helvetica is WinAnsi-encoded
        sys.exit(f"{name}: character not in WinAnsi, fix the .md: {e}")


def _flowables(blocks, st, width):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    flow = []
    for kind, val in blocks:
        if kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl_markup(val), st[kind]))
        elif kind == "p":
            flow.append(Paragraph("<br/>".join(to_rl_markup(x) for x in val), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in row] for row in val]
            ncol = max(len(r) for r in val)
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(blocks, out: Path, title: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    st = _pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=title, author=title)
    doc.build(_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Return (header_blocks, [(section_title, blocks_incl_heading), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_2col(blocks, out: Path, title: str):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                    NextPageTemplate, PageTemplate)

    st = _pdf_styles()
    pw, ph = A4
    margin = 15 * mm
    header_h = 30 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = ph - margin - header_h
    body_h = body_top - margin

    header_frame = Frame(margin, body_top, pw - 2 * margin, header_h, id="header",
                         showBoundary=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_x = margin + side_w + gap
    main_w = pw - margin - main_x
    main_frame = Frame(main_x, margin, main_w, body_h, id="main")
    later_main = Frame(main_x, margin, main_w, ph - 2 * margin, id="main2")
    later_side = Frame(margin, margin, side_w, ph - 2 * margin, id="side2")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#EEF2F7"))
        canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 5 * mm,
                  body_h + 3 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                          rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_side, later_main]),
    ])

    header, sections = split_sections(blocks)
    side = [b for t, bs in sections if t.lower() in SIDEBAR_SECTIONS for b in bs]
    main = [b for t, bs in sections if t.lower() not in SIDEBAR_SECTIONS for b in bs]

    flow = [NextPageTemplate("later")]
    flow += _flowables(header, st, pw - 2 * margin)
    flow.append(FrameBreak())
    flow += _flowables(side, st, side_w)
    flow.append(FrameBreak())
    flow += _flowables(main, st, main_w)
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(blocks, out: Path, title: str):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            doc.add_heading(val, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            for n, line in enumerate(val):
                if n:
                    par.add_run().add_break()
                _add_runs(par, line)
        elif kind == "li":
            _add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            ncol = max(len(r) for r in val)
            t = doc.add_table(rows=len(val), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(val):
                for j in range(ncol):
                    cell = t.cell(i, j)
                    cell.text = ""
                    txt = row[j] if j < len(row) else ""
                    _add_runs(cell.paragraphs[0], f"**{txt}**" if i == 0 and txt else txt)
            doc.add_paragraph()
    doc.save(str(out))


def main():
    _register_fonts()
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        text = src.read_text(encoding="utf-8")
        blocks = parse_md(text)
        name = next((v for k, v in blocks if k == "h1"), cv_id)
        title = f"CV - {name}"
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt.startswith("pdf"):
            _check_pdf_text(text, cv_id)
            out = HERE / f"{cv_id}.pdf"
            (render_pdf_2col if fmt == "pdf-2col" else render_pdf)(blocks, out, title)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out, title)
        else:
            sys.exit(f"unknown format {fmt}")
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
