"""Render the heldout3-45 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-45/render.py
The .md files are the source of truth; the MD-target CVs are not rendered.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, NextPageTemplate)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1130", "cv-ho-1132", "cv-ho-1136", "cv-ho-1139"]
DOCX = ["cv-ho-1131", "cv-ho-1133", "cv-ho-1137", "cv-ho-1140"]
TWO_COLUMN = {"cv-ho-1130": {"Skills", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (header_blocks, sections). A block is (kind, payload)."""
    blocks = []
    table = None
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            flush_para()
        elif line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            flush_para(); blocks.append(("li", line[2:]))
        else:
            para.append(line.strip())
    flush_para()

    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


def inline_rl(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(base=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base + 8,
                             leading=base + 11, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base,
                            leading=base + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base,
                             leading=base + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="\u2013"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def section_blocks(sections):
    blocks = []
    for title, body in sections:
        blocks.append(("h2", title))
        blocks.extend(body)
    return blocks


def render_pdf(cv_id, header, sections):
    path = HERE / f"{cv_id}.pdf"
    meta = dict(title=f"CV {cv_id}", author="", subject="Curriculum vitae")
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        st_main = pdf_styles(9.5)
        st_side = pdf_styles(8.5)
        W, H = A4
        m = 15 * mm
        head_h = 30 * mm
        side_w = 58 * mm
        gap = 6 * mm
        body_h = H - 2 * m - head_h
        header_frame = Frame(m, H - m - head_h, W - 2 * m, head_h, id="head",
                             showBoundary=0)
        side_frame = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
        main_frame = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h,
                           id="main", showBoundary=0)
        later_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m,
                           id="main2")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=m, rightMargin=m,
                              topMargin=m, bottomMargin=m, **meta)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                         onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later_main]),
        ])
        side = [s for s in sections if s[0] in side_titles]
        main = [s for s in sections if s[0] not in side_titles]
        story = flow(header, st_main) + [FrameBreak()]
        story += flow(section_blocks(side), st_side) + [FrameBreak(),
                                                         NextPageTemplate("later")]
        story += flow(section_blocks(main), st_main)
        doc.build(story)
    else:
        st = pdf_styles(10)
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                                rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=16 * mm, **meta)
        doc.build(flow(header, st) + flow(section_blocks(sections), st))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, header, sections):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = f"CV {cv_id}"
    d.core_properties.author = ""
    for kind, payload in header + section_blocks(sections):
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            add_runs(d.add_heading("", level=2), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
        else:
            add_runs(d.add_paragraph(), payload)
    path = HERE / f"{cv_id}.docx"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = (render_pdf if cv_id in PDF else render_docx)(cv_id, header, sections)
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
