"""Render the heldout5-136 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-136/render.py
The .md file is the CV's content; MD targets need no rendering.
"""
import os
import re

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2221": "pdf2col",
    "cv-ho-2222": "docx",
    "cv-ho-2223": "md",
    "cv-ho-2224": "pdf",
    "cv-ho-2225": "docx",
    "cv-ho-2226": "md",
    "cv-ho-2227": "pdf",
    "cv-ho-2228": "docx",
    "cv-ho-2229": "md",
    "cv-ho-2230": "pdf",
    "cv-ho-2231": "docx",
    "cv-ho-2232": "md",
}
# sections that go to the sidebar in the two-column PDF
SIDEBAR = {"cv-ho-2221": {"Skills", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_blocks, sections) where sections = [(heading, blocks)].
    A block is ('p', text) | ('li', text) | ('h3', text) | ('table', rows)."""
    title = None
    header, sections = [], []
    cur = header
    para, table = [], []

    def flush():
        if para:
            cur.append(("p", " ".join(para)))
            para.clear()
        if table:
            cur.append(("table", [r[:] for r in table]))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("# "):
            flush(); title = line[2:].strip()
        elif line.startswith("## "):
            flush(); blocks = []; sections.append((line[3:].strip(), blocks)); cur = blocks
        elif line.startswith("### "):
            flush(); cur.append(("h3", line[4:].strip()))
        elif line.startswith("|"):
            if para:
                cur.append(("p", " ".join(para))); para.clear()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
        elif line.startswith("- "):
            flush(); cur.append(("li", line[2:].strip()))
        elif not line.strip():
            flush()
        else:
            if table:
                flush()
            para.append(line.strip()) if not para else para.append("\n" + line.strip())
    flush()
    return title, header, sections


def split_bold(text):
    """Yield (chunk, is_bold)."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


# ---------------------------------------------------------------- PDF
def _register_fonts():
    cands = [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")]
    import reportlab
    rl = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    cands.append((os.path.join(rl, "Vera.ttf"), os.path.join(rl, "VeraBd.ttf")))
    for reg, bold in cands:
        if os.path.exists(reg) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", reg))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            from reportlab.lib.fonts import addMapping
            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans")
            addMapping("CVSans", 1, 1, "CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_B = _register_fonts()
ST = {
    "title": ParagraphStyle("title", fontName=FONT_B, fontSize=17, leading=21, spaceAfter=4),
    "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                         spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
    "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10, leading=13, spaceBefore=4),
    "p": ParagraphStyle("p", fontName=FONT, fontSize=9.3, leading=12.2, spaceAfter=3),
    "li": ParagraphStyle("li", fontName=FONT, fontSize=9.3, leading=12.2, leftIndent=10,
                         bulletIndent=2, spaceAfter=1, bulletFontName=FONT),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.8, leading=11),
}


def _rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    return text.replace("\n", "<br/>")


def _flow(blocks, width):
    out = []
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(_rl(val), ST["p"]))
        elif kind == "li":
            out.append(Paragraph(_rl(val), ST["li"], bulletText="•"))
        elif kind == "h3":
            out.append(Paragraph(_rl(val), ST["h3"]))
        elif kind == "table":
            ncol = max(len(r) for r in val)
            data = [[Paragraph(_rl(c), ST["cell"]) for c in r + [""] * (ncol - len(r))] for r in val]
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 3))
    return out


def render_pdf(cv_id, title, header, sections, path):
    W, H = A4
    m = 16 * mm
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=m, rightMargin=m, topMargin=m,
                            bottomMargin=m, title=f"CV - {title}", author=title)
    width = W - 2 * m
    story = [Paragraph(_rl(title), ST["title"])] + _flow(header, width)
    for head, blocks in sections:
        story.append(Paragraph(_rl(head), ST["h2"]))
        story += _flow(blocks, width)
    doc.build(story)


def render_pdf_two_column(cv_id, title, header, sections, path):
    W, H = A4
    m = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * m - gap - side_w
    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=m, rightMargin=m, topMargin=m,
                          bottomMargin=m, title=f"CV - {title}", author=title)

    def sidebar_bg(canv, _doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(0, 0, m + side_w + gap / 2, H, stroke=0, fill=1)
        canv.restoreState()

    side = Frame(m, m, side_w, H - 2 * m, id="sidebar", leftPadding=0, rightPadding=4)
    main = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main", leftPadding=4, rightPadding=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="single", frames=[later])])
    side_names = SIDEBAR[cv_id]
    story = [NextPageTemplate("single")]
    for head, blocks in sections:
        if head in side_names:
            story.append(Paragraph(_rl(head), ST["h2"]))
            story += _flow(blocks, side_w - 4)
    story.append(FrameBreak())
    story.append(Paragraph(_rl(title), ST["title"]))
    story += _flow(header, main_w - 4)
    for head, blocks in sections:
        if head not in side_names:
            story.append(Paragraph(_rl(head), ST["h2"]))
            story += _flow(blocks, main_w - 4)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text, size=None):
    for chunk, bold in split_bold(text):
        lines = chunk.split("\n")
        for i, ln in enumerate(lines):
            run = par.add_run(ln)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if i < len(lines) - 1:
                run.add_break()


def render_docx(cv_id, title, header, sections, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    d.core_properties.title = f"CV - {title}"
    d.core_properties.author = title
    d.add_heading(title, level=0)

    def blocks_out(blocks):
        for kind, val in blocks:
            if kind == "p":
                _add_runs(d.add_paragraph(), val)
            elif kind == "li":
                _add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "h3":
                d.add_heading(val, level=2)
            elif kind == "table":
                ncol = max(len(r) for r in val)
                t = d.add_table(rows=len(val), cols=ncol)
                t.style = "Table Grid"
                for i, r in enumerate(val):
                    for j in range(ncol):
                        cell = t.cell(i, j)
                        cell.text = ""
                        _add_runs(cell.paragraphs[0], r[j] if j < len(r) else "")
                        if i == 0:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
                d.add_paragraph()

    blocks_out(header)
    for head, blocks in sections:
        d.add_heading(head, level=1)
        blocks_out(blocks)
    d.save(path)


def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            title, header, sections = parse(fh.read())
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, title, header, sections, out)
        elif fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, title, header, sections, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, title, header, sections, out)
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
