"""Render the heldout3-91 CVs from their Markdown sources into PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-91/render.py
The .md file is always the exact CV content; PDF and DOCX targets are produced
from it. cv-ho-1681 is rendered as a two-column PDF (sidebar + main column,
two reportlab Frames), cv-ho-1682 as a DOCX with a real Word table.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1681": "pdf-2col",
    "cv-ho-1682": "docx",
    "cv-ho-1683": "md",
    "cv-ho-1684": "pdf",
    "cv-ho-1685": "docx",
    "cv-ho-1686": "md",
    "cv-ho-1687": "pdf",
    "cv-ho-1688": "docx",
    "cv-ho-1689": "md",
    "cv-ho-1690": "pdf",
    "cv-ho-1691": "docx",
    "cv-ho-1692": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(name, blocks)].

    blocks are ("p", text) | ("h3", text) | ("ul", [items]) | ("table", rows).
    """
    title, header, sections = "", [], []
    cur = None
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            target = cur[1] if cur is not None else header
            if cur is not None:
                target.append(("p", " ".join(para)))
            else:
                header.extend(para)
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            flush_para()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            flush_para()
            cur[1].append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            cur[1].append(("ul", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            cur[1].append(("table", rows))
            continue
        elif not line.strip():
            flush_para()
        else:
            # every text line is its own paragraph (CV lines are line-oriented)
            if cur is None:
                header.append(line.strip())
            else:
                cur[1].append(("p", line.strip()))
        i += 1
    flush_para()
    return title, header, sections


def inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split markdown inline text into (text, bold, italic) runs."""
    runs = []
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=2),
        "header": ParagraphStyle("hd", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 0.5, leading=base_size + 3.5, spaceBefore=4, spaceAfter=1),
        "body": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(inline_to_rl(val), st["body"]))
        elif kind == "h3":
            out.append(Paragraph(inline_to_rl(val), st["h3"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(inline_to_rl(t), st["body"]), leftIndent=10) for t in val]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                    leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["body"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, title, header, sections):
    st = styles()
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=title, author=title)
    width = A4[0] - 36 * mm
    flow = [Paragraph(inline_to_rl(title), st["title"])]
    for h in header:
        flow.append(Paragraph(inline_to_rl(h), st["header"]))
    for name, blocks in sections:
        flow.append(Paragraph(inline_to_rl(name), st["h2"]))
        flow.extend(blocks_to_flowables(blocks, st, width))
    doc.build(flow)
    return path


def render_pdf_two_column(cv_id, title, header, sections):
    st = styles(base_size=8.8)
    side_st = dict(st)
    side_st["body"] = ParagraphStyle("sb", parent=st["body"], fontSize=8.5, leading=11)
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    frame_h = H - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar", showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", showBoundary=0)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4 * mm, margin - 4 * mm, side_w + 8 * mm, frame_h + 8 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="TwoCol", frames=[side, main], onPage=decorate)])
    flow = [Paragraph(inline_to_rl(title), st["title"])]
    for h in header:
        flow.append(Paragraph(inline_to_rl(h), side_st["body"]))
    for name, blocks in sections:
        if name in SIDEBAR:
            flow.append(Paragraph(inline_to_rl(name), st["h2"]))
            flow.extend(blocks_to_flowables(blocks, side_st, side_w))
    flow.append(FrameBreak())
    for name, blocks in sections:
        if name not in SIDEBAR:
            flow.append(Paragraph(inline_to_rl(name), st["h2"]))
            flow.extend(blocks_to_flowables(blocks, st, main_w))
    doc.build(flow)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(paragraph, text):
    for t, bold, italic in inline_runs(text):
        r = paragraph.add_run(t)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, title, header, sections):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for h in header:
        add_runs(doc.add_paragraph(), h)
    for name, blocks in sections:
        doc.add_heading(name, level=1)
        for kind, val in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "h3":
                doc.add_heading(val, level=2)
            elif kind == "ul":
                for item in val:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
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
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        title, header, sections = parse(md)
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            path = render_pdf(cv_id, title, header, sections)
        elif fmt == "pdf-2col":
            path = render_pdf_two_column(cv_id, title, header, sections)
        else:
            path = render_docx(cv_id, title, header, sections)
        print(f"{cv_id}: {path.name} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
