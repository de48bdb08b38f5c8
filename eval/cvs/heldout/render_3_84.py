"""Render the heldout3-84 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-84/render.py
The .md files are the CV text; .md targets are left as they are.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1597": "md",
    "cv-ho-1598": "pdf2col",
    "cv-ho-1599": "docx",
    "cv-ho-1600": "docx",
    "cv-ho-1601": "pdf",
    "cv-ho-1602": "md",
    "cv-ho-1603": "pdf",
    "cv-ho-1604": "md",
    "cv-ho-1605": "docx",
    "cv-ho-1606": "pdf",
    "cv-ho-1607": "md",
    "cv-ho-1608": "docx",
}

# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"cv-ho-1598": {"Contact", "Skills", "Certifications", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: title, h2, h3, bullet, para, table."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush()
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


def sections(blocks):
    """Group blocks into (heading or None, [blocks])."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], []))
        else:
            out[-1][1].append(b)
    return out


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
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


def rl_markup(text):
    s = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        s.append(t)
    return "".join(s).replace("\n", "<br/>")


# ---------------------------------------------------------------- PDF
def styles(small=False):
    base = getSampleStyleSheet()
    fs = 8.6 if small else 9.8
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=17, leading=21,
                                alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=fs + 2.4,
                             leading=fs + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=base["BodyText"], fontSize=fs,
                               leading=fs * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=base["BodyText"], fontSize=fs,
                                 leading=fs * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontSize=fs - 0.4,
                               leading=(fs - 0.4) * 1.25),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(rl_markup(payload), st["title"]))
        elif kind in ("h2", "h3"):
            out.append(Paragraph(rl_markup(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(payload), st["bullet"], bulletText="-"))
        elif kind == "para":
            out.append(Paragraph(rl_markup(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    st = styles()
    doc.build(flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                 leftPadding=4, rightPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, body_h, id="later")

    def shade(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                          pageTemplates=[PageTemplate("first", [side, main], onPage=shade),
                                         PageTemplate("later", [later])])
    st_side = styles(small=True)
    st_main = styles()
    secs = sections(blocks)
    header = secs[0][1]
    side_secs = [s for s in secs[1:] if s[0] in SIDEBAR[cv_id]]
    main_secs = [s for s in secs[1:] if s[0] not in SIDEBAR[cv_id]]

    story = [NextPageTemplate("later")]
    for head, body in side_secs:
        story += flowables([("h2", head)] + body, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(header, st_main, main_w - 8)
    for head, body in main_secs:
        story += flowables([("h2", head)] + body, st_main, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for k, line in enumerate(text.split("\n")):
        if k:
            par.add_run().add_break()
        for t, b, it in runs(line):
            r = par.add_run(t)
            r.bold = b
            r.italic = it


def render_docx(cv_id, blocks, out):
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
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
