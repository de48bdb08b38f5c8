"""Render the heldout4-132 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-132/render.py
The .md file is the CV text; .md targets are used as-is.
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
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2173": "md",
    "cv-ho-2174": "pdf-2col",
    "cv-ho-2175": "docx",
    "cv-ho-2176": "pdf",
    "cv-ho-2177": "docx",
    "cv-ho-2178": "md",
    "cv-ho-2179": "md",
    "cv-ho-2180": "pdf",
    "cv-ho-2181": "docx",
    "cv-ho-2182": "md",
    "cv-ho-2183": "pdf",
    "cv-ho-2184": "docx",
}

# sections that go to the left sidebar of the two-column PDF
SIDEBAR = {"Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for line in table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
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
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("li", line[2:]))
        else:
            # a non-blank line directly under a heading/line is a new line of the same paragraph
            # (contact lines), keep them as separate paragraphs for readability
            if para:
                flush_para()
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def inline_pdf(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split text into (segment, bold) pairs."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    out = []
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True))
        else:
            out.append((part, False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 11,
                             alignment=0, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=7, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3,
                             leftIndent=12, bulletIndent=2, spaceAfter=1),
    }
    return st


def pdf_flowables(blocks, st, avail_width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_pdf(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[avail_width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
        elif kind == "li":
            flow.append(Paragraph(inline_pdf(payload), st["li"], bulletText="\u2022"))
        else:
            flow.append(Paragraph(inline_pdf(payload), st[kind]))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    st = pdf_styles(10)
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def split_sections(blocks):
    """header (before first h2), list of (title, blocks) sections."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=cv_id, author="synthetic CV")
    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h,
                         id="header", showBoundary=0)
    body_h = H - 2 * margin - header_h - 3 * mm
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
    main_w = W - 2 * margin - side_w - gap
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 5 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in SIDEBAR for b in bl]
    main = [b for t, bl in sections if t not in SIDEBAR for b in bl]
    st_main = pdf_styles(9)
    st_side = pdf_styles(8.5)
    flow = []
    flow += pdf_flowables(header, st_main, W - 2 * margin)
    flow.append(FrameBreak())
    flow += pdf_flowables(side, st_side, side_w)
    flow.append(FrameBreak())
    flow.append(NextPageTemplate("later"))
    flow += pdf_flowables(main, st_main, main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, val in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    add_runs(p, val)
                    if i == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
