"""Render the heldout-f CVs (cv-ho-061 .. cv-ho-072) from Markdown to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-f/render.py

Each CV's text lives in <id>.md. Targets:
  - pdf      : single-column PDF with a real text layer (reportlab, standard fonts)
  - pdf2col  : two-column PDF (sidebar frame + main frame via BaseDocTemplate)
  - docx     : Word document (python-docx); Markdown tables become real Word tables
  - md       : the .md file itself is the target (nothing to render)

The Markdown subset understood here: '#', '##', '###' headings, '- ' bullets,
'| a | b |' tables, '**bold**' and '*italic*' inline, one paragraph per line.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
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
from reportlab.platypus.flowables import HRFlowable

HERE = Path(__file__).resolve().parent


def _register_fonts() -> tuple[str, str]:
    """Use embedded DejaVu Sans (ships with matplotlib) so bullets and accents extract cleanly;
    fall back to the standard Helvetica if it is not available."""
    try:
        import matplotlib
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        d = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        faces = {"CV": "DejaVuSans.ttf", "CV-Bold": "DejaVuSans-Bold.ttf",
                 "CV-Italic": "DejaVuSans-Oblique.ttf", "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf"}
        for name, fn in faces.items():
            pdfmetrics.registerFont(TTFont(name, str(d / fn)))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    except Exception as exc:  # pragma: no cover - fallback path
        print(f"note: using Helvetica ({exc})", file=sys.stderr)
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = _register_fonts()

TARGETS = {
    "cv-ho-061": "pdf",
    "cv-ho-062": "docx",
    "cv-ho-063": "md",
    "cv-ho-064": "pdf2col",
    "cv-ho-065": "docx",
    "cv-ho-066": "pdf",
    "cv-ho-067": "md",
    "cv-ho-068": "docx",
    "cv-ho-069": "pdf",
    "cv-ho-070": "md",
    "cv-ho-071": "docx",
    "cv-ho-072": "md",
}

# For the two-column PDF: the main column starts at this section heading;
# everything before it goes into the sidebar.
MAIN_COLUMN_STARTS_AT = {"cv-ho-064": "Summary"}


# --------------------------------------------------------------------------
# Markdown parsing
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    """Return a list of blocks: (kind, payload)."""
    blocks: list[tuple] = []
    table: list[list[str]] = []

    def flush_table():
        nonlocal table
        if table:
            blocks.append(("table", table))
            table = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        flush_table()
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
            blocks.append(("para", line.strip()))
    flush_table()
    return blocks


INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split inline Markdown into (text, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text: str) -> str:
    out = []
    for t, b, i in inline_runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size: float = 9.5) -> dict[str, ParagraphStyle]:
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", fontName=FONT_BOLD, fontSize=11.5, leading=14, spaceBefore=9, spaceAfter=2,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size + 0.5, leading=base_size + 3.5,
                             spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base_size, leading=base_size + 3,
                               spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size, leading=base_size + 3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base_size - 0.5, leading=base_size + 2),
        "cellhead": ParagraphStyle("cellhead", fontName=FONT_BOLD, fontSize=base_size - 0.5,
                                   leading=base_size + 2),
    }


def blocks_to_flowables(blocks, styles, width: float) -> list:
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(to_rl_markup(payload), styles["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl_markup(payload), styles["h2"]))
            flow.append(HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#1f3a5f"),
                                   spaceBefore=1, spaceAfter=3))
        elif kind == "h3":
            flow.append(Paragraph(to_rl_markup(payload), styles["h3"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl_markup(payload), styles["bullet"], bulletText="\u2022"))
        elif kind == "para":
            flow.append(Paragraph(to_rl_markup(payload), styles["para"]))
        elif kind == "table":
            rows = []
            for r, cells in enumerate(payload):
                st = styles["cellhead"] if r == 0 else styles["cell"]
                rows.append([Paragraph(to_rl_markup(c), st) for c in cells])
            ncols = max(len(r) for r in rows)
            first = width * (0.5 if ncols > 2 else 0.55)
            rest = (width - first) / max(ncols - 1, 1)
            t = Table(rows, colWidths=[first] + [rest] * (ncols - 1), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(Spacer(1, 2))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id: str, blocks, out: Path) -> None:
    margin = 1.8 * cm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=1.6 * cm, bottomMargin=1.6 * cm, title=f"CV {cv_id}", author="")
    styles = pdf_styles()
    doc.build(blocks_to_flowables(blocks, styles, A4[0] - 2 * margin))


def render_pdf_two_column(cv_id: str, blocks, out: Path) -> None:
    start = MAIN_COLUMN_STARTS_AT[cv_id]
    split = next(i for i, (k, p) in enumerate(blocks) if k == "h2" and p == start)
    side_blocks, main_blocks = blocks[:split], blocks[split:]

    page_w, page_h = A4
    top, bottom = 1.4 * cm, 1.4 * cm
    side_x, side_w = 1.0 * cm, 5.6 * cm
    gap = 0.8 * cm
    main_x = side_x + side_w + gap
    main_w = page_w - main_x - 1.5 * cm

    side_frame = Frame(side_x, bottom, side_w, page_h - top - bottom, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(main_x, bottom, main_w, page_h - top - bottom, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    later_frame = Frame(1.5 * cm, bottom, page_w - 3.0 * cm, page_h - top - bottom, id="later")

    def sidebar_background(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#edf1f6"))
        canvas.rect(0, 0, side_x + side_w + 0.2 * cm, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_background),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_styles = pdf_styles(base_size=8.8)
    side_styles["h1"] = ParagraphStyle("h1s", parent=side_styles["h1"], fontSize=15, leading=18)
    main_styles = pdf_styles(base_size=9.5)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side_blocks, side_styles, side_w - 12)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, main_styles, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text: str, size: float | None = None) -> None:
    for t, b, i in inline_runs(text):
        run = paragraph.add_run(t)
        run.bold = b or None
        run.italic = i or None
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, blocks, out: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "para":
            p = doc.add_paragraph()
            add_runs(p, payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, cells in enumerate(payload):
                row = table.add_row().cells
                for c, text in enumerate(cells):
                    para = row[c].paragraphs[0]
                    if r == 0:
                        run = para.add_run(text)
                        run.bold = True
                    else:
                        add_runs(para, text)
            doc.add_paragraph()
    for h in ("Title", "Heading 1", "Heading 2"):
        doc.styles[h].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    doc.save(str(out))


# --------------------------------------------------------------------------
def check_pdf_charset(cv_id: str, text: str) -> None:
    """Standard PDF fonts use WinAnsi (cp1252): warn about characters they can't show."""
    if FONT != "Helvetica":
        return
    bad = sorted({ch for ch in text if ch not in "\n" and not _cp1252(ch)})
    if bad:
        print(f"WARNING {cv_id}: characters outside cp1252 in a PDF CV: {bad}", file=sys.stderr)


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def main() -> None:
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        text = md_path.read_text(encoding="utf-8")
        blocks = parse_md(text)
        if target == "md":
            out = md_path
        elif target == "pdf":
            check_pdf_charset(cv_id, text)
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "pdf2col":
            check_pdf_charset(cv_id, text)
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {target:8s} -> {out.name} ({out.stat().st_size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
