"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout7-174/render.py

The .md file of each CV is its exact content. PDFs get a real text layer
(reportlab), DOCX files are built with python-docx. One PDF is laid out in
two columns (sidebar + main column, two reportlab Frames), one DOCX puts the
skills into a real Word table. CVs whose target is .md are not rendered.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2677": "docx",
    "cv-ho-2678": "pdf-2col",
    "cv-ho-2679": "md",
    "cv-ho-2680": "pdf",
    "cv-ho-2681": "docx",  # skills as a real Word table
    "cv-ho-2682": "md",
    "cv-ho-2683": "pdf",
    "cv-ho-2684": "docx",
    "cv-ho-2685": "md",
    "cv-ho-2686": "pdf",
    "cv-ho-2687": "docx",
    "cv-ho-2688": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Certifications"}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DEJAVU + "DejaVuSans.ttf") and os.path.exists(_DEJAVU + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _DEJAVU + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DEJAVU + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_BOLD = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). Kinds: h1, h2, h3, p, bullet, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
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
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
        elif re.match(r"^\s*-\s+", line):
            flush()
            blocks.append(("bullet", re.sub(r"^\s*-\s+", "", line)))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


# ---------------------------------------------------------------- PDF
def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_rl(s):
    s = _esc(s)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def _styles(base_size=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base_size + 8,
                             leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base_size,
                                 leading=base_size + 3, leftIndent=10, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1),
    }


def _flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(_inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(_inline_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(_inline_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=os.path.basename(path))
    st = _styles(10)
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(blocks, path):
    """Sidebar (contact, skills, languages, certifications) on the left, main column on the right."""
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 64 * mm
    main_w = page_w - 2 * margin - side_w - gap
    height = page_h - 2 * margin

    side = Frame(margin, margin, side_w, height, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, height, id="main",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    full = Frame(margin, margin, page_w - 2 * margin, height, id="full")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, height + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=os.path.basename(path))
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="one", frames=[full]),
    ])

    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, body in sections:
        target = side_blocks if title in SIDEBAR_SECTIONS else main_blocks
        target.append(("h2", title))
        target.extend(body)

    st_side = _styles(8.5)
    st_main = _styles(9.5)
    story = [NextPageTemplate("one")]
    story += _flowables(header, st_side, side_w - 8)
    story += _flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += _flowables(main_blocks, st_main, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def _add_inline(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            _add_inline(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    _add_inline(p, val)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            _add_inline(doc.add_paragraph(), payload)
    core = doc.core_properties
    core.author = ""
    core.title = os.path.basename(path)
    doc.save(path)


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if target == "md":
            print(f"{cv_id}: md (no rendering needed)")
            continue
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(blocks, out)
        elif target == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(blocks, out)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {target} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
