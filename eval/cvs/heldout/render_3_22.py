"""Render the heldout3-22 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-22/render.py
The .md file is the CV's content; the rendered file carries the same text.
MD targets are not rendered (the .md itself is the target).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-853": "md",
    "cv-ho-854": "pdf-2col",
    "cv-ho-855": "docx",
    "cv-ho-856": "pdf",
    "cv-ho-857": "md",
    "cv-ho-858": "docx",
    "cv-ho-859": "pdf",
    "cv-ho-860": "docx",
    "cv-ho-861": "pdf",
    "cv-ho-862": "md",
    "cv-ho-863": "docx",
    "cv-ho-864": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, ul, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("ul", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "|"))
                   and not lines[i].lstrip().startswith("- ")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("p", " ".join(para)))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def rl_markup(text):
    s = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        s.append(t)
    return "".join(s)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 12, alignment=TA_LEFT,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 0.5, leading=base_size + 2),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "p":
            flow.append(Paragraph(rl_markup(payload), st["p"]))
        elif kind == "ul":
            flow.append(ListFlowable(
                [ListItem(Paragraph(rl_markup(t), st["p"]), leftIndent=10) for t in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in r + [""] * (ncol - len(r))]
                    for r in payload]
            data[0] = [Paragraph(f"<b>{rl_markup(c)}</b>", st["cell"]) for c in payload[0]]
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=out.stem,
                            author="synthetic CV")
    st = pdf_styles(10)
    doc.build(pdf_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Split into header blocks (before first h2) and a list of (title, blocks)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(blocks, out):
    """Real two-column layout: a sidebar frame (left) and a main frame (right)."""
    page_w, page_h = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    full = Frame(margin, margin, page_w - 2 * margin, body_h, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=out.stem, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[full]),
    ])
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)

    header, sections = split_sections(blocks)
    side_blocks = list(header)
    main_blocks = []
    for title, bl in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(bl)

    story = [NextPageTemplate("later")]
    story += pdf_flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, st_main, main_w - 12)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(blocks, out):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "ul":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci in range(ncol):
                    txt = row[ci] if ci < len(row) else ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, f"**{txt}**" if ri == 0 and txt else txt)
            doc.add_paragraph()
    core = doc.core_properties
    core.title = out.stem
    core.author = "synthetic CV"
    doc.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-2col":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        print(cv_id, target)


if __name__ == "__main__":
    main()
