"""Render the held-out CVs of batch w5e (cv-ho-541 .. cv-ho-552) to their target formats.

Each CV's text lives in ``<id>.md``. This script renders the ones whose target is
PDF or DOCX; for the others the ``.md`` file itself is the target.

    /work/main/.venv/bin/python eval/cvs/heldout-w5e/render.py

PDFs are built with reportlab (real text layer; cv-ho-542 uses two frames so the
text is laid out in a sidebar column and a main column). DOCX files are built
with python-docx (Markdown tables become real Word tables).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-541": "docx",
    "cv-ho-542": "pdf-two-column",
    "cv-ho-543": "md",
    "cv-ho-544": "pdf",
    "cv-ho-545": "md",
    "cv-ho-546": "docx",
    "cv-ho-547": "pdf",
    "cv-ho-548": "md",
    "cv-ho-549": "docx",
    "cv-ho-550": "pdf",
    "cv-ho-551": "docx",
    "cv-ho-552": "md",
}

# Sections of cv-ho-542 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing

def parse_md(text: str) -> dict:
    """Parse the small Markdown subset used by the CVs into a simple structure.

    Returns {"name": str, "contact": str, "sections": [(title, [blocks])]}, where a
    block is one of ("p", text), ("quote", text), ("h3", text), ("bullets", [text]),
    ("table", [[cell, ...], ...]).
    """
    lines = text.splitlines()
    name = ""
    contact_parts: list[str] = []
    sections: list[tuple[str, list]] = []
    current: list | None = None  # blocks of the current section
    preamble: list = []
    para: list[str] = []
    bullets: list[str] = []
    table: list[list[str]] = []

    def target() -> list:
        return current if current is not None else preamble

    def flush() -> None:
        nonlocal para, bullets, table
        if para:
            joined = " ".join(s.strip() for s in para)
            if joined.startswith(">"):
                target().append(("quote", joined.lstrip("> ").strip()))
            else:
                target().append(("p", joined))
            para = []
        if bullets:
            target().append(("bullets", bullets))
            bullets = []
        if table:
            target().append(("table", table))
            table = []

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("# "):
            flush()
            name = line[2:].strip()
        elif line.startswith("## "):
            flush()
            current = []
            sections.append((line[3:].strip(), current))
        elif line.startswith("### "):
            flush()
            target().append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            if para or table:
                flush()
            bullets.append(line[2:].strip())
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
        elif not line.strip():
            flush()
        else:
            if bullets or table:
                flush()
            para.append(line)
    flush()
    for kind, value in preamble:
        if kind in ("p", "quote"):
            contact_parts.append(value)
    return {"name": name, "contact": contact_parts, "sections": sections}


def inline_to_rl(text: str) -> str:
    """Markdown inline (**bold**, *italic*) to reportlab paragraph markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Markdown inline to a list of (text, bold, italic) runs for python-docx."""
    runs: list[tuple[str, bool, bool]] = []
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# --------------------------------------------------------------------------- PDF

def _fonts() -> tuple[str, str, str]:
    """Register DejaVu Sans if available (covers ń, ı, etc.), else use Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
        addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
        return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


def _styles(scale: float = 1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    regular, bold, italic = _fonts()
    s = {}
    s["name"] = ParagraphStyle("name", fontName=bold, fontSize=18 * scale, leading=22 * scale,
                               spaceAfter=4)
    s["contact"] = ParagraphStyle("contact", fontName=regular, fontSize=8.5 * scale,
                                  leading=11 * scale, textColor=colors.HexColor("#333333"),
                                  spaceAfter=6)
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=9.5 * scale, leading=12 * scale,
                             spaceBefore=4, spaceAfter=1)
    s["body"] = ParagraphStyle("body", fontName=regular, fontSize=9 * scale, leading=11.5 * scale,
                               spaceAfter=3)
    s["quote"] = ParagraphStyle("quote", parent=s["body"], fontName=italic, leftIndent=8)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["body"], spaceAfter=0)
    return s


def _blocks_to_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, value in blocks:
        if kind == "p":
            out.append(Paragraph(inline_to_rl(value), st["body"]))
        elif kind == "quote":
            out.append(Paragraph(inline_to_rl(value), st["quote"]))
        elif kind == "h3":
            out.append(Paragraph(inline_to_rl(value), st["h3"]))
        elif kind == "bullets":
            for b in value:
                out.append(Paragraph(inline_to_rl(b), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in value]
            ncol = max(len(r) for r in value)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv: dict, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Paragraph

    st = _styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv["name"], author=cv["name"])
    story = [Paragraph(inline_to_rl(cv["name"]), st["name"])]
    for c in cv["contact"]:
        story.append(Paragraph(inline_to_rl(c), st["contact"]))
    for title, blocks in cv["sections"]:
        story.append(Paragraph(inline_to_rl(title), st["h2"]))
        story.extend(_blocks_to_flowables(blocks, st, doc.width))
    doc.build(story)


def render_pdf_two_column(cv: dict, path: Path) -> None:
    """Sidebar (contact + skills-like sections) in a left frame, the rest in a right frame."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                    FrameBreak, NextPageTemplate)

    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main-later",
                  leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, 0, side_w + 6 * mm, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv["name"], author=cv["name"],
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="two-column", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later], onPage=sidebar_bg),
    ])

    st = _styles(scale=0.95)
    side_story = [Paragraph(inline_to_rl(cv["name"]), st["name"])]
    # contact line split into one item per line in the sidebar
    for c in cv["contact"]:
        for part in [p.strip() for p in c.split("·") if p.strip()]:
            side_story.append(Paragraph(inline_to_rl(part), st["contact"]))
    main_story = []
    for title, blocks in cv["sections"]:
        if title in SIDEBAR_SECTIONS:
            side_story.append(Paragraph(inline_to_rl(title), st["h2"]))
            side_story.extend(_blocks_to_flowables(blocks, st, side_w - 8))
        else:
            main_story.append(Paragraph(inline_to_rl(title), st["h2"]))
            main_story.extend(_blocks_to_flowables(blocks, st, main_w - 8))
    story = side_story + [NextPageTemplate("later"), FrameBreak()] + main_story
    doc.build(story)


# --------------------------------------------------------------------------- DOCX

def _add_runs(paragraph, text, base_bold=False, base_italic=False):
    for chunk, bold, italic in inline_runs(text):
        run = paragraph.add_run(chunk)
        run.bold = bold or base_bold or None
        run.italic = italic or base_italic or None


def render_docx(cv: dict, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv["name"]
    doc.core_properties.author = cv["name"]

    doc.add_heading(cv["name"], level=0)
    for c in cv["contact"]:
        _add_runs(doc.add_paragraph(), c)
    for title, blocks in cv["sections"]:
        doc.add_heading(title, level=1)
        for kind, value in blocks:
            if kind == "p":
                _add_runs(doc.add_paragraph(), value)
            elif kind == "quote":
                _add_runs(doc.add_paragraph(style="Quote"), value)
            elif kind == "h3":
                doc.add_heading(value.replace("**", ""), level=2)
            elif kind == "bullets":
                for b in value:
                    _add_runs(doc.add_paragraph(style="List Bullet"), b)
            elif kind == "table":
                ncol = max(len(r) for r in value)
                table = doc.add_table(rows=0, cols=ncol)
                table.style = "Table Grid"
                for i, row in enumerate(value):
                    cells = table.add_row().cells
                    for j, text in enumerate(row):
                        cells[j].text = ""
                        _add_runs(cells[j].paragraphs[0], text, base_bold=(i == 0))
                doc.add_paragraph()
    doc.save(str(path))


# --------------------------------------------------------------------------- main

def main() -> None:
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        cv = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "md":
            out = src
        elif fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv, out)
        elif fmt == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {fmt:15s} -> {out.name} ({out.stat().st_size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
