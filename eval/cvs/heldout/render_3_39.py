"""Render the heldout3-39 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-39/render.py
The .md files are the CV text; PDF and DOCX targets are produced next to them.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-1059", "cv-ho-1060", "cv-ho-1063", "cv-ho-1066"]
DOCX_TARGETS = ["cv-ho-1058", "cv-ho-1062", "cv-ho-1065", "cv-ho-1068"]
TWO_COLUMN = {"cv-ho-1059": {"Contact", "Design skills", "Technical skills (new)",
                             "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks); blocks are (kind, payload) tuples grouped by section."""
    lines = md_text.splitlines()
    title = None
    sections = []  # list of (heading or None, [blocks])
    cur = (None, [])
    sections.append(cur)
    para = []
    table = []

    def flush_para():
        if para:
            cur[1].append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            cur[1].append(("table", rows))
            table.clear()

    for line in lines:
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if line.startswith("# "):
            flush_para()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("- "):
            flush_para()
            cur[1].append(("li", line[2:].strip()))
        elif not line.strip():
            flush_para()
        elif para and line.startswith("**") and not para[-1].endswith("."):
            # a new bold line (e.g. a degree) directly under another line: keep separate
            flush_para()
            para.append(line)
        else:
            para.append(line)
    flush_para()
    flush_table()
    return title, sections


def inline_html(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
SS = getSampleStyleSheet()
ST_TITLE = ParagraphStyle("t", parent=SS["Title"], fontSize=18, leading=22, alignment=0,
                          spaceAfter=4)
ST_H = ParagraphStyle("h", parent=SS["Heading2"], fontSize=11.5, leading=14,
                      textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3)
ST_P = ParagraphStyle("p", parent=SS["BodyText"], fontSize=9.5, leading=12.5, spaceAfter=3)
ST_LI = ParagraphStyle("li", parent=ST_P, leftIndent=10, bulletIndent=2, spaceAfter=1.5)
ST_SIDE_H = ParagraphStyle("sh", parent=ST_H, fontSize=10.5, leading=13)
ST_SIDE_P = ParagraphStyle("sp", parent=ST_P, fontSize=8.8, leading=11.2)
ST_SIDE_LI = ParagraphStyle("sli", parent=ST_SIDE_P, leftIndent=8, bulletIndent=0,
                            spaceAfter=1)


def block_flowables(blocks, p=ST_P, li=ST_LI, width=170 * mm):
    out = []
    for kind, payload in blocks:
        if kind == "p":
            out.append(Paragraph(inline_html(payload), p))
        elif kind == "li":
            out.append(Paragraph(inline_html(payload), li, bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_html(c), p) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, title, sections):
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        W, H = A4
        m = 15 * mm
        head_h = 16 * mm
        side_w = 58 * mm
        gap = 6 * mm
        body_h = H - 2 * m - head_h
        f_head = Frame(m, H - m - head_h, W - 2 * m, head_h, id="head",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=4, rightPadding=4)
        f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                       leftPadding=4, rightPadding=0)
        f_full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

        def side_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef1f4"))
            canvas.rect(m, m, side_w, body_h, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[f_head, f_side, f_main], onPage=side_bg),
            PageTemplate(id="one", frames=[f_full]),
        ])
        story = [Paragraph(inline_html(title), ST_TITLE), NextPageTemplate("one"),
                 FrameBreak()]
        for name, blocks in sections:
            if name in side_names:
                story.append(Paragraph(inline_html(name), ST_SIDE_H))
                story += block_flowables(blocks, ST_SIDE_P, ST_SIDE_LI, side_w - 8)
        story.append(FrameBreak())
        for name, blocks in sections:
            if name is None or name in side_names:
                continue
            story.append(Paragraph(inline_html(name), ST_H))
            story += block_flowables(blocks, width=W - 2 * m - side_w - gap - 4)
        doc.build(story)
        return path

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    story = [Paragraph(inline_html(title), ST_TITLE)]
    for name, blocks in sections:
        if name is not None:
            story.append(Paragraph(inline_html(name), ST_H))
        story += block_flowables(blocks, width=A4[0] - 36 * mm)
    story.append(Spacer(1, 2))
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, title, sections):
    path = HERE / f"{cv_id}.docx"
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    d.add_heading(title, level=0)
    for name, blocks in sections:
        if name is not None:
            d.add_heading(name, level=1)
        for kind, payload in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), payload)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), payload)
            elif kind == "table":
                t = d.add_table(rows=0, cols=len(payload[0]))
                t.style = "Table Grid"
                for ri, row in enumerate(payload):
                    cells = t.add_row().cells
                    for ci, c in enumerate(row):
                        cells[ci].text = ""
                        p = cells[ci].paragraphs[0]
                        add_runs(p, c)
                        if ri == 0:
                            for r in p.runs:
                                r.bold = True
    d.core_properties.title = title
    d.core_properties.author = title
    d.save(str(path))
    return path


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS:
        title, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_TARGETS:
            p = render_pdf(cv_id, title, sections)
        else:
            p = render_docx(cv_id, title, sections)
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
