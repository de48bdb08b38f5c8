"""Render the heldout7-191 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-191/render.py

Targets:
  PDF : cv-ho-2883, cv-ho-2884 (two-column: sidebar + main frames), cv-ho-2887, cv-ho-2891
  DOCX: cv-ho-2882 (skills as a real Word table), cv-ho-2886, cv-ho-2889, cv-ho-2892
  MD  : cv-ho-2881, cv-ho-2885, cv-ho-2888, cv-ho-2890 (the .md itself is the target)
"""
import os
import re
from pathlib import Path

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

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2883", "cv-ho-2884", "cv-ho-2887", "cv-ho-2891"]
TWO_COLUMN = {"cv-ho-2884": {"Contact", "Skills", "Education", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-2882", "cv-ho-2886", "cv-ho-2889", "cv-ho-2892"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I, FONT_BI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
if (_DEJAVU / "DejaVuSans.ttf").exists():
    pdfmetrics.registerFont(TTFont("DejaVu", str(_DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_DEJAVU / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_DEJAVU / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", str(_DEJAVU / "DejaVuSans-BoldOblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                       italic="DejaVu-Oblique", boldItalic="DejaVu-BoldOblique")
    FONT, FONT_B, FONT_I, FONT_BI = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique", "DejaVu-BoldOblique"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,bullet,para,table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
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
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^\s*[-*]\s+", line):
            flush()
            blocks.append(("bullet", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            # a line directly under another non-empty line is a separate line in a CV
            if para:
                flush()
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_segments(text):
    """Split **bold** / *italic* markup into (text, bold, italic) segments."""
    segs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            segs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            segs.append((m.group(1), True, False))
        else:
            segs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        segs.append((text[pos:], False, False))
    return segs


def to_rl(text):
    out = []
    for t, b, it in inline_segments(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


def plain(text):
    return "".join(t for t, _, _ in inline_segments(text))


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_B, fontSize=base_size + 8, leading=base_size + 12,
                             spaceAfter=4, textColor=colors.HexColor("#1b2a41"))
    s["h2"] = ParagraphStyle("h2", fontName=FONT_B, fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#24527a"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_B, fontSize=base_size + 0.5, leading=base_size + 3,
                             spaceBefore=4, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName=FONT, fontSize=base_size, leading=base_size + 3,
                               spaceAfter=3, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10, bulletIndent=2, spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width * 0.6] + [width * 0.4 / (ncol - 1)] * (ncol - 1))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="–"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    st = styles(10)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """header blocks (before first h2), then list of (title, blocks) per h2 section."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    path = HERE / (cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    header_h = 22 * mm
    side_w = 60 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_main]),
    ])

    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, blks in sections:
        (side_blocks if title in sidebar_titles else main_blocks).extend(blks)

    st_main = styles(9.5)
    st_side = styles(8.5)
    story = [NextPageTemplate("later")]
    story += flowables(header, st_main, W - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main_blocks, st_main, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in inline_segments(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks):
    path = HERE / (cv_id + ".docx")
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
        else:
            p = d.add_paragraph()
            add_runs(p, payload)
    d.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS:
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            p = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            p = render_pdf(cv_id, blocks)
        print("wrote", p.name, os.path.getsize(p), "bytes")
    for cv_id in DOCX_IDS:
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print("wrote", p.name, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
