"""Render the heldout5-137 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-137/render.py

- PDF  (reportlab, real text layer): cv-ho-2233 (two-column), 2236, 2239, 2242
- DOCX (python-docx): cv-ho-2234 (Word table for skills), 2237, 2240, 2243
- MD   (the .md file itself is the target): cv-ho-2235, 2238, 2241, 2244
"""
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2233", "cv-ho-2236", "cv-ho-2239", "cv-ho-2242"]
TWO_COLUMN = {"cv-ho-2233"}
DOCX_IDS = ["cv-ho-2234", "cv-ho-2237", "cv-ho-2240", "cv-ho-2243"]
# Sections that go in the narrow sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Parse the small Markdown subset used by the CVs into blocks.

    Returns (title, intro_blocks, sections) where sections is a list of
    (heading, blocks); a block is ("p", text) | ("li", text) | ("table", rows).
    """
    title = None
    intro, sections = [], []
    current = intro
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            current.append(("p", " ".join(para).strip()))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
        elif line.startswith("- "):
            flush()
            current.append(("li", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            current.append(("table", rows))
            continue
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
            # lines in the header block (before the first section) stay separate
            if current is intro:
                flush()
        i += 1
    flush()
    return title, intro, sections


def md_inline_to_rl(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)
    return s


def md_inline_runs(s):
    """Split inline Markdown into (text, bold, italic) runs for python-docx."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", s):
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


# ---------------------------------------------------------------- PDF
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    cands = ["/usr/share/fonts/truetype/dejavu"]
    try:
        import matplotlib
        cands.append(os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf"))
    except Exception:
        pass
    for d in cands:
        files = {k: os.path.join(d, v) for k, v in {
            "DV": "DejaVuSans.ttf", "DV-B": "DejaVuSans-Bold.ttf",
            "DV-I": "DejaVuSans-Oblique.ttf", "DV-BI": "DejaVuSans-BoldOblique.ttf"}.items()}
        if all(os.path.exists(p) for p in files.values()):
            for name, path in files.items():
                pdfmetrics.registerFont(TTFont(name, path))
            addMapping("DV", 0, 0, "DV")
            addMapping("DV", 1, 0, "DV-B")
            addMapping("DV", 0, 1, "DV-I")
            addMapping("DV", 1, 1, "DV-BI")
            return "DV", "DV-B"
    return "Helvetica", "Helvetica-Bold"


def _styles(base, bold, small=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    fs = 8.5 if small else 9.5
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=3),
        "sub": ParagraphStyle("sub", fontName=base, fontSize=9.5, leading=12.5,
                              textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11 if not small else 10, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", fontName=base, fontSize=fs, leading=fs + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=base, fontSize=fs, leading=fs + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5, bulletFontName=base),
        "cell": ParagraphStyle("cell", fontName=base, fontSize=fs, leading=fs + 2.5),
    }


def _blocks_to_flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(md_inline_to_rl(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(md_inline_to_rl(val), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.42, width * 0.58])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id, text, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (SimpleDocTemplate, Paragraph, BaseDocTemplate, Frame,
                                    PageTemplate, FrameBreak, NextPageTemplate)

    base, bold = _fonts()
    title, intro, sections = parse_md(text)
    W, H = A4
    margin = 16 * mm

    if cv_id not in TWO_COLUMN:
        st = _styles(base, bold)
        doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=title, author=title)
        width = W - 2 * margin
        story = [Paragraph(md_inline_to_rl(title), st["title"])]
        for kind, val in intro:
            story.append(Paragraph(md_inline_to_rl(val), st["sub"]))
        for head, blocks in sections:
            story.append(Paragraph(md_inline_to_rl(head), st["h2"]))
            story.extend(_blocks_to_flowables(blocks, st, width))
        doc.build(story)
        return

    # Two-column layout: sidebar frame (left) + main frame (right) on page 1,
    # a single full-width frame on any following page.
    st_main = _styles(base, bold)
    st_side = _styles(base, bold, small=True)
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    header_h = 22 * mm
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canvas, doc):
        from reportlab.lib import colors
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 4 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[full]),
    ])
    story = [NextPageTemplate("rest"), Paragraph(md_inline_to_rl(title), st_main["title"])]
    for kind, val in intro:
        story.append(Paragraph(md_inline_to_rl(val), st_main["sub"]))
    story.append(FrameBreak())
    side_secs = [s for s in sections if s[0].lower() in SIDEBAR_SECTIONS]
    main_secs = [s for s in sections if s[0].lower() not in SIDEBAR_SECTIONS]
    for head, blocks in side_secs:
        story.append(Paragraph(md_inline_to_rl(head), st_side["h2"]))
        story.extend(_blocks_to_flowables(blocks, st_side, side_w))
    story.append(FrameBreak())
    for head, blocks in main_secs:
        story.append(Paragraph(md_inline_to_rl(head), st_main["h2"]))
        story.extend(_blocks_to_flowables(blocks, st_main, main_w))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, text, out_path):
    from docx import Document
    from docx.shared import Pt

    title, intro, sections = parse_md(text)
    d = Document()
    d.core_properties.title = title or cv_id
    d.core_properties.author = title or ""
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    def add_runs(par, s):
        for t, b, it in md_inline_runs(s):
            r = par.add_run(t)
            r.bold = b
            r.italic = it

    d.add_heading(title, level=0)
    for kind, val in intro:
        add_runs(d.add_paragraph(), val)
    for head, blocks in sections:
        d.add_heading(head, level=1)
        for kind, val in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                ncols = max(len(r) for r in val)
                t = d.add_table(rows=0, cols=ncols)
                t.style = "Table Grid"
                for ri, row in enumerate(val):
                    cells = t.add_row().cells
                    for ci, c in enumerate(row):
                        cells[ci].text = ""
                        p = cells[ci].paragraphs[0]
                        add_runs(p, c)
                        if ri == 0:
                            for r in p.runs:
                                r.bold = True
                d.add_paragraph()
    d.save(str(out_path))


def main():
    for cv_id in PDF_IDS:
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_pdf(cv_id, text, HERE / f"{cv_id}.pdf")
        print("wrote", f"{cv_id}.pdf")
    for cv_id in DOCX_IDS:
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_docx(cv_id, text, HERE / f"{cv_id}.docx")
        print("wrote", f"{cv_id}.docx")


if __name__ == "__main__":
    main()
