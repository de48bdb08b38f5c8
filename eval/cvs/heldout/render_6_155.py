"""Render the heldout6-155 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-155/render.py
The .md file is the CV's text; .md targets need no rendering.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.lib import colors

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2449": "md",
    "cv-ho-2450": "pdf",
    "cv-ho-2451": "docx",
    "cv-ho-2452": "pdf2col",
    "cv-ho-2453": "docx",
    "cv-ho-2454": "docx",
    "cv-ho-2455": "md",
    "cv-ho-2456": "pdf",
    "cv-ho-2457": "pdf",
    "cv-ho-2458": "md",
    "cv-ho-2459": "docx",
    "cv-ho-2460": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR_SECTIONS = {"cv-ho-2452": {"Contact", "Skills", "Languages"}}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DJ = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DJ + "DejaVuSans.ttf") and os.path.exists(_DJ + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _DJ + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DJ + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", "\n".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.strip() == "---":
            flush()
            blocks.append(("hr", ""))
            i += 1
            continue
        if line.lstrip().startswith("- "):
            flush()
            blocks.append(("li", line.lstrip()[2:].strip()))
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        # consecutive non-blank lines keep their line breaks (contact blocks)
        para.append(line)
        i += 1
    flush()
    return blocks


def split_runs(text):
    """Split '**bold** rest' into [(text, bold)]."""
    runs = []
    for k, part in enumerate(re.split(r"\*\*", text)):
        if part:
            runs.append((part, k % 2 == 1))
    return runs


def to_rl(text):
    out = []
    for part, bold in split_runs(text):
        part = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        part = part.replace("\n", "<br/>")
        out.append("<b>%s</b>" % part if bold else part)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base + 8, leading=base + 12,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base + 1, leading=base + 4,
                             spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3,
                            spaceAfter=4, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3,
                             leftIndent=12, bulletIndent=2, spaceAfter=2),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "hr":
            out.append(Spacer(1, 6))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic")
    doc.build(flowables(blocks, styles(10)))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (left frame) with the sidebar sections; main column (right frame)."""
    side_names = SIDEBAR_SECTIONS[cv_id]
    side, main = [], []
    current = side  # name and title go at the top of the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in side_names else main
        current.append((kind, payload))

    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                   leftPadding=4, rightPadding=4)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                   id="main", leftPadding=4, rightPadding=4)

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[f_side, f_main], onPage=deco)])
    story = flowables(side, styles(8.5)) + [FrameBreak()] + flowables(main, styles(9.5))
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part, bold in split_runs(text):
        pieces = part.split("\n")
        for k, piece in enumerate(pieces):
            r = par.add_run(piece)
            r.bold = bold
            if k < len(pieces) - 1:
                r.add_break()


def render_docx(cv_id, blocks):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            h = doc.add_heading(level={"h1": 0, "h2": 1, "h3": 2}[kind])
            add_runs(h, payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "hr":
            doc.add_paragraph()
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, c in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, c)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
    path = os.path.join(HERE, cv_id + ".docx")
    doc.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            print(cv_id, "-> md (no rendering)")
            continue
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        else:
            p = render_docx(cv_id, blocks)
        print(cv_id, "->", os.path.basename(p), os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
