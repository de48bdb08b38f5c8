"""Render the dev-f CVs (cv-dev-61 .. cv-dev-72) from Markdown to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev/render_f.py

- PDF  (reportlab, real text layer): cv-dev-63 (two-column), cv-dev-64, cv-dev-67, cv-dev-69
- DOCX (python-docx): cv-dev-62 (skills as a real Word table), cv-dev-65, cv-dev-68, cv-dev-71
- MD   (the .md file itself is the target): cv-dev-61, cv-dev-66, cv-dev-70, cv-dev-72
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-63", "cv-dev-64", "cv-dev-67", "cv-dev-69"]
TWO_COLUMN = {"cv-dev-63": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-dev-62", "cv-dev-65", "cv-dev-68", "cv-dev-71"]
MD_IDS = ["cv-dev-61", "cv-dev-66", "cv-dev-70", "cv-dev-72"]


# ---------------------------------------------------------------- markdown parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, p, li, table (payload = list of rows, each a list of cells)."""
    blocks = []
    lines = md.splitlines()
    i = 0
    para: list[str] = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.lstrip().startswith("- "):
            flush()
            blocks.append(("li", line.lstrip()[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text: str):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_markup(text: str) -> str:
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


def pdf_fonts():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "DejaVu": "DejaVuSans.ttf",
        "DejaVu-Bold": "DejaVuSans-Bold.ttf",
        "DejaVu-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVu-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
        addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
        return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def pdf_styles(font, bold, small=False):
    from reportlab.lib.styles import ParagraphStyle

    fs = 8.5 if small else 9.5
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=9,
                             spaceAfter=3, textColor="#1f3b5a"),
        "p": ParagraphStyle("p", fontName=font, fontSize=fs, leading=fs * 1.35, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=fs, leading=fs * 1.35, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5, bulletFontName=font),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=fs - 0.5, leading=(fs - 0.5) * 1.3),
    }


def pdf_flowables(blocks, st, width):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "p"):
            out.append(Paragraph(pdf_markup(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(pdf_markup(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(pdf_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                    PageTemplate, SimpleDocTemplate)

    font, bold = pdf_fonts()
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 16 * mm

    if cv_id not in TWO_COLUMN:
        st = pdf_styles(font, bold)
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic CV")
        doc.build(pdf_flowables(blocks, st, W - 2 * margin))
        return path

    # Two-column layout: a narrow sidebar frame (contact, skills, languages, interests)
    # and a wide main frame (name, summary, experience, education...).
    sidebar_titles = TWO_COLUMN[cv_id]
    side, main = [], []
    current = main
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))

    side_w = 58 * mm
    gap = 7 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin
    sidebar_frame = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=0,
                          rightPadding=4, topPadding=0, bottomPadding=0, showBoundary=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=0,
                       rightPadding=0, topPadding=0, bottomPadding=0)
    later_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="later", leftPadding=0,
                        rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColorRGB(0.93, 0.95, 0.97)
        canvas.rect(0, 0, margin + side_w + 2 * mm, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st = pdf_styles(font, bold, small=True)
    main_st = pdf_styles(font, bold)
    story = [NextPageTemplate("later")]
    story += pdf_flowables(side, side_st, side_w)
    story.append(FrameBreak())
    story += pdf_flowables(main, main_st, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    from docx.shared import Pt

    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, blocks):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, f"**{cell}**" if r == 0 else cell)
            doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(f"{p.name}: {p.stat().st_size} bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8")))
        print(f"{p.name}: {p.stat().st_size} bytes")
    for cv_id in MD_IDS:
        p = HERE / f"{cv_id}.md"
        assert p.exists(), p
        print(f"{p.name}: target is the Markdown file itself")


if __name__ == "__main__":
    main()
