"""Render the Markdown CVs of eval/cvs/dev-t to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-t/render.py

Targets:
  PDF  : cv-dev-229 (two-column: sidebar + main frame), cv-dev-232, cv-dev-235, cv-dev-239
  DOCX : cv-dev-230, cv-dev-233 (real Word table for skills), cv-dev-236, cv-dev-238
  MD   : cv-dev-231, cv-dev-234, cv-dev-237, cv-dev-240 (the .md file itself is the target)
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-229", "cv-dev-232", "cv-dev-235", "cv-dev-239"]
DOCX_TARGETS = ["cv-dev-230", "cv-dev-233", "cv-dev-236", "cv-dev-238"]
TWO_COLUMN = {"cv-dev-229": {"Contact", "Skills", "Learning right now", "Languages", "Interests"}}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload, section)."""
    blocks = []
    section = None
    para = []
    table = []

    def flush_para():
        if para:
            lines = []
            for ln in para:
                lines.append(ln.rstrip())
            blocks.append(("para", lines, section))
            para.clear()

    def flush_table():
        if table:
            rows = []
            for ln in table:
                cells = [c.strip() for c in ln.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    continue
                rows.append(cells)
            blocks.append(("table", rows, section))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip("\n")
        s = line.strip()
        if s.startswith("|"):
            flush_para()
            table.append(s)
            continue
        flush_table()
        if not s:
            flush_para()
        elif s.startswith("# "):
            flush_para()
            blocks.append(("title", s[2:], None))
        elif s.startswith("## "):
            flush_para()
            section = s[3:]
            blocks.append(("section", section, section))
        elif s.startswith("### "):
            flush_para()
            blocks.append(("sub", s[4:], section))
        elif s.startswith("- "):
            flush_para()
            blocks.append(("bullet", s[2:], section))
        else:
            para.append(line)
    flush_para()
    flush_table()
    return blocks


def inline_segments(text):
    """Split text into (str, bold, italic) runs for **bold** and *italic*."""
    out = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


def to_rl(text):
    parts = []
    for seg, b, i in inline_segments(text):
        seg = escape(seg)
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        parts.append(seg)
    return "".join(parts)


# --------------------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=base + 8,
                                leading=base + 11, spaceAfter=3),
        "section": ParagraphStyle("section", fontName="Helvetica-Bold", fontSize=base + 2,
                                  leading=base + 5, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3a5f")),
        "sub": ParagraphStyle("sub", fontName="Helvetica-Bold", fontSize=base + 0.5,
                              leading=base + 3.5, spaceBefore=4, spaceAfter=1),
        "body": ParagraphStyle("body", fontName="Helvetica", fontSize=base, leading=base + 3,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
        "cellh": ParagraphStyle("cellh", fontName="Helvetica-Bold", fontSize=base - 0.5,
                                leading=base + 2),
    }


def flow_for(block, st, width):
    kind, payload, _ = block
    if kind == "title":
        return [Paragraph(to_rl(payload), st["title"])]
    if kind == "section":
        return [Paragraph(to_rl(payload), st["section"])]
    if kind == "sub":
        return [Paragraph(to_rl(payload), st["sub"])]
    if kind == "bullet":
        return [Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022")]
    if kind == "para":
        html = "<br/>".join(to_rl(ln.strip()) for ln in payload)
        return [Paragraph(html, st["body"])]
    if kind == "table":
        rows = [[Paragraph(to_rl(c), st["cellh"] if r == 0 else st["cell"]) for c in row]
                for r, row in enumerate(payload)]
        ncol = len(payload[0])
        first = width * (0.55 if ncol > 2 else 0.6)
        rest = (width - first) / (ncol - 1)
        t = Table(rows, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return [t, Spacer(1, 4)]
    raise ValueError(kind)


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    pw, ph = A4
    if cv_id in TWO_COLUMN:
        side_sections = TWO_COLUMN[cv_id]
        side_w = 58 * mm
        gap = 7 * mm
        main_w = pw - 2 * margin - side_w - gap
        side_frame = Frame(margin, margin, side_w, ph - 2 * margin, id="side",
                           leftPadding=0, rightPadding=0)
        main_frame = Frame(margin + side_w + gap, margin, main_w, ph - 2 * margin, id="main",
                           leftPadding=0, rightPadding=0)
        full_frame = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="full",
                           leftPadding=0, rightPadding=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(0, 0, margin + side_w + gap / 2, ph, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([
            PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
            PageTemplate(id="one", frames=[full_frame]),
        ])
        st_side = pdf_styles(8.5)
        st_main = pdf_styles(9.5)
        side, main = [], []
        for b in blocks:
            kind, payload, section = b
            # name + tagline (the paragraph right after the title) go to the sidebar
            if kind == "title" or (section is None):
                side += flow_for(b, st_side, side_w)
            elif section in side_sections:
                side += flow_for(b, st_side, side_w)
            else:
                main += flow_for(b, st_main, main_w)
        story = side + [FrameBreak(), NextPageTemplate("one")] + main
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        st = pdf_styles(9.5)
        width = pw - 2 * margin
        story = []
        for b in blocks:
            story += flow_for(b, st, width)
        doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, b, i in inline_segments(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = i or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload, _ in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "section":
            d.add_heading(payload, level=1)
        elif kind == "sub":
            h = d.add_heading("", level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "para":
            p = d.add_paragraph()
            for k, ln in enumerate(payload):
                if k:
                    p.add_run().add_break()
                add_runs(p, ln.strip())
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    if r == 0:
                        run.bold = True
            d.add_paragraph()
    d.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_pdf(cv_id, blocks).name)
    for cv_id in DOCX_TARGETS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_docx(cv_id, blocks).name)


if __name__ == "__main__":
    main()
