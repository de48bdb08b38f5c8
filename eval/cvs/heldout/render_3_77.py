"""Render the heldout3-77 CVs from their Markdown text to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-77/render.py
The .md files are the source of truth; the .md-format CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer,
                                FrameBreak, NextPageTemplate, Table, TableStyle,
                                SimpleDocTemplate)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-1514", "cv-ho-1516", "cv-ho-1518", "cv-ho-1522"]
TWO_COLUMN = {"cv-ho-1514": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-1515", "cv-ho-1517", "cv-ho-1520", "cv-ho-1521"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,ul,table."""
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
            i += 1
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Group blocks into (heading or None, [blocks]) by h2 headings."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        else:
            sections[-1][1].append(b)
    return sections


# ---------------------------------------------------------------- PDF
def rl_inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 8,
                             leading=base_size + 11, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base_size,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }
    return st


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(rl_inline(payload), st[kind]))
        elif kind == "ul":
            for item in payload:
                out.append(Paragraph(rl_inline(item), st["li"], bulletText="\u2022"))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(rl_inline(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        sidebar_titles = TWO_COLUMN[cv_id]
        st = pdf_styles(9)
        side_st = pdf_styles(8.5)
        main, side = [], []
        for title, sblocks in split_sections(blocks):
            (side if title in sidebar_titles else main).extend(sblocks)
        W, H = A4
        margin = 14 * mm
        side_w = 58 * mm
        gap = 8 * mm
        side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                           leftPadding=4, rightPadding=4)
        main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                           H - 2 * margin, id="main")
        full_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

        def draw_sidebar(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(0, 0, margin + side_w + 3 * mm, H, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[side_frame, main_frame], onPage=draw_sidebar),
            PageTemplate(id="one", frames=[full_frame]),
        ])
        story = blocks_to_flowables(side, side_st)
        story.append(NextPageTemplate("one"))
        story.append(FrameBreak())
        story.extend(blocks_to_flowables(main, st))
        doc.build(story)
    else:
        st = pdf_styles(10)
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic",
                                leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm)
        doc.build(blocks_to_flowables(blocks, st))
    return path


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            add_inline(d.add_paragraph(), payload)
        elif kind == "ul":
            for item in payload:
                add_inline(d.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = d.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    p = table.cell(r, c).paragraphs[0]
                    add_inline(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_IDS:
            p = render_pdf(cv_id, blocks)
        else:
            p = render_docx(cv_id, blocks)
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
