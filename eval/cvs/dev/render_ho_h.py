"""Render the heldout-h CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout-h/render.py

- PDF (real text layer, reportlab): cv-ho-086 (two-column: sidebar frame + main
  frame on a BaseDocTemplate), cv-ho-088, cv-ho-089, cv-ho-095 (single column).
- DOCX (python-docx): cv-ho-085 (skills as a real Word table), cv-ho-090,
  cv-ho-093, cv-ho-094.
- The remaining CVs (087, 091, 092, 096) are Markdown; the .md is the target.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-088", "cv-ho-089", "cv-ho-095"]
PDF_TWO_COLUMN = {"cv-ho-086": {"Contact", "Skills", "Languages", "Interests"}}
DOCX = ["cv-ho-085", "cv-ho-090", "cv-ho-093", "cv-ho-094"]


# ---------------------------------------------------------------- markdown ---
def parse(md_text):
    """Parse the small Markdown subset used by the CVs into blocks.

    Returns a list of (kind, payload, section) where kind is one of
    title, h2, h3, para, italic, bullet, table.
    """
    blocks, section = [], None
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows, section))
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:].strip(), section))
        elif line.startswith("## "):
            section = line[3:].strip()
            blocks.append(("h2", section, section))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip(), section))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip(), section))
        elif re.fullmatch(r"\*[^*].*\*", line.strip()):
            blocks.append(("italic", line.strip()[1:-1], section))
        else:
            blocks.append(("para", line.strip(), section))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markup into (text, bold, italic) runs."""
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


def to_rl(text):
    """Inline markup -> reportlab paragraph markup."""
    html = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        html.append(t)
    return "".join(html)


# --------------------------------------------------------------------- PDF ---
def styles(base_size):
    s = {}
    s["title"] = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=base_size + 9,
                                leading=base_size + 12, spaceAfter=4)
    s["h2"] = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a"))
    s["h3"] = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=4, spaceAfter=1)
    s["para"] = ParagraphStyle("para", fontName="Helvetica", fontSize=base_size,
                               leading=base_size + 3, spaceAfter=2)
    s["italic"] = ParagraphStyle("italic", parent=s["para"], fontName="Helvetica-Oblique",
                                 textColor=colors.HexColor("#444444"))
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5)
    return s


def flowables(blocks, st, width):
    out = []
    for kind, payload, _ in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="\u2013"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf_single(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id,
                            author="synthetic CV")
    st = styles(9.5)
    doc.build(flowables(blocks, st, doc.width))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_sections):
    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin, gap, side_w = 1.5 * cm, 0.8 * cm, 5.6 * cm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    body_h = page_h - 2 * margin
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=4,
                    rightPadding=4, topPadding=4, bottomPadding=4)
    main = Frame(main_x, margin, main_w, body_h, id="main", leftPadding=4, rightPadding=4,
                 topPadding=4, bottomPadding=4)
    later = Frame(main_x, margin, main_w, body_h, id="later")

    def shade(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[sidebar, main], onPage=shade),
                          PageTemplate(id="later", frames=[later], onPage=shade)])
    st_side, st_main = styles(8.5), styles(9)
    title = [b for b in blocks if b[0] == "title"]
    side = [b for b in blocks if b[0] != "title" and b[2] in sidebar_sections]
    rest = [b for b in blocks if b[0] != "title" and b[2] not in sidebar_sections]
    story = flowables(title, st_side, side_w) + flowables(side, st_side, side_w)
    story += [FrameBreak(), NextPageTemplate("later")]
    story += flowables(rest, st_main, main_w)
    doc.build(story)
    return path


# -------------------------------------------------------------------- DOCX ---
def add_runs(par, text, italic_all=False):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it or italic_all


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload, _ in blocks:
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "italic":
            add_runs(doc.add_paragraph(), payload, italic_all=True)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, text in enumerate(row):
                    cells[c_i].text = ""
                    add_runs(cells[c_i].paragraphs[0], f"**{text}**" if r_i == 0 else text)
            doc.add_paragraph()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    doc.save(str(path))
    return path


def main():
    made = []
    for cv_id in PDF_SINGLE:
        made.append(render_pdf_single(cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8"))))
    for cv_id, side in PDF_TWO_COLUMN.items():
        made.append(render_pdf_two_column(cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8")),
                                          side))
    for cv_id in DOCX:
        made.append(render_docx(cv_id, parse((HERE / f"{cv_id}.md").read_text("utf-8"))))
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
