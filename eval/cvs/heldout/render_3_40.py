"""Render the heldout3-40 CVs from Markdown to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-40/render.py
PDFs are built with reportlab (real text layer); DOCX with python-docx.
cv-ho-1072 is laid out in two columns (sidebar + main) using BaseDocTemplate frames.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle,
                                FrameBreak)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1071", "cv-ho-1072", "cv-ho-1075", "cv-ho-1080"]
DOCX = ["cv-ho-1070", "cv-ho-1073", "cv-ho-1076", "cv-ho-1079"]
TWO_COLUMN = {"cv-ho-1072"}
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush(); blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(paragraph, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        else:
            paragraph.add_run(part)


# ---------------------------------------------------------------- PDF
def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 10
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.5,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base + 1,
                             leading=base + 4),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base,
                            leading=base * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base,
                             leading=base * 1.3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[95 * mm, 55 * mm], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        render_two_column(path, blocks)
        return path
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=cv_id)
    doc.build(flowables(blocks, styles()))
    return path


def render_two_column(path, blocks):
    # split: header (h1 + text before first h2), sidebar sections, main sections
    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    W, H = A4
    margin = 15 * mm
    header_h = 28 * mm
    side_w = 62 * mm
    gap = 7 * mm
    top = H - margin
    f_header = Frame(margin, top - header_h, W - 2 * margin, header_h, id="header")
    body_h = top - header_h - margin
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar")
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                   body_h, id="main")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm,
                    body_h + 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=path.stem)
    doc.addPageTemplates([PageTemplate(id="two", frames=[f_header, f_side, f_main],
                                       onPage=decorate)])
    story = flowables(header, styles())
    story.append(FrameBreak())
    story += flowables(sidebar, styles(small=True))
    story.append(FrameBreak())
    story += flowables(main, styles())
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "li":
            inline_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
        else:
            inline_runs(d.add_paragraph(), payload)
    path = HERE / f"{cv_id}.docx"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        path = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"wrote {path.name} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
