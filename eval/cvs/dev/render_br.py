"""Render the dev-br CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev-br/render.py

Targets:
  PDF  : cv-dev-865 (two-column: sidebar frame + main frame), cv-dev-868, cv-dev-870, cv-dev-874
  DOCX : cv-dev-866 (skills as a real Word table), cv-dev-869, cv-dev-871, cv-dev-875
  MD   : cv-dev-867, cv-dev-872, cv-dev-873, cv-dev-876 (the .md is the target)
"""
import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-865", "cv-dev-868", "cv-dev-870", "cv-dev-874"]
DOCX_TARGETS = ["cv-dev-866", "cv-dev-869", "cv-dev-871", "cv-dev-875"]
TWO_COLUMN = {"cv-dev-865": {"Skills", "Languages", "Interests"}}

# ---------------------------------------------------------------- fonts
FONT, FONT_BOLD, FONT_IT = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dejavu = Path("/usr/share/fonts/truetype/dejavu")
if (_dejavu / "DejaVuSans.ttf").exists():
    pdfmetrics.registerFont(TTFont("DejaVu", str(_dejavu / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_dejavu / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_dejavu / "DejaVuSans-Oblique.ttf")))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                       italic="DejaVu-Oblique", boldItalic="DejaVu-Bold")
    FONT, FONT_BOLD, FONT_IT = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Split into header blocks (before the first h2) and [(section title, blocks)]."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


INLINE = [(re.compile(r"\*\*(.+?)\*\*"), r"<b>\1</b>"), (re.compile(r"(?<!\*)\*(?!\*)(.+?)\*"), r"<i>\1</i>")]


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for pat, rep in INLINE:
        text = pat.sub(rep, text)
    return text


def runs(text):
    """Split text into (segment, bold, italic) runs for python-docx."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        else:
            for sub in re.split(r"((?<!\*)\*(?!\*).+?\*)", part):
                if not sub:
                    continue
                if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                    out.append((sub[1:-1], False, True))
                else:
                    out.append((sub, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=4),
        "contact": ParagraphStyle("contact", fontName=FONT, fontSize=base - 0.5, leading=base + 3,
                                  textColor=colors.HexColor("#333333"), spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base + 2.5, leading=base + 6,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base + 0.5, leading=base + 4,
                             spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=FONT, fontSize=base, leading=base + 3.5, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base + 3.5,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2.5),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(("<b>%s</b>" if r == 0 else "%s") % to_rl(c), st["cell"]) for c in row]
                    for r, row in enumerate(payload)]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def header_flow(header, st):
    out = []
    for kind, payload in header:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        else:
            out.append(Paragraph(to_rl(payload), st["contact"]))
    return out


def render_pdf(cv_id, text):
    path = HERE / f"{cv_id}.pdf"
    blocks = parse_md(text)
    header, sections = split_sections(blocks)
    name = header[0][1] if header and header[0][0] == "title" else cv_id
    margin = 16 * mm
    pw, ph = A4
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        st_main, st_side = styles(9.5), styles(8.5)
        side_w = 58 * mm
        gap = 7 * mm
        main_w = pw - 2 * margin - side_w - gap
        side_frame = Frame(margin, margin, side_w, ph - 2 * margin, id="side",
                           leftPadding=4, rightPadding=4)
        main_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main",
                           leftPadding=4, rightPadding=4)
        rest_frame = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="rest")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 2, margin - 2, side_w + 4, ph - 2 * margin + 4, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=f"CV — {name}", author=name,
                              leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="twocol", frames=[side_frame, main_frame], onPage=sidebar_bg),
            PageTemplate(id="rest", frames=[rest_frame]),
        ])
        story = []
        # sidebar: contact details + skills/languages/interests
        contact = [(k, p) for k, p in header if k != "title"]
        story.append(Paragraph("Contact", st_side["h2"]))
        for _, p in contact:
            for item in p.split(" · "):
                story.append(Paragraph(to_rl(item), st_side["para"]))
        for title, body in sections:
            if title in side_titles:
                story += flow([("h2", title)] + body, st_side, side_w - 8)
        story.append(NextPageTemplate("rest"))
        story.append(FrameBreak())
        story.append(Paragraph(to_rl(name), st_main["title"]))
        for title, body in sections:
            if title not in side_titles:
                story += flow([("h2", title)] + body, st_main, main_w - 8)
        doc.build(story)
    else:
        st = styles(9.5)
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=f"CV — {name}", author=name,
                                leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
        width = pw - 2 * margin
        story = header_flow(header, st)
        for title, body in sections:
            story += flow([("h2", title)] + body, st, width)
        doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, italic in runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(cv_id, text):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    name = cv_id
    for kind, payload in parse_md(text):
        if kind == "title":
            name = payload
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(val)
                    run.bold = True if r == 0 else None
            doc.add_paragraph()
    doc.core_properties.title = f"CV — {name}"
    doc.core_properties.author = name
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF_TARGETS:
        p = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, os.path.getsize(p), "bytes")
    for cv_id in DOCX_TARGETS:
        p = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, os.path.getsize(p), "bytes")


if __name__ == "__main__":
    main()
