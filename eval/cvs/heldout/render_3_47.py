"""Render the heldout3-47 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-47/render.py
The .md file is the CV's exact content; MD targets are left as they are.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer,
                                FrameBreak, NextPageTemplate, SimpleDocTemplate, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1154", "cv-ho-1156", "cv-ho-1159", "cv-ho-1161"]
DOCX = ["cv-ho-1155", "cv-ho-1157", "cv-ho-1160", "cv-ho-1163"]
TWO_COLUMN = {"cv-ho-1154": {"Contact", "Skills", "Certifications", "Languages"}}


def parse(md_text):
    """Return (name, header_lines, sections); sections = [(title, blocks)].
    blocks: ('p', text) | ('li', text) | ('table', rows)."""
    lines = md_text.splitlines()
    name, header, sections = None, [], []
    cur = None
    table = None
    for line in lines + [""]:
        s = line.rstrip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        if table is not None:
            cur[1].append(("table", table))
            table = None
        if s.startswith("# "):
            name = s[2:].strip()
        elif s.startswith("## "):
            cur = (s[3:].strip(), [])
            sections.append(cur)
        elif s.startswith("- "):
            cur[1].append(("li", s[2:].strip()))
        elif s.strip():
            if cur is None:
                header.append(s.strip())
            else:
                cur[1].append(("p", s.strip()))
    return name, header, sections


def inline_pdf(text):
    t = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)


def styles():
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22, alignment=0, spaceAfter=2),
        "head": ParagraphStyle("head", parent=ss["Normal"], fontSize=9, leading=12, textColor=colors.HexColor("#444444")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=9.5, leading=12.5, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontSize=9.5, leading=12.5, leftIndent=10, bulletIndent=2,
                             spaceAfter=1.5),
    }


def flow_section(title, blocks, st):
    out = [Paragraph(inline_pdf(title), st["h2"])]
    for kind, val in blocks:
        if kind == "p":
            out.append(Paragraph(inline_pdf(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_pdf(val), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(inline_pdf(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
            out.append(t)
    return out


def render_pdf(cid):
    name, header, sections = parse((HERE / f"{cid}.md").read_text(encoding="utf-8"))
    st = styles()
    out = HERE / f"{cid}.pdf"
    head = [Paragraph(inline_pdf(name), st["name"])] + [Paragraph(inline_pdf(h), st["head"]) for h in header]
    if cid in TWO_COLUMN:
        side_titles = TWO_COLUMN[cid]
        W, H = A4
        m = 15 * mm
        head_h = 28 * mm
        side_w = 64 * mm
        gap = 6 * mm
        body_h = H - 2 * m - head_h
        f_head = Frame(m, H - m - head_h, W - 2 * m, head_h, id="head", showBoundary=0)
        f_side = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
        f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", showBoundary=0)
        f_full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")

        def shade(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#EEF2F7"))
            canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, body_h + 3 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {name}", author=name)
        doc.addPageTemplates([PageTemplate(id="two", frames=[f_head, f_side, f_main], onPage=shade),
                              PageTemplate(id="later", frames=[f_full])])
        story = head + [NextPageTemplate("later"), FrameBreak()]
        for title, blocks in sections:
            if title in side_titles:
                story += flow_section(title, blocks, st)
        story.append(FrameBreak())
        for title, blocks in sections:
            if title not in side_titles:
                story += flow_section(title, blocks, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=f"CV {name}", author=name)
        story = head + [Spacer(1, 4)]
        for title, blocks in sections:
            story += flow_section(title, blocks, st)
        doc.build(story)


def add_runs(par, text):
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            r = par.add_run(part)
            r.bold = bool(i % 2)


def render_docx(cid):
    name, header, sections = parse((HERE / f"{cid}.md").read_text(encoding="utf-8"))
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = f"CV {name}"
    d.core_properties.author = name
    d.add_heading(name, level=0)
    for h in header:
        add_runs(d.add_paragraph(), h)
    for title, blocks in sections:
        d.add_heading(title, level=1)
        for kind, val in blocks:
            if kind == "p":
                add_runs(d.add_paragraph(), val)
            elif kind == "li":
                add_runs(d.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                t = d.add_table(rows=len(val), cols=len(val[0]))
                t.style = "Table Grid"
                for r, row in enumerate(val):
                    for c, cell in enumerate(row):
                        t.cell(r, c).text = ""
                        p = t.cell(r, c).paragraphs[0]
                        add_runs(p, f"**{cell}**" if r == 0 else cell)
    d.save(str(HERE / f"{cid}.docx"))


if __name__ == "__main__":
    for cid in PDF:
        render_pdf(cid)
    for cid in DOCX:
        render_docx(cid)
    for cid in PDF + DOCX:
        for ext in ("pdf", "docx"):
            p = HERE / f"{cid}.{ext}"
            if p.exists():
                print(p.name, p.stat().st_size, "bytes")
