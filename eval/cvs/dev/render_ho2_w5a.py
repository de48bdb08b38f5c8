"""Render the heldout-w5a CVs from their Markdown source into their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w5a/render.py

Each CV's text lives in <id>.md. Targets:
  PDF  : cv-ho-493 (single column), cv-ho-496 (two-column: sidebar frame + main frame),
         cv-ho-498, cv-ho-501 (single column)
  DOCX : cv-ho-494 (skills as a real Word table), cv-ho-497, cv-ho-500, cv-ho-502
  MD   : cv-ho-495, cv-ho-499, cv-ho-503, cv-ho-504 (the .md file itself is the target)

Only a small Markdown subset is used in the sources: "# " name, "## " section headings,
"- " bullets, "|" tables, **bold**, *italic*, and plain lines (each plain line is kept as
its own paragraph, as in a CV).
"""
import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-493", "cv-ho-498", "cv-ho-501"]
PDF_TWO_COLUMN = {"cv-ho-496": {"Contact", "Skills", "Languages", "Certifications"}}
DOCX = ["cv-ho-494", "cv-ho-497", "cv-ho-500", "cv-ho-502"]
MD_ONLY = ["cv-ho-495", "cv-ho-499", "cv-ho-503", "cv-ho-504"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, header_lines, sections); sections = [(title, blocks)].

    blocks are ("p", text) | ("li", text) | ("table", rows)."""
    name, header, sections = "", [], []
    current = None
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                (current[1] if current else header).append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            current = (line[3:].strip(), [])
            sections.append(current)
        elif line.startswith("- "):
            (current[1] if current else header).append(("li", line[2:].strip()))
        else:
            (current[1] if current else header).append(("p", line.strip()))
    return name, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into [(text, bold, italic)]."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    """Inline markdown -> reportlab paragraph markup."""
    parts = []
    for t, b, i in runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        parts.append(t)
    return "".join(parts)


# ---------------------------------------------------------------- PDF
def pdf_styles():
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9.6, leading=12.6, spaceAfter=2)
    return {
        "name": ParagraphStyle("name", parent=base, fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=4),
        "header": ParagraphStyle("header", parent=base, fontSize=8.8, textColor=HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             spaceBefore=9, spaceAfter=3, textColor=HexColor("#1f3b5c")),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=11, bulletIndent=2),
        "side_h2": ParagraphStyle("side_h2", parent=base, fontName="Helvetica-Bold", fontSize=10.5, leading=13,
                                  spaceBefore=8, spaceAfter=3, textColor=HexColor("#1f3b5c")),
        "side_p": ParagraphStyle("side_p", parent=base, fontSize=8.6, leading=11),
        "side_li": ParagraphStyle("side_li", parent=base, fontSize=8.6, leading=11, leftIndent=8, bulletIndent=0),
    }


def pdf_blocks(blocks, st, side=False):
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    p_style = st["side_p"] if side else st["p"]
    li_style = st["side_li"] if side else st["li"]
    flow = []
    for kind, val in blocks:
        if kind == "p":
            flow.append(Paragraph(to_rl(val), p_style))
        elif kind == "li":
            flow.append(Paragraph(to_rl(val), li_style, bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), p_style) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf_single(cv_id):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    name, header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = pdf_styles()
    story = [Paragraph(to_rl(name), st["name"])]
    for kind, val in header:
        story.append(Paragraph(to_rl(val), st["header"]))
    for title, blocks in sections:
        story.append(Paragraph(to_rl(title), st["h2"]))
        story.extend(pdf_blocks(blocks, st))
    doc = SimpleDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=name, author=name)
    doc.build(story)


def render_pdf_two_column(cv_id, sidebar_titles):
    """Two real text frames: a narrow sidebar (left) and the main column (right)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

    name, header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    st = pdf_styles()
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)
    later = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin, id="main2",
                  leftPadding=4, rightPadding=4)

    def shade(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / f"{cv_id}.pdf"), pagesize=A4, title=name, author=name)
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=shade),
                          PageTemplate(id="later", frames=[later], onPage=shade)])

    story = [NextPageTemplate("later")]
    # sidebar frame
    story.append(Paragraph(to_rl(name), st["name"]))
    for title, blocks in sections:
        if title in sidebar_titles:
            story.append(Paragraph(to_rl(title), st["side_h2"]))
            story.extend(pdf_blocks(blocks, st, side=True))
    story.append(FrameBreak())
    # main frame
    for title, blocks in sections:
        if title not in sidebar_titles:
            story.append(Paragraph(to_rl(title), st["h2"]))
            story.extend(pdf_blocks(blocks, st))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, b, i in runs(text):
        r = paragraph.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id):
    from docx import Document
    from docx.shared import Pt

    name, header, sections = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = name
    doc.core_properties.author = name
    doc.add_heading(name, level=0)

    def emit(blocks):
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                table = doc.add_table(rows=len(val), cols=len(val[0]))
                table.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        p = table.cell(r, c).paragraphs[0]
                        add_runs(p, cell)
                        if r == 0:
                            for run in p.runs:
                                run.bold = True
                doc.add_paragraph()

    emit(header)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        emit(blocks)
    doc.save(str(HERE / f"{cv_id}.docx"))


def main():
    for cv_id in PDF_SINGLE:
        render_pdf_single(cv_id)
    for cv_id, side in PDF_TWO_COLUMN.items():
        render_pdf_two_column(cv_id, side)
    for cv_id in DOCX:
        render_docx(cv_id)
    for cv_id in MD_ONLY:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    print("rendered:", ", ".join(PDF_SINGLE + list(PDF_TWO_COLUMN) + DOCX), "| md targets:", ", ".join(MD_ONLY))


if __name__ == "__main__":
    main()
