"""Render the dev-bq CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bq/render.py

- PDF  (real text layer, reportlab): cv-dev-854 (two-column), 856, 859, 863
- DOCX (python-docx): cv-dev-855, 857 (skills as a real Word table), 860, 862
- MD   (the .md file itself is the target): cv-dev-853, 858, 861, 864
"""
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-854", "cv-dev-856", "cv-dev-859", "cv-dev-863"]
TWO_COLUMN = {"cv-dev-854": {"Contact", "Skills", "Education", "Certifications", "Languages"}}
DOCX_IDS = ["cv-dev-855", "cv-dev-857", "cv-dev-860", "cv-dev-862"]


# --------------------------------------------------------------------------
# A tiny Markdown reader: enough for the CVs in this folder.
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            continue
        m = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if m:
            level = 1 + len(m.group(1)) // 2
            blocks.append(("bullet", (m.group(2).strip(), level)))
            continue
        blocks.append(("para", line.strip()))
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(h2_title, blocks), ...])."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [(kind, payload)])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Yield (text, bold, italic) pieces."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles():
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base, bold = "Helvetica", "Helvetica-Bold"
    ddir = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("DV", ddir + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DV-B", ddir + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("DV-I", ddir + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("DV-BI", ddir + "DejaVuSans-BoldOblique.ttf"))
        addMapping("DV", 0, 0, "DV")
        addMapping("DV", 1, 0, "DV-B")
        addMapping("DV", 0, 1, "DV-I")
        addMapping("DV", 1, 1, "DV-BI")
        base, bold = "DV", "DV-B"
    except Exception:  # fall back to the standard fonts
        pass

    ss = getSampleStyleSheet()
    accent = colors.HexColor("#1f4e79")
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=bold, fontSize=17,
                             leading=21, alignment=0, spaceAfter=2, textColor=accent),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=bold, fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3, textColor=accent),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName=bold, fontSize=9.8,
                             leading=12.5, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontName=base, fontSize=9.3,
                               leading=12.2, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontName=base, fontSize=9.3,
                                 leading=12.2, leftIndent=12, bulletIndent=3, spaceAfter=1.5),
        "bullet2": ParagraphStyle("bullet2", parent=ss["BodyText"], fontName=base, fontSize=9,
                                  leading=11.8, leftIndent=24, bulletIndent=15, spaceAfter=1.5),
    }
    st["side_h2"] = ParagraphStyle("side_h2", parent=st["h2"], fontSize=10.5, spaceBefore=6)
    st["side_para"] = ParagraphStyle("side_para", parent=st["para"], fontSize=8.6, leading=11)
    st["side_bullet"] = ParagraphStyle("side_bullet", parent=st["bullet"], fontSize=8.6,
                                       leading=11, leftIndent=9, bulletIndent=0)
    for key in ("bullet", "bullet2", "side_bullet"):
        st[key].bulletFontName = base
    st["_font"], st["_bold"] = base, bold
    return st


def to_markup(text):
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


def pdf_flowables(blocks, st, side=False):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            style = st["side_h2"] if (side and kind == "h2") else st[kind]
            fl.append(Paragraph(to_markup(payload), style))
        elif kind == "para":
            fl.append(Paragraph(to_markup(payload), st["side_para" if side else "para"]))
        elif kind == "bullet":
            text, level = payload
            style = st["side_bullet"] if side else (st["bullet2"] if level > 1 else st["bullet"])
            fl.append(Paragraph(to_markup(text), style, bulletText="•" if level == 1 else "–"))
        elif kind == "table":
            data = [[Paragraph(to_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[130, 330])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def render_pdf_single(cv_id, blocks):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    st = pdf_styles()
    out = HERE / (cv_id + ".pdf")
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(pdf_flowables(blocks, st))
    return out


def render_pdf_two_column(cv_id, blocks, side_titles):
    """Header across the top, sidebar frame on the left, main frame on the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib import colors
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, FrameBreak,
                                    NextPageTemplate)

    st = pdf_styles()
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=6, topPadding=4, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                 id="main", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, H - 2 * margin, id="side2",
                       leftPadding=4, rightPadding=6, topPadding=4, bottomPadding=0)
    later_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       H - 2 * margin, id="main2", leftPadding=0, rightPadding=0,
                       topPadding=0, bottomPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        top = body_top if doc.page == 1 else H - margin
        canvas.rect(margin - 2, margin - 2, side_w + 2, top - margin + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(HERE / (cv_id + ".pdf")), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_side, later_main], onPage=sidebar_bg),
    ])

    head, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, sblocks in sections:
        (side_blocks if title in side_titles else main_blocks).extend(sblocks)

    story = pdf_flowables(head, st)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += pdf_flowables(side_blocks, st, side=True)
    story += [FrameBreak()]
    story += pdf_flowables(main_blocks, st)
    doc.build(story)
    return HERE / (cv_id + ".pdf")


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text):
    for t, b, i in inline_runs(text):
        run = paragraph.add_run(t)
        run.bold = b or None
        run.italic = i or None


def render_docx(cv_id, blocks):
    from docx import Document
    from docx.shared import Pt, Cm

    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""

    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            text, level = payload
            style = "List Bullet" if level == 1 else "List Bullet 2"
            add_runs(doc.add_paragraph(style=style), text)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    add_runs(p, cell_text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    out = HERE / (cv_id + ".docx")
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        elif cv_id in PDF_IDS:
            out = render_pdf_single(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print("%s  %d bytes" % (out.name, os.path.getsize(out)))


if __name__ == "__main__":
    main()
