"""Render the heldout5-134 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-134/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

PDF = ["cv-ho-2197", "cv-ho-2200", "cv-ho-2203", "cv-ho-2206"]
TWO_COLUMN = {"cv-ho-2200"}
DOCX = ["cv-ho-2198", "cv-ho-2201", "cv-ho-2204", "cv-ho-2207"]
SIDEBAR_SECTIONS = {"contact", "skills", "languages"}

# Fonts: DejaVu covers Polish/Swedish/Spanish/French characters.
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
_dv = "/usr/share/fonts/truetype/dejavu/"
if os.path.exists(_dv + "DejaVuSans.ttf") and os.path.exists(_dv + "DejaVuSans-Bold.ttf"):
    pdfmetrics.registerFont(TTFont("DejaVu", _dv + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", _dv + "DejaVuSans-Bold.ttf"))
    from reportlab.pdfbase.pdfmetrics import registerFontFamily
    registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                       italic="DejaVu", boldItalic="DejaVu-Bold")
    FONT, FONT_B = "DejaVu", "DejaVu-Bold"


def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
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
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # paragraph: consecutive non-empty plain lines, kept as separate lines
            para = [line.strip()]
            while (i + 1 < len(lines) and lines[i + 1].strip()
                   and not re.match(r"(#|- |\|)", lines[i + 1])):
                i += 1
                para.append(lines[i].strip())
            blocks.append(("para", para))
        i += 1
    return blocks


def inline_rl(text):
    text = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def styles():
    base = dict(fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("t", fontName=FONT_B, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName=FONT_B, fontSize=10, leading=13, spaceBefore=4),
        "para": ParagraphStyle("p", spaceAfter=3, **base),
        "bullet": ParagraphStyle("b", leftIndent=11, bulletIndent=2, spaceAfter=1.5, **base),
        "cell": ParagraphStyle("c", **base),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("title", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(inline_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.5, width * 0.35], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = styles()
    margin = 1.8 * cm
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id)
        doc.build(flowables(blocks, st, A4[0] - 2 * margin))
        return path
    # Two-column layout: left sidebar frame + right main frame on page 1.
    W, H = A4
    side_w = 6.2 * cm
    gap = 0.7 * cm
    main_w = W - 2 * margin - side_w - gap
    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=6, showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=6, rightPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 4, H - 2 * margin + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id)
    doc.addPageTemplates([PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later])])
    # Split blocks: header (title + tagline) and sidebar sections go left; the rest right.
    side_blocks, main_blocks, current = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            current = "side" if payload.lower() in SIDEBAR_SECTIONS else "main"
        if kind == "title" or current is None:
            main_blocks.append((kind, payload))
        elif current == "side":
            side_blocks.append((kind, payload))
        else:
            main_blocks.append((kind, payload))
    story = flowables(side_blocks, st, side_w - 10)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story += flowables(main_blocks, st, main_w - 10)
    doc.build(story)
    return path


def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = d.add_paragraph()
            for j, l in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, l)
        elif kind == "table":
            t = d.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = t.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    run = cells[c].paragraphs[0].add_run(val)
                    run.bold = (r == 0)
            d.add_paragraph()
    d.save(path)
    return path


def main():
    for cv_id in PDF + DOCX:
        with open(os.path.join(HERE, cv_id + ".md"), encoding="utf-8") as fh:
            blocks = parse(fh.read())
        path = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"{os.path.basename(path)}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
