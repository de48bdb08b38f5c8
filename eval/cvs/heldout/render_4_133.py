"""Render the heldout4-133 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-133/render.py
The .md files are the source of truth; the .md-target CVs are not rendered.
"""
import os
import re

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2185": "pdf",
    "cv-ho-2186": "docx",
    "cv-ho-2187": "md",
    "cv-ho-2188": "pdf-2col",
    "cv-ho-2189": "docx",
    "cv-ho-2190": "pdf",
    "cv-ho-2191": "md",
    "cv-ho-2192": "docx",
    "cv-ho-2193": "md",
    "cv-ho-2194": "docx",
    "cv-ho-2195": "pdf",
    "cv-ho-2196": "md",
}

# Sections of the two-column CV that go into the left sidebar (the rest is the main column).
SIDEBAR = {"cv-ho-2188": ["Contact", "Skills", "Education", "Certifications", "Currently", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: h1, h2, h3, para, bullets, table."""
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
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not re.match(r"(#|- |\|)", lines[i].lstrip()):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


# ---------------------------------------------------------------- PDF
def md_inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.5 if small else 9.5
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17 if small else 18, alignment=0,
                             spaceAfter=4, leading=21),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base + 1, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base, leading=base * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base, leading=base * 1.3,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1),
    }
    return st


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(md_inline_to_rl(payload), st[kind]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(md_inline_to_rl(p) for p in payload), st["para"]))
        elif kind == "bullets":
            for item in payload:
                out.append(Paragraph(md_inline_to_rl(item), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["para"]) for c in row] for row in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, path):
    st = pdf_styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="")
    doc.build(blocks_to_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, path):
    """Sidebar (skills, contact...) in a narrow left frame, experience in the wide right frame."""
    st = pdf_styles(small=True)
    header, sections = split_sections(blocks)
    side_titles = SIDEBAR[cv_id]
    side = header + [b for title, bl in sections if title in side_titles for b in [("h2", title)] + bl]
    main = [b for title, bl in sections if title not in side_titles for b in [("h2", title)] + bl]

    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    f_side = Frame(margin, margin, side_w, H - 2 * margin, id="side", leftPadding=0, rightPadding=0)
    f_main = Frame(main_x, margin, main_w, H - 2 * margin, id="main", leftPadding=0, rightPadding=0)
    f_cont = Frame(main_x, margin, main_w, H - 2 * margin, id="cont", leftPadding=0, rightPadding=0)
    doc = BaseDocTemplate(path, pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="first", frames=[f_side, f_main], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[f_cont], onPage=sidebar_bg)])
    story = blocks_to_flowables(side, st, side_w)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += blocks_to_flowables(main, st, main_w)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(cv_id, blocks, path):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_inline(p, line)
        elif kind == "bullets":
            for item in payload:
                add_inline(doc.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = ""
                    par = table.cell(r, c).paragraphs[0]
                    add_inline(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(path)


def main():
    for cv_id, target in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as fh:
            blocks = parse(fh.read())
        if target == "md":
            continue
        if target == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif target == "pdf-2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print(f"{cv_id}: {os.path.basename(out)} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
