"""Render the heldout7-193 CVs from their Markdown source to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout7-193/render.py

Each <id>.md is the CV's exact content.  Depending on TARGETS below, the CV is
rendered to PDF (reportlab; one single-column style, one two-column layout with
real side-by-side frames) or DOCX (python-docx; Markdown tables become real
Word tables).  Markdown targets are left as they are.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2905": "md",
    "cv-ho-2906": "pdf-two-column",
    "cv-ho-2907": "docx",
    "cv-ho-2908": "pdf",
    "cv-ho-2909": "docx",
    "cv-ho-2910": "md",
    "cv-ho-2911": "pdf",
    "cv-ho-2912": "md",
    "cv-ho-2913": "docx",
    "cv-ho-2914": "md",
    "cv-ho-2915": "pdf",
    "cv-ho-2916": "docx",
}

# For the two-column PDF: sections that go into the left sidebar.
SIDEBAR_SECTIONS = {"Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
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
        if line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_runs(text):
    """Split '**bold** rest' into [(text, is_bold), ...]."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    runs = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            runs.append((p[2:-2], True))
        else:
            runs.append((p, False))
    return runs


def to_rl(text):
    """Markdown inline -> reportlab paragraph markup."""
    out = []
    for t, bold in split_runs(text):
        t = html.escape(t, quote=False)
        out.append(f"<b>{t}</b>" if bold else t)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(scale=1.0):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18 * scale,
                             leading=22 * scale, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3B5B"))
    s["h3"] = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=10 * scale,
                             leading=12.5 * scale, spaceBefore=5, spaceAfter=2)
    s["para"] = ParagraphStyle("para", fontName="Helvetica", fontSize=9.5 * scale,
                               leading=12.5 * scale, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=cv_id, author="")
    st = pdf_styles()
    doc.build(flowables(blocks, st, doc.width))
    return path


def sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks_including_h2), ...])."""
    header, secs, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            secs.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, secs


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 15 * mm
    gap = 7 * mm
    header_h = 24 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin,
                         header_h, id="header", leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0)

    def decorate(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="two", frames=[header_frame, side_frame, main_frame],
                                       onPage=decorate)])
    st = pdf_styles()
    side_st = pdf_styles(scale=0.92)

    header, secs = sections(blocks)
    story = flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())  # -> sidebar
    for title, bl in secs:
        if title in SIDEBAR_SECTIONS:
            story.extend(flowables(bl, side_st, side_w - 8))
    story.append(FrameBreak())  # -> main column
    for title, bl in secs:
        if title not in SIDEBAR_SECTIONS:
            story.extend(flowables(bl, st, main_w))
    doc.build(story)
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for t, bold in split_runs(text):
        r = par.add_run(t)
        r.bold = bold


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
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
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(path))
    return path


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "md":
            out = md_path
        elif target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {target:15s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
