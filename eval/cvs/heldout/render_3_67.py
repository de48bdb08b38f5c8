"""Render the heldout3-67 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-67/render.py
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (SimpleDocTemplate, BaseDocTemplate, PageTemplate, Frame,
                                FrameBreak, Paragraph, Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1393", "cv-ho-1396", "cv-ho-1399", "cv-ho-1402"]
DOCX = ["cv-ho-1394", "cv-ho-1397", "cv-ho-1400", "cv-ho-1403"]
TWO_COLUMN = {"cv-ho-1399": "Profile"}  # main column starts at this heading


def parse(md):
    """Return a list of blocks: (kind, payload)."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(set(c) <= set("-: ") for c in r)]
            blocks.append(("table", rows))
            table.clear()

    for line in md.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("|"):
            if para:
                blocks.append(("p", para[:])); para.clear()
            table.append(s)
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
        else:
            para.append(s)
    flush()
    return blocks


def inline_rl(text):
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


def styles():
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17, leading=21, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=9.5, leading=12.5, leftIndent=10,
                             bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st, para_linebreaks=False):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            joiner = "<br/>" if para_linebreaks else " "
            out.append(Paragraph(joiner.join(inline_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    st = styles()
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        split = next(i for i, (k, v) in enumerate(blocks) if k == "h2" and v == TWO_COLUMN[cv_id])
        side, main = blocks[:split], blocks[split:]
        W, H = A4
        m = 14 * mm
        side_w = 62 * mm
        gap = 8 * mm
        left = Frame(m, m, side_w, H - 2 * m, id="side", showBoundary=0)
        right = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main", showBoundary=0)
        doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id)
        doc.addPageTemplates([PageTemplate(id="two", frames=[left, right])])
        sst = dict(st)
        sst["p"] = ParagraphStyle("sp", parent=st["p"], fontSize=8.8, leading=11.5)
        sst["li"] = ParagraphStyle("sli", parent=st["li"], fontSize=8.8, leading=11.5)
        sst["h1"] = ParagraphStyle("sh1", parent=st["h1"], fontSize=15, leading=19)
        story = flowables(side, sst, para_linebreaks=True) + [FrameBreak()] + flowables(main, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
        doc.build(flowables(blocks, st))
    return path


def add_runs(par, text):
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            r = par.add_run(part)
            r.bold = (i % 2 == 1)


def render_docx(cv_id, blocks):
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "p":
            add_runs(d.add_paragraph(), " ".join(payload))
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    path = HERE / f"{cv_id}.docx"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
