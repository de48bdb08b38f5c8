"""Render the heldout6-164 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-164/render.py
The .md file is the CV's content; MD targets need no rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2557": "pdf",
    "cv-ho-2558": "docx",
    "cv-ho-2559": "md",
    "cv-ho-2560": "pdf2col",
    "cv-ho-2561": "docx",
    "cv-ho-2562": "pdf",
    "cv-ho-2563": "md",
    "cv-ho-2564": "docx",
    "cv-ho-2565": "md",
    "cv-ho-2566": "pdf",
    "cv-ho-2567": "docx",
    "cv-ho-2568": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages"}


def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: name, h2, para, bullet, table."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("name", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Group blocks into (heading, [blocks]) sections; the header has heading None."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return sections


# ---------------------------------------------------------------- inline markup
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>%s</b>" % esc[2:-2])
        elif part.startswith("*") and part.endswith("*"):
            out.append("<i>%s</i>" % esc[1:-1])
        else:
            out.append(esc)
    return "".join(out)


def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*"):
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "name":
            out.append(Paragraph(to_rl(payload), st["name"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, styles(), doc.width))


def render_pdf_two_column(md_path, out_path):
    """Sidebar (contact, skills, languages) in a narrow left frame; the rest on the right."""
    blocks = parse(md_path.read_text(encoding="utf-8"))
    sections = split_sections(blocks)
    header = sections[0][1]
    side, main = [], []
    for heading, body in sections[1:]:
        target = side if heading in SIDEBAR_SECTIONS else main
        target.append(("h2", heading))
        target.extend(body)

    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    name_h = 16 * mm
    body_h = page_h - 2 * margin - name_h

    name_frame = Frame(margin, page_h - margin - name_h, page_w - 2 * margin, name_h,
                       id="name", showBoundary=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       showBoundary=0)
    later_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f1ece4"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[name_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    st = styles()
    side_st = styles(base_size=9)
    story = [NextPageTemplate("later")]
    story += flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, side_st, side_w)
    story.append(FrameBreak())
    story += flowables(main, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "name":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, text in enumerate(row):
                    par = cells[j].paragraphs[0]
                    add_runs(par, text)
                    if i == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md_path, out)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md_path, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(md_path, out)
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
