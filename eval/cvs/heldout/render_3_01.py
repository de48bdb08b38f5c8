"""Render the heldout3-01 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-01/render.py
The .md file is the CV text; PDFs get a real text layer (reportlab), DOCX via python-docx.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-601": "md",
    "cv-ho-602": "pdf-2col",
    "cv-ho-603": "docx",
    "cv-ho-604": "pdf",
    "cv-ho-605": "docx",
    "cv-ho-606": "md",
    "cv-ho-607": "pdf",
    "cv-ho-608": "md",
    "cv-ho-609": "docx",
    "cv-ho-610": "pdf",
    "cv-ho-611": "docx",
    "cv-ho-612": "md",
}

# Sections placed in the left sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Solvers & tools", "Education", "Languages"}


def parse(md_text):
    """Return (title, subtitle_lines, sections); sections = [(heading, [blocks])].
    block = ("p", text) | ("b", text, level) | ("table", rows)."""
    lines = md_text.splitlines()
    title, sub, sections = "", [], []
    cur = None
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif not line.strip():
            pass
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            cur[1].append(("table", rows))
            continue
        elif re.match(r"^\s*(- |\d+\. )", line):
            indent = len(line) - len(line.lstrip())
            m = re.match(r"^\s*(- |\d+\. )(.*)$", line)
            marker = m.group(1).strip()
            text = m.group(2) if marker == "-" else marker + " " + m.group(2)
            cur[1].append(("b", text, 1 if indent >= 2 else 0))
        else:
            if cur is None:
                sub.append(line.strip())
            else:
                cur[1].append(("p", line.strip()))
        i += 1
    return title, sub, sections


def esc(t):
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


def plain(t):
    return re.sub(r"\*\*(.+?)\*\*", r"\1", t)


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22),
        "sub": ParagraphStyle("sub", fontName="Helvetica", fontSize=base, leading=base * 1.3,
                              textColor=colors.HexColor("#333333")),
        "h": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=base + 2, leading=(base + 2) * 1.3,
                            spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base * 1.35, alignment=TA_LEFT),
        "b0": ParagraphStyle("b0", fontName="Helvetica", fontSize=base, leading=base * 1.35,
                             leftIndent=10, bulletIndent=2),
        "b1": ParagraphStyle("b1", fontName="Helvetica", fontSize=base, leading=base * 1.35,
                             leftIndent=22, bulletIndent=14),
    }


def blocks_to_flow(blocks, st):
    out = []
    for b in blocks:
        if b[0] == "p":
            out.append(Paragraph(esc(b[1]), st["p"]))
        elif b[0] == "b":
            out.append(Paragraph(esc(b[1]), st["b%d" % b[2]], bulletText="\u2013"))
        elif b[0] == "table":
            for row in b[1]:
                out.append(Paragraph(esc(" \u2014 ".join(row)), st["p"]))
    return out


def render_pdf(cid, parsed):
    title, sub, sections = parsed
    st = styles()
    doc = SimpleDocTemplate(str(HERE / f"{cid}.pdf"), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV {title}", author=title)
    flow = [Paragraph(esc(title), st["title"])]
    flow += [Paragraph(esc(s), st["sub"]) for s in sub]
    flow.append(Spacer(1, 4))
    for head, blocks in sections:
        flow.append(Paragraph(esc(head), st["h"]))
        flow += blocks_to_flow(blocks, st)
    doc.build(flow)


def render_pdf_two_column(cid, parsed):
    title, sub, sections = parsed
    st = styles()
    side_st = styles(0.92)
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, H - 2 * m - header_h, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h,
                 id="main", showBoundary=0)
    rest = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="rest")

    def sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, H - 2 * m - header_h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cid}.pdf"), pagesize=A4, title=f"CV {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[rest]),
    ])
    flow = [Paragraph(esc(title), st["title"])]
    flow += [Paragraph(esc(s), st["sub"]) for s in sub]
    flow.append(FrameBreak())
    for head, blocks in sections:
        if head in SIDEBAR:
            flow.append(Paragraph(esc(head), side_st["h"]))
            flow += blocks_to_flow(blocks, side_st)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    for head, blocks in sections:
        if head not in SIDEBAR:
            flow.append(Paragraph(esc(head), st["h"]))
            flow += blocks_to_flow(blocks, st)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cid, parsed):
    title, sub, sections = parsed
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = f"CV {title}"
    d.core_properties.author = title
    d.add_heading(title, level=0)
    for s in sub:
        add_runs(d.add_paragraph(), s)
    for head, blocks in sections:
        d.add_heading(head, level=1)
        for b in blocks:
            if b[0] == "p":
                add_runs(d.add_paragraph(), b[1])
            elif b[0] == "b":
                style = "List Bullet" if b[2] == 0 else "List Bullet 2"
                add_runs(d.add_paragraph(style=style), b[1])
            elif b[0] == "table":
                rows = b[1]
                t = d.add_table(rows=len(rows), cols=len(rows[0]))
                t.style = "Table Grid"
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        t.cell(r, c).text = plain(cell)
                        if r == 0:
                            for run in t.cell(r, c).paragraphs[0].runs:
                                run.bold = True
    d.save(str(HERE / f"{cid}.docx"))


def main():
    for cid, fmt in TARGETS.items():
        parsed = parse((HERE / f"{cid}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cid, parsed)
        elif fmt == "pdf-2col":
            render_pdf_two_column(cid, parsed)
        elif fmt == "docx":
            render_docx(cid, parsed)
        print(cid, fmt)


if __name__ == "__main__":
    main()
