"""Render the dev-cg CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cg/render.py

* PDF targets are built with reportlab (real text layer, embedded TTF subsets).
  cv-dev-1045 uses a BaseDocTemplate with three frames (header band, left
  sidebar, right main column) so that the text layer really is two columns.
* DOCX targets are built with python-docx; Markdown tables become real Word
  tables (cv-dev-1052's skills table).
* MD targets are the .md files themselves; nothing to do.

Only a small Markdown subset is supported, which is all the CVs use:
#/##/### headings, "- " bullets (two-space indent for a nested level),
pipe tables, "---" rules, paragraphs, **bold** and *italic*.
"""
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-1045": "pdf-2col",
    "cv-dev-1046": "md",
    "cv-dev-1047": "docx",
    "cv-dev-1048": "pdf",
    "cv-dev-1049": "docx",
    "cv-dev-1050": "md",
    "cv-dev-1051": "pdf",
    "cv-dev-1052": "docx",
    "cv-dev-1053": "md",
    "cv-dev-1054": "pdf",
    "cv-dev-1055": "docx",
    "cv-dev-1056": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Coursework", "Languages", "Interests"}


# --------------------------------------------------------------------------
# Markdown parsing -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of (kind, payload) blocks.

    kinds: h1, h2, h3, para (list of lines), bullet (level, text),
           table (list of rows), rule
    """
    blocks = []
    para = []
    table = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", list(table)))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("|"):
            flush_para()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # separator row
            table.append(cells)
            continue
        flush_table()
        if not stripped:
            flush_para()
            continue
        if stripped == "---":
            flush_para()
            blocks.append(("rule", None))
            continue
        m = re.match(r"^(#{1,3}) (.*)$", stripped)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^( *)- (.*)$", line)
        if m:
            flush_para()
            level = len(m.group(1)) // 2
            blocks.append(("bullet", (level, m.group(2))))
            continue
        para.append(stripped)
    flush_para()
    flush_table()
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def inline_markup(text):
    """reportlab Paragraph markup for one line of Markdown."""
    out = []
    for seg, bold, italic in inline_runs(text):
        seg = escape(seg)
        if bold:
            seg = "<b>%s</b>" % seg
        if italic:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CV": "DejaVuSans.ttf",
        "CV-Bold": "DejaVuSans-Bold.ttf",
        "CV-Italic": "DejaVuSans-Oblique.ttf",
        "CV-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CV", 0, 0, "CV")
        addMapping("CV", 1, 0, "CV-Bold")
        addMapping("CV", 0, 1, "CV-Italic")
        addMapping("CV", 1, 1, "CV-BoldItalic")
        return "CV", "CV-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(font, bold, scale=1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=bold, fontSize=18 * scale,
                             leading=22 * scale, spaceAfter=2 * scale,
                             textColor=colors.HexColor("#1f2d3d"))
    s["h2"] = ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8 * scale,
                             spaceAfter=3 * scale,
                             textColor=colors.HexColor("#2a5d84"))
    s["h3"] = ParagraphStyle("h3", fontName=bold, fontSize=9.8 * scale,
                             leading=12 * scale, spaceBefore=4 * scale,
                             spaceAfter=2 * scale)
    s["para"] = ParagraphStyle("para", fontName=font, fontSize=9.2 * scale,
                               leading=12 * scale, spaceAfter=3 * scale)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"],
                                 leftIndent=11 * scale, bulletIndent=2 * scale,
                                 spaceAfter=1.5 * scale, bulletFontName=font)
    s["bullet2"] = ParagraphStyle("bullet2", parent=s["bullet"],
                                  leftIndent=22 * scale,
                                  bulletIndent=13 * scale)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import HRFlowable
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_markup(payload), st[kind]))
            if kind == "h2":
                out.append(HRFlowable(width="100%", thickness=0.5,
                                      color=colors.HexColor("#9fb3c8"),
                                      spaceBefore=0, spaceAfter=3))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(inline_markup(l) for l in payload),
                                 st["para"]))
        elif kind == "bullet":
            level, text = payload
            style = st["bullet2"] if level else st["bullet"]
            out.append(Paragraph(inline_markup(text), style,
                                 bulletText="\u2022" if not level else "\u2013"))
        elif kind == "table":
            rows = [[Paragraph(inline_markup(c), st["cell"]) for c in r]
                    for r in payload]
            ncol = len(payload[0])
            t = Table(rows, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "rule":
            out.append(HRFlowable(width="100%", thickness=0.8,
                                  color=colors.HexColor("#c0c0c0"),
                                  spaceBefore=4, spaceAfter=4))
    return out


def render_pdf(cv_id, blocks, out_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font, bold = _register_fonts()
    st = _styles(font, bold)
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=_title(blocks),
                            author=_title(blocks), subject="Curriculum vitae")
    doc.build(_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out_path):
    """Header band across the top, sidebar on the left, main column right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.doctemplate import FrameBreak, NextPageTemplate

    font, bold = _register_fonts()
    st = _styles(font, bold, scale=0.93)
    side_st = _styles(font, bold, scale=0.88)

    # split blocks: header = h1 + paragraphs before the first h2
    header, sections, current = [], [], None
    for b in blocks:
        if b[0] == "h2":
            current = [b]
            sections.append(current)
        elif current is None:
            header.append(b)
        else:
            current.append(b)
    side = [b for sec in sections if sec[0][1] in SIDEBAR_SECTIONS for b in sec]
    main = [b for sec in sections if sec[0][1] not in SIDEBAR_SECTIONS for b in sec]

    W, H = A4
    margin = 14 * mm
    header_h = 26 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin

    f_head = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=4 * mm, rightPadding=3 * mm, topPadding=3 * mm)
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                   body_h, id="main", leftPadding=0, rightPadding=0,
                   topPadding=3 * mm)
    # continuation pages: sidebar strip + main column, no header
    f_side2 = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar2",
                    leftPadding=4 * mm, rightPadding=3 * mm)
    f_main2 = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                    H - 2 * margin, id="main2", leftPadding=0, rightPadding=0)

    def paint_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef3f8"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(out_path, pagesize=A4, title=_title(blocks),
                          author=_title(blocks), subject="Curriculum vitae")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_head, f_side, f_main],
                     onPage=paint_sidebar),
        PageTemplate(id="later", frames=[f_side2, f_main2]),
    ])
    story = [NextPageTemplate("later")]
    story += _flowables(header, st, f_head._width)
    story.append(FrameBreak())
    story += _flowables(side, side_st, f_side._width - 7 * mm)
    story.append(FrameBreak())
    story += _flowables(main, st, f_main._width)
    doc.build(story)


def _title(blocks):
    for kind, payload in blocks:
        if kind == "h1":
            return payload
    return "CV"


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks, out_path):
    import docx
    from docx.shared import Pt, Cm

    d = docx.Document()
    sec = d.sections[0]
    sec.left_margin = sec.right_margin = Cm(2)
    sec.top_margin = sec.bottom_margin = Cm(1.8)
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = _title(blocks)
    d.core_properties.author = _title(blocks)

    for kind, payload in blocks:
        if kind == "h1":
            _add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            _add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            _add_runs(d.add_heading(level=2), payload)
        elif kind == "para":
            p = d.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                _add_runs(p, line)
        elif kind == "bullet":
            level, text = payload
            p = d.add_paragraph(style="List Bullet 2" if level else "List Bullet")
            _add_runs(p, text)
        elif kind == "table":
            ncol = len(payload[0])
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    p = cells[c_i].paragraphs[0]
                    _add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            d.add_paragraph()
        elif kind == "rule":
            d.add_paragraph()
    d.save(out_path)


# --------------------------------------------------------------------------
def main(argv):
    ids = argv[1:] or sorted(TARGETS)
    for cv_id in ids:
        fmt = TARGETS[cv_id]
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if fmt == "md":
            print("%s: md (source is the target)" % cv_id)
            continue
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("%s: %s -> %s (%d bytes)" % (cv_id, fmt, os.path.basename(out),
                                          os.path.getsize(out)))


if __name__ == "__main__":
    main(sys.argv)
