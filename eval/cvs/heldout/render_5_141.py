"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-141/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, ListFlowable, ListItem)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-2281": "md",
    "cv-ho-2282": "pdf-2col",
    "cv-ho-2283": "docx",
    "cv-ho-2284": "pdf",
    "cv-ho-2285": "docx",
    "cv-ho-2286": "pdf",
    "cv-ho-2287": "md",
    "cv-ho-2288": "docx",
    "cv-ho-2289": "pdf",
    "cv-ho-2290": "md",
    "cv-ho-2291": "docx",
    "cv-ho-2292": "md",
}

# Sections that go to the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
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
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif re.match(r"^(- |\d+\. )", line):
            items = []
            numbered = bool(re.match(r"^\d+\. ", line))
            while i < len(lines) and re.match(r"^(- |\d+\. )", lines[i]):
                items.append(re.sub(r"^(- |\d+\. )", "", lines[i]).strip())
                i += 1
            blocks.append(("list", (numbered, items)))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_runs(text):
    """Split text into (chunk, bold, italic) runs for **bold** and *italic*."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        else:
            for sub in re.split(r"(\*[^*]+\*)", part):
                if not sub:
                    continue
                if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                    runs.append((sub[1:-1], False, True))
                else:
                    runs.append((sub, False, False))
    return runs


def to_rl(text):
    out = []
    for chunk, b, it in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = f"<b>{chunk}</b>"
        if it:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=base_size + 8,
                                leading=base_size + 11, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 1,
                             leading=base_size + 4, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                               leading=base_size + 3, spaceAfter=3),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=base_size - 1,
                               leading=base_size + 2),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("title", "h2", "h3", "para"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "list":
            numbered, items = payload
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(t), st["para"]), leftIndent=10) for t in items],
                bulletType="1" if numbered else "bullet", start="1" if numbered else "\u2022",
                leftIndent=10, bulletFontName="Helvetica",
                bulletFontSize=st["para"].fontSize))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            ncols = max(len(r) for r in payload)
            t = Table(data, colWidths=[width / ncols] * ncols, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def split_sidebar(blocks):
    """Split blocks into (header, sidebar, main) for the two-column layout."""
    header, sidebar, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = sidebar if payload in SIDEBAR_SECTIONS else main
        current.append((kind, payload))
    return header, sidebar, main


def render_pdf_two_column(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    sidebar = Frame(margin, margin, side_w, frame_h, id="sidebar",
                    leftPadding=4, rightPadding=4, topPadding=6, bottomPadding=6)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=4, rightPadding=4, topPadding=6, bottomPadding=6)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, frame_h + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[sidebar, main], onPage=draw_bg)])
    header, side_blocks, main_blocks = split_sidebar(blocks)
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)
    flow = pdf_flowables(side_blocks, st_side, side_w - 8)
    flow.append(FrameBreak())
    flow += pdf_flowables(header, st_main, main_w - 8)
    flow += pdf_flowables(main_blocks, st_main, main_w - 8)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, b, it in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "list":
            numbered, items = payload
            for t in items:
                add_runs(doc.add_paragraph(style="List Number" if numbered else "List Bullet"), t)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, val in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    add_runs(p, val)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "md":
            continue
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(target)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
