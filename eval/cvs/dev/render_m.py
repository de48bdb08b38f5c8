"""Render the dev-m synthetic CVs from their Markdown text to PDF / DOCX.

Run with /work/main/.venv/bin/python eval/cvs/dev-m/render.py
The .md file is the CV's exact content; this script only lays it out.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = {"cv-dev-145", "cv-dev-149", "cv-dev-153", "cv-dev-156"}
DOCX = {"cv-dev-146", "cv-dev-147", "cv-dev-151", "cv-dev-154"}
TWO_COLUMN = {"cv-dev-145": {"Skills", "Languages", "Interests"}}  # sidebar sections


# ---------------------------------------------------------------- markdown
def parse(md):
    """Tiny Markdown reader: returns blocks (kind, payload)."""
    blocks, table = [], None
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line:
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("li", line[2:]))
        else:
            blocks.append(("p", line))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markup into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*"):
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rl_markup(text):
    parts = []
    for t, b, i in runs(text):
        t = esc(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        parts.append(t)
    return "".join(parts)


def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18 * scale, leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5, leading=(base + 0.5) * 1.3,
                             spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base * 1.35, spaceAfter=3),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base, leading=base * 1.35,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5, leading=(base - 0.5) * 1.3),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            first = width * (0.5 if ncol > 2 else 0.55)
            colw = [first] + [(width - first) / (ncol - 1)] * (ncol - 1)
            t = Table(data, colWidths=colw, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out += [t, Spacer(1, 4)]
        elif kind == "li":
            out.append(Paragraph(rl_markup(payload), st["li"], bulletText="\u2022"))
        else:
            out.append(Paragraph(rl_markup(payload), st[kind]))
    return out


def split_sections(blocks):
    """header blocks (before first h2) and a list of (title, blocks) sections."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf(cv_id, blocks, out):
    margin = 16 * mm
    w, h = A4
    meta = dict(title=f"CV {cv_id}", author="synthetic")
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        st = styles(0.95)
        header, sections = split_sections(blocks)
        head_h = 24 * mm
        gap = 7 * mm
        side_w = 58 * mm
        main_w = w - 2 * margin - side_w - gap
        body_h = h - 2 * margin - head_h
        frames = [
            Frame(margin, h - margin - head_h, w - 2 * margin, head_h, id="header", showBoundary=0),
            Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0),
            Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0),
        ]

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, **meta)
        doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=sidebar_bg)])
        story = flowables(header, st, w - 2 * margin) + [FrameBreak()]
        for name, sec in sections:
            if name in side_names:
                story += flowables(sec, st, side_w)
        story.append(FrameBreak())
        for name, sec in sections:
            if name not in side_names:
                story += flowables(sec, st, main_w)
        doc.build(story)
    else:
        st = styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(flowables(blocks, st, w - 2 * margin))


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(blocks, out):
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
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = table.cell(r, c).paragraphs[0]
                    add_runs(par, f"**{cell}**" if r == 0 else cell)
            doc.add_paragraph()
    doc.core_properties.title = "Curriculum vitae"
    doc.core_properties.author = "synthetic"
    doc.save(str(out))


def main():
    for md in sorted(HERE.glob("cv-dev-*.md")):
        cv_id = md.stem
        text = md.read_text(encoding="utf-8")
        text.encode("cp1252")  # Helvetica (WinAnsi) must be able to show every character
        blocks = parse(text)
        if cv_id in PDF:
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
            print("pdf ", cv_id)
        elif cv_id in DOCX:
            render_docx(blocks, HERE / f"{cv_id}.docx")
            print("docx", cv_id)
        else:
            print("md  ", cv_id)


if __name__ == "__main__":
    main()
