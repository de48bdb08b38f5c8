"""Render the heldout6-154 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-154/render.py

- PDF (real text layer, reportlab): cv-ho-2437, cv-ho-2440 (two-column), cv-ho-2443, cv-ho-2446
- DOCX (python-docx): cv-ho-2438 (skills as a real Word table), cv-ho-2441, cv-ho-2444, cv-ho-2447
- MD (the .md file itself is the target): cv-ho-2439, cv-ho-2442, cv-ho-2445, cv-ho-2448
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_ONE_COLUMN = ["cv-ho-2437", "cv-ho-2443", "cv-ho-2446"]
PDF_TWO_COLUMN = ["cv-ho-2440"]
DOCX = ["cv-ho-2438", "cv-ho-2441", "cv-ho-2444", "cv-ho-2447"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Very small Markdown parser -> list of blocks (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            table.append(cells)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush_para()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para()
            blocks.append(("h3", line[4:].strip()))
        elif re.match(r"^(- |\d+\. )", line):
            flush_para()
            m = re.match(r"^(- |(\d+)\. )(.*)$", line)
            blocks.append(("li", (m.group(2), m.group(3))))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def inline_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic)."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|(?<!\*)\*[^*]+?\*(?!\*))", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10, leading=12, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "li":
            num, text = payload
            bullet = f"{num}." if num else "\u2022"
            out.append(Paragraph(inline_rl(text), st["li"], bulletText=bullet))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            tbl = Table(data, hAlign="LEFT")
            tbl.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(tbl)
    return out


def render_pdf_one_column(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, styles()))


def render_pdf_two_column(cv_id, main_starts_at="Summary"):
    """Name across the top; sidebar frame (left) with the sections before
    `main_starts_at`; main frame (right) with the rest. Real two-column text layer."""
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    title = [b for b in blocks if b[0] == "h1"]
    rest = [b for b in blocks if b[0] != "h1"]
    split = next(i for i, b in enumerate(rest) if b == ("h2", main_starts_at))
    sidebar, main = rest[:split], rest[split:]

    width, height = A4
    margin = 14 * mm
    header_h = 16 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = width - 2 * margin - side_w - gap
    body_h = height - 2 * margin - header_h

    header = Frame(margin, height - margin - header_h, width - 2 * margin, header_h,
                   id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_f = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="later")

    def sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main_f], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    side_st = styles(base_size=8.5)
    main_st = styles(base_size=9.2)
    story = [NextPageTemplate("later")]
    story += flowables(title, main_st)
    story.append(FrameBreak())
    story += flowables(sidebar, side_st)
    story.append(FrameBreak())
    story += flowables(main, main_st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, bold, italic in inline_runs(text):
        r = paragraph.add_run(t)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            num, text = payload
            style = "List Number" if num else "List Bullet"
            add_runs(doc.add_paragraph(style=style), text)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            tbl = doc.add_table(rows=0, cols=ncols)
            tbl.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = tbl.add_row().cells
                for j in range(ncols):
                    text = row[j] if j < len(row) else ""
                    par = cells[j].paragraphs[0]
                    add_runs(par, text)
                    if i == 0:
                        for r in par.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_ONE_COLUMN:
        render_pdf_one_column(cv_id)
    for cv_id in PDF_TWO_COLUMN:
        render_pdf_two_column(cv_id)
    for cv_id in DOCX:
        render_docx(cv_id)
    for f in sorted(HERE.glob("cv-ho-*.*")):
        if f.suffix in (".pdf", ".docx"):
            print(f"{f.name}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
