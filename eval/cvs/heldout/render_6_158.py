"""Render the heldout6-158 CVs from their Markdown source to the target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout6-158/render.py
The .md file is the CV's exact content; PDFs get a real text layer (reportlab),
DOCX files are built with python-docx (Markdown tables become real Word tables).
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2485": "pdf",
    "cv-ho-2486": "docx",
    "cv-ho-2487": "md",
    "cv-ho-2488": "pdf-two-column",
    "cv-ho-2489": "docx",
    "cv-ho-2490": "pdf",
    "cv-ho-2491": "md",
    "cv-ho-2492": "docx",
    "cv-ho-2493": "pdf",
    "cv-ho-2494": "md",
    "cv-ho-2495": "md",
    "cv-ho-2496": "docx",
}

# Sections placed in the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload), grouped into sections.

    Result: (name, [ (section_title or None, [blocks]) ])
    kinds: 'h3', 'date', 'bullet', 'para', 'table'
    """
    name = None
    sections = [[None, []]]
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            sections.append([line[3:].strip(), []])
        elif line.startswith("### "):
            sections[-1][1].append(("h3", line[4:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            sections[-1][1].append(("table", rows))
            continue
        elif line.startswith("- "):
            sections[-1][1].append(("bullet", line[2:].strip()))
        elif re.fullmatch(r"\*[^*].*[^*]\*", line.strip()):
            sections[-1][1].append(("date", line.strip()[1:-1]))
        else:
            sections[-1][1].append(("para", line.strip()))
        i += 1
    sections = [s for s in sections if s[0] is not None or s[1]]
    return name, sections


def inline_html(text):
    t = escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", t)
    return t


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontName="Helvetica-Bold",
                               fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3b63"), spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Normal"], fontName="Helvetica-Bold",
                             fontSize=base_size, leading=base_size + 3, spaceBefore=4),
        "date": ParagraphStyle("date", parent=ss["Normal"], fontName="Helvetica-Oblique",
                               fontSize=base_size - 1, leading=base_size + 2,
                               textColor=colors.HexColor("#555555"), spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1),
    }


def section_flowables(title, blocks, st, width):
    out = []
    if title:
        out.append(Paragraph(escape(title), st["h2"]))
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_html(c), st["para"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_html(payload), st["bullet"], bulletText="\u2022"))
        else:
            out.append(Paragraph(inline_html(payload), st[kind]))
    return out


def render_pdf(cv_id, name, sections):
    path = os.path.join(HERE, cv_id + ".pdf")
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=name, author=name)
    story = [Paragraph(escape(name), st["name"])]
    for title, blocks in sections:
        story += section_flowables(title, blocks, st, doc.width)
    doc.build(story)
    return path


def render_pdf_two_column(cv_id, name, sections):
    path = os.path.join(HERE, cv_id + ".pdf")
    page_w, page_h = A4
    margin = 1.5 * cm
    gap = 0.8 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    side = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=0, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=4,
                 rightPadding=0)
    later = Frame(margin, margin, page_w - 2 * margin, body_h, id="later")
    doc = BaseDocTemplate(path, pagesize=A4, title=name, author=name)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    st_side = pdf_styles(base_size=9)
    st_main = pdf_styles(base_size=10)
    side_secs = [s for s in sections if s[0] in SIDEBAR_SECTIONS]
    main_secs = [s for s in sections if s[0] not in SIDEBAR_SECTIONS]
    story = [Paragraph(escape(name), st_side["name"]), Spacer(1, 4)]
    for title, blocks in side_secs:
        story += section_flowables(title, blocks, st_side, side_w)
    story += [NextPageTemplate("later"), FrameBreak()]
    for title, blocks in main_secs:
        story += section_flowables(title, blocks, st_main, main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, name, sections):
    path = os.path.join(HERE, cv_id + ".docx")
    d = docx.Document()
    d.core_properties.title = name
    d.core_properties.author = name
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.add_heading(name, level=0)
    for title, blocks in sections:
        if title:
            d.add_heading(title, level=1)
        for kind, payload in blocks:
            if kind == "h3":
                p = d.add_paragraph()
                r = p.add_run(payload)
                r.bold = True
            elif kind == "date":
                p = d.add_paragraph()
                r = p.add_run(payload)
                r.italic = True
            elif kind == "bullet":
                p = d.add_paragraph(style="List Bullet")
                add_runs(p, payload)
            elif kind == "table":
                t = d.add_table(rows=len(payload), cols=len(payload[0]))
                t.style = "Table Grid"
                for ri, row in enumerate(payload):
                    for ci, cell in enumerate(row):
                        c = t.cell(ri, ci)
                        c.text = ""
                        add_runs(c.paragraphs[0], cell)
                        if ri == 0:
                            for r in c.paragraphs[0].runs:
                                r.bold = True
            else:
                p = d.add_paragraph()
                add_runs(p, payload)
    d.save(path)
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = os.path.join(HERE, cv_id + ".md")
        with open(md_path, encoding="utf-8") as f:
            name, sections = parse(f.read())
        if fmt == "md":
            out = md_path
        elif fmt == "pdf":
            out = render_pdf(cv_id, name, sections)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, name, sections)
        elif fmt == "docx":
            out = render_docx(cv_id, name, sections)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {fmt:15s} -> {os.path.basename(out)} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
