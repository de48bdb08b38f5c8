"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-30/render.py
The .md files are the source of truth; .md targets are left as they are.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
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

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-949": "md",
    "cv-ho-950": "docx",   # skills as a real Word table
    "cv-ho-951": "pdf2",   # two-column PDF (sidebar + main column)
    "cv-ho-952": "pdf",
    "cv-ho-953": "docx",
    "cv-ho-954": "md",
    "cv-ho-955": "pdf",
    "cv-ho-956": "docx",
    "cv-ho-957": "pdf",
    "cv-ho-958": "md",
    "cv-ho-959": "md",
    "cv-ho-960": "docx",
}

# sections of cv-ho-951 that go to the sidebar
SIDEBAR = {"Contact", "Tools", "Currently learning", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dv = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dv + "DejaVuSans.ttf"):
    pdfmetrics.registerFont(TTFont("DV", _dv + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DV-B", _dv + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(TTFont("DV-I", _dv + "DejaVuSans-Oblique.ttf"))
    pdfmetrics.registerFont(TTFont("DV-BI", _dv + "DejaVuSans-BoldOblique.ttf"))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B", italic="DV-I", boldItalic="DV-BI")
    FONT, FONT_B, FONT_I = "DV", "DV-B", "DV-I"


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks) where blocks are (kind, payload) tuples.
    kinds: h2, para, bullet, num, table(list of rows), line (sidebar plain line)."""
    title = None
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        ln = lines[i].rstrip()
        if ln.startswith("# "):
            flush()
            title = ln[2:].strip()
        elif ln.startswith("## "):
            flush()
            blocks.append(("h2", ln[3:].strip()))
        elif ln.startswith("- "):
            flush()
            blocks.append(("bullet", ln[2:].strip()))
        elif re.match(r"^\d+\. ", ln):
            flush()
            blocks.append(("num", ln))
        elif ln.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif not ln.strip():
            flush()
        else:
            para.append(ln.strip())
        i += 1
    flush()
    return title, blocks


def split_sections(blocks):
    """[(section_title or None, [blocks])]"""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], []))
        else:
            out[-1][1].append(b)
    return out


def inline_rl(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split markdown inline text into (text, bold, italic) runs."""
    runs = []
    pos = 0
    pat = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
    for m in pat.finditer(text):
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
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base + 3.5,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "line": ParagraphStyle("line", fontName=FONT, fontSize=base, leading=base + 3),
    }


def flow_blocks(blocks, st, sidebar=False):
    out = []
    for kind, payload in blocks:
        if kind == "h2":
            out.append(Paragraph(inline_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "num":
            out.append(Paragraph(inline_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "para":
            out.append(Paragraph(inline_rl(payload), st["para"]))
    return out


def render_pdf(cv_id, title, blocks, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author=title)
    story = [Paragraph(inline_rl(title), st["title"])]
    story += flow_blocks(blocks, st)
    doc.build(story)


def render_pdf_two_column(cv_id, title, md_text, path):
    """Sidebar frame (left) + main frame (right) on every page; real two-column text layer."""
    st_main = styles(9.5)
    st_side = styles(8.5)
    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 7 * mm
    title_h = 18 * mm
    first = PageTemplate(id="first", frames=[
        Frame(margin, H - margin - title_h, W - 2 * margin, title_h, id="title",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        Frame(margin, margin, side_w, H - 2 * margin - title_h, id="side",
              leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0),
        Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin - title_h,
              id="main", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
    ], onPage=lambda c, d: (c.setStrokeColor(colors.HexColor("#9aa7b8")),
                            c.line(margin + side_w + gap / 2, margin,
                                   margin + side_w + gap / 2, H - margin - title_h)))
    later = PageTemplate(id="later", frames=[
        Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin, id="main2")])
    doc = BaseDocTemplate(path, pagesize=A4, pageTemplates=[first, later], title=title, author=title)

    # sidebar: each plain line is its own entry
    side_story, main_story = [], []
    section = None
    for raw in md_text.splitlines():
        if raw.startswith("## "):
            section = raw[3:].strip()
            if section in SIDEBAR:
                side_story.append(Paragraph(inline_rl(section), st_side["h2"]))
            continue
        if section in SIDEBAR and raw.strip():
            side_story.append(Paragraph(inline_rl(raw.strip()), st_side["line"]))
    _, blocks = parse(md_text)
    for sec, bl in split_sections(blocks):
        if sec is None or sec in SIDEBAR:
            continue
        main_story.append(Paragraph(inline_rl(sec), st_main["h2"]))
        main_story += flow_blocks(bl, st_main)

    story = [Paragraph(inline_rl(title), st_main["title"]), FrameBreak()]
    story += side_story + [FrameBreak(), NextPageTemplate("later")] + main_story
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, title, blocks, path):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)
    for kind, payload in blocks:
        if kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            add_runs(d.add_paragraph(style="List Number"), re.sub(r"^\d+\.\s*", "", payload))
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
    d.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            md = f.read()
        title, blocks = parse(md)
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cv_id, title, blocks, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "pdf2":
            render_pdf_two_column(cv_id, title, md, os.path.join(HERE, cv_id + ".pdf"))
        elif fmt == "docx":
            render_docx(cv_id, title, blocks, os.path.join(HERE, cv_id + ".docx"))
        print("rendered", cv_id, fmt)


if __name__ == "__main__":
    main()
