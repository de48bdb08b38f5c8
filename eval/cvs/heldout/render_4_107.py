"""Render the heldout4-107 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-107/render.py
The .md file is the CV's exact content; the PDF/DOCX carry the same text.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1875", "cv-ho-1877", "cv-ho-1879", "cv-ho-1883"]
DOCX = ["cv-ho-1874", "cv-ho-1876", "cv-ho-1880", "cv-ho-1884"]
TWO_COLUMN = {"cv-ho-1875": {"Contact", "Skills", "Languages"}}  # sidebar sections


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", text)
    return text


def rl_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 10
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18 if not small else 15,
                                alignment=0, spaceAfter=4, leading=21),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base,
                               leading=base * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base,
                                 leading=base * 1.3, leftIndent=12, bulletIndent=2,
                                 spaceAfter=1),
    }


def rl_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def split_sidebar(blocks, sidebar_titles):
    """Title/subtitle plus sidebar sections go left, everything else right."""
    side, main = [], []
    current = side  # blocks before the first h2 (name, tagline) go to the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in sidebar_titles else main
        current.append((kind, payload))
    return side, main


def render_pdf(stem, blocks):
    path = HERE / f"{stem}.pdf"
    margin = 1.6 * cm
    if stem in TWO_COLUMN:
        side_blocks, main_blocks = split_sidebar(blocks, TWO_COLUMN[stem])
        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin,
                              title=stem, author="synthetic CV")
        W, H = A4
        gap = 0.6 * cm
        side_w = 5.6 * cm
        body_h = H - 2 * margin
        left = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
        right = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                      id="main", showBoundary=0)
        full = Frame(margin, margin, W - 2 * margin, body_h, id="full")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.5 * cm,
                        body_h + 0.6 * cm, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([PageTemplate(id="first", frames=[left, right], onPage=sidebar_bg),
                              PageTemplate(id="later", frames=[full])])
        story = [NextPageTemplate("later")]
        story += rl_flowables(side_blocks, rl_styles(small=True))
        story.append(FrameBreak())
        story += rl_flowables(main_blocks, rl_styles())
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin,
                                title=stem, author="synthetic CV")
        doc.build(rl_flowables(blocks, rl_styles()))
    return path


def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            for sub in re.split(r"((?<!\*)\*[^*]+\*(?!\*))", part):
                if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                    par.add_run(sub[1:-1]).italic = True
                elif sub:
                    par.add_run(sub)


def render_docx(stem, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cell_par = table.cell(r, c).paragraphs[0]
                    add_runs(cell_par, cell)
                    if r == 0:
                        for run in cell_par.runs:
                            run.bold = True
    path = HERE / f"{stem}.docx"
    doc.save(str(path))
    return path


def main():
    for stem in PDF + DOCX:
        blocks = parse((HERE / f"{stem}.md").read_text(encoding="utf-8"))
        path = render_pdf(stem, blocks) if stem in PDF else render_docx(stem, blocks)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
