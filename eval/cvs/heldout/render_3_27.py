"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-27/render.py
The .md files are the source of truth; .md targets are not rendered.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-913": "md",
    "cv-ho-914": "pdf-2col",
    "cv-ho-915": "docx",
    "cv-ho-916": "pdf",
    "cv-ho-917": "docx",
    "cv-ho-918": "md",
    "cv-ho-919": "pdf",
    "cv-ho-920": "docx",
    "cv-ho-921": "pdf",
    "cv-ho-922": "md",
    "cv-ho-923": "docx",
    "cv-ho-924": "md",
}

# Sections of the two-column CV that go to the left sidebar.
SIDEBAR_SECTIONS = {"cv-ho-914": {"Contact", "Core Skills", "Market Knowledge", "Languages"}}

# ---------------------------------------------------------------- parsing


def parse(md: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para (list of lines), bullet (level, text), table (rows)
    """
    blocks = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r for r in table if not all(set(c) <= set("-: ") for c in r)]))
            table.clear()

    for raw in md.splitlines():
        line = raw.rstrip("\n")
        stripped = line.strip()
        if stripped.startswith("|"):
            flush_para()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            table.append(cells)
            continue
        flush_table()
        if not stripped:
            flush_para()
            continue
        m = re.match(r"^(#{1,3}) (.*)$", stripped)
        if m:
            flush_para()
            blocks.append((f"h{len(m.group(1))}", m.group(2).strip()))
            continue
        m = re.match(r"^( *)- (.*)$", line)
        if m:
            flush_para()
            level = 1 + len(m.group(1)) // 2
            blocks.append(("bullet", (level, m.group(2).strip())))
            continue
        para.append(line)
    flush_para()
    flush_table()
    return blocks


def split_para(lines: list[str]) -> list[str]:
    """Lines of a paragraph, keeping Markdown hard breaks (two trailing spaces)."""
    out, cur = [], []
    for ln in lines:
        hard = ln.endswith("  ")
        cur.append(ln.strip())
        if hard:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


# ---------------------------------------------------------------- PDF

FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_dejavu = Path("/usr/share/fonts/truetype/dejavu")
if (_dejavu / "DejaVuSans.ttf").exists() and (_dejavu / "DejaVuSans-Bold.ttf").exists():
    pdfmetrics.registerFont(TTFont("DejaVu", str(_dejavu / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_dejavu / "DejaVuSans-Bold.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold", italic="DejaVu",
                       boldItalic="DejaVu-Bold")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"


def styles(scale: float = 1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=17 * scale, leading=21 * scale,
                             spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=9.8 * scale, leading=12 * scale,
                             spaceBefore=4, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName=FONT, fontSize=9.3 * scale, leading=12 * scale,
                               alignment=TA_LEFT, spaceAfter=3)
    s["bullet1"] = ParagraphStyle("b1", parent=s["para"], leftIndent=11, bulletIndent=2,
                                  bulletFontName=FONT,
                                  spaceAfter=1.5)
    s["bullet2"] = ParagraphStyle("b2", parent=s["para"], leftIndent=22, bulletIndent=13,
                                  bulletFontName=FONT,
                                  spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def inline_pdf(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_pdf(payload), st[kind]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(inline_pdf(x) for x in split_para(payload)),
                                 st["para"]))
        elif kind == "bullet":
            level, text = payload
            out.append(Paragraph(inline_pdf(text), st[f"bullet{min(level, 2)}"],
                                 bulletText="•" if level == 1 else "–"))
        elif kind == "table":
            data = [[Paragraph(inline_pdf(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, blocks, out: Path):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    st = styles()
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id: str, blocks, out: Path):
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 22 * mm
    side_w = 60 * mm
    gap = 7 * mm
    body_h = page_h - 2 * margin - header_h
    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=6, rightPadding=6,
                    topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=2, rightPadding=4, topPadding=6, bottomPadding=6)
    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def draw_sidebar(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, sidebar, main], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later]),
    ])
    side_names = SIDEBAR_SECTIONS[cv_id]
    title, side, body = [], [], []
    current = None
    for kind, payload in blocks:
        if kind == "h1":
            title.append((kind, payload))
            continue
        if kind == "h2":
            current = side if payload in side_names else body
        (current if current is not None else title).append((kind, payload))
    st_main = styles()
    st_side = styles(scale=0.93)
    flow = [NextPageTemplate("later")]
    flow += pdf_flowables(title, st_main, header.width)
    flow.append(FrameBreak())
    flow += pdf_flowables(side, st_side, side_w - 12)
    flow.append(FrameBreak())
    flow += pdf_flowables(body, st_main, main.width)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX


def add_runs(par, text: str):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id: str, blocks, out: Path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            lines = split_para(payload)
            for i, ln in enumerate(lines):
                add_runs(p, ln)
                if i < len(lines) - 1:
                    p.add_run().add_break()
        elif kind == "bullet":
            level, text = payload
            p = doc.add_paragraph(style="List Bullet" if level == 1 else "List Bullet 2")
            add_runs(p, text)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncol):
                    text = row[c_i] if c_i < len(row) else ""
                    cells[c_i].text = ""
                    run = cells[c_i].paragraphs[0].add_run(text)
                    if r_i == 0:
                        run.bold = True
            doc.add_paragraph()
    doc.save(str(out))


# ---------------------------------------------------------------- main


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if target == "md":
            continue
        if target == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(f"rendered {cv_id} -> {target}")


if __name__ == "__main__":
    main()
