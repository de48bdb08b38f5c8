"""Render the held-out CVs of batch heldout3-16 from their Markdown source.

Targets:
  PDF : cv-ho-781 (two-column layout), cv-ho-784, cv-ho-787, cv-ho-790
  DOCX: cv-ho-782 (skills as a real Word table), cv-ho-785, cv-ho-788, cv-ho-792
  MD  : cv-ho-783, cv-ho-786, cv-ho-789, cv-ho-791 (the .md file itself is the target)

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-16/render.py
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-781", "cv-ho-784", "cv-ho-787", "cv-ho-790"]
TWO_COLUMN_IDS = {"cv-ho-781"}
DOCX_IDS = ["cv-ho-782", "cv-ho-785", "cv-ho-788", "cv-ho-792"]
SIDEBAR_SECTIONS = {"contact", "skills", "languages", "interests"}


# --------------------------------------------------------------------------- parsing
def parse_md(text):
    """Turn the CV Markdown into a flat list of blocks: (kind, payload)."""
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
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(". ", 1)
            blocks.append(("num", (num, rest)))
        elif raw.startswith("  ") and blocks and blocks[-1][0] in ("bullet", "num"):
            kind, payload = blocks[-1]
            if kind == "bullet":
                blocks[-1] = ("bullet", payload + "\n" + line.strip())
            else:
                blocks[-1] = ("num", (payload[0], payload[1] + "\n" + line.strip()))
        elif re.fullmatch(r"\*[^*].*[^*]\*", line.strip()):
            blocks.append(("date", line.strip()[1:-1]))
        else:
            blocks.append(("para", line.strip()))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (string, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for s, b, i in inline_runs(text):
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    base = dict(fontName="Helvetica", fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18 * scale, leading=22 * scale,
                             spaceAfter=4, textColor=colors.HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5 * scale, leading=14 * scale,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=10 * scale, leading=13 * scale,
                             spaceBefore=5, spaceAfter=1),
        "date": ParagraphStyle("date", fontName="Helvetica-Oblique", fontSize=9 * scale,
                               leading=12 * scale, textColor=colors.HexColor("#555555"), spaceAfter=2),
        "para": ParagraphStyle("para", spaceAfter=3, **base),
        "bullet": ParagraphStyle("bullet", **base),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=10.5),
    }


def blocks_to_flowables(blocks, st):
    flow = []
    pending = []  # list items being collected

    def flush():
        nonlocal pending
        if pending:
            kind = pending[0][0]
            items = [ListItem(Paragraph(to_rl(t), st["bullet"]), leftIndent=12) for _, t in pending]
            if kind == "bullet":
                flow.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12,
                                         bulletFontSize=7, spaceAfter=3))
            else:
                flow.append(ListFlowable(items, bulletType="1", leftIndent=14, bulletFontSize=9,
                                         spaceAfter=3))
            pending = []

    for kind, payload in blocks:
        if kind in ("bullet", "num"):
            text = payload if kind == "bullet" else payload[1]
            if pending and pending[0][0] != kind:
                flush()
            pending.append((kind, text))
            continue
        flush()
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        else:
            flow.append(Paragraph(to_rl(payload), st[kind]))
    flush()
    return flow


def split_sidebar(blocks):
    """Name and the sidebar sections go left; everything else goes to the main column."""
    side, main = [], []
    target = side
    for kind, payload in blocks:
        if kind == "h1":
            side.append((kind, payload))
            continue
        if kind == "h2":
            target = side if payload.strip().lower() in SIDEBAR_SECTIONS else main
        target.append((kind, payload))
    return side, main


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    if cv_id in TWO_COLUMN_IDS:
        W, H = A4
        side_w = 58 * mm
        gap = 7 * mm
        side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                           leftPadding=4, rightPadding=4)
        main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                           H - 2 * margin, id="main", leftPadding=0, rightPadding=0)
        rest_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                           H - 2 * margin, id="rest", leftPadding=0, rightPadding=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, H - 2 * margin + 6 * mm,
                        stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, title=cv_id, author="")
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
            PageTemplate(id="rest", frames=[rest_frame]),
        ])
        side, main = split_sidebar(blocks)
        st_side = pdf_styles(scale=0.92)
        st_main = pdf_styles()
        story = blocks_to_flowables(side, st_side)
        story.append(NextPageTemplate("rest"))
        story.append(FrameBreak())
        story += blocks_to_flowables(main, st_main)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id, author="")
        doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text, bold=False, italic=False):
    for s, b, i in inline_runs(text):
        r = par.add_run(s)
        r.bold = bold or b
        r.italic = italic or i


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            h = d.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = d.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = d.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "date":
            p = d.add_paragraph()
            add_runs(p, payload, italic=True)
            for r in p.runs:
                r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, payload.replace("\n", " "))
        elif kind == "num":
            p = d.add_paragraph(style="List Number")
            add_runs(p, payload[1].replace("\n", " "))
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    add_runs(c.paragraphs[0], cell, bold=(ri == 0))
            d.add_paragraph()
        else:
            p = d.add_paragraph()
            add_runs(p, payload)
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    d.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_pdf(cv_id, blocks)
        print(f"wrote {p.name} ({p.stat().st_size} bytes)")
    for cv_id in DOCX_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print(f"wrote {p.name} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
