"""Render the heldout-w4d CVs from their Markdown source to the target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-w4d/render.py

Each <id>.md holds exactly the CV's text. Targets:
  - PDF  (reportlab, real text layer; one of them laid out in two frames = two columns)
  - DOCX (python-docx; Markdown tables become real Word tables)
  - MD   (the .md file itself is the target; nothing to render)
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-433": "pdf",
    "cv-ho-434": "docx",
    "cv-ho-435": "md",
    "cv-ho-436": "pdf",
    "cv-ho-437": "docx",
    "cv-ho-438": "pdf-2col",
    "cv-ho-439": "md",
    "cv-ho-440": "md",
    "cv-ho-441": "pdf",
    "cv-ho-442": "docx",
    "cv-ho-443": "md",
    "cv-ho-444": "docx",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload). kinds: h1 h2 h3 bullet para table."""
    blocks = []
    table = None
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
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
        else:
            blocks.append(("para", line))
    return blocks


def split_sections(blocks):
    """Split blocks into (head_blocks, [(title, blocks)])."""
    head, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            head.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return head, sections


INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def inline_runs(text: str):
    """Yield (text, bold, italic) runs for **bold** and *italic* markup."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl(text: str) -> str:
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def pdf_styles(scale: float = 1.0):
    base = 9.6 * scale
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 9, leading=base + 12,
                             spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2.4, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.6, leading=base + 3,
                             spaceBefore=4, spaceAfter=1),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base, leading=base + 3,
                               alignment=TA_LEFT, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base, leading=base + 3,
                                 leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5, leading=base + 2),
    }


def rl_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind in ("h2", "h3"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "h1":
            flow.append(Paragraph(to_rl(payload), st["h1"]))
        else:
            flow.append(Paragraph(to_rl(payload), st["para"]))
    return flow


def check_latin(text: str, name: str):
    bad = sorted({ch for ch in text if ch not in "\u2022" and not _cp1252(ch)})
    if bad:
        raise SystemExit(f"{name}: characters not in the PDF base font encoding: {bad}")


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def render_pdf(cv_id: str, md: str):
    check_latin(md, cv_id)
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic CV")
    flow = rl_flowables(parse(md), st, doc.width)
    doc.build(flow)
    return out


def render_pdf_two_column(cv_id: str, md: str):
    """Header frame on top, then a sidebar frame (left) and a main frame (right)."""
    check_latin(md, cv_id)
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles(0.95)
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.3 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    body_h = H - 2 * margin - header_h
    main_w = W - 2 * margin - side_w - gap
    frames = [
        Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        Frame(margin, margin, side_w, body_h, id="sidebar",
              leftPadding=6, rightPadding=6, topPadding=4, bottomPadding=0),
        Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
              leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0),
    ]

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="two-col", frames=frames, onPage=sidebar_bg)])

    head, sections = split_sections(parse(md))
    side_st = pdf_styles(0.88)
    flow = rl_flowables(head, st, W - 2 * margin)
    flow.append(FrameBreak())
    for title, blocks in sections:
        if title in SIDEBAR_SECTIONS:
            flow += rl_flowables([("h2", title)] + blocks, side_st, side_w - 12)
    flow.append(FrameBreak())
    for title, blocks in sections:
        if title not in SIDEBAR_SECTIONS:
            flow += rl_flowables([("h2", title)] + blocks, st, main_w)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, md: str):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in parse(md):
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncol = len(payload[0])
            t = doc.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = t.add_row().cells
                for c_i, val in enumerate(row):
                    cp = cells[c_i].paragraphs[0]
                    add_runs(cp, f"**{val}**" if r_i == 0 and "**" not in val else val)
            doc.add_paragraph()
        else:
            p = doc.add_paragraph()
            add_runs(p, payload)
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "pdf":
            out = render_pdf(cv_id, md)
        elif fmt == "pdf-2col":
            out = render_pdf_two_column(cv_id, md)
        elif fmt == "docx":
            out = render_docx(cv_id, md)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
