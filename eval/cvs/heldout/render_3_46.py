"""Render the heldout3-46 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-46/render.py

The .md file is the CV text; this script only changes the layout.
  - PDF targets are built with reportlab (real text layer, embedded TTF font).
  - cv-ho-1144 is a two-column PDF (sidebar frame + main frame on page 1).
  - DOCX targets are built with python-docx; Markdown tables become real Word tables.
  - MD targets are left as they are.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-1141": "md",
    "cv-ho-1142": "pdf",
    "cv-ho-1143": "docx",
    "cv-ho-1144": "pdf2col",
    "cv-ho-1145": "md",
    "cv-ho-1146": "docx",
    "cv-ho-1147": "pdf",
    "cv-ho-1148": "md",
    "cv-ho-1149": "docx",
    "cv-ho-1150": "pdf",
    "cv-ho-1151": "md",
    "cv-ho-1152": "docx",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Education", "Certifications", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Markdown -> simple block list
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, heading, para, bullet (payload=(level, text)), table (rows)
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_para()
            i += 1
            continue
        if stripped.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if m:
            flush_para()
            level = len(m.group(1))
            blocks.append(("title" if level == 1 else "heading", m.group(2).strip()))
            i += 1
            continue
        m = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if m:
            flush_para()
            level = 1 if len(m.group(1)) >= 2 else 0
            blocks.append(("bullet", (level, m.group(2).strip())))
            i += 1
            continue
        # a line following a bold-lead line without a blank line is its own paragraph
        para.append(line)
        if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].strip().startswith(("-", "|", "#")):
            flush_para()
        i += 1
    flush_para()
    return blocks


def split_runs(text):
    """Split '**bold** rest' into [(text, bold)]."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*", text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False))
        runs.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False))
    return runs


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    candidates = [
        "/usr/share/fonts/truetype/dejavu",
        os.path.join(os.path.dirname(os.__file__), "site-packages/matplotlib/mpl-data/fonts/ttf"),
    ]
    for d in candidates:
        reg = os.path.join(d, "DejaVuSans.ttf")
        bold = os.path.join(d, "DejaVuSans-Bold.ttf")
        if os.path.exists(reg) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans")
            addMapping("CVSans", 1, 1, "CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(font, bold, base=9.5):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=base + 8, leading=base + 11, spaceAfter=4),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=base + 2, leading=base + 5,
                                  spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName=font, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "bullet0": ParagraphStyle("bullet0", fontName=font, fontSize=base, leading=base + 3.5,
                                  leftIndent=12, bulletIndent=2, spaceAfter=1.5, bulletFontName=font),
        "bullet1": ParagraphStyle("bullet1", fontName=font, fontSize=base, leading=base + 3.5,
                                  leftIndent=24, bulletIndent=14, spaceAfter=1.5, bulletFontName=font),
    }


def _inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def _flowables(blocks, st, font, bold, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(_inline(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(_inline(payload), st["heading"]))
        elif kind == "para":
            out.append(Paragraph(_inline(payload), st["para"]))
        elif kind == "bullet":
            level, txt = payload
            sym = "•" if level == 0 else "–"
            out.append(Paragraph(_inline(txt), st["bullet%d" % level], bulletText=sym))
        elif kind == "table":
            data = [[Paragraph(_inline(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font, bold = _register_fonts()
    st = _styles(font, bold)
    path = os.path.join(HERE, cv_id + ".pdf")
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(_flowables(blocks, st, font, bold, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks):
    """Header across the top, sidebar (skills, education...) on the left, main column on the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate
    from reportlab.lib import colors

    font, bold = _register_fonts()
    st_main = _styles(font, bold, base=9.2)
    st_side = _styles(font, bold, base=8.3)
    path = os.path.join(HERE, cv_id + ".pdf")

    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h

    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=first_bg),
        PageTemplate(id="rest", frames=[later]),
    ])

    # split blocks: header (before first heading), then sections
    head, sections = [], []
    cur = None
    for b in blocks:
        if b[0] == "heading":
            cur = [b[1], [b]]
            sections.append(cur)
        elif cur is None:
            head.append(b)
        else:
            cur[1].append(b)
    side_blocks = [b for name, bl in sections if name in SIDEBAR_SECTIONS for b in bl]
    main_blocks = [b for name, bl in sections if name not in SIDEBAR_SECTIONS for b in bl]

    story = []
    story += _flowables(head, st_main, font, bold, W - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(side_blocks, st_side, font, bold, side_w - 8)
    story.append(FrameBreak())
    story.append(NextPageTemplate("rest"))
    story += _flowables(main_blocks, st_main, font, bold, main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(cv_id, blocks):
    from docx import Document
    from docx.shared import Pt

    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    def add_runs(p, text):
        for txt, is_bold in split_runs(text):
            r = p.add_run(txt)
            r.bold = is_bold

    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            level, txt = payload
            style = "List Bullet" if level == 0 else "List Bullet 2"
            add_runs(d.add_paragraph(style=style), txt)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    p = t.cell(r, c).paragraphs[0]
                    for txt, is_bold in split_runs(cell):
                        run = p.add_run(txt)
                        run.bold = is_bold or r == 0
    d.core_properties.author = ""
    d.core_properties.title = cv_id
    path = os.path.join(HERE, cv_id + ".docx")
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if fmt == "pdf":
            path = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            path = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            path = render_docx(cv_id, blocks)
        else:
            raise ValueError(fmt)
        print(cv_id, "->", os.path.basename(path), os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
