"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-139/render.py
The .md file is the CV's exact content; MD-target CVs are left as they are.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2257": "pdf",
    "cv-ho-2258": "docx",
    "cv-ho-2259": "md",
    "cv-ho-2260": "pdf-two-column",
    "cv-ho-2261": "docx",
    "cv-ho-2262": "pdf",
    "cv-ho-2263": "md",
    "cv-ho-2264": "docx",
    "cv-ho-2265": "md",
    "cv-ho-2266": "pdf",
    "cv-ho-2267": "md",
    "cv-ho-2268": "docx",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Still Learning", "Education", "Languages"}


# --------------------------------------------------------------------------
# Markdown parsing (only the subset used by these CVs)
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, bullet, para (payload: list of lines), table (list of rows).
    """
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        if line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        else:
            if table:
                flush()
            para.append(line.strip())
    flush()
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


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_rl(text):
    out = []
    for s, b, i in inline_runs(text):
        s = esc(s)
        if b:
            s = f"<b>{s}</b>"
        if i:
            s = f"<i>{s}</i>"
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8,
                             leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 1.5,
                             leading=base + 4, spaceBefore=8, spaceAfter=3,
                             textColor="#1f3a5f"),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base,
                               leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=12, bulletIndent=2,
                                 spaceAfter=1.5),
    }


def block_flowables(blocks, st):
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["para"]))
        elif kind == "table":
            for row in payload[1:]:
                flow.append(Paragraph(to_rl(" \u2014 ".join(row)), st["bullet"],
                                      bulletText="-"))
    return flow


def render_pdf(blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=out.stem, author="")
    doc.build(block_flowables(blocks, pdf_styles(10)))


def split_sections(blocks):
    """Split blocks into header (before first h2) and a list of sections."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append([b])
        elif sections:
            sections[-1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(blocks, out):
    W, H = A4
    margin = 15 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - margin - header_h
    header_frame = Frame(margin, body_top, W - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_top - margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       body_top - margin, id="main", leftPadding=0, rightPadding=0,
                       topPadding=0, bottomPadding=0)
    rest_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="rest")

    def draw_rule(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor("#1f3a5f")
        x = margin + side_w + gap / 2
        canvas.line(x, margin, x, body_top - 2 * mm)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=out.stem, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_rule),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0][1] in SIDEBAR_SECTIONS]
    main = [s for s in sections if s[0][1] not in SIDEBAR_SECTIONS]
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)
    flow = block_flowables(header, st_main)
    flow.append(FrameBreak())
    for s in side:
        flow += block_flowables(s, st_side)
    flow.append(NextPageTemplate("rest"))
    flow.append(FrameBreak())
    for s in main:
        flow += block_flowables(s, st_main)
    doc.build(flow)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for s, b, i in inline_runs(text):
        r = par.add_run(s)
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
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = doc.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = t.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    para = cells[c].paragraphs[0]
                    add_runs(para, f"**{val}**" if r == 0 else val)
            doc.add_paragraph()
    doc.core_properties.author = ""
    doc.core_properties.title = out.stem
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse_md(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-two-column":
            render_pdf_two_column(blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(blocks, HERE / f"{cv_id}.docx")
        out = HERE / f"{cv_id}.{fmt.split('-')[0]}"
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
