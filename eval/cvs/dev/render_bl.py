"""Render the CVs of eval/cvs/dev-bl from their Markdown text to the target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bl/render.py
PDFs are built with reportlab (real text layer; cv-dev-793 uses a two-column layout
with a skills sidebar), DOCX with python-docx (cv-dev-794 has a real Word table).
The .md files are the source and are themselves the target for the MD CVs.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-793": "pdf-2col",
    "cv-dev-794": "docx",
    "cv-dev-795": "md",
    "cv-dev-796": "pdf",
    "cv-dev-797": "docx",
    "cv-dev-798": "md",
    "cv-dev-799": "pdf",
    "cv-dev-800": "md",
    "cv-dev-801": "docx",
    "cv-dev-802": "md",
    "cv-dev-803": "pdf",
    "cv-dev-804": "docx",
}

SIDEBAR_SECTIONS = {"skills", "languages", "interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
_dejavu = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dejavu + "DejaVuSans.ttf"):
    try:
        pdfmetrics.registerFont(TTFont("DejaVu", _dejavu + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", _dejavu + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-Oblique", _dejavu + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", _dejavu + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.lib.fonts import addMapping
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
        addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
        FONT, FONT_B, FONT_I, FONT_BI = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique", "DejaVu-BoldOblique"
    except Exception:  # fall back to the built-in fonts
        pass


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 p li ol table."""
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
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^[-*]\s+", line):
            blocks.append(("li", re.sub(r"^[-*]\s+", "", line)))
        elif re.match(r"^\d+\.\s+", line):
            num, rest = re.match(r"^(\d+)\.\s+(.*)$", line).groups()
            blocks.append(("ol", (num, rest)))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_segments(text):
    """Split text into (segment, bold, italic) pieces."""
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


def to_rl(text):
    res = []
    for seg, b, it in inline_segments(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        res.append(seg)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=base + 1, leading=base + 4, spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3.5, leftIndent=12,
                             bulletIndent=3, spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph(to_rl(payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        elif kind == "ol":
            num, rest = payload
            out.append(Paragraph(to_rl(rest), st["li"], bulletText=num + "."))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st))


def split_sections(blocks):
    """Split blocks into header (before the first h2) and a list of (title, blocks)."""
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


def render_pdf_two_column(cv_id, blocks, path):
    """Header across the top, skills sidebar on the left, experience in the main column."""
    page_w, page_h = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = page_h - 2 * margin - header_h
    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, body_h, id="main",
                 leftPadding=4, rightPadding=0)
    later = Frame(margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, page_h - 2 * margin,
                  id="later", leftPadding=4, rightPadding=0)

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, side, main], onPage=draw_sidebar),
                          PageTemplate(id="rest", frames=[later])])
    head, sections = split_sections(blocks)
    st_main = styles(9.5)
    st_side = styles(8.5)
    story = [NextPageTemplate("rest")]
    story += flowables(head, st_main)
    story.append(FrameBreak())
    for title, blk in sections:
        if title.strip().lower() in SIDEBAR_SECTIONS:
            story += flowables(blk, st_side)
    story.append(FrameBreak())
    for title, blk in sections:
        if title.strip().lower() not in SIDEBAR_SECTIONS:
            story += flowables(blk, st_main)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_segments(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks, path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "ol":
            add_runs(doc.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
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
    doc.save(path)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        else:
            out = src
        print("%s -> %s (%d bytes)" % (cv_id, os.path.basename(out), os.path.getsize(out)))


if __name__ == "__main__":
    main()
