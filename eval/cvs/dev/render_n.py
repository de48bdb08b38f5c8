"""Render the dev-n CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-n/render.py

- PDF targets are built with reportlab (real text layer, embedded DejaVu font
  subset when available).  cv-dev-160 uses a two-frame page template: a narrow
  sidebar frame (contact, skills, certifications, languages, interests) and a
  wide main frame, so the text layer really is two columns.
- DOCX targets are built with python-docx; Markdown tables become real Word
  tables (cv-dev-161's skills table).
- MD targets are the .md files themselves; nothing to do.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    FrameBreak,
    Frame,
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
    "cv-dev-157": "pdf",
    "cv-dev-158": "docx",
    "cv-dev-159": "md",
    "cv-dev-160": "pdf2col",
    "cv-dev-161": "docx",
    "cv-dev-162": "md",
    "cv-dev-163": "pdf",
    "cv-dev-164": "docx",
    "cv-dev-165": "md",
    "cv-dev-166": "pdf",
    "cv-dev-167": "docx",
    "cv-dev-168": "md",
}

# Sections of cv-dev-160 that go into the sidebar column.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}

# ---------------------------------------------------------------- parsing


def parse_md(text: str) -> list[tuple]:
    """Very small Markdown parser: headings, bullets, tables, paragraphs."""
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush_para():
        if para:
            blocks.append(("p", para.copy()))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("li", m.group(1)))
            i += 1
            continue
        para.append(line.strip())
        i += 1
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)")


def split_inline(text: str) -> list[tuple[str, str]]:
    """Return [(kind, text)] with kind in {'', 'b', 'i'}."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append(("b", part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append(("i", part[1:-1]))
        elif part.startswith("`") and part.endswith("`"):
            out.append(("", part[1:-1]))
        else:
            out.append(("", part))
    return out


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_rl(text: str) -> str:
    parts = []
    for kind, t in split_inline(text):
        t = esc(t)
        parts.append(f"<b>{t}</b>" if kind == "b" else f"<i>{t}</i>" if kind == "i" else t)
    return "".join(parts)


# ---------------------------------------------------------------- PDF


def setup_fonts() -> tuple[str, str, str]:
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DV", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DV-B", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DV-I", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DV-BI", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily

        registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
        return "DV", "DV-B", "DV-I"
    except Exception:  # pragma: no cover - fallback to core fonts
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


FONT, FONT_B, FONT_I = setup_fonts()


def styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    s = {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", fontName=FONT_B, fontSize=12 * scale, leading=15 * scale, spaceBefore=9, spaceAfter=3,
            textColor=colors.HexColor("#1f3b5a"),
        ),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10 * scale, leading=13 * scale, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=9.2 * scale, leading=12.2 * scale, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle(
            "li", fontName=FONT, fontSize=9.2 * scale, leading=12.2 * scale, leftIndent=11, bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.8 * scale, leading=11 * scale),
    }
    return s


def flowables(blocks: list[tuple], st: dict[str, ParagraphStyle], width: float) -> list:
    out = []
    for b in blocks:
        if b[0] == "h":
            lvl = min(b[1], 3)
            out.append(Paragraph(to_rl(b[2]), st[f"h{lvl}"]))
        elif b[0] == "p":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in b[1]), st["p"]))
        elif b[0] == "li":
            out.append(Paragraph(to_rl(b[1]), st["li"], bulletText="•"))
        elif b[0] == "table":
            rows = [[Paragraph(to_rl(c), st["cell"]) for c in r] for r in b[1]]
            ncol = max(len(r) for r in rows)
            t = Table(rows, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    margin = 18 * mm
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=16 * mm, bottomMargin=16 * mm,
        title=f"CV {cv_id}", author="synthetic",
    )
    doc.build(flowables(blocks, styles(), doc.width))
    return out


def sections(blocks: list[tuple]) -> list[tuple[str | None, list[tuple]]]:
    """Split blocks into (h2-title, blocks) groups; the preamble has title None."""
    groups: list[tuple[str | None, list[tuple]]] = [(None, [])]
    for b in blocks:
        if b[0] == "h" and b[1] == 2:
            groups.append((b[2], [b]))
        else:
            groups[-1][1].append(b)
    return groups


def render_pdf_two_column(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * m - side_w - gap
    side = Frame(m, m, side_w, H - 2 * m, id="sidebar", leftPadding=4, rightPadding=4, showBoundary=0)
    main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main", leftPadding=4, rightPadding=4)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 3 * mm, H - 2 * m + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later]),
        ]
    )
    groups = sections(blocks)
    preamble = groups[0][1]
    side_blocks, main_blocks = [], []
    for title, bl in groups[1:]:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(bl)
    st_side = styles(0.9)
    st_main = styles()
    story = [NextPageTemplate("later")]
    story += flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(preamble, st_main, main_w - 8)
    story += flowables(main_blocks, st_main, main_w - 8)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX


def add_runs(par, text: str):
    for kind, t in split_inline(text):
        r = par.add_run(t)
        if kind == "b":
            r.bold = True
        elif kind == "i":
            r.italic = True


def render_docx(cv_id: str, blocks: list[tuple]) -> Path:
    out = HERE / f"{cv_id}.docx"
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for b in blocks:
        if b[0] == "h":
            lvl = b[1] - 1 if b[1] > 1 else 0
            if lvl == 0:
                h = d.add_heading(level=0)
            else:
                h = d.add_heading(level=min(lvl, 3))
            add_runs(h, b[2])
        elif b[0] == "p":
            p = d.add_paragraph()
            for j, line in enumerate(b[1]):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif b[0] == "li":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, b[1])
        elif b[0] == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for ri, r in enumerate(rows):
                for ci in range(ncol):
                    cell = t.cell(ri, ci)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], r[ci] if ci < len(r) else "")
                    if ri == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
    d.core_properties.title = f"CV {cv_id}"
    d.core_properties.author = "synthetic"
    d.save(str(out))
    return out


# ---------------------------------------------------------------- main


def main() -> None:
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, blocks)
        else:
            p = src
        print(f"{cv_id}: {p.name} ({os.path.getsize(p) // 1024} KB)")


if __name__ == "__main__":
    main()
