"""Render the heldout4-121 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-121/render.py
The .md file is the CV's content; .md targets need no rendering.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2041": "pdf",
    "cv-ho-2042": "docx",
    "cv-ho-2043": "md",
    "cv-ho-2044": "pdf",
    "cv-ho-2045": "md",
    "cv-ho-2046": "docx",
    "cv-ho-2047": "pdf2col",
    "cv-ho-2048": "md",
    "cv-ho-2049": "docx",
    "cv-ho-2050": "pdf",
    "cv-ho-2051": "md",
    "cv-ho-2052": "docx",
}

# sections placed in the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}

# ---------------------------------------------------------------- fonts
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
_dj = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dj + "DejaVuSans.ttf") and os.path.exists(_dj + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _dj + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _dj + "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                                  italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_B = "DejaVu", "DejaVu-Bold"


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, p (list of lines), li, table."""
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("p", para))
            para = []
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r"-{3,}", c) for c in r)]
            blocks.append(("table", rows))
            table = []

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:].strip()))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:].strip()))
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:].strip()))
        elif s.startswith("|"):
            if para:
                blocks.append(("p", para)); para = []
            table.append(s)
        else:
            para.append(s.strip())
    flush()
    return blocks


def sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    head, secs = [], []
    for b in blocks:
        if b[0] == "h2":
            secs.append((b[1], []))
        elif secs:
            secs[-1][1].append(b)
        else:
            head.append(b)
    return head, secs


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_rl(t):
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", esc(t))


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_B, fontSize=base + 8, leading=base + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "p": ParagraphStyle("p", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=FONT, fontSize=base, leading=base + 3.5, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in r] for r in payload]
            t = Table(data, colWidths=[width * 0.55, width * 0.45])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    st = styles()
    doc.build(flow(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Sidebar frame (left) with contact/skills/languages/interests; main frame (right)."""
    path = os.path.join(HERE, cv_id + ".pdf")
    pw, ph = A4
    m = 14 * mm
    side_w = 58 * mm
    gap = 8 * mm
    main_w = pw - 2 * m - side_w - gap
    side = Frame(m, m, side_w, ph - 2 * m, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, main_w, ph - 2 * m, id="main", showBoundary=0)
    main2 = Frame(m, m, pw - 2 * m, ph - 2 * m, id="main2")

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 4 * mm, m - 4 * mm, side_w + 6 * mm, ph - 2 * m + 8 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id)
    doc.addPageTemplates([PageTemplate(id="two", frames=[side, main], onPage=deco),
                          PageTemplate(id="one", frames=[main2])])
    head, secs = sections(blocks)
    st_side = styles(8.5)
    st_main = styles(9.5)
    story = flow(head, st_side, side_w)
    for title, body in secs:
        if title in SIDEBAR:
            story += flow([("h2", title)] + body, st_side, side_w)
    story.append(FrameBreak())
    for title, body in secs:
        if title not in SIDEBAR:
            story += flow([("h2", title)] + body, st_main, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            r = par.add_run(part)
            r.bold = (i % 2 == 1)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "p":
            p = d.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    run = c.paragraphs[0].add_run(cell)
                    run.bold = (ri == 0)
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = os.path.join(HERE, cv_id + ".md")
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
