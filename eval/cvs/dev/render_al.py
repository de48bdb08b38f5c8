"""Render the dev-al synthetic CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-al/render.py

Each <id>.md is the CV's exact text. This script renders the CVs whose target
format is PDF or DOCX next to it; MD targets are left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
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
    "cv-dev-481": "pdf-two-column",
    "cv-dev-482": "docx",
    "cv-dev-483": "md",
    "cv-dev-484": "pdf",
    "cv-dev-485": "docx",
    "cv-dev-486": "md",
    "cv-dev-487": "pdf",
    "cv-dev-488": "docx",
    "cv-dev-489": "md",
    "cv-dev-490": "pdf",
    "cv-dev-491": "docx",
    "cv-dev-492": "md",
}

# Sections that go to the sidebar in the two-column layout.
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests", "Certifications"}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    blocks: list[tuple] = []
    table: list[list[str]] | None = None
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
            blocks.append(("li", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("ol", re.sub(r"^\d+\. ", "", line).strip()))
        else:
            blocks.append(("p", line.strip()))
    return blocks


def sections(blocks: list[tuple]) -> list[tuple[str | None, list[tuple]]]:
    """Group blocks under their h2 heading (None for the header part)."""
    out: list[tuple[str | None, list[tuple]]] = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
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
def _fonts() -> tuple[str, str, str]:
    base = Path("/usr/share/fonts/truetype/dejavu")
    try:
        pdfmetrics.registerFont(TTFont("CVSans", str(base / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", str(base / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", str(base / "DejaVuSans-Oblique.ttf")))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily

        registerFontFamily(
            "CVSans", normal="CVSans", bold="CVSans-Bold", italic="CVSans-Oblique",
            boldItalic="CVSans-Bold",
        )
        return "CVSans", "CVSans-Bold", "CVSans-Oblique"
    except Exception:  # fall back to the built-in fonts
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


FONT, FONT_B, FONT_I = _fonts()


def _esc(text: str) -> str:
    out = []
    for chunk, bold, italic in inline_runs(text):
        c = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if bold:
            c = f"<b>{c}</b>"
        if italic:
            c = f"<i>{c}</i>"
        out.append(c)
    return "".join(out)


def pdf_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    s = scale
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=17 * s, leading=21 * s,
                             spaceAfter=4, textColor=colors.HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * s, leading=14 * s,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=9.8 * s, leading=12.5 * s,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9.3 * s, leading=12.2 * s, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=9.3 * s, leading=12.2 * s),
    }


def pdf_flowables(blocks: list[tuple], st: dict[str, ParagraphStyle]) -> list:
    flow: list = []
    pending: list = []
    pending_kind = None

    def flush() -> None:
        nonlocal pending, pending_kind
        if pending:
            kw = {"bulletType": "bullet", "start": "•"} if pending_kind == "li" else {"bulletType": "1"}
            flow.append(ListFlowable(
                [ListItem(Paragraph(_esc(t), st["li"]), leftIndent=11) for t in pending],
                leftIndent=11, bulletFontName=FONT, bulletFontSize=8, **kw,
            ))
            flow.append(Spacer(1, 2))
        pending, pending_kind = [], None

    for b in blocks:
        kind = b[0]
        if kind in ("li", "ol"):
            if pending_kind not in (None, kind):
                flush()
            pending_kind = kind
            pending.append(b[1])
            continue
        flush()
        if kind == "table":
            rows = [[Paragraph(_esc(c), st["li"]) for c in r] for r in b[1]]
            t = Table(rows, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        else:
            flow.append(Paragraph(_esc(b[1]), st[kind]))
    flush()
    return flow


def render_pdf(md: Path, out: Path) -> None:
    blocks = parse_md(md.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=md.stem,
                            author="synthetic CV")
    doc.build(pdf_flowables(blocks, pdf_styles()))


def render_pdf_two_column(md: Path, out: Path) -> None:
    """Sidebar (header, skills, languages, interests...) left; main column right."""
    blocks = parse_md(md.read_text(encoding="utf-8"))
    side: list[tuple] = []
    main: list[tuple] = []
    for name, bl in sections(blocks):
        if name is None or name in SIDEBAR_SECTIONS:
            side.extend(bl)
        else:
            main.extend(bl)

    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 7 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=0, rightPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=md.stem, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st = pdf_styles(0.93)
    main_st = pdf_styles(1.0)
    story = [NextPageTemplate("later")]
    story += pdf_flowables(side, side_st)
    story.append(FrameBreak())
    story += pdf_flowables(main, main_st)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text: str, size: float | None = None) -> None:
    for chunk, bold, italic in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)


def render_docx(md: Path, out: Path) -> None:
    blocks = parse_md(md.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            h = doc.add_heading(level=0)
            _add_runs(h, b[1])
        elif kind == "h2":
            h = doc.add_heading(level=1)
            _add_runs(h, b[1])
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            _add_runs(h, b[1])
        elif kind == "li":
            _add_runs(doc.add_paragraph(style="List Bullet"), b[1])
        elif kind == "ol":
            _add_runs(doc.add_paragraph(style="List Number"), b[1])
        elif kind == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    _add_runs(c.paragraphs[0], cell)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            _add_runs(doc.add_paragraph(), b[1])
    doc.core_properties.title = md.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out))


def main() -> None:
    for cv_id, target in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        if target == "pdf":
            render_pdf(md, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(md, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(md, HERE / f"{cv_id}.docx")
        print(f"{cv_id}: {target}")


if __name__ == "__main__":
    main()
