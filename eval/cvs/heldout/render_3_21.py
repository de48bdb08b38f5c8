"""Render the heldout3-21 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-21/render.py
The .md files are the CV text; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-841", "cv-ho-844", "cv-ho-847", "cv-ho-850"]
DOCX = ["cv-ho-842", "cv-ho-845", "cv-ho-848", "cv-ho-851"]
TWO_COLUMN = {"cv-ho-841": {"Skills", "Currently learning", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks); blocks are (kind, payload) in order.

    kinds: h2, h3, p, bullet, table (payload = list of rows).
    """
    lines = md_text.splitlines()
    title = None
    blocks = []
    table = None
    for line in lines:
        s = line.rstrip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not s.strip():
            continue
        if s.startswith("# "):
            title = s[2:].strip()
        elif s.startswith("## "):
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("### "):
            blocks.append(("h3", s[4:].strip()))
        elif s.startswith("- "):
            blocks.append(("bullet", s[2:].strip()))
        else:
            blocks.append(("p", s.strip()))
    return title, blocks


def sections(blocks):
    """Group blocks into [(heading or None, [blocks])]."""
    out = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            out.append((payload, []))
        else:
            out[-1][1].append((kind, payload))
    return out


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", text)
    return text


def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "b": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3),
        "bl": ParagraphStyle("bl", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=12,
                             bulletIndent=2, bulletFontName="Helvetica",
                             spaceAfter=1),
    }


def flow(blocks, st):
    out = []
    bullets = []

    def flush():
        if bullets:
            for b in bullets:
                out.append(Paragraph(inline_rl(b), st["bl"], bulletText="\u2013"))
            bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload)
            continue
        flush()
        if kind == "h2":
            out.append(Paragraph(inline_rl(payload), st["h2"]))
        elif kind == "h3":
            out.append(Paragraph("<b>%s</b>" % inline_rl(payload), st["p"]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(payload), st["p"]))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["b"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            out.append(t)
    flush()
    return out


def render_pdf(cv_id, title, blocks, out_path):
    st = styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=title, author=title)
    story = [Paragraph(inline_rl(title), st["title"])] + flow(blocks, st)
    doc.build(story)


def render_pdf_two_column(cv_id, title, blocks, out_path, side_titles):
    st = styles(9.5)
    side_st = styles(8.5)
    W, H = A4
    m = 14 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side = Frame(m, m, side_w, H - 2 * m - header_h, id="side",
                 leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap,
                 H - 2 * m - header_h, id="main", leftPadding=0, rightPadding=0)
    later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m,
                  id="later", leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m, m, side_w, H - 2 * m - header_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    secs = sections(blocks)
    head_blocks = secs[0][1]
    side_blocks, main_blocks = [], []
    for heading, body in secs[1:]:
        target = side_blocks if heading in side_titles else main_blocks
        target.append(("h2", heading))
        target.extend(body)
    story = [Paragraph(inline_rl(title), st["title"])] + flow(head_blocks, st)
    story += [FrameBreak()] + flow(side_blocks, side_st)
    story += [NextPageTemplate("later"), FrameBreak()] + flow(main_blocks, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, title, blocks, out_path):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.add_heading(title, level=0)
    for kind, payload in blocks:
        if kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    run = c.paragraphs[0].add_run(cell)
                    run.bold = i == 0
    d.core_properties.author = title
    d.core_properties.title = title + " - CV"
    d.save(str(out_path))


def main():
    for cv_id in PDF + DOCX:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF:
            out = HERE / f"{cv_id}.pdf"
            if cv_id in TWO_COLUMN:
                render_pdf_two_column(cv_id, title, blocks, out, TWO_COLUMN[cv_id])
            else:
                render_pdf(cv_id, title, blocks, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, title, blocks, out)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
