"""Render the heldout3-68 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-68/render.py

The .md file is the CV's exact content; this script only changes the layout.
- PDF: reportlab, real text layer (TrueType font embedded as a subset).
  cv-ho-1413 uses a two-column layout (sidebar frame + main frame).
- DOCX: python-docx; Markdown tables become real Word tables.
- MD targets need no rendering.
"""
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1405": "md",
    "cv-ho-1406": "docx",
    "cv-ho-1407": "md",
    "cv-ho-1408": "pdf",
    "cv-ho-1409": "docx",
    "cv-ho-1410": "pdf",
    "cv-ho-1411": "docx",
    "cv-ho-1412": "md",
    "cv-ho-1413": "pdf-2col",
    "cv-ho-1414": "md",
    "cv-ho-1415": "pdf",
    "cv-ho-1416": "docx",
}

# sections that go to the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# tiny Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text):
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush_para()
            i += 1
            continue
        if s.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif s.startswith("- "):
            flush_para()
            blocks.append(("li", s[2:]))
        else:
            para.append(s)
        i += 1
    flush_para()
    return blocks


def split_sections(blocks):
    """[(heading or None, [blocks])] split on h2."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def md_inline_to_rl(text):
    from xml.sax.saxutils import escape
    parts = INLINE.split(text)
    out = []
    for p in parts:
        if p.startswith("**") and p.endswith("**"):
            out.append("<b>%s</b>" % escape(p[2:-2]))
        elif p.startswith("*") and p.endswith("*") and len(p) > 1:
            out.append("<i>%s</i>" % escape(p[1:-1]))
        else:
            out.append(escape(p))
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    cands = [
        Path("/usr/share/fonts/truetype/dejavu"),
    ]
    try:
        import matplotlib
        cands.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except Exception:
        pass
    for d in cands:
        if (d / "DejaVuSans.ttf").exists() and (d / "DejaVuSans-Bold.ttf").exists():
            reg = d / "DejaVuSans.ttf"
            bold = d / "DejaVuSans-Bold.ttf"
            ital = d / "DejaVuSans-Oblique.ttf"
            boldital = d / "DejaVuSans-BoldOblique.ttf"
            pdfmetrics.registerFont(TTFont("CV", str(reg)))
            pdfmetrics.registerFont(TTFont("CV-B", str(bold)))
            pdfmetrics.registerFont(TTFont("CV-I", str(ital if ital.exists() else reg)))
            pdfmetrics.registerFont(TTFont("CV-BI", str(boldital if boldital.exists() else bold)))
            addMapping("CV", 0, 0, "CV")
            addMapping("CV", 1, 0, "CV-B")
            addMapping("CV", 0, 1, "CV-I")
            addMapping("CV", 1, 1, "CV-BI")
            return "CV"
    raise SystemExit("DejaVuSans.ttf not found (needed for non-Latin-1 characters)")


def _styles(font, scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors
    base = ParagraphStyle("base", fontName=font, fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName=font + "-B", fontSize=17 * scale,
                             leading=21 * scale, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=base, fontName=font + "-B", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=base, fontName=font + "-B", fontSize=10.5 * scale,
                             leading=13 * scale, spaceBefore=6, spaceAfter=2),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=font),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9 * scale, leading=11 * scale),
    }


def _flowables(blocks, st, avail_width):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors
    fl = []
    for kind, val in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            fl.append(Paragraph(md_inline_to_rl(val), st[kind]))
        elif kind == "li":
            fl.append(Paragraph(md_inline_to_rl(val), st["li"], bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, colWidths=[avail_width / len(val[0])] * len(val[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
            fl.append(Spacer(1, 4))
    return fl


def render_pdf(cid, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate
    font = _fonts()
    st = _styles(font)
    out = HERE / (cid + ".pdf")
    title = blocks[0][1] if blocks and blocks[0][0] == "h1" else cid
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title="CV - " + title, author=title)
    doc.build(_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cid, blocks):
    """Header across the top, then a sidebar frame (skills, certifications,
    languages) and a main frame (profile, experience, education)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, FrameBreak, NextPageTemplate
    font = _fonts()
    st_main = _styles(font)
    st_side = _styles(font, scale=0.92)
    out = HERE / (cid + ".pdf")

    sections = split_sections(blocks)
    header = sections[0][1]
    side = [b for name, bl in sections[1:] if name in SIDEBAR_SECTIONS for b in bl]
    main = [b for name, bl in sections[1:] if name not in SIDEBAR_SECTIONS for b in bl]

    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin

    f_header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main", leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    f_cont = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                   id="main-cont", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#EEF2F7"))
        canv.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canv.restoreState()

    title = header[0][1] if header and header[0][0] == "h1" else cid
    doc = BaseDocTemplate(str(out), pagesize=A4, title="CV - " + title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=first_page),
        PageTemplate(id="later", frames=[f_cont]),
    ])
    story = [NextPageTemplate("later")]
    story += _flowables(header, st_main, W - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += _flowables(main, st_main, f_main._width)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for p in INLINE.split(text):
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        elif p.startswith("*") and p.endswith("*") and len(p) > 1:
            par.add_run(p[1:-1]).italic = True
        else:
            par.add_run(p)


def render_docx(cid, blocks):
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    title = blocks[0][1] if blocks and blocks[0][0] == "h1" else cid
    doc.core_properties.title = "CV - " + title
    doc.core_properties.author = title
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            doc.add_heading(val, level=2)
        elif kind == "p":
            _add_runs(doc.add_paragraph(), val)
        elif kind == "li":
            _add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            ncol = len(val[0])
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r, row in enumerate(val):
                cells = t.add_row().cells
                for c in range(ncol):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(row[c] if c < len(row) else "")
                    if r == 0:
                        run.bold = True
            doc.add_paragraph()
    out = HERE / (cid + ".docx")
    doc.save(str(out))
    return out


def main():
    for cid, fmt in TARGETS.items():
        src = HERE / (cid + ".md")
        blocks = parse_md(src.read_text(encoding="utf-8"))
        if fmt == "md":
            out = src
        elif fmt == "pdf":
            out = render_pdf(cid, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cid, blocks)
        elif fmt == "docx":
            out = render_docx(cid, blocks)
        else:
            raise ValueError(fmt)
        print("%-11s %-8s %s (%d bytes)" % (cid, fmt, out.name, os.path.getsize(out)))


if __name__ == "__main__":
    main()
