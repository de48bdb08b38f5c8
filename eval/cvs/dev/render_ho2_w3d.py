"""Render the heldout-w3d CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w3d/render.py

Each cv-ho-NNN.md is the CV's exact content. Targets:
  - PDF  (reportlab, real text layer; cv-ho-337 uses a two-column layout built
          from two reportlab Frames: a skills sidebar and a main column)
  - DOCX (python-docx; Markdown tables become real Word tables)
  - MD   (the .md file itself is the target; nothing to render)
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-337": "pdf-two-column",
    "cv-ho-338": "docx",
    "cv-ho-339": "md",
    "cv-ho-340": "pdf",
    "cv-ho-341": "docx",
    "cv-ho-342": "md",
    "cv-ho-343": "pdf",
    "cv-ho-344": "docx",
    "cv-ho-345": "md",
    "cv-ho-346": "pdf",
    "cv-ho-347": "docx",
    "cv-ho-348": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"cv-ho-337": ["Skills", "Languages", "Interests"]}


# --------------------------------------------------------------------------
# A very small Markdown parser, enough for these CVs.
# --------------------------------------------------------------------------
def parse(md: str):
    """Return (title, header_lines, sections); sections = [(name, blocks)].

    blocks are tuples: ("h3", text) | ("p", [lines]) | ("ul", [(level, text)])
    | ("table", [row cells]).
    """
    title = ""
    header: list[str] = []
    sections: list[tuple[str, list]] = []
    current = None
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            i += 1
            continue
        if s.startswith("# "):
            title = s[2:].strip()
            i += 1
            continue
        if s.startswith("## "):
            current = (s[3:].strip(), [])
            sections.append(current)
            i += 1
            continue
        if current is None:  # lines between the name and the first section
            header.append(s)
            i += 1
            continue
        blocks = current[1]
        if s.startswith("### "):
            blocks.append(("h3", s[4:].strip()))
            i += 1
        elif s.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        elif re.match(r"^\s*- ", line):
            items = []
            while i < len(lines) and re.match(r"^\s*- ", lines[i]):
                indent = len(lines[i]) - len(lines[i].lstrip())
                items.append((1 if indent >= 2 else 0, lines[i].strip()[2:].strip()))
                i += 1
            blocks.append(("ul", items))
        else:
            para = []
            while i < len(lines):
                t = lines[i].strip()
                if not t or t.startswith(("#", "|")) or re.match(r"^\s*- ", lines[i]):
                    break
                para.append(t)
                i += 1
            blocks.append(("p", para))
    return title, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text: str):
    """Split inline Markdown into (text, bold, italic) runs."""
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


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _pdf_markup(text: str) -> str:
    from xml.sax.saxutils import escape

    res = []
    for t, b, it in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


def _pdf_styles(base_size=10):
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib import colors

    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("T", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "header": ParagraphStyle("Hd", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3,
                                 textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("H2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 5,
                             spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("H3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 4,
                             spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("P", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3.5, spaceAfter=3),
        "li0": ParagraphStyle("L0", parent=ss["Normal"], fontName="Helvetica",
                              fontSize=base_size, leading=base_size + 3.5,
                              leftIndent=12, bulletIndent=3, spaceAfter=1.5),
        "li1": ParagraphStyle("L1", parent=ss["Normal"], fontName="Helvetica",
                              fontSize=base_size, leading=base_size + 3.5,
                              leftIndent=26, bulletIndent=16, spaceAfter=1.5),
    }


def _pdf_blocks(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, val in blocks:
        if kind == "h3":
            flow.append(Paragraph(_pdf_markup(val), st["h3"]))
        elif kind == "p":
            for line in val:
                flow.append(Paragraph(_pdf_markup(line), st["p"]))
        elif kind == "ul":
            for level, text in val:
                flow.append(Paragraph(_pdf_markup(text), st["li1" if level else "li0"],
                                      bulletText="\u2013" if level else "\u2022"))
        elif kind == "table":
            data = [[Paragraph(_pdf_markup(c), st["p"]) for c in row] for row in val]
            n = len(val[0])
            t = Table(data, colWidths=[width / n] * n)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id: str, md: str, two_column: bool):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                    NextPageTemplate, PageTemplate, Paragraph,
                                    SimpleDocTemplate)

    title, header, sections = parse(md)
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 1.8 * cm
    meta = dict(title=f"CV — {title}", author=title)

    if not two_column:
        st = _pdf_styles(10)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                                rightMargin=margin, topMargin=margin,
                                bottomMargin=margin, **meta)
        flow = [Paragraph(_pdf_markup(title), st["title"])]
        flow += [Paragraph(_pdf_markup(h), st["header"]) for h in header]
        for name, blocks in sections:
            flow.append(Paragraph(_pdf_markup(name), st["h2"]))
            flow += _pdf_blocks(blocks, st, W - 2 * margin)
        doc.build(flow)
        return out

    # Two-column layout: a narrow sidebar frame (skills, languages, interests)
    # on the left and a wide main frame on the right, on the first page.
    st = _pdf_styles(9.5)
    side_names = SIDEBAR_SECTIONS[cv_id]
    gap = 0.6 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=6, rightPadding=0, showBoundary=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        from reportlab.lib import colors
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                          rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, **meta)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[later]),
    ])
    flow = []
    for name, blocks in sections:
        if name in side_names:
            flow.append(Paragraph(_pdf_markup(name), st["h2"]))
            flow += _pdf_blocks(blocks, st, side_w - 8)
    flow.append(NextPageTemplate("rest"))
    flow.append(FrameBreak())
    flow.append(Paragraph(_pdf_markup(title), st["title"]))
    flow += [Paragraph(_pdf_markup(h), st["header"]) for h in header]
    for name, blocks in sections:
        if name not in side_names:
            flow.append(Paragraph(_pdf_markup(name), st["h2"]))
            flow += _pdf_blocks(blocks, st, main_w - 6)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _docx_add_runs(par, text, bold_all=False):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or bold_all
        r.italic = it


def render_docx(cv_id: str, md: str):
    from docx import Document
    from docx.shared import Pt

    title, header, sections = parse(md)
    doc = Document()
    doc.core_properties.title = f"CV — {title}"
    doc.core_properties.author = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    doc.add_heading(title, level=0)
    for h in header:
        _docx_add_runs(doc.add_paragraph(), h)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        for kind, val in blocks:
            if kind == "h3":
                doc.add_heading(val, level=2)
            elif kind == "p":
                for line in val:
                    _docx_add_runs(doc.add_paragraph(), line)
            elif kind == "ul":
                for level, text in val:
                    style = "List Bullet 2" if level else "List Bullet"
                    _docx_add_runs(doc.add_paragraph(style=style), text)
            elif kind == "table":
                table = doc.add_table(rows=len(val), cols=len(val[0]))
                table.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        p = table.cell(r, c).paragraphs[0]
                        _docx_add_runs(p, cell, bold_all=(r == 0))
                doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if target == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if target.startswith("pdf"):
            out = render_pdf(cv_id, md, two_column=(target == "pdf-two-column"))
        else:
            out = render_docx(cv_id, md)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
