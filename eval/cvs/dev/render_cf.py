"""Render the dev-cf CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cf/render.py

The .md file of each CV is its exact content. CVs whose target is PDF or DOCX
are rendered from that Markdown here; CVs whose target is MD are left as they are.
One PDF (cv-dev-1033) uses a real two-column layout (sidebar frame + main frame),
so its text layer is laid out in two columns.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-1033": "pdf-two-column",
    "cv-dev-1034": "docx",
    "cv-dev-1035": "md",
    "cv-dev-1036": "pdf",
    "cv-dev-1037": "docx",
    "cv-dev-1038": "md",
    "cv-dev-1039": "md",
    "cv-dev-1040": "pdf",
    "cv-dev-1041": "docx",
    "cv-dev-1042": "md",
    "cv-dev-1043": "pdf",
    "cv-dev-1044": "docx",
}

# Sections of the two-column CV that go to the left sidebar.
SIDEBAR_SECTIONS = {"Skills", "Currently learning", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD, FONT_ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_DEJAVU + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _DEJAVU + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _DEJAVU + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _DEJAVU + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _DEJAVU + "DejaVuSans-BoldOblique.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DV", 0, 0, "DV")
    addMapping("DV", 1, 0, "DV-B")
    addMapping("DV", 0, 1, "DV-I")
    addMapping("DV", 1, 1, "DV-BI")
    FONT, FONT_BOLD, FONT_ITALIC = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, bullet, line, table (payload = list of rows), blank
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        ln = lines[i].rstrip()
        if ln.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if ln.startswith("# "):
            blocks.append(("title", ln[2:]))
        elif ln.startswith("## "):
            blocks.append(("h2", ln[3:]))
        elif ln.startswith("### "):
            blocks.append(("h3", ln[4:]))
        elif ln.startswith("- "):
            blocks.append(("bullet", ln[2:]))
        elif ln.startswith("  ") and ln.strip() and blocks and blocks[-1][0] == "bullet":
            # continuation line of a bullet
            blocks[-1] = ("bullet", blocks[-1][1] + "\n" + ln.strip())
        elif ln.strip() == "":
            blocks.append(("blank", ""))
        else:
            blocks.append(("line", ln))
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into [(section_title or None, [blocks])]."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        else:
            sections[-1][1].append(b)
    return sections


def inline_runs(text):
    """Split text with **bold** and *italic* into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
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
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        t = t.replace("\n", "<br/>")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    s = {}
    s["title"] = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=base_size + 8,
                                leading=base_size + 12, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2.5,
                             leading=base_size + 6, spaceBefore=9, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size + 0.5,
                             leading=base_size + 4, spaceBefore=5, spaceAfter=1)
    s["line"] = ParagraphStyle("line", fontName=FONT, fontSize=base_size,
                               leading=base_size + 3.5, spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["line"], leftIndent=11,
                                 bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=FONT)
    return s


def blocks_to_flowables(blocks, st, avail_width):
    fl = []
    for kind, payload in blocks:
        if kind == "blank":
            continue
        if kind == "bullet":
            fl.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["line"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[avail_width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            fl.append(t)
        else:
            fl.append(Paragraph(to_rl(payload), st[kind]))
    return fl


def render_pdf(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".pdf")
    st = pdf_styles(10)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = W - 2 * margin - side_w - gap
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=4)
    main_later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                       leftPadding=4, rightPadding=4)

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[main_later], onPage=draw_sidebar_bg),
    ])
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.5)

    sections = split_sections(blocks)
    header = sections[0][1]
    side_blocks = list(header)
    main_blocks = []
    for title, bl in sections[1:]:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(bl)

    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side_blocks, side_st, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, main_st, main_w - 8)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        parts = t.split("\n")
        for k, p in enumerate(parts):
            r = par.add_run(p)
            r.bold = b or None
            r.italic = it or None
            if k < len(parts) - 1:
                r.add_break()


def render_docx(cv_id, blocks):
    out = os.path.join(HERE, cv_id + ".docx")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "blank":
            continue
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(out)
    return out


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in sorted(TARGETS.items()):
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            blocks = parse(f.read())
        if target == "md":
            print(cv_id, "->", os.path.basename(md_path), "(Markdown is the target)")
            continue
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(target)
        print(cv_id, "->", os.path.basename(out), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
