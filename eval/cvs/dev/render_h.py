"""Render the batch-h synthetic CVs from Markdown to their target formats.

Run from anywhere with the project venv:
    /work/main/.venv/bin/python eval/cvs/dev/render_h.py

Each CV's text lives in <id>.md. Depending on TARGETS below, the script writes
<id>.pdf (reportlab, real text layer) or <id>.docx (python-docx). For "md"
targets the Markdown file itself is the deliverable and nothing is written.
cv-dev-088 is laid out as a two-column PDF: a narrow sidebar frame (contact,
skills, education, certificates, languages) and a wide main frame (profile,
experience), built with BaseDocTemplate + Frames so the text layer is really
two columns.
"""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-085": "pdf",
    "cv-dev-086": "docx",   # skills as a real Word table
    "cv-dev-087": "md",
    "cv-dev-088": "pdf2col",
    "cv-dev-089": "docx",
    "cv-dev-090": "pdf",
    "cv-dev-091": "md",
    "cv-dev-092": "docx",
    "cv-dev-093": "md",
    "cv-dev-094": "pdf",
    "cv-dev-095": "md",
    "cv-dev-096": "docx",
}

# Sections of cv-dev-088 that go into the sidebar column.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Markdown parsing (only the subset used by these CVs)
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, line (a paragraph line, kept as its own line),
    li (bullet item), table (list of rows), blank.
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i].rstrip()
        s = raw.strip()
        if not s:
            blocks.append(("blank", ""))
        elif s.startswith("### "):
            blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            blocks.append(("li", s[2:]))
        elif s.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in row if c):
                    rows.append(row)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("line", s))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_segments(text: str):
    """Split text into (segment, bold, italic) tuples."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text: str) -> str:
    """Inline Markdown -> reportlab paragraph markup."""
    res = []
    for seg, b, it in inline_segments(text):
        seg = escape(seg)
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        res.append(seg)
    return "".join(res)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(scale: float = 1.0):
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=10 * scale, leading=13 * scale, spaceBefore=4),
        "body": body,
        "li": ParagraphStyle("li", parent=body),
    }


def blocks_to_flowables(blocks, st):
    flow = []
    bullets = []

    def flush_bullets():
        nonlocal bullets
        if bullets:
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(b), st["li"]), leftIndent=10) for b in bullets],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            bullets = []

    for kind, payload in blocks:
        if kind != "li":
            flush_bullets()
        if kind == "li":
            bullets.append(payload)
        elif kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "line":
            flow.append(Paragraph(to_rl(payload), st["body"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "blank":
            flow.append(Spacer(1, 3))
    flush_bullets()
    return flow


def render_pdf(cv_id: str, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return out


def split_sections(blocks):
    """Split blocks into (header, [(section_title, blocks)])."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [(kind, payload)])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id: str, blocks):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    header_h = 24 * mm
    gutter = 7 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sections = split_sections(blocks)
    side = [b for title, sec in sections if title in SIDEBAR_SECTIONS for b in sec]
    main = [b for title, sec in sections if title not in SIDEBAR_SECTIONS for b in sec]

    st_main = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    flow = [NextPageTemplate("later")]
    flow += blocks_to_flowables(header, st_main)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side, st_side)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, st_main)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for seg, b, it in inline_segments(text):
        run = par.add_run(seg)
        run.bold = b or None
        run.italic = it or None


def render_docx(cv_id: str, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "line":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncols):
                    text = row[c_i] if c_i < len(row) else ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
        # blank lines: paragraphs already provide spacing
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
