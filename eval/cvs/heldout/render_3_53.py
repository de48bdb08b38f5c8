"""Render the batch-53 held-out CVs from their Markdown sources.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-53/render.py

Targets:
  PDF : cv-ho-1226 (two-column layout), cv-ho-1228, cv-ho-1231, cv-ho-1236
  DOCX: cv-ho-1227, cv-ho-1229 (skills as a real Word table), cv-ho-1232, cv-ho-1235
  MD  : cv-ho-1225, cv-ho-1230, cv-ho-1233, cv-ho-1234 (the .md file itself)
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
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

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-1226", "cv-ho-1228", "cv-ho-1231", "cv-ho-1236"]
TWO_COLUMN = {"cv-ho-1226": {"Contact", "Skills", "Languages", "Interests"}}
DOCX_IDS = ["cv-ho-1227", "cv-ho-1229", "cv-ho-1232", "cv-ho-1235"]


# --------------------------------------------------------------------------
# Minimal Markdown parser: title, sections, bullets, tables, paragraphs.
# --------------------------------------------------------------------------
def parse(md: str):
    blocks = []  # (kind, payload)
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Return (header_blocks, [(section_title, blocks), ...])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic)."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text: str) -> str:
    res = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        res.append(seg)
    return "".join(res)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base_size - 1, leading=(base_size - 1) * 1.25),
    }


def block_flowables(blocks, st, width):
    flows = []
    for kind, payload in blocks:
        if kind == "title":
            flows.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            flows.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "bullet":
            flows.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            flows.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flows.append(t)
            flows.append(Spacer(1, 4))
    return flows


def render_pdf(cv_id: str, md: str, out: Path):
    blocks = parse(md)
    st = pdf_styles()
    margin = 1.8 * cm
    W, H = A4
    doc_kwargs = dict(pagesize=A4, leftMargin=margin, rightMargin=margin,
                      topMargin=margin, bottomMargin=margin,
                      title=cv_id, author="synthetic CV (evaluation set)")
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(out), **doc_kwargs)
        doc.build(block_flowables(blocks, st, W - 2 * margin))
        return

    # Two-column layout: full-width header band, narrow sidebar, wide main column.
    side_titles = TWO_COLUMN[cv_id]
    header, sections = split_sections(blocks)
    side = [(t, b) for t, b in sections if t in side_titles]
    main = [(t, b) for t, b in sections if t not in side_titles]

    header_h = 2.6 * cm
    gap = 0.6 * cm
    side_w = 5.6 * cm
    body_h = H - 2 * margin - header_h
    main_w = W - 2 * margin - side_w - gap
    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.5 * cm,
                    body_h + 0.3 * cm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), **doc_kwargs)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side_st = pdf_styles(base_size=8.5)
    flows = [NextPageTemplate("later")]
    flows += block_flowables(header, st, W - 2 * margin)
    flows.append(FrameBreak())
    for title, b in side:
        flows += block_flowables([("h2", title)] + b, side_st, side_w)
    flows.append(FrameBreak())
    for title, b in main:
        flows += block_flowables([("h2", title)] + b, st, main_w)
    doc.build(flows)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id: str, md: str, out: Path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV (evaluation set)"
    for kind, payload in parse(md):
        if kind == "title":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncol = len(payload[0])
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_idx, row in enumerate(payload):
                cells = table.add_row().cells
                for c_idx, val in enumerate(row):
                    p = cells[c_idx].paragraphs[0]
                    add_runs(p, val)
                    if r_idx == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id in PDF_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_pdf(cv_id, md, HERE / f"{cv_id}.pdf")
    for cv_id in DOCX_IDS:
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_docx(cv_id, md, HERE / f"{cv_id}.docx")
    for p in sorted(HERE.glob("cv-ho-*.*")):
        if p.suffix in {".pdf", ".docx"}:
            print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
