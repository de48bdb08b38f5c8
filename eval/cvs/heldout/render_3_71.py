"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-71/render.py
The .md files are the source of truth; the MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = {"cv-ho-1441": "two-column", "cv-ho-1444": "single",
               "cv-ho-1448": "single", "cv-ho-1451": "single"}
DOCX_TARGETS = ["cv-ho-1442", "cv-ho-1445", "cv-ho-1449", "cv-ho-1452"]
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}  # for the two-column PDF


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections) where sections = [(heading, blocks)].
    A block is ('p', text) | ('li', text) | ('table', rows)."""
    title, header, sections = None, [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("- "):
            (current[1] if current else header).append(("li", line[2:].strip()))
        else:
            (current[1] if current else header).append(("p", line.strip()))
    return title, header, sections


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def runs(text):
    """Split markdown inline into (text, bold, italic) runs for python-docx."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5,
                          leading=12.5, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=17,
                                leading=21, spaceAfter=3),
        "contact": ParagraphStyle("contact", parent=base, fontSize=9, textColor="#444444",
                                  spaceAfter=6),
        "h": ParagraphStyle("h", parent=base, fontName="Helvetica-Bold", fontSize=11.5,
                            leading=14, spaceBefore=8, spaceAfter=3, textColor="#1f3b63"),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def blocks_to_flow(blocks, st):
    flow = []
    for kind, val in blocks:
        if kind == "p":
            flow.append(Paragraph(to_rl(val), st["p"]))
        elif kind == "li":
            flow.append(Paragraph(to_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#999999"),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def section_flow(sections, st):
    flow = []
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl(heading), st["h"]))
        flow.extend(blocks_to_flow(blocks, st))
    return flow


def header_flow(title, header, st):
    flow = [Paragraph(to_rl(title), st["title"])]
    for kind, val in header:
        if kind == "p" and not val.startswith("**"):
            flow.append(Paragraph(to_rl(val), st["contact"]))
        else:
            flow.extend(blocks_to_flow([(kind, val)], st))
    return flow


def render_pdf_single(stem, out):
    title, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    doc.build(header_flow(title, header, st) + section_flow(sections, st))


def render_pdf_two_column(stem, out):
    """Header across the top, a narrow sidebar (skills/languages/interests) on the left
    and the main column (profile/education/experience) on the right: three real frames."""
    title, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    st = styles()
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 55 * mm
    body_h = H - 2 * m - header_h
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(m, m, side_w, body_h, id="side", leftPadding=0, rightPadding=4,
                   topPadding=0, bottomPadding=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor("#eef2f7")
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 5 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[f_full]),
    ])
    side = [s for s in sections if s[0] in SIDEBAR_SECTIONS]
    main = [s for s in sections if s[0] not in SIDEBAR_SECTIONS]
    flow = [NextPageTemplate("rest")]
    flow += header_flow(title, header, st)
    flow.append(FrameBreak())
    flow += section_flow(side, st)
    flow.append(FrameBreak())
    flow += section_flow(main, st)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(stem, out):
    title, header, sections = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = doc.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j, cell in enumerate(row):
                        c = t.cell(i, j)
                        c.text = ""
                        add_runs(c.paragraphs[0], cell)
                        if i == 0:
                            for r in c.paragraphs[0].runs:
                                r.bold = True
                doc.add_paragraph()

    emit(header)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        emit(blocks)
    doc.core_properties.author = title
    doc.core_properties.title = f"CV - {title}"
    doc.save(str(out))


def main():
    for stem, layout in PDF_TARGETS.items():
        out = HERE / f"{stem}.pdf"
        (render_pdf_two_column if layout == "two-column" else render_pdf_single)(stem, out)
        print("wrote", out.name, out.stat().st_size, "bytes")
    for stem in DOCX_TARGETS:
        out = HERE / f"{stem}.docx"
        render_docx(stem, out)
        print("wrote", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
