"""Render the heldout-w5g CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w5g/render.py

Targets
  PDF : cv-ho-566 (two-column: sidebar frame + main frame), cv-ho-568, cv-ho-570, cv-ho-573
  DOCX: cv-ho-565, cv-ho-567, cv-ho-575 (skills as a real Word table), cv-ho-576
  MD  : cv-ho-569, cv-ho-571, cv-ho-572, cv-ho-574 (the .md file itself is the target)

The Markdown subset used by the CVs: '# ' name, '## ' section, '### ' sub-heading,
'- ' bullets, '1. ' numbered items, '|' tables, **bold**, *italic*, plain paragraphs.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-566", "cv-ho-568", "cv-ho-570", "cv-ho-573"]
TWO_COLUMN = {"cv-ho-566": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-565", "cv-ho-567", "cv-ho-575", "cv-ho-576"]


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", "".join(s if s.endswith("\n") else s + " " for s in para).strip()))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        if line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para(); blocks.append(("li", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            flush_para()
            num, rest = line.split(" ", 1)
            blocks.append(("ol", (num, rest.strip())))
        else:
            # a line of its own inside a paragraph keeps its line break
            if para:
                para[-1] = para[-1] + "\n"
            para.append(line)
    flush_para()
    flush_table()
    return blocks


def split_sections(blocks):
    """Split blocks into (heading, [blocks]) groups; the part before the first h2 has heading None."""
    groups = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            groups.append((payload, []))
        groups[-1][1].append((kind, payload))
    return groups


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Yield (text, bold, italic) runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def rl_markup(text):
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=18,
                             leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=12,
                             leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3.5, spaceBefore=5,
                             spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica", fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica", fontSize=base_size,
                             leading=base_size + 3, leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 2.5),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            flow.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "li":
            flow.append(Paragraph(rl_markup(payload), st["li"], bulletText="\u2022"))
        elif kind == "ol":
            num, rest = payload
            flow.append(Paragraph(rl_markup(rest), st["li"], bulletText=num))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.35], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(Spacer(1, 3))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf_single(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    st = pdf_styles()
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    header_h = 1.6 * cm
    gap = 0.6 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                   id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    full = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="full")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV",
                          pageTemplates=[
                              PageTemplate(id="first", frames=[header, sidebar, main],
                                           onPage=draw_sidebar_bg),
                              PageTemplate(id="later", frames=[full]),
                          ])
    groups = split_sections(blocks)
    head_blocks = groups[0][1]
    side_blocks, main_blocks = [], []
    for title, grp in groups[1:]:
        (side_blocks if title in sidebar_titles else main_blocks).extend(grp)

    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    st_side["h2"] = ParagraphStyle("side_h2", parent=st_side["h2"], fontSize=10.5, leading=13)
    story = [NextPageTemplate("later")]
    story += pdf_flowables(head_blocks, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(side_blocks, st_side, side_w - 12)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, st_main, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, b, i in inline_runs(text):
        pieces = t.split("\n")
        for k, piece in enumerate(pieces):
            run = paragraph.add_run(piece)
            run.bold = b
            run.italic = i
            if k < len(pieces) - 1:
                run.add_break()


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"

    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "ol":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], cell_text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main():
    made = []
    for cv_id in PDF_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            made.append(render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id]))
        else:
            made.append(render_pdf_single(cv_id, blocks))
    for cv_id in DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        made.append(render_docx(cv_id, blocks))
    for p in made:
        print(f"{p.name}: {p.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
