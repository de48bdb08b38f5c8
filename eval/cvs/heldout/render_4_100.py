"""Render the Markdown CVs of this folder to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-100/render.py

- PDF  (reportlab, real text layer): cv-ho-1789, cv-ho-1790 (two-column), cv-ho-1791, cv-ho-1792
- DOCX (python-docx, Markdown tables become real Word tables): cv-ho-1793 .. cv-ho-1796
- MD   (the .md file itself is the target): cv-ho-1797 .. cv-ho-1800
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (
    SimpleDocTemplate, BaseDocTemplate, PageTemplate, Frame, FrameBreak,
    NextPageTemplate, Paragraph, Spacer, Table, TableStyle, ListFlowable, ListItem,
)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-1789", "cv-ho-1790", "cv-ho-1791", "cv-ho-1792"]
TWO_COLUMN = {"cv-ho-1790": {"Contact", "Skills", "Education", "Certifications", "Languages"}}
DOCX_IDS = ["cv-ho-1793", "cv-ho-1794", "cv-ho-1795", "cv-ho-1796"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para, bullets (list of str), table (list of rows)
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
            i += 1
        elif line.startswith("### "):
            blocks.append(("h2", line[4:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            blocks.append(("para", line.strip()))
            i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (str, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = esc(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.8
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=17 if small else 19, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base + 2, leading=base + 5, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                               fontSize=base, leading=base * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontName="Helvetica",
                                 fontSize=base, leading=base * 1.3),
    }


def pdf_flowables(blocks, st):
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullets":
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(x), st["bullet"]), leftIndent=10) for x in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["bullet"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        render_pdf_two_column(cv_id, blocks, out)
        return out
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(pdf_flowables(blocks, st))
    return out


def split_sections(blocks):
    """Return header blocks (before first h2) and a list of sections [(title, blocks)]."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks, out):
    side_titles = TWO_COLUMN[cv_id]
    header, sections = split_sections(blocks)
    side = [b for t, bl in sections if t in side_titles for b in bl]
    main = header + [b for t, bl in sections if t not in side_titles for b in bl]

    W, H = A4
    margin = 14 * mm
    side_w = 60 * mm
    gap = 7 * mm
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    main_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                       id="main", leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    later_frame = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                        id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, H - 2 * margin + 6, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    st_side = pdf_styles(small=True)
    st_main = pdf_styles()
    flow = pdf_flowables(side, st_side)
    flow.append(NextPageTemplate("later"))
    flow.append(FrameBreak())
    flow += pdf_flowables(main, st_main)
    doc.build(flow)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "h1":
            p = d.add_heading(level=0)
            add_runs(p, payload)
        elif kind == "h2":
            p = d.add_heading(level=1)
            add_runs(p, payload)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullets":
            for x in payload:
                add_runs(d.add_paragraph(style="List Bullet"), x)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, c in enumerate(row):
                    cells[ci].text = ""
                    para = cells[ci].paragraphs[0]
                    add_runs(para, c)
                    if ri == 0:
                        for r in para.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_pdf(cv_id, blocks).name)
    for cv_id in DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_docx(cv_id, blocks).name)


if __name__ == "__main__":
    main()
