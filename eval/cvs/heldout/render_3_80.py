"""Render the batch-80 held-out CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-80/render.py
The .md file is the CV text; for .md targets nothing is rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1549": "docx",
    "cv-ho-1550": "pdf-2col",
    "cv-ho-1551": "md",
    "cv-ho-1552": "pdf",
    "cv-ho-1553": "docx",
    "cv-ho-1554": "md",
    "cv-ho-1555": "pdf",
    "cv-ho-1556": "docx",
    "cv-ho-1557": "md",
    "cv-ho-1558": "md",
    "cv-ho-1559": "pdf",
    "cv-ho-1560": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-1550": ["Contact", "Skills", "Languages", "Certifications"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, header_lines, sections); sections = [(name, blocks)].

    Blocks: ("h3", text) | ("p", text) | ("li", text) | ("table", rows)
    """
    title, header, sections = None, [], []
    cur = None
    table = None
    para = []

    def flush_para():
        nonlocal para
        if para:
            target = cur[1] if cur else None
            text = " ".join(para)
            if target is None:
                header.extend(para)
            else:
                target.append(("p", text))
            para = []

    def flush_table():
        nonlocal table
        if table is not None:
            cur[1].append(("table", table))
            table = None

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        flush_table()
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            flush_para()
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif line.startswith("### "):
            flush_para()
            cur[1].append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para()
            cur[1].append(("li", line[2:].strip()))
        elif not line.strip():
            flush_para()
        else:
            if cur is None:
                header.append(line.strip())
            else:
                para.append(line.strip())
    flush_para()
    flush_table()
    return title, header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        esc = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if part.startswith("**"):
            out.append("<b>%s</b>" % esc[2:-2])
        elif part.startswith("*"):
            out.append("<i>%s</i>" % esc[1:-1])
        else:
            out.append(esc)
    return "".join(out)


def add_runs(par, text, size=None):
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            r = par.add_run(part[2:-2])
            r.bold = True
        elif part.startswith("*"):
            r = par.add_run(part[1:-1])
            r.italic = True
        else:
            r = par.add_run(part)
        if size:
            r.font.size = Pt(size)


# ---------------------------------------------------------------- PDF
FONT, BOLD = "Helvetica", "Helvetica-Bold"
_DJ = Path("/usr/share/fonts/truetype/dejavu")
if (_DJ / "DejaVuSans.ttf").exists():
    # A Unicode TTF so that characters such as "→", "μ" or "⁻¹" render.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    pdfmetrics.registerFont(TTFont("DJ", str(_DJ / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DJ-B", str(_DJ / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DJ-I", str(_DJ / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DJ-BI", str(_DJ / "DejaVuSans-BoldOblique.ttf")))
    addMapping("DJ", 0, 0, "DJ")
    addMapping("DJ", 1, 0, "DJ-B")
    addMapping("DJ", 0, 1, "DJ-I")
    addMapping("DJ", 1, 1, "DJ-BI")
    FONT, BOLD = "DJ", "DJ-B"


def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=BOLD,
                                fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "header": ParagraphStyle("hd", parent=ss["Normal"], fontName=FONT,
                                 fontSize=base_size, leading=base_size + 3),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=BOLD,
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Normal"], fontName=BOLD,
                             fontSize=base_size + 0.5, leading=base_size + 4, spaceBefore=4),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName=FONT,
                            fontSize=base_size, leading=base_size + 3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName=FONT,
                             fontSize=base_size, leading=base_size + 3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1,
                             bulletFontName=FONT),
    }


def section_flowables(name, blocks, st):
    fl = [Paragraph(to_rl(name), st["h2"])]
    for kind, val in blocks:
        if kind == "h3":
            fl.append(Paragraph(to_rl(val), st["h3"]))
        elif kind == "p":
            fl.append(Paragraph(to_rl(val), st["p"]))
        elif kind == "li":
            fl.append(Paragraph(to_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def render_pdf(cv_id, parsed, out):
    title, header, sections = parsed
    st = styles()
    story = [Paragraph(to_rl(title), st["title"])]
    story += [Paragraph(to_rl(h), st["header"]) for h in header]
    story.append(Spacer(1, 4))
    for name, blocks in sections:
        story += section_flowables(name, blocks, st)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title,
                            author=title)
    doc.build(story)


def render_pdf_two_column(cv_id, parsed, out):
    """Header frame across the top, then a real sidebar frame and a main frame."""
    title, header, sections = parsed
    st = styles(base_size=9)
    side_names = SIDEBAR[cv_id]
    W, H = A4
    margin = 14 * mm
    header_h = 26 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    f_head = Frame(margin, body_top, W - 2 * margin, header_h, id="head",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="side",
                   leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_rest = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="rest")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm, body_h + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[f_rest]),
    ])
    story = [Paragraph(to_rl(title), st["title"])]
    story += [Paragraph(to_rl(h), st["header"]) for h in header]
    story.append(FrameBreak())
    for name, blocks in sections:
        if name in side_names:
            story += section_flowables(name, blocks, st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("rest"))
    for name, blocks in sections:
        if name not in side_names:
            story += section_flowables(name, blocks, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id, parsed, out):
    title, header, sections = parsed
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = title
    d.core_properties.author = title
    d.add_heading(title, level=0)
    for h in header:
        add_runs(d.add_paragraph(), h)
    for name, blocks in sections:
        d.add_heading(name, level=1)
        for kind, val in blocks:
            if kind == "h3":
                d.add_heading(val, level=2)
            elif kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j, cell in enumerate(row):
                        c = t.cell(i, j)
                        c.text = ""
                        add_runs(c.paragraphs[0], cell)
                        if i == 0:
                            for r in c.paragraphs[0].runs:
                                r.bold = True
                d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        parsed = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, parsed, out)
        elif fmt == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, parsed, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, parsed, out)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
