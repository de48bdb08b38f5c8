"""Render the heldout5-152 CVs from their Markdown sources.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout5-152/render.py

- PDF targets are built with reportlab (real text layer, embedded TTF font).
  cv-ho-2413 uses a two-frame page (sidebar + main column).
- DOCX targets are built with python-docx; Markdown tables become Word tables.
- MD targets are the .md files themselves (nothing to render).
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-ho-2413", "cv-ho-2416", "cv-ho-2418", "cv-ho-2421"]
DOCX_TARGETS = ["cv-ho-2414", "cv-ho-2417", "cv-ho-2422", "cv-ho-2423"]
TWO_COLUMN = {"cv-ho-2413": {"Skills", "Languages", "Interests"}}  # sidebar sections


# ---------------------------------------------------------------- fonts
def _register_fonts():
    candidates = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ]
    import reportlab
    rl_fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    candidates.append((os.path.join(rl_fonts, "Vera.ttf"), os.path.join(rl_fonts, "VeraBd.ttf")))
    for regular, bold in candidates:
        if os.path.exists(regular) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("CVSans", regular))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", bold))
            pdfmetrics.registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                                          italic="CVSans", boldItalic="CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = _register_fonts()


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, para, table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("para", list(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.startswith("- "):
            flush_para()
            blocks.append(("bullet", line[2:]))
        else:
            para.append(line)
        i += 1
    flush_para()
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


# ---------------------------------------------------------------- PDF
def _inline_rl(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def _styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base + 8.5, leading=base + 12,
                             spaceAfter=2),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 2, leading=base + 5,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base, leading=base + 3,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base + 3,
                               alignment=TA_LEFT, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base + 3,
                                 leftIndent=10, bulletIndent=1, spaceAfter=1,
                                 bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
    }


def _flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(_inline_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(_inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(_inline_rl(x) for x in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(_inline_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks, path):
    margin = 16 * mm
    W, H = A4
    if cv_id in TWO_COLUMN:
        sidebar_titles = TWO_COLUMN[cv_id]
        header, sections = split_sections(blocks)
        side = [s for s in sections if s[0] in sidebar_titles]
        main = [s for s in sections if s[0] not in sidebar_titles]
        st_main, st_side = _styles(9.2), _styles(8.6)
        header_h = 26 * mm
        side_w = 58 * mm
        gap = 7 * mm
        body_h = H - 2 * margin - header_h
        f_head = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="head",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        f_side = Frame(margin, margin, side_w, body_h, id="side",
                       leftPadding=0, rightPadding=4, topPadding=4, bottomPadding=0)
        f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                       id="main", leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
        f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

        def draw_rule(canvas, doc):
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#9fb3c8"))
            x = margin + side_w + gap / 2
            canvas.line(x, margin, x, H - margin - header_h)
            canvas.restoreState()

        doc = BaseDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin,
                              title=cv_id, author="synthetic CV")
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=draw_rule),
            PageTemplate(id="later", frames=[f_later]),
        ])
        story = _flowables(header, st_main, W - 2 * margin)
        story.append(NextPageTemplate("later"))
        story.append(FrameBreak())
        for _, sb in side:
            story += _flowables(sb, st_side, side_w)
        story.append(FrameBreak())
        for _, sb in main:
            story += _flowables(sb, st_main, W - 2 * margin - side_w - gap)
        doc.build(story)
    else:
        st = _styles()
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin,
                                title=cv_id, author="synthetic CV")
        doc.build(_flowables(blocks, st, W - 2 * margin))


# ---------------------------------------------------------------- DOCX
def _add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            par.add_run(p[2:-2]).bold = True
        else:
            par.add_run(p)


def render_docx(cv_id, blocks, path):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            _add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                _add_runs(p, line)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    par = table.cell(r, c).paragraphs[0]
                    _add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
    doc.save(path)


def main():
    for cv_id in PDF_TARGETS + DOCX_TARGETS:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse_md(fh.read())
        if cv_id in PDF_TARGETS:
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        else:
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
