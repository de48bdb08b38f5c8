"""Render the heldout3-83 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-83/render.py
The .md files are the source of truth; .md targets are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (SimpleDocTemplate, BaseDocTemplate, PageTemplate, Frame,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, ListFlowable, ListItem)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-ho-1585", "cv-ho-1586", "cv-ho-1587", "cv-ho-1588"]
TWO_COLUMN = {"cv-ho-1586": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_TARGETS = ["cv-ho-1589", "cv-ho-1590", "cv-ho-1591", "cv-ho-1592"]


# ---------------------------------------------------------------- markdown
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,li,table."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush(); i += 1; continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1; continue
        if line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            flush()
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
            i += 1; continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


def inline_segments(s):
    """Split text into (text, bold, italic) segments for **bold** and *italic*."""
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", s):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(s):
    res = []
    for t, b, it in inline_segments(s):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=5),
        "p": ParagraphStyle("p", parent=base, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2,
                             spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9 * scale, leading=11 * scale),
    }


def blocks_to_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            fl.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            fl.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            fl.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(Spacer(1, 2))
            fl.append(t)
            fl.append(Spacer(1, 4))
    return fl


def split_sections(blocks):
    """Return (title_blocks, [(section_name, blocks)])."""
    head, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            head.append(b)
    return head, sections


def render_pdf(cv_id):
    blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    meta = dict(title=f"CV {cv_id}", author="synthetic")
    margin = 16 * mm
    pw, ph = A4
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        head, sections = split_sections(blocks)
        side = [b for name, bl in sections if name in side_names for b in bl]
        main = head + [b for name, bl in sections if name not in side_names for b in bl]
        side_w = 58 * mm
        gap = 7 * mm
        main_w = pw - 2 * margin - side_w - gap
        fh = ph - 2 * margin
        left = Frame(margin, margin, side_w, fh, id="side", leftPadding=0, rightPadding=4)
        right = Frame(margin + side_w + gap, margin, main_w, fh, id="main",
                      leftPadding=0, rightPadding=0)
        single = Frame(margin, margin, pw - 2 * margin, fh, id="single")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(0, 0, margin + side_w + 2 * mm, ph, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, **meta)
        doc.addPageTemplates([PageTemplate(id="two", frames=[left, right], onPage=sidebar_bg),
                              PageTemplate(id="single", frames=[single])])
        st_side = pdf_styles(0.92)
        st_main = pdf_styles(1.0)
        story = [NextPageTemplate("single")]
        story += blocks_to_flowables(side, st_side, side_w - 4)
        story.append(FrameBreak())
        story += blocks_to_flowables(main, st_main, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(blocks_to_flowables(blocks, pdf_styles(), pw - 2 * margin))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, s):
    for t, b, it in inline_segments(s):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id):
    blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = f"CV {cv_id}"
    d.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "p":
            p = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, c in enumerate(row):
                    cell = t.cell(ri, ci)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], c)
                    if ri == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


if __name__ == "__main__":
    for cid in PDF_TARGETS:
        p = render_pdf(cid)
        print(p.name, p.stat().st_size)
    for cid in DOCX_TARGETS:
        p = render_docx(cid)
        print(p.name, p.stat().st_size)
