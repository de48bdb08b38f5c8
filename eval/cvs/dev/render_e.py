"""Render the dev-e CVs from their Markdown source to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev/render_e.py

Each CV's text lives in <id>.md. Targets:
  PDF : cv-dev-50, cv-dev-52 (two-column, sidebar + main frame), cv-dev-56, cv-dev-60
  DOCX: cv-dev-51 (skills as a Word table), cv-dev-54, cv-dev-57 (experience table), cv-dev-59
  MD  : cv-dev-49, cv-dev-53, cv-dev-55, cv-dev-58 (the .md file is the target itself)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-50", "cv-dev-52", "cv-dev-56", "cv-dev-60"]
DOCX_IDS = ["cv-dev-51", "cv-dev-54", "cv-dev-57", "cv-dev-59"]
MD_IDS = ["cv-dev-49", "cv-dev-53", "cv-dev-55", "cv-dev-58"]

# For the two-column PDF: every block before this heading goes to the sidebar.
TWO_COLUMN = {"cv-dev-52": "Summary"}
# Dense one-page rendering for DOCX.
DENSE = {"cv-dev-54"}


# ---------------------------------------------------------------- parsing
def parse_md(text: str) -> list[tuple]:
    """Very small Markdown reader: headings, bullets, tables, text lines."""
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip().strip("|")
                cells = [c.strip() for c in row.split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*]\s+", "", line)))
        elif re.match(r"^\d+\.\s+", line):
            blocks.append(("numbered", line))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    text = text.replace("\\*", "\x00")
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return [(t.replace("\x00", "*"), b, it) for t, b, it in runs]


def to_rl_markup(text: str) -> str:
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
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


def _styles(font, bold, size=9.5):
    from reportlab.lib.styles import ParagraphStyle

    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=size + 8, leading=size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=size + 2.5, leading=size + 5,
                             spaceBefore=8, spaceAfter=3, textColor="#1f3a5f"),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=size + 0.5, leading=size + 3,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=font, fontSize=size, leading=size + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=size, leading=size + 3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1, bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 0.5, leading=size + 2),
    }


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, content in blocks:
        if kind == "table":
            ncols = max(len(r) for r in content)
            data = [[Paragraph(to_rl_markup(c), st["cell"]) for c in r + [""] * (ncols - len(r))]
                    for r in content]
            t = Table(data, colWidths=[width / ncols] * ncols, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(content), st["bullet"], bulletText="•"))
        elif kind == "numbered":
            out.append(Paragraph(to_rl_markup(content), st["bullet"]))
        else:
            out.append(Paragraph(to_rl_markup(content), st[kind]))
    return out


def render_pdf(cv_id: str, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate, SimpleDocTemplate)

    font, bold = _fonts()
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 16 * mm
    if cv_id in TWO_COLUMN:
        split_at = TWO_COLUMN[cv_id]
        idx = next(i for i, (k, c) in enumerate(blocks) if k == "h2" and c == split_at)
        side_w = 58 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        sidebar = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                        leftPadding=4, rightPadding=4, showBoundary=0)
        main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                     leftPadding=4, rightPadding=4)
        later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColorRGB(0.93, 0.95, 0.97)
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, H - 2 * margin + 6 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV",
                              pageTemplates=[PageTemplate("first", [sidebar, main], onPage=sidebar_bg),
                                             PageTemplate("later", [later])])
        side_st = _styles(font, bold, size=8.5)
        main_st = _styles(font, bold, size=9.5)
        story = _flowables(blocks[:idx], side_st, side_w - 8)
        story += [NextPageTemplate("later"), FrameBreak()]
        story += _flowables(blocks[idx:], main_st, main_w - 8)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic CV")
        st = _styles(font, bold)
        doc.build(_flowables(blocks, st, W - 2 * margin))
    return out


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text, size=None):
    from docx.shared import Pt

    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, blocks):
    from docx import Document
    from docx.shared import Pt, Cm

    dense = cv_id in DENSE
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(1.5 if dense else 2.0)
        s.top_margin = s.bottom_margin = Cm(1.2 if dense else 2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(9 if dense else 10.5)
    normal.paragraph_format.space_after = Pt(1 if dense else 3)
    body = 9 if dense else None
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=0 if not dense else 1)
        elif kind in ("h2", "h3"):
            h = doc.add_heading("", level=1 if kind == "h2" else 2)
            _add_runs(h, content)
            if dense:
                h.paragraph_format.space_before = Pt(4)
                h.paragraph_format.space_after = Pt(1)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            _add_runs(p, content, body)
            if dense:
                p.paragraph_format.space_after = Pt(0)
        elif kind == "table":
            ncols = max(len(r) for r in content)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(content):
                cells = table.add_row().cells
                for ci in range(ncols):
                    text = row[ci] if ci < len(row) else ""
                    p = cells[ci].paragraphs[0]
                    for t, b, it in inline_runs(text):
                        r = p.add_run(t)
                        r.bold = True if (ri == 0 or b) else None
                        r.italic = it or None
            doc.add_paragraph()
        else:
            p = doc.add_paragraph()
            _add_runs(p, content, body)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS + MD_IDS:
        src = HERE / f"{cv_id}.md"
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if cv_id in PDF_IDS:
            out = render_pdf(cv_id, blocks)
        elif cv_id in DOCX_IDS:
            out = render_docx(cv_id, blocks)
        else:
            out = src
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
