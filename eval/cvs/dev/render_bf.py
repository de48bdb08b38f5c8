"""Render the dev-bf CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bf/render.py
The .md file is the CV's content; this script only changes the layout.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-721": "pdf-2col",
    "cv-dev-722": "docx",
    "cv-dev-723": "md",
    "cv-dev-724": "pdf",
    "cv-dev-725": "docx",
    "cv-dev-726": "md",
    "cv-dev-727": "pdf",
    "cv-dev-728": "md",
    "cv-dev-729": "docx",
    "cv-dev-730": "md",
    "cv-dev-731": "pdf",
    "cv-dev-732": "docx",
}

# sections that go to the sidebar in the two-column layout
SIDEBAR = {"skills", "languages", "interests"}


def parse(md_text):
    """Return list of blocks: (kind, payload)."""
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
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Group blocks into (heading, [blocks]) with heading None for the header part."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return sections


# ---------- PDF ----------

def md_inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold",
                                fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                               fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica",
                                 fontSize=base_size, leading=base_size + 3, leftIndent=12,
                                 bulletIndent=2, spaceAfter=2),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(md_inline_to_rl(payload), st["title"]))
        elif kind in ("h2", "h3"):
            out.append(Paragraph(md_inline_to_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(md_inline_to_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph(md_inline_to_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["para"]) for c in r] for r in payload]
            t = Table(data, colWidths=[width * 0.65, width * 0.35])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(md_text, out_path):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=out_path.stem, author="synthetic CV")
    doc.build(blocks_to_flowables(parse(md_text), st, doc.width))


def render_pdf_two_column(md_text, out_path):
    """Sidebar (contact, skills, languages, interests) in a left frame; the rest in a right frame."""
    st = pdf_styles(9.5)
    side_st = pdf_styles(9)
    W, H = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_w = W - 2 * margin - side_w - gap
    left = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4)
    right = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main")
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(margin - 4, margin - 4, side_w + 8, H - 2 * margin + 8, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=out_path.stem, author="synthetic CV")
    doc.addPageTemplates([PageTemplate(id="first", frames=[left, right], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[full])])

    sections = split_sections(parse(md_text))
    header_blocks = sections[0][1]
    side, main = [], []
    # name + contact line go at the top of the sidebar
    side += blocks_to_flowables(header_blocks, side_st, side_w)
    for heading, blocks in sections[1:]:
        target = side if heading.lower() in SIDEBAR else main
        sty = side_st if target is side else st
        w = side_w if target is side else main_w
        target += blocks_to_flowables([("h2", heading)] + blocks, sty, w)
    story = [NextPageTemplate("later")] + side + [FrameBreak()] + main
    doc.build(story)


# ---------- DOCX ----------

def add_inline_runs(par, text):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part:
            par.add_run(part)


def render_docx(md_text, out_path):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in parse(md_text):
        if kind == "title":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "bullet":
            add_inline_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_inline_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, txt in enumerate(row):
                    cells[c_i].text = ""
                    run = cells[c_i].paragraphs[0].add_run(txt)
                    run.bold = r_i == 0
    doc.core_properties.title = out_path.stem
    doc.core_properties.author = "synthetic CV"
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md_text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        if fmt == "pdf":
            render_pdf(md_text, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf-2col":
            render_pdf_two_column(md_text, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(md_text, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
