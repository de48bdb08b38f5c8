"""Render the heldout3-51 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-51/render.py
The .md file of each CV is its exact content; PDF and DOCX targets are produced here.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer,
                                FrameBreak, NextPageTemplate, Table, TableStyle,
                                SimpleDocTemplate, ListFlowable, ListItem)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1201": "pdf-two-column",
    "cv-ho-1202": "docx",
    "cv-ho-1203": "md",
    "cv-ho-1204": "pdf",
    "cv-ho-1205": "docx",
    "cv-ho-1206": "md",
    "cv-ho-1207": "md",
    "cv-ho-1208": "docx",
    "cv-ho-1209": "pdf",
    "cv-ho-1210": "pdf",
    "cv-ho-1211": "docx",
    "cv-ho-1212": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
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
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            blocks.append((f"h{len(m.group(1))}", m.group(2)))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("number", line))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into (heading, blocks) sections; heading None for the preamble."""
    sections = [[None, []]]
    for kind, text in blocks:
        if kind == "h2":
            sections.append([text, []])
        else:
            sections[-1][1].append((kind, text))
    return sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**") and part.endswith("**"):
            out.append("<b>" + esc[2:-2] + "</b>")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("<i>" + esc[1:-1] + "</i>")
        else:
            out.append(esc)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13, spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base_size, leading=base_size * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=base_size - 0.5, leading=base_size * 1.2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, text in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(to_rl(text), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(text), st["bullet"], bulletText="\u2022"))
        elif kind == "number":
            num, rest = text.split(" ", 1)
            out.append(Paragraph(to_rl(rest), st["bullet"], bulletText=num))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in text]
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
    st = styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=md_path.stem, author="synthetic CV")
    doc.build(flowables(blocks, st, A4[0] - 4 * cm))


def render_pdf_two_column(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    sections = split_sections(blocks)
    st = styles(9.5)
    side_st = styles(8.5)
    side_st["h2"] = ParagraphStyle("sh2", parent=side_st["h2"], fontSize=11, leading=14)

    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=6, rightPadding=6)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main")
    later_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    side, main = [], []
    preamble = sections[0][1]
    for heading, body in sections[1:]:
        target = side if heading in SIDEBAR_SECTIONS else main
        st_used = side_st if heading in SIDEBAR_SECTIONS else st
        width = side_w - 12 if heading in SIDEBAR_SECTIONS else main_w
        target.append(Paragraph(to_rl(heading), st_used["h2"]))
        target.extend(flowables(body, st_used, width))

    story = side + [FrameBreak(), NextPageTemplate("later")]
    story += flowables(preamble, st, main_w) + main
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(md_path, out_path):
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, text in blocks:
        if kind == "h1":
            doc.add_heading(text, level=0)
        elif kind == "h2":
            doc.add_heading(text, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), text)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), text)
        elif kind == "number":
            add_runs(doc.add_paragraph(style="List Number"), text.split(" ", 1)[1])
        elif kind == "table":
            ncols = max(len(r) for r in text)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(text):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    p = cells[c].paragraphs[0]
                    add_runs(p, val)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), text)
    doc.core_properties.title = md_path.stem
    doc.save(str(out_path))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        if target == "pdf":
            render_pdf(md_path, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(md_path, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(md_path, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
