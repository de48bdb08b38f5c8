"""Render the heldout7-183 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-183/render.py
The .md files are the CV text; this script only changes the layout.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2787", "cv-ho-2788", "cv-ho-2791", "cv-ho-2795"]
TWO_COLUMN = {"cv-ho-2788": {"Contact", "Skills", "Education", "Certifications", "Languages"}}
DOCX = ["cv-ho-2786", "cv-ho-2789", "cv-ho-2793", "cv-ho-2796"]
# cv-ho-2785, 2790, 2792, 2794: the .md file is the target.


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
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def sections(blocks):
    """Split blocks into a header (before the first h2) and (title, blocks) sections."""
    header, secs, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            secs.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, secs


# ---------------------------------------------------------------- PDF
def esc(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(esc(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4EAF2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "bullet":
            out.append(Paragraph(esc(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(esc(payload), st[kind]))
    return out


def render_pdf(cid, blocks):
    path = HERE / f"{cid}.pdf"
    st = pdf_styles()
    margin = 18 * mm
    width = A4[0] - 2 * margin
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cid, author="")
    doc.build(pdf_flowables(blocks, st, width))


def render_pdf_two_column(cid, blocks, sidebar_titles):
    path = HERE / f"{cid}.pdf"
    header, secs = sections(blocks)
    W, H = A4
    margin = 15 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cid, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    side_st = pdf_styles(base_size=8.8)
    main_st = pdf_styles(base_size=9.5)
    story = pdf_flowables(header, main_st, W - 2 * margin)
    story.append(FrameBreak())
    for title, body in secs:
        if title in sidebar_titles:
            story += pdf_flowables([("h2", title)] + body, side_st, side_w)
    story.append(FrameBreak())
    for title, body in secs:
        if title not in sidebar_titles:
            story += pdf_flowables([("h2", title)] + body, main_st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cid, blocks):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.author = ""
    doc.core_properties.title = cid
    doc.save(str(HERE / f"{cid}.docx"))


def main():
    for cid in PDF + DOCX:
        blocks = parse((HERE / f"{cid}.md").read_text(encoding="utf-8"))
        if cid in TWO_COLUMN:
            render_pdf_two_column(cid, blocks, TWO_COLUMN[cid])
        elif cid in PDF:
            render_pdf(cid, blocks)
        else:
            render_docx(cid, blocks)
        print("rendered", cid)


if __name__ == "__main__":
    main()
