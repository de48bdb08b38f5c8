"""Render the dev-i CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev/render_i.py
The .md file is the CV's content; this script only changes the layout.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-dev-097", "cv-dev-101", "cv-dev-103", "cv-dev-105"]
DOCX = ["cv-dev-098", "cv-dev-100", "cv-dev-104", "cv-dev-107"]
# cv-dev-099, -102, -106, -108 stay as Markdown.
TWO_COLUMN = {"cv-dev-097": ["Skills", "Languages", "Interests"]}  # sidebar sections


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (header_blocks, sections); a section is (title, blocks)."""
    header, sections, cur = [], [], None
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        target = header if cur is None else cur[1]
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            header.append(("name", line[2:].strip()))
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            target.append(("sub", line[4:].strip()))
        elif line.startswith("- "):
            target.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            target.append(("table", rows))
            continue
        else:
            target.append(("para", line.strip()))
        i += 1
    return header, sections


def inline_segments(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*"):
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    res = []
    for seg, b, it in inline_segments(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        res.append(seg)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "name": ParagraphStyle("name", parent=base, fontName="Helvetica-Bold",
                               fontSize=18, leading=22, spaceAfter=4),
        "para": ParagraphStyle("para", parent=base, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f4e79")),
        "sub": ParagraphStyle("sub", parent=base, fontName="Helvetica-Bold",
                              spaceBefore=4, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2, bulletFontName="Helvetica",
                                 spaceAfter=1.5),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "name":
            out.append(Paragraph(to_rl(val), st["name"]))
        elif kind == "sub":
            out.append(Paragraph(to_rl(val), st["sub"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(val), st["bullet"], bulletText="-"))
        elif kind == "para":
            out.append(Paragraph(to_rl(val), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def section_flowables(sections, st, width):
    out = []
    for title, blocks in sections:
        out.append(Paragraph(to_rl(title), st["h2"]))
        out.extend(blocks_to_flowables(blocks, st, width))
    return out


def render_pdf(cv_id, header, sections):
    path = HERE / f"{cv_id}.pdf"
    st = styles()
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                                title=cv_id, author="synthetic CV")
        story = blocks_to_flowables(header, st, doc.width)
        story += section_flowables(sections, st, doc.width)
        doc.build(story)
        return path

    # Two-column layout: header across the top, sidebar on the left, main column on the right.
    side_titles = TWO_COLUMN[cv_id]
    side = [s for s in sections if s[0] in side_titles]
    main = [s for s in sections if s[0] not in side_titles]
    W, H = A4
    m = 1.6 * cm
    header_h = 3.0 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header")
    f_side = Frame(m, m, side_w, body_h, id="sidebar")
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main")
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef3f8"))
        canvas.rect(m - 0.2 * cm, m - 0.2 * cm, side_w + 0.4 * cm, body_h + 0.2 * cm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    side_st = styles(scale=0.92)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(header, st, f_header._width)
    story.append(FrameBreak())
    story += section_flowables(side, side_st, side_w)
    story.append(FrameBreak())
    story += section_flowables(main, st, f_main._width)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_segments(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(cv_id, header, sections):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "name":
                doc.add_heading(val, level=0)
            elif kind == "sub":
                h = doc.add_heading(level=2)
                add_runs(h, val)
            elif kind == "bullet":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "para":
                add_runs(doc.add_paragraph(), val)
            elif kind == "table":
                t = doc.add_table(rows=0, cols=len(val[0]))
                t.style = "Table Grid"
                for r_i, row in enumerate(val):
                    cells = t.add_row().cells
                    for c_i, txt in enumerate(row):
                        cells[c_i].text = ""
                        p = cells[c_i].paragraphs[0]
                        add_runs(p, txt)
                        if r_i == 0:
                            for run in p.runs:
                                run.bold = True
                doc.add_paragraph()

    emit(header)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        emit(blocks)
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf(cv_id, header, sections) if cv_id in PDF else \
            render_docx(cv_id, header, sections)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
