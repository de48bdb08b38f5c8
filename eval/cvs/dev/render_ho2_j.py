"""Render the held-out batch-j CVs (cv-ho-109 .. cv-ho-120) from their Markdown text.

Each CV's text lives in <id>.md.  This script renders the PDF and DOCX targets:
  * PDF  (reportlab, real text layer; cv-ho-110 uses a two-column layout built
    from three Frames: a header, a left sidebar and a right main column)
  * DOCX (python-docx; Markdown tables become real Word tables)
The Markdown CVs are their own target files and are not touched.

Run:  /work/main/.venv/bin/python eval/cvs/heldout-j/render.py
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-109": "docx",
    "cv-ho-110": "pdf-two-column",
    "cv-ho-111": "md",
    "cv-ho-112": "docx",
    "cv-ho-113": "md",
    "cv-ho-114": "pdf",
    "cv-ho-115": "md",
    "cv-ho-116": "pdf",
    "cv-ho-117": "docx",
    "cv-ho-118": "docx",
    "cv-ho-119": "pdf",
    "cv-ho-120": "md",
}

# Sections of cv-ho-110 that go into the left sidebar; the rest go to the main column.
SIDEBAR_SECTIONS = {"Skills", "Certifications", "Education", "Languages"}


# --------------------------------------------------------------------------- parsing
def parse(md: str) -> list[tuple]:
    """Very small Markdown reader: returns blocks (kind, payload)."""
    blocks: list[tuple] = []
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
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


def split_sections(blocks):
    """Header blocks (before the first h2) and a list of (title, blocks) sections."""
    header, sections, current = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            current = (payload, [])
            sections.append(current)
        elif current is None:
            header.append((kind, payload))
        else:
            current[1].append((kind, payload))
    return header, sections


INLINE = re.compile(r"\*\*(.+?)\*\*")


def runs(text: str) -> list[tuple[str, bool]]:
    """Split '**bold** rest' into [(text, bold)]."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def to_rl(text: str) -> str:
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    return "".join(f"<b>{esc(t)}</b>" if b else esc(t) for t, b in runs(text))


# --------------------------------------------------------------------------- PDF
def styles(scale: float = 1.0):
    base = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5 * scale,
                          leading=12.5 * scale, alignment=TA_LEFT, spaceAfter=2)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18 * scale, leading=22 * scale, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=2, textColor=colors.HexColor("#1f3a5f")),
        "para": base,
        "contact": ParagraphStyle("contact", parent=base, textColor=colors.HexColor("#444444")),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.8 * scale, leading=11 * scale,
                               spaceAfter=0),
    }


def pdf_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "h1":
            out.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
            out.append(HRFlowable(width="100%", thickness=0.6,
                                  color=colors.HexColor("#1f3a5f"), spaceAfter=3))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2013"))
        elif kind == "table":
            ncol = len(payload[0])
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            first = 0.42 if ncol == 2 else 0.30
            widths = [width * first] + [width * (1 - first) / (ncol - 1)] * (ncol - 1)
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        else:
            out.append(Paragraph(to_rl(payload), st["para"]))
    return out


def render_pdf(cv_id: str, blocks) -> Path:
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="synthetic")
    st = styles()
    header, sections = split_sections(blocks)
    flow = []
    for kind, payload in header:
        style = "h1" if kind == "h1" else "contact"
        flow.append(Paragraph(to_rl(payload), st[style]))
    for title, body in sections:
        flow += pdf_flowables([("h2", title)] + body, st, doc.width)
    doc.build(flow)
    return path


def render_pdf_two_column(cv_id: str, blocks) -> Path:
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin, gutter, side_w, header_h = 1.5 * cm, 0.8 * cm, 6.0 * cm, 2.6 * cm
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=f"CV {cv_id}", author="synthetic")
    body_h = H - 2 * margin - header_h
    header_f = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side_f = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_x = margin + side_w + gutter
    main_w = W - margin - main_x
    main_f = Frame(main_x, margin, main_w, body_h, id="main")
    later_f = Frame(main_x, margin, main_w, H - 2 * margin, id="main-later")

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.5 * cm,
                    body_h + 0.3 * cm, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_f, side_f, main_f], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_f]),
    ])
    header, sections = split_sections(blocks)
    st_main, st_side = styles(), styles(0.92)
    flow = [NextPageTemplate("later")]
    for kind, payload in header:
        flow.append(Paragraph(to_rl(payload), st_main["h1" if kind == "h1" else "contact"]))
    flow.append(FrameBreak())
    for title, body in sections:
        if title in SIDEBAR_SECTIONS:
            flow += pdf_flowables([("h2", title)] + body, st_side, side_w)
    flow.append(FrameBreak())
    for title, body in sections:
        if title not in SIDEBAR_SECTIONS:
            flow += pdf_flowables([("h2", title)] + body, st_main, main_w)
    doc.build(flow)
    return path


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text, size=None):
    for t, bold in runs(text):
        r = paragraph.add_run(t)
        r.bold = bold
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id: str, blocks) -> Path:
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    header, sections = split_sections(blocks)
    for kind, payload in header:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        else:
            p = doc.add_paragraph()
            add_runs(p, payload, size=9.5)
    for title, body in sections:
        h = doc.add_heading(title, level=1)
        for r in h.runs:
            r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        for kind, payload in body:
            if kind == "bullet":
                add_runs(doc.add_paragraph(style="List Bullet"), payload)
            elif kind == "table":
                table = doc.add_table(rows=0, cols=len(payload[0]))
                table.style = "Table Grid"
                for r_i, row in enumerate(payload):
                    cells = table.add_row().cells
                    for c_i, text in enumerate(row):
                        cells[c_i].text = ""
                        para = cells[c_i].paragraphs[0]
                        add_runs(para, f"**{text}**" if r_i == 0 else text)
                doc.add_paragraph()
            else:
                add_runs(doc.add_paragraph(), payload)
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- main
def check_charset(cv_id: str, text: str) -> None:
    """Helvetica (standard PDF font) covers cp1252; fail loudly on anything else."""
    bad = sorted({ch for ch in text if ch not in "\n" and not _cp1252(ch)})
    if bad:
        raise SystemExit(f"{cv_id}: characters outside cp1252: {bad}")


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def main() -> None:
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "md":
            print(f"{cv_id}: md (source file is the target)")
            continue
        if fmt.startswith("pdf"):
            check_charset(cv_id, md)
            out = render_pdf_two_column(cv_id, blocks) if fmt == "pdf-two-column" \
                else render_pdf(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
