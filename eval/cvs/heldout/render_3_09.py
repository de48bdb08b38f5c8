"""Render the CVs of this folder (cv-ho-697 .. cv-ho-708) to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-09/render.py
Each CV's text lives in <id>.md; this script turns it into .pdf or .docx
(the .md files are themselves the target for the Markdown CVs).
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.fonts import addMapping
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-697": "md",
    "cv-ho-698": "pdf-two-column",
    "cv-ho-699": "docx",
    "cv-ho-700": "pdf",
    "cv-ho-701": "docx",
    "cv-ho-702": "md",
    "cv-ho-703": "pdf",
    "cv-ho-704": "docx",
    "cv-ho-705": "md",
    "cv-ho-706": "pdf",
    "cv-ho-707": "docx",
    "cv-ho-708": "md",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Learning now", "Languages", "Certifications"}

# ---------------------------------------------------------------- parsing


def parse(md_text):
    """Return (title, preamble_blocks, sections) where sections is a list of
    (heading, blocks); a block is ('p', text) | ('ul', [items]) | ('table', rows)."""
    title = None
    preamble, sections = [], []
    current = preamble
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            i += 1
        elif line.startswith("## "):
            blocks = []
            sections.append((line[3:].strip(), blocks))
            current = blocks
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            current.append(("ul", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            current.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while (i < len(lines) and lines[i].strip()
                   and not lines[i].startswith(("#", "- ", "|"))):
                para.append(lines[i].strip())
                i += 1
            current.append(("p", " ".join(para)))
    return title, preamble, sections


BOLD = re.compile(r"\*\*(.+?)\*\*")


def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return BOLD.sub(r"<b>\1</b>", text)


def runs(text):
    """Split text into (chunk, bold) pairs for python-docx."""
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

pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
addMapping("DejaVu", 0, 0, "DejaVu")
addMapping("DejaVu", 1, 0, "DejaVu-Bold")
addMapping("DejaVu", 0, 1, "DejaVu")
addMapping("DejaVu", 1, 1, "DejaVu-Bold")


def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=base + 8,
                                leading=base + 11, spaceAfter=4),
        "h": ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=base + 2, leading=base + 5,
                            spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5a")),
        "p": ParagraphStyle("p", fontName="DejaVu", fontSize=base, leading=base * 1.3,
                            spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="DejaVu", fontSize=base, leading=base * 1.3,
                             leftIndent=10, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="DejaVu", fontSize=base - 0.5,
                               leading=(base - 0.5) * 1.25),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, content in blocks:
        if kind == "p":
            out.append(Paragraph(to_rl(content), st["p"]))
        elif kind == "ul":
            for item in content:
                out.append(Paragraph(to_rl(item), st["li"], bulletText="•"))
        elif kind == "table":
            ncol = len(content[0])
            data = []
            for r, row in enumerate(content):
                cells = [Paragraph(("<b>%s</b>" if r == 0 else "%s") % to_rl(c), st["cell"])
                         for c in row]
                data.append(cells)
            t = Table(data, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(Spacer(1, 2))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, parsed):
    title, preamble, sections = parsed
    st = styles()
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title,
                            author=title)
    width = A4[0] - 4 * cm
    flow = [Paragraph(to_rl(title), st["title"])]
    flow += blocks_to_flowables(preamble, st, width)
    for heading, blocks in sections:
        flow.append(Paragraph(to_rl(heading), st["h"]))
        flow += blocks_to_flowables(blocks, st, width)
    doc.build(flow)
    return out


def render_pdf_two_column(cv_id, parsed):
    title, preamble, sections = parsed
    st = styles(9)
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)
    later = Frame(margin, margin, page_w - 2 * margin, frame_h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=title, author=title)
    doc.addPageTemplates([
        PageTemplate(id="two-column", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    flow = [NextPageTemplate("later"), Paragraph(to_rl(title), st["title"])]
    flow += blocks_to_flowables(preamble, st, side_w - 12)
    for heading, blocks in sections:
        if heading in SIDEBAR_SECTIONS:
            flow.append(Paragraph(to_rl(heading), st["h"]))
            flow += blocks_to_flowables(blocks, st, side_w - 12)
    flow.append(FrameBreak())
    for heading, blocks in sections:
        if heading not in SIDEBAR_SECTIONS:
            flow.append(Paragraph(to_rl(heading), st["h"]))
            flow += blocks_to_flowables(blocks, st, main_w)
    doc.build(flow)
    return out

# ---------------------------------------------------------------- DOCX


def add_runs(par, text):
    for chunk, bold in runs(text):
        r = par.add_run(chunk)
        r.bold = bold


def render_docx(cv_id, parsed):
    title, preamble, sections = parsed
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.core_properties.author = title
    doc.add_heading(title, level=0)

    def emit(blocks):
        for kind, content in blocks:
            if kind == "p":
                add_runs(doc.add_paragraph(), content)
            elif kind == "ul":
                for item in content:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif kind == "table":
                table = doc.add_table(rows=len(content), cols=len(content[0]))
                table.style = "Table Grid"
                for r, row in enumerate(content):
                    for c, cell_text in enumerate(row):
                        cell = table.cell(r, c)
                        cell.text = ""
                        run = cell.paragraphs[0].add_run(cell_text)
                        run.bold = r == 0

    emit(preamble)
    for heading, blocks in sections:
        doc.add_heading(heading, level=1)
        emit(blocks)
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        parsed = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "md":
            out = HERE / f"{cv_id}.md"
        elif target == "pdf":
            out = render_pdf(cv_id, parsed)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, parsed)
        elif target == "docx":
            out = render_docx(cv_id, parsed)
        else:
            raise ValueError(target)
        print(f"{cv_id}: {target:15s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
