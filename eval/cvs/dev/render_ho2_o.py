"""Render the heldout-o CVs (cv-ho-169 .. cv-ho-180) from Markdown to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-o/render.py

Each CV's text lives in <id>.md.  Targets:
  PDF : cv-ho-170 (two-column: sidebar frame + main frame), cv-ho-174, cv-ho-175, cv-ho-180
  DOCX: cv-ho-169, cv-ho-172 (skills as a real Word table), cv-ho-176, cv-ho-179
  MD  : cv-ho-171, cv-ho-173, cv-ho-177, cv-ho-178 (the .md file itself is the target)

Only a small Markdown subset is used by the CVs: '#', '##', '###' headings,
'- ' bullets, '|' tables, '**bold**' and plain paragraphs.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-170", "cv-ho-174", "cv-ho-175", "cv-ho-180"]
TWO_COLUMN = {"cv-ho-170"}
DOCX_TARGETS = ["cv-ho-169", "cv-ho-172", "cv-ho-176", "cv-ho-179"]
MD_TARGETS = ["cv-ho-171", "cv-ho-173", "cv-ho-177", "cv-ho-178"]

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"contact", "skills", "certifications", "languages"}


# --------------------------------------------------------------------------- parsing
def parse_md(text: str) -> list[tuple]:
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, bullets (list[str]), table (list[list[str]])
    Lines of a paragraph that follow each other are joined with a line break.
    """
    blocks: list[tuple] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip()
                   and not re.match(r"^(#|\s*- |\s*\|)", lines[i])):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("p", para))
    return blocks


def split_sections(blocks):
    """Group blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    current = None
    for b in blocks:
        if b[0] == "h2":
            current = (b[1], [])
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current[1].append(b)
    return header, sections


INLINE_BOLD = re.compile(r"\*\*(.+?)\*\*")


# --------------------------------------------------------------------------- PDF
def _register_font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = []
    try:
        import matplotlib

        base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        candidates.append((base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"))
    except Exception:
        pass
    candidates.append((Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                       Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")))
    for reg, bold in candidates:
        if reg.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("CVSans", str(reg)))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", str(bold)))
            from reportlab.lib.fonts import addMapping

            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans")
            addMapping("CVSans", 1, 1, "CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _pdf_inline(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return INLINE_BOLD.sub(r"<b>\1</b>", s)


def _pdf_styles(font, bold):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=9,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10, leading=13, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName=font, fontSize=9.3, leading=12.4, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=font, fontSize=9.3, leading=12.4, leftIndent=11,
                             bulletIndent=2, spaceAfter=1, bulletFontName=font),
        "side_h2": ParagraphStyle("side_h2", fontName=bold, fontSize=10.5, leading=13, spaceBefore=8,
                                  spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "side_li": ParagraphStyle("side_li", fontName=font, fontSize=8.6, leading=11.2, leftIndent=8,
                                  bulletIndent=0, spaceAfter=1.5, bulletFontName=font),
    }


def _pdf_flowables(blocks, st, side=False):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    out = []
    li = st["side_li"] if side else st["li"]
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(_pdf_inline(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(_pdf_inline(payload), st["side_h2"] if side else st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(_pdf_inline(payload), st["h3"]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(_pdf_inline(x) for x in payload), st["p"]))
        elif kind == "bullets":
            for item in payload:
                out.append(Paragraph(_pdf_inline(item), li, bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(_pdf_inline(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, blocks) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font, bold = _register_font()
    st = _pdf_styles(font, bold)
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(_pdf_flowables(blocks, st))
    return out


def render_pdf_two_column(cv_id: str, blocks) -> Path:
    """Sidebar (contact/skills/certifications/languages) in a left frame, the rest in a right frame.

    The sidebar flowables are placed first (they fill the left frame), then a FrameBreak moves
    to the main frame, so the text layer really is two columns.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate

    font, bold = _register_font()
    st = _pdf_styles(font, bold)
    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, body in sections:
        target = side_blocks if title.strip().lower() in SIDEBAR_SECTIONS else main_blocks
        target.append(("h2", title))
        target.extend(body)

    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 7 * mm
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                 id="main", leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    # later pages: main column only, full width
    main_only = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="main2")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, H - 2 * margin + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    out = HERE / f"{cv_id}.pdf"
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side, main], onPage=draw_sidebar_bg, autoNextPageTemplate="one"),
        PageTemplate(id="one", frames=[main_only]),
    ])
    story = []
    story += _pdf_flowables(header, st, side=True)
    story += _pdf_flowables(side_blocks, st, side=True)
    story.append(FrameBreak())
    story += _pdf_flowables(main_blocks, st)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def _docx_add_runs(par, text: str):
    pos = 0
    for m in INLINE_BOLD.finditer(text):
        if m.start() > pos:
            par.add_run(text[pos:m.start()])
        par.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        par.add_run(text[pos:])


def render_docx(cv_id: str, blocks) -> Path:
    from docx import Document
    from docx.shared import Pt

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
        elif kind == "p":
            par = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    par.add_run().add_break()
                _docx_add_runs(par, line)
        elif kind == "bullets":
            for item in payload:
                _docx_add_runs(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    cell_par = table.cell(r, c).paragraphs[0]
                    _docx_add_runs(cell_par, cell)
                    if r == 0:
                        for run in cell_par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main():
    made = []
    for cv_id in PDF_TARGETS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            made.append(render_pdf_two_column(cv_id, blocks))
        else:
            made.append(render_pdf(cv_id, blocks))
    for cv_id in DOCX_TARGETS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        made.append(render_docx(cv_id, blocks))
    for cv_id in MD_TARGETS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
        made.append(HERE / f"{cv_id}.md")
    for p in made:
        print(f"{p.name:16s} {os.path.getsize(p):>8d} bytes")


if __name__ == "__main__":
    main()
