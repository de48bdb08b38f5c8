"""Render the dev-as CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-as/render.py
The .md file of each CV is its exact content; .md targets need no rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-565": "docx",
    "cv-dev-566": "pdf-two-column",
    "cv-dev-567": "md",
    "cv-dev-568": "docx",  # skills section rendered as a real Word table
    "cv-dev-569": "pdf",
    "cv-dev-570": "docx",
    "cv-dev-571": "md",
    "cv-dev-572": "pdf",
    "cv-dev-573": "md",
    "cv-dev-574": "docx",
    "cv-dev-575": "pdf",
    "cv-dev-576": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR = {"Contact", "Education", "Skills", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, para, bullet, table (list of rows).
    Consecutive plain lines are joined into one paragraph, as Markdown does.
    """
    blocks, para, table = [], [], []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", " ".join(para)))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", " ".join(para)))
                para = []
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if table:
            flush()
        if line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            flush()
            blocks.append(("numbered", line.strip()))
        else:
            para.append(line.strip())
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=base + 8,
                                leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2,
                             leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2013"))
        elif kind == "numbered":
            out.append(Paragraph(to_rl(payload), st["bullet"]))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(to_rl(("**%s**" % c) if r == 0 else c), st["cell"])
                     for c in row] for r, row in enumerate(payload)]
            widths = [width * 0.38, width * 0.17, width * 0.45] if ncol == 3 else None
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=blocks[0][1], author=blocks[0][1])
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """-> (head blocks before first h2, list of (heading, blocks))."""
    head, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            head.append((kind, payload))
    return head, sections


def render_pdf_two_column(blocks, path):
    """Header across the page, then a real two-frame layout:
    a narrow sidebar (contact, education, skills, languages) on the left and
    the main column (profile, experience, interests) on the right."""
    pw, ph = A4
    margin = 15 * mm
    gutter = 7 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = pw - 2 * margin - side_w - gutter
    body_h = ph - 2 * margin - header_h

    header = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, ph - 2 * margin, id="sidebar2",
                       leftPadding=0, rightPadding=0)
    later_main = Frame(margin + side_w + gutter, margin, main_w, ph - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#9aaabb"))
        canvas.setLineWidth(0.6)
        x = margin + side_w + gutter / 2
        canvas.line(x, margin, x, ph - margin - header_h)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=blocks[0][1], author=blocks[0][1])
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later_side, later_main]),
    ])
    head, sections = split_sections(blocks)
    side_blocks = [b for name, bl in sections if name in SIDEBAR for b in bl]
    main_blocks = [b for name, bl in sections if name not in SIDEBAR for b in bl]
    story = flowables(head, styles(10), pw - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_blocks, styles(8.5), side_w)
    story.append(FrameBreak())
    story += flowables(main_blocks, styles(9.5), main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = i
        if size:
            r.font.size = Pt(size)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_runs(doc.add_paragraph(style="List Number"),
                     re.sub(r"^\d+\.\s*", "", payload))
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], f"**{val}**" if r == 0 else val)
            doc.add_paragraph()
    doc.core_properties.author = blocks[0][1]
    doc.core_properties.title = f"CV – {blocks[0][1]}"
    doc.save(str(path))


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "md":
            continue
        if target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out)
        elif target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out)
        elif target == "pdf-two-column":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(blocks, out)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
