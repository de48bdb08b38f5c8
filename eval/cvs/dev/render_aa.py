"""Render the dev-aa CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-aa/render.py

Each CV's content lives in <id>.md.  The target format of each CV is given in
TARGETS below: "pdf", "pdf-2col" (two-column PDF: sidebar + main column, built
with reportlab BaseDocTemplate and two Frames so the text layer is really two
columns), "docx" (Markdown tables become real Word tables) or "md" (the .md
file itself is the target; nothing to render).
"""
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-349": "pdf",
    "cv-dev-350": "docx",
    "cv-dev-351": "md",
    "cv-dev-352": "pdf-2col",
    "cv-dev-353": "docx",
    "cv-dev-354": "md",
    "cv-dev-355": "pdf",
    "cv-dev-356": "md",
    "cv-dev-357": "docx",
    "cv-dev-358": "pdf",
    "cv-dev-359": "md",
    "cv-dev-360": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Currently learning"}


# --------------------------------------------------------------------------
# A tiny Markdown parser: enough for the CVs in this folder.
# Block types: ("h", level, text), ("p", text), ("li", text), ("ol", n, text),
# ("table", rows), ("hr",)
# --------------------------------------------------------------------------
def parse_md(text):
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.strip() == "---":
            blocks.append(("hr",))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^\s*[-*]\s+(.*)$", line)
        if m:
            blocks.append(("li", m.group(1)))
            i += 1
            continue
        m = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if m:
            blocks.append(("ol", m.group(1), m.group(2)))
            i += 1
            continue
        blocks.append(("p", line.strip()))
        i += 1
    return blocks


def inline_segments(text):
    """Split text into (segment, bold, italic) runs for **bold** and *italic*."""
    out = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


def to_rl_markup(text):
    parts = []
    for seg, b, it in inline_segments(text):
        s = escape(seg)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        parts.append(s)
    return "".join(parts)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=18,
                             leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10,
                             leading=13, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", parent=base, spaceAfter=2),
        "li": ParagraphStyle("li", parent=base, leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "side_h2": ParagraphStyle("side_h2", parent=base, fontName="Helvetica-Bold",
                                  fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3b5a")),
        "side_li": ParagraphStyle("side_li", parent=base, fontSize=8.8, leading=11.5,
                                  leftIndent=8, bulletIndent=0, spaceAfter=1.5),
    }


def blocks_to_flowables(blocks, st, side=False):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    flow = []
    for b in blocks:
        kind = b[0]
        if kind == "h":
            level, text = b[1], b[2]
            if level == 1:
                style = st["h1"]
            elif level == 2:
                style = st["side_h2"] if side else st["h2"]
            else:
                style = st["h3"]
            flow.append(Paragraph(to_rl_markup(text), style))
        elif kind == "p":
            flow.append(Paragraph(to_rl_markup(b[1]), st["p"]))
        elif kind == "li":
            style = st["side_li"] if side else st["li"]
            flow.append(Paragraph(to_rl_markup(b[1]), style, bulletText="\u2013"))
        elif kind == "ol":
            flow.append(Paragraph(to_rl_markup(b[2]), st["li"], bulletText=b[1] + "."))
        elif kind == "hr":
            flow.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["p"]) for c in row] for row in b[1]]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    st = pdf_styles()
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st))


def split_sections(blocks):
    """Split blocks into (header blocks, [(title, blocks)]) by level-2 headings."""
    header, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "h" and b[1] == 2:
            cur = (b[2], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate)

    st = pdf_styles()
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], list(header)
    for title, sb in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(sb)

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0)
    later_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0)

    doc = BaseDocTemplate(out_path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_frame], onPage=draw_sidebar),
    ])
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side_blocks, st, side=True)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text, bold_all=False):
    for seg, b, it in inline_segments(text):
        run = par.add_run(seg)
        run.bold = b or bold_all
        run.italic = it


def render_docx(cv_id, blocks, out_path):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"

    for b in blocks:
        kind = b[0]
        if kind == "h":
            level = min(b[1], 3) - 1 if b[1] > 1 else 0
            h = doc.add_heading(level=level if level > 0 else 0)
            add_runs(h, b[2])
        elif kind == "p":
            add_runs(doc.add_paragraph(), b[1])
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), b[1])
        elif kind == "ol":
            add_runs(doc.add_paragraph(style="List Number"), b[2])
        elif kind == "hr":
            doc.add_paragraph()
        elif kind == "table":
            rows = b[1]
            ncols = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci in range(ncols):
                    cell = table.cell(ri, ci)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], row[ci] if ci < len(row) else "",
                             bold_all=(ri == 0))
    doc.save(out_path)


# --------------------------------------------------------------------------
def main():
    for cv_id, target in sorted(TARGETS.items()):
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "md":
            out = md_path
        elif target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            sys.exit("unknown target %r for %s" % (target, cv_id))
        print("%-12s %-9s %s (%d bytes)" % (cv_id, target, os.path.basename(out),
                                             os.path.getsize(out)))


if __name__ == "__main__":
    main()
