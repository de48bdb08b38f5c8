"""Render the heldout3-90 CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-90/render.py
The .md file of each CV is its exact text; PDF and DOCX targets are produced
here. MD targets need no rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-1670", "cv-ho-1672", "cv-ho-1676", "cv-ho-1679"]
TWO_COLUMN = {"cv-ho-1670": {"Contact", "Skills", "Education", "Languages"}}
DOCX_TARGETS = ["cv-ho-1671", "cv-ho-1673", "cv-ho-1677", "cv-ho-1680"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, blocks). Each block is (kind, payload); sections are
    ('h2', title) markers followed by 'p', 'li' and 'table' blocks."""
    lines = md_text.splitlines()
    name = None
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return name, blocks


def sections(blocks):
    """Split blocks into [(title or None, [blocks])]."""
    out = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            out.append((payload, []))
        else:
            out[-1][1].append((kind, payload))
    return [s for s in out if s[0] is not None or s[1]]


def bold_spans(text):
    """Split text into [(chunk, is_bold)] on **...** markers."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True))
        else:
            out.append((part, False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=base["Title"], fontName="Helvetica-Bold",
                               fontSize=18 * scale, leading=22 * scale, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName="Helvetica",
                            fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=2),
        "li": ParagraphStyle("li", parent=base["BodyText"], fontName="Helvetica",
                             fontSize=9.5 * scale, leading=12.5 * scale, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def rl_markup(text):
    out = []
    for chunk, is_bold in bold_spans(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f"<b>{chunk}</b>" if is_bold else chunk)
    return "".join(out)


def pdf_flowables(secs, st, width):
    flow = []
    for title, body in secs:
        if title:
            flow.append(Paragraph(rl_markup(title), st["h2"]))
        for kind, payload in body:
            if kind == "p":
                flow.append(Paragraph(rl_markup(payload), st["p"]))
            elif kind == "li":
                flow.append(Paragraph(rl_markup(payload), st["li"], bulletText="\u2022"))
            elif kind == "table":
                data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
                t = Table(data, colWidths=[width * 0.62, width * 0.38], hAlign="LEFT")
                t.setStyle(TableStyle([
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf4")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]))
                flow.append(t)
                flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, md_text):
    name, blocks = parse(md_text)
    secs = sections(blocks)
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    page_w, page_h = A4
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        side = [s for s in secs if s[0] in side_titles]
        main = [s for s in secs if s[0] not in side_titles]
        gap = 7 * mm
        side_w = 58 * mm
        main_w = page_w - 2 * margin - side_w - gap
        frame_h = page_h - 2 * margin
        left = Frame(margin, margin, side_w, frame_h, id="sidebar", showBoundary=0)
        right = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", showBoundary=0)
        later = Frame(margin + side_w + gap, margin, main_w, frame_h, id="later")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=name, author=name,
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[left, right], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later], onPage=sidebar_bg),
        ])
        st_side = pdf_styles(0.95)
        st_main = pdf_styles(1.0)
        story = [NextPageTemplate("later")]
        story += pdf_flowables(side, st_side, side_w)
        story.append(FrameBreak())
        story.append(Paragraph(rl_markup(name), st_main["name"]))
        story += pdf_flowables(main, st_main, main_w)
        doc.build(story)
    else:
        st = pdf_styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, title=name, author=name,
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        width = page_w - 2 * margin
        story = [Paragraph(rl_markup(name), st["name"])]
        story += pdf_flowables(secs, st, width)
        doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, is_bold in bold_spans(text):
        run = par.add_run(chunk)
        run.bold = is_bold


def render_docx(cv_id, md_text):
    name, blocks = parse(md_text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = name
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    for kind, payload in blocks:
        if kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS:
        out = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"wrote {out.name} ({out.stat().st_size} bytes)")
    for cv_id in DOCX_TARGETS:
        out = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"wrote {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
