"""Render the heldout4-120 CVs (Markdown sources) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-120/render.py
PDF via reportlab (real text layer), DOCX via python-docx. MD targets are the .md files themselves.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2030", "cv-ho-2032", "cv-ho-2035", "cv-ho-2038"]
DOCX = ["cv-ho-2031", "cv-ho-2033", "cv-ho-2036", "cv-ho-2039"]
TWO_COLUMN = {"cv-ho-2030": {"Contact", "Skills", "Languages", "Certifications"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).
    kinds: title, h2, para, bullet, table (payload = list of rows)."""
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


def sections(blocks):
    """Split blocks into (header_blocks, [(section_title, blocks), ...])."""
    header, secs = [], []
    for kind, payload in blocks:
        if kind == "h2":
            secs.append((payload, []))
        elif secs:
            secs[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, secs


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


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("T", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("H", parent=ss["Heading2"], fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("P", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("B", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("C", parent=ss["BodyText"], fontSize=9, leading=11),
    }


def flow(blocks, st, width):
    items = []
    for kind, payload in blocks:
        if kind == "title":
            items.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            items.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            items.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullet":
            items.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e9f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            items.append(t)
            items.append(Spacer(1, 4))
    return items


def render_pdf(cv_id, blocks):
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    meta = dict(title=f"CV {cv_id}", author="synthetic")
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, **meta)
        doc.build(flow(blocks, st, doc.width))
        return out
    side_titles = TWO_COLUMN[cv_id]
    header, secs = sections(blocks)
    W, H = A4
    m = 15 * mm
    header_h = 24 * mm
    side_w = 62 * mm
    gap = 7 * mm
    body_h = H - 2 * m - header_h
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="head")
    f_side = Frame(m, m, side_w, body_h, id="side")
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main")
    f_full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

    def side_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 2 * mm, m - 2 * mm, side_w + 4 * mm, body_h + 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, **meta)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[f_head, f_side, f_main], onPage=side_bg),
        PageTemplate(id="one", frames=[f_full]),
    ])
    story = [NextPageTemplate("one")]
    story += flow(header, st, W - 2 * m)
    story.append(FrameBreak())  # -> sidebar
    for title, blks in secs:
        if title in side_titles:
            story += flow([("h2", title)] + blks, st, side_w)
    story.append(FrameBreak())  # -> main column
    for title, blks in secs:
        if title not in side_titles:
            story += flow([("h2", title)] + blks, st, f_main._width)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    doc = Document()
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
