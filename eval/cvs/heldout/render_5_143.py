"""Render the heldout5-143 CVs from their Markdown source into their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-143/render.py
The .md file is the CV's content; PDFs and DOCX files are generated from it.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2305": "pdf",
    "cv-ho-2306": "docx",   # real Word table for skills
    "cv-ho-2307": "pdf2col",  # two-column PDF: sidebar + main column
    "cv-ho-2308": "md",
    "cv-ho-2309": "docx",
    "cv-ho-2310": "pdf",
    "cv-ho-2311": "md",
    "cv-ho-2312": "pdf",
    "cv-ho-2313": "docx",
    "cv-ho-2314": "md",
    "cv-ho-2315": "docx",
    "cv-ho-2316": "md",
}

# Sections of cv-ho-2307 that go in the left sidebar of the two-column layout.
SIDEBAR_SECTIONS = {"Contact", "Design Tools", "Learning Now", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Group blocks under their h2 heading. Returns (preamble, [(title, blocks)])."""
    pre, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            pre.append(b)
        else:
            cur[1].append(b)
    return pre, sections


def inline_html(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8, leading=base + 11,
                             spaceAfter=3, textColor=colors.HexColor("#1b2a41")),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2.5, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#2b5d8a")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5, leading=base + 3.5,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base + 3, spaceAfter=3,
                            alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base, leading=base + 3, leftIndent=12,
                             bulletIndent=3, spaceAfter=1),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_html(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.5, width * 0.5])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ecf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(inline_html(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_html(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(pdf_flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Header band across the top, a narrow sidebar frame on the left and a main frame on the right."""
    path = HERE / f"{cv_id}.pdf"
    pw, ph = LETTER
    margin = 14 * mm
    header_h = 26 * mm
    gap = 7 * mm
    side_w = 60 * mm
    main_w = pw - 2 * margin - side_w - gap
    body_h = ph - 2 * margin - header_h

    header = Frame(margin, ph - margin - header_h, pw - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    main_full = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="main_full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef1f4"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=LETTER, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, sidebar, main], onPage=sidebar_bg,
                     autoNextPageTemplate="cont"),
        PageTemplate(id="cont", frames=[main_full]),
    ])

    pre, sections = split_sections(blocks)
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    story = pdf_flowables(pre, st_main, pw - 2 * margin)
    story.append(FrameBreak())
    for title, sec in sections:
        if title in SIDEBAR_SECTIONS:
            story += pdf_flowables([("h2", title)] + sec, st_side, side_w - 8)
    story.append(FrameBreak())
    for title, sec in sections:
        if title not in SIDEBAR_SECTIONS:
            story += pdf_flowables([("h2", title)] + sec, st_main, main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(payload, level=1)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x2B, 0x5D, 0x8A)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            t = doc.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    run = cells[c_i].paragraphs[0].add_run(val)
                    if r_i == 0:
                        run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.author = ""
    doc.core_properties.title = cv_id
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"  # the Markdown file is itself the target
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
