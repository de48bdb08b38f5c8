"""Render the dev-z3 CVs from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-z3/render.py

Targets:
  PDF : cv-dev-326, cv-dev-327 (two-column: sidebar + main column), cv-dev-330, cv-dev-334
  DOCX: cv-dev-328 (skills as a real Word table), cv-dev-331, cv-dev-333, cv-dev-336
  MD  : cv-dev-325, cv-dev-329, cv-dev-332, cv-dev-335 (the .md file itself is the target)

Only a small Markdown subset is used by the CVs: "# " name, "## " section titles,
"- " bullets (two-space indent for a second level), "|" tables, **bold**, and
plain lines (each plain line becomes its own paragraph).
"""
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-326", "cv-dev-330", "cv-dev-334"]
TWO_COLUMN_ID = "cv-dev-327"
TWO_COLUMN_SIDEBAR = {"Contato", "Habilidades", "Certificações", "Idiomas"}
DOCX_IDS = ["cv-dev-328", "cv-dev-331", "cv-dev-333", "cv-dev-336"]
MD_IDS = ["cv-dev-325", "cv-dev-329", "cv-dev-332", "cv-dev-335"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    table = None
    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            if table is None:
                table = []
                blocks.append(("table", table))
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("  - "):
            blocks.append(("bullet2", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


BOLD = re.compile(r"\*\*(.+?)\*\*")


def to_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return BOLD.sub(r"<b>\1</b>", text)


def runs(text):
    """Split inline Markdown into (text, bold) runs for python-docx."""
    out, pos = [], 0
    for m in BOLD.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, alignment=TA_LEFT,
                          spaceAfter=2)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold",
                                fontSize=base_size + 8, leading=base_size + 12, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "para": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
        "bullet2": ParagraphStyle("bullet2", parent=body, leftIndent=24, bulletIndent=14),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
        elif kind == "bullet":
            flow.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "bullet2":
            flow.append(Paragraph(to_rl(payload), st["bullet2"], bulletText="·"))
        else:
            flow.append(Paragraph(to_rl(payload), st[kind]))
    return flow


def meta(doc_title):
    return dict(title=doc_title, author="synthetic CV (evaluation set)")


def render_pdf(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, **meta(cv_id))
    st = pdf_styles(10)
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, sidebar_titles):
    """Header across the top, then a narrow sidebar frame and a wide main frame.

    The Markdown lists the sidebar sections first, then the main sections, so the
    flow is: header -> FrameBreak -> sidebar -> FrameBreak -> main column.
    """
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 1.5 * cm
    header_h = 2.6 * cm
    gap = 0.7 * cm
    side_w = 5.6 * cm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header")
    side = Frame(margin, margin, side_w, body_h, id="sidebar")
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main")
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.6 * cm,
                    body_h + 0.3 * cm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, **meta(cv_id))
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[header, side, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    st_main = pdf_styles(9.5)
    st_side = pdf_styles(8.5)

    head, side_blocks, main_blocks = [], [], []
    current = head
    for kind, payload in blocks:
        if kind == "h2":
            current = side_blocks if payload in sidebar_titles else main_blocks
        current.append((kind, payload))

    flow = [NextPageTemplate("later")]
    flow += pdf_flowables(head, st_main, W - 2 * margin)
    flow.append(FrameBreak())
    flow += pdf_flowables(side_blocks, st_side, side_w)
    flow.append(FrameBreak())
    flow += pdf_flowables(main_blocks, st_main, main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV (evaluation set)"

    def add_runs(par, text):
        for t, b in runs(text):
            r = par.add_run(t)
            r.bold = b

    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "bullet2":
            add_runs(doc.add_paragraph(style="List Bullet 2"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(payload):
                cells = table.add_row().cells
                for j, text in enumerate(row):
                    cells[j].text = ""
                    p = cells[j].paragraphs[0]
                    for t, b in runs(text):
                        r = p.add_run(t)
                        r.bold = b or i == 0
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.save(str(out))
    return out


def main():
    made = []
    for cv_id in PDF_IDS:
        made.append(render_pdf(cv_id))
    made.append(render_pdf_two_column(TWO_COLUMN_ID, TWO_COLUMN_SIDEBAR))
    for cv_id in DOCX_IDS:
        made.append(render_docx(cv_id))
    for cv_id in MD_IDS:
        made.append(HERE / f"{cv_id}.md")
    for p in made:
        size = p.stat().st_size
        print(f"{p.name:20s} {size/1024:6.1f} KB")
        if size > 200 * 1024:
            sys.exit(f"{p.name} is larger than 200 KB")


if __name__ == "__main__":
    main()
