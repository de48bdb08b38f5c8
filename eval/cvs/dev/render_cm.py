"""Render the dev-cm synthetic CVs from their Markdown source to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cm/render.py

- The .md file is the CV's content; PDF and DOCX targets are rendered from it.
- cv-dev-1118 is rendered as a two-column PDF (sidebar frame + main frame, built
  with reportlab's BaseDocTemplate), so the text layer itself is in two columns.
- cv-dev-1126 is rendered to DOCX with its skills as a real Word table.
- The four .md targets need no rendering.
"""
import os
import re
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle,
                                HRFlowable)

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = os.path.dirname(os.path.abspath(__file__))

PDF_TARGETS = ["cv-dev-1118", "cv-dev-1120", "cv-dev-1127", "cv-dev-1128"]
TWO_COLUMN = {"cv-dev-1118": {"Contact", "Skills", "Currently learning", "Languages",
                              "Certifications"}}
DOCX_TARGETS = ["cv-dev-1119", "cv-dev-1122", "cv-dev-1123", "cv-dev-1126"]


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Parse the small Markdown subset used by the CVs into blocks."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.strip() == "---":
            blocks.append(("hr", ""))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            blocks.append(("numbered", line))
        else:
            blocks.append(("p", line))
        i += 1
    return blocks


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks), ...])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def inline_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
            continue
        for sub in re.split(r"((?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", part):
            if not sub:
                continue
            if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                runs.append((sub[1:-1], False, True))
            else:
                runs.append((sub, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def register_fonts():
    base = "/usr/share/fonts/truetype/dejavu/"
    try:
        pdfmetrics.registerFont(TTFont("CVSans", base + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Bold", base + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-Oblique", base + "DejaVuSans-Oblique.ttf"))
        pdfmetrics.registerFont(TTFont("CVSans-BoldOblique", base + "DejaVuSans-BoldOblique.ttf"))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily
        registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                           italic="CVSans-Oblique", boldItalic="CVSans-BoldOblique")
        return "CVSans", "CVSans-Bold"
    except Exception:  # fall back to the built-in fonts
        return "Helvetica", "Helvetica-Bold"


FONT, FONT_B = register_fonts()


def styles(scale=1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_B, fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=2, textColor=colors.HexColor("#1f3a5f"))
    s["h2"] = ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f"))
    s["h3"] = ParagraphStyle("h3", fontName=FONT_B, fontSize=9.8 * scale, leading=12.5 * scale,
                             spaceBefore=4, spaceAfter=2)
    s["p"] = ParagraphStyle("p", fontName=FONT, fontSize=9.3 * scale, leading=12.2 * scale,
                            spaceAfter=2)
    s["bullet"] = ParagraphStyle("bullet", parent=s["p"], leftIndent=11, bulletIndent=2,
                                 bulletFontName=FONT,
                                 spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["p"], spaceAfter=0)
    return s


def pdf_flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_rl(val), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(val), st["h2"]))
            out.append(HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#9aa9bd"),
                                  spaceBefore=0, spaceAfter=3))
        elif kind == "h3":
            out.append(Paragraph(inline_rl(val), st["h3"]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(val), st["bullet"], bulletText="\u2022"))
        elif kind == "numbered":
            out.append(Paragraph(inline_rl(val), st["bullet"]))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey,
                                  spaceBefore=3, spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ebf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        else:
            out.append(Paragraph(inline_rl(val), st["p"]))
    return out


def render_pdf_single(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    doc = BaseDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                          topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                          author="synthetic CV")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(pdf_flowables(blocks, st))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    side_st = styles(scale=0.93)
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.4 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                       id="main", leftPadding=0, rightPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in sidebar_titles]
    main = [s for s in sections if s[0] not in sidebar_titles]

    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, st)
    story.append(FrameBreak())
    for title, bl in side:
        story += pdf_flowables([("h2", title)] + bl, side_st)
    story.append(FrameBreak())
    for title, bl in main:
        story += pdf_flowables([("h2", title)] + bl, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    first_line = True
    for kind, val in blocks:
        if kind == "h1":
            p = d.add_paragraph()
            r = p.add_run(val)
            r.bold = True
            r.font.size = Pt(20)
            r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        elif kind == "h2":
            d.add_heading(val, level=1)
        elif kind == "h3":
            d.add_heading(val, level=2)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, val)
        elif kind == "numbered":
            p = d.add_paragraph()
            add_runs(p, val)
        elif kind == "hr":
            continue
        elif kind == "table":
            rows = val
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    par = c.paragraphs[0]
                    for txt, b, it in inline_runs(cell):
                        run = par.add_run(txt)
                        run.bold = b or ri == 0
                        run.italic = it
            d.add_paragraph()
        else:
            p = d.add_paragraph()
            add_runs(p, val)
        first_line = False
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(path)
    return path


def main():
    made = []
    for cv_id in PDF_TARGETS:
        blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
        if cv_id in TWO_COLUMN:
            made.append(render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id]))
        else:
            made.append(render_pdf_single(cv_id, blocks))
    for cv_id in DOCX_TARGETS:
        blocks = parse_md(open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8").read())
        made.append(render_docx(cv_id, blocks))
    for p in made:
        print(f"{os.path.basename(p):20s} {os.path.getsize(p) / 1024:7.1f} KB")


if __name__ == "__main__":
    sys.exit(main())
