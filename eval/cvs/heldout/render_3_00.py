"""Render the heldout3-00 CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-00/render.py
Each <id>.md holds the CV text; PDF and DOCX targets are written next to it.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-589": "md",
    "cv-ho-590": "docx",
    "cv-ho-591": "pdf",
    "cv-ho-592": "pdf",
    "cv-ho-593": "docx",
    "cv-ho-594": "pdf",
    "cv-ho-595": "md",
    "cv-ho-596": "docx",
    "cv-ho-597": "md",
    "cv-ho-598": "pdf",
    "cv-ho-599": "docx",
    "cv-ho-600": "md",
}
# Two-column PDF: these sections go into the left sidebar, the rest into the main column.
TWO_COLUMN = {"cv-ho-592": {"Contact", "Skills", "Education", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table
                    if not re.match(r"^\|?\s*:?-{3,}", r.strip())]
            blocks.append(("table", rows))
            table.clear()

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.lstrip().startswith("|"):
            if para:
                blocks.append(("p", list(para))); para.clear()
            table.append(s)
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
        else:
            para.append(s)
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (section_title or None, [blocks])."""
    sections, cur_title, cur = [], None, []
    for b in blocks:
        if b[0] == "h2":
            sections.append((cur_title, cur))
            cur_title, cur = b[1], []
        else:
            cur.append(b)
    sections.append((cur_title, cur))
    return sections


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def pdf_styles(base_size):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=7,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold"),
        "p": body,
        "li": ParagraphStyle("li", parent=body, leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out_path):
    if cv_id in TWO_COLUMN:
        return render_pdf_two_column(cv_id, blocks, out_path)
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id)
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out_path):
    sidebar_titles = TWO_COLUMN[cv_id]
    st = pdf_styles(9)
    page_w, page_h = A4
    margin, gap, side_w = 1.4 * cm, 0.8 * cm, 5.8 * cm
    main_w = page_w - 2 * margin - gap - side_w
    frame_h = page_h - 2 * margin
    left = Frame(margin, margin, side_w, frame_h, id="sidebar", showBoundary=0)
    right = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main", showBoundary=0)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=cv_id,
                          pageTemplates=[PageTemplate(id="twocol", frames=[left, right],
                                                      onPage=draw_bg)])
    side, main = [], []
    for title, sec_blocks in split_sections(blocks):
        if title is None:  # name + headline go on top of the sidebar
            side.extend(flowables(sec_blocks, st, side_w))
        elif title in sidebar_titles:
            side.append(Paragraph(inline_rl(title), st["h2"]))
            side.extend(flowables(sec_blocks, st, side_w))
        else:
            main.append(Paragraph(inline_rl(title), st["h2"]))
            main.extend(flowables(sec_blocks, st, main_w))
    doc.build(side + [FrameBreak()] + main)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            sub = re.split(r"((?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", part)
            for s in sub:
                if s.startswith("*") and s.endswith("*") and len(s) > 2:
                    par.add_run(s[1:-1]).italic = True
                elif s:
                    par.add_run(s)


def render_docx(cv_id, blocks, out_path):
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            for i, line in enumerate(payload):
                if i:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(cell_text.replace("**", ""))
                    if r == 0:
                        run.bold = True
            doc.add_paragraph()
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(f"{cv_id}: {fmt}")


if __name__ == "__main__":
    main()
