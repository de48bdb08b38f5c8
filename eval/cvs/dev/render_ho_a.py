"""Render the held-out synthetic CVs from their Markdown source to PDF / DOCX.

Usage:  /work/main/.venv/bin/python eval/cvs/heldout/render.py

Each CV's text lives in <id>.md. This script renders the CVs whose target
format is PDF or DOCX (the .md itself is the target for the others):

- PDF  (reportlab, real text layer, embedded DejaVu/Vera subset fonts)
  cv-ho-01 is a two-column layout: a sidebar frame (contact, skills, ...)
  and a main frame (summary, experience, education) on the same page,
  built with BaseDocTemplate + two Frames.
- DOCX (python-docx); Markdown tables become real Word tables
  (cv-ho-04 has its skills as a Word table with levels).

Only a small subset of Markdown is used by the CVs and handled here:
`# name`, header lines, `## section`, `### subsection`, `*date line*`,
`- bullets` (one nesting level), `1. numbered`, `| tables |`, paragraphs,
and inline **bold** / *italic*.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-01": "pdf",   # two-column
    "cv-ho-02": "md",
    "cv-ho-03": "pdf",
    "cv-ho-04": "docx",  # Word table for skills
    "cv-ho-05": "md",
    "cv-ho-06": "pdf",
    "cv-ho-07": "docx",
    "cv-ho-08": "md",
    "cv-ho-09": "docx",
    "cv-ho-10": "pdf",
    "cv-ho-11": "docx",
    "cv-ho-12": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {
    "cv-ho-01": ["Contact", "Skills", "Certifications", "Languages", "Interests"],
}


# --------------------------------------------------------------------------
# Markdown subset parser
# --------------------------------------------------------------------------
def parse(md: str) -> dict:
    lines = md.splitlines()
    cv = {"name": "", "header": [], "sections": []}
    cur = None  # current section dict
    para: list[str] = []
    table: list[list[str]] = []

    def blocks():
        return cur["blocks"] if cur is not None else None

    def flush_para():
        nonlocal para
        if para:
            text = " ".join(p.strip() for p in para)
            if cur is None:
                cv["header"].append(text)
            else:
                blocks().append(("para", text))
            para = []

    def flush_table():
        nonlocal table
        if table:
            rows = [r for r in table if not all(re.fullmatch(r":?-{2,}:?", c.strip()) for c in r)]
            blocks().append(("table", rows))
            table = []

    for raw in lines:
        line = raw.rstrip()
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
        if line.startswith("# "):
            flush_para()
            cv["name"] = line[2:].strip()
        elif cur is None and not line.startswith("## "):
            # header lines (headline, contact) before the first section: one per line
            cv["header"].append(stripped)
        elif line.startswith("## "):
            flush_para()
            cur = {"title": line[3:].strip(), "blocks": []}
            cv["sections"].append(cur)
        elif line.startswith("### "):
            flush_para()
            blocks().append(("h3", line[4:].strip()))
        elif re.fullmatch(r"\*[^*].*[^*]\*", stripped):
            flush_para()
            blocks().append(("date", stripped[1:-1]))
        elif re.match(r"^\s*- ", line):
            flush_para()
            level = 1 if (len(line) - len(line.lstrip())) >= 2 else 0
            blocks().append(("bullet", stripped[2:], level))
        elif re.match(r"^\d+\. ", stripped):
            flush_para()
            num, text = stripped.split(". ", 1)
            blocks().append(("num", text, num))
        else:
            para.append(stripped)
    flush_para()
    flush_table()
    return cv


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic) runs."""
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


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
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
    for reg, bold, it, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, it, bi)):
            pdfmetrics.registerFont(TTFont("CV", reg))
            pdfmetrics.registerFont(TTFont("CV-Bold", bold))
            pdfmetrics.registerFont(TTFont("CV-Italic", it))
            pdfmetrics.registerFont(TTFont("CV-BoldItalic", bi))
            addMapping("CV", 0, 0, "CV")
            addMapping("CV", 1, 0, "CV-Bold")
            addMapping("CV", 0, 1, "CV-Italic")
            addMapping("CV", 1, 1, "CV-BoldItalic")
            return
    raise SystemExit("no usable TTF font found")


def _markup(text: str) -> str:
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


def _styles(scale: float = 1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    base = ParagraphStyle("body", fontName="CV", bulletFontName="CV", fontSize=9 * scale, leading=12 * scale, spaceAfter=2)
    return {
        "name": ParagraphStyle("name", parent=base, fontName="CV-Bold", fontSize=18, leading=22, spaceAfter=2),
        "header": ParagraphStyle("header", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=base, fontName="CV-Bold", fontSize=11 * scale, leading=14 * scale,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="CV-Bold", fontSize=9.5 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=0),
        "date": ParagraphStyle("date", parent=base, fontName="CV-Italic", fontSize=8.5 * scale,
                               textColor=colors.HexColor("#555555"), spaceAfter=2),
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=11, bulletIndent=2, spaceAfter=1),
        "bullet2": ParagraphStyle("bullet2", parent=base, leftIndent=22, bulletIndent=13, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
    }


def _section_flowables(sec, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    fl = [Paragraph(_markup(sec["title"]), st["h2"])]
    for b in sec["blocks"]:
        kind = b[0]
        if kind == "h3":
            fl.append(Paragraph(_markup(b[1]), st["h3"]))
        elif kind == "date":
            fl.append(Paragraph(_markup(b[1]), st["date"]))
        elif kind == "para":
            fl.append(Paragraph(_markup(b[1]), st["body"]))
        elif kind == "bullet":
            style = st["bullet2"] if b[2] else st["bullet"]
            fl.append(Paragraph(_markup(b[1]), style, bulletText="–" if b[2] else "•"))
        elif kind == "num":
            fl.append(Paragraph(_markup(b[1]), st["bullet"], bulletText=f"{b[2]}."))
        elif kind == "table":
            rows = [[Paragraph(_markup(c), st["cell"]) for c in r] for r in b[1]]
            t = Table(rows, colWidths=[width / len(rows[0])] * len(rows[0]), hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def render_pdf(cv_id: str, cv: dict, out: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                    Paragraph, FrameBreak, NextPageTemplate)

    _register_fonts()
    W, H = A4
    margin = 16 * mm
    meta = dict(title=f"CV — {cv['name']}", author=cv["name"], subject="Curriculum vitae")

    if cv_id in SIDEBAR:
        side_titles = SIDEBAR[cv_id]
        side_w = 60 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        st_side = _styles(0.95)
        st = _styles()
        side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                           leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
        main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                           leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=4)
        full_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

        def draw_sidebar(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, H - 2 * margin + 6 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, invariant=1, **meta)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[side_frame, main_frame], onPage=draw_sidebar),
            PageTemplate(id="one", frames=[full_frame]),
        ])
        story = [NextPageTemplate("one")]
        side = [s for t in side_titles for s in cv["sections"] if s["title"] == t]
        main = [s for s in cv["sections"] if s["title"] not in side_titles]
        for s in side:
            story += _section_flowables(s, st_side, side_w - 8)
        story.append(FrameBreak())
        story.append(Paragraph(_markup(cv["name"]), st["name"]))
        for h in cv["header"]:
            story.append(Paragraph(_markup(h), st["header"]))
        for s in main:
            story += _section_flowables(s, st, main_w)
        doc.build(story)
        return

    st = _styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, invariant=1, **meta)
    story = [Paragraph(_markup(cv["name"]), st["name"])]
    for h in cv["header"]:
        story.append(Paragraph(_markup(h), st["header"]))
    for s in cv["sections"]:
        story += _section_flowables(s, st, W - 2 * margin)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text, bold=False, italic=False):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or b or None
        r.italic = italic or i or None
    return par


def render_docx(cv_id: str, cv: dict, out: Path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    doc.core_properties.title = f"CV — {cv['name']}"
    doc.core_properties.author = cv["name"]

    p = doc.add_paragraph()
    r = p.add_run(cv["name"])
    r.bold = True
    r.font.size = Pt(20)
    for h in cv["header"]:
        _add_runs(doc.add_paragraph(), h)

    for sec in cv["sections"]:
        doc.add_heading(sec["title"], level=1)
        for b in sec["blocks"]:
            kind = b[0]
            if kind == "h3":
                doc.add_heading(level=2).add_run(b[1])
            elif kind == "date":
                _add_runs(doc.add_paragraph(), b[1], italic=True)
            elif kind == "para":
                _add_runs(doc.add_paragraph(), b[1])
            elif kind == "bullet":
                _add_runs(doc.add_paragraph(style="List Bullet 2" if b[2] else "List Bullet"), b[1])
            elif kind == "num":
                _add_runs(doc.add_paragraph(style="List Number"), b[1])
            elif kind == "table":
                rows = b[1]
                t = doc.add_table(rows=len(rows), cols=len(rows[0]))
                t.style = "Table Grid"
                for i, row in enumerate(rows):
                    for j, cell in enumerate(row):
                        c = t.cell(i, j)
                        c.text = ""
                        _add_runs(c.paragraphs[0], cell, bold=(i == 0))
                doc.add_paragraph()
    doc.save(str(out))


def main(argv):
    only = set(argv[1:])
    for cv_id, fmt in TARGETS.items():
        if only and cv_id not in only:
            continue
        src = HERE / f"{cv_id}.md"
        cv = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, cv, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, cv, out)
        else:
            out = src
        print(f"{cv_id}: {fmt:4s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv)
