"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-08/render.py
The .md files are the source of truth; the MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle, HRFlowable)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-685": "pdf",
    "cv-ho-686": "docx",
    "cv-ho-687": "md",
    "cv-ho-688": "pdf-two-column",
    "cv-ho-689": "docx",
    "cv-ho-690": "md",
    "cv-ho-691": "pdf",
    "cv-ho-692": "docx",
    "cv-ho-693": "md",
    "cv-ho-694": "pdf",
    "cv-ho-695": "docx",
    "cv-ho-696": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Education", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown parser: returns a list of (kind, payload) blocks."""
    blocks = []
    lines = text.splitlines()
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
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.strip() == "---":
            blocks.append(("hr", None))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


def inline_to_rl(s):
    s = escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", s)
    return s


def inline_runs(s):
    """Split a line into (text, bold, italic) runs for python-docx."""
    runs = []
    pattern = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    pos = 0
    for m in pattern.finditer(s):
        if m.start() > pos:
            runs.append((s[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(s):
        runs.append((s[pos:], False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def register_fonts():
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ]
    import reportlab
    rl = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append(tuple(os.path.join(rl, f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")))
    for reg, bold, it, bi in candidates:
        if all(os.path.exists(p) for p in (reg, bold, it, bi)):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFont(TTFont("CVSans-Italic", it))
            pdfmetrics.registerFont(TTFont("CVSans-BoldItalic", bi))
            from reportlab.lib.fonts import addMapping
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans-Italic")
            addMapping("CVSans", 1, 1, "CVSans-BoldItalic")
            return "CVSans"
    return "Helvetica"


FONT = None


def styles(scale=1.0):
    f = FONT
    return {
        "h1": ParagraphStyle("h1", fontName=f + "-Bold" if f == "CVSans" else "Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=f + "-Bold" if f == "CVSans" else "Helvetica-Bold",
                             fontSize=12 * scale, leading=15 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=f + "-Bold" if f == "CVSans" else "Helvetica-Bold",
                             fontSize=10.5 * scale, leading=13 * scale, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=f, fontSize=9.5 * scale, leading=12.5 * scale,
                            spaceAfter=2, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=f, fontSize=9.5 * scale, leading=12.5 * scale,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=f, fontSize=9 * scale, leading=11 * scale),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(inline_to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceBefore=2, spaceAfter=4))
        elif kind == "table":
            data = [[Paragraph(inline_to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    st = styles()
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Return header blocks (before first h2) and a list of (title, blocks) sections."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 15 * mm
    header_h = 22 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=2, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="TwoCol", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="Later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in SIDEBAR_SECTIONS]
    main = [s for s in sections if s[0] not in SIDEBAR_SECTIONS]
    st_main = styles()
    st_side = styles(scale=0.92)
    story = [NextPageTemplate("Later")]
    story += blocks_to_flowables(header, st_main, W - 2 * margin)
    story.append(FrameBreak())
    for title, blk in side:
        story += blocks_to_flowables([("h2", title)] + blk, st_side, side_w)
    story.append(FrameBreak())
    for title, blk in main:
        story += blocks_to_flowables([("h2", title)] + blk, st_main, main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = cv_id
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "hr":
            d.add_paragraph("")
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    for tx, b, it in inline_runs(cell):
                        r = p.add_run(tx)
                        r.bold = True if ri == 0 else (b or None)
                        r.italic = it or None
            d.add_paragraph("")
        else:
            add_runs(d.add_paragraph(), payload)
    d.save(path)
    return path


# --------------------------------------------------------------------------- main
def main():
    global FONT
    FONT = register_fonts()
    for cv_id, target in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {target:15s} -> {os.path.basename(out)} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
