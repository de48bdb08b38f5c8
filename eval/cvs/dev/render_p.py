"""Render the dev-p CVs (Markdown sources) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-p/render.py

Each CV's text lives in <id>.md. PDF targets are written with reportlab
(text layer, standard fonts, no images); cv-dev-182 uses a two-column
layout (sidebar frame + main frame). DOCX targets are written with
python-docx; Markdown tables become real Word tables. MD targets need no
rendering.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-181": "docx",
    "cv-dev-182": "pdf-2col",
    "cv-dev-183": "md",
    "cv-dev-184": "pdf",
    "cv-dev-185": "docx",
    "cv-dev-186": "pdf",
    "cv-dev-187": "md",
    "cv-dev-188": "docx",
    "cv-dev-189": "pdf",
    "cv-dev-190": "md",
    "cv-dev-191": "docx",
    "cv-dev-192": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
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
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
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
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    """Inline markdown -> reportlab paragraph markup."""
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=base + 10, leading=base + 14, alignment=TA_LEFT,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base + 2.5, leading=base + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base + 0.5, leading=base + 3, spaceBefore=5,
                             spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base, leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base, leading=base + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(blocks, path):
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=blocks[0][1], author=blocks[0][1])
    doc.build(flowables(blocks, styles()))


def split_columns(blocks):
    header, side, main = [], [], []
    target = header
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR else main
        target.append((kind, payload))
    return header, side, main


def render_pdf_two_columns(blocks, path):
    header, side, main = split_columns(blocks)
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    side_w = 5.6 * cm
    gap = 0.6 * cm
    body_h = H - 2 * margin - header_h
    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    f_side = Frame(margin, margin, side_w, body_h, id="side")
    f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h,
                   id="main")
    f_later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.6 * cm,
                    body_h + 0.3 * cm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=header[0][1], author=header[0][1])
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    side_st = styles(base=8.5)
    main_st = styles(base=9.5)
    story = [NextPageTemplate("later")]
    story += flowables(header, styles(base=10))
    story.append(FrameBreak())
    story += flowables(side, side_st)
    story.append(FrameBreak())
    story += flowables(main, main_st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(blocks, path):
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
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, f"**{val}**" if ri == 0 else val)
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.author = blocks[0][1]
    doc.core_properties.title = f"CV - {blocks[0][1]}"
    doc.save(str(path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "md":
            out = src
        elif fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(blocks, out)
        elif fmt == "pdf-2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_columns(blocks, out)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(blocks, out)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
