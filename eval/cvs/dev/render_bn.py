"""Render the dev-bn CVs from their Markdown source to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bn/render.py
The .md files are the CV text; PDFs and DOCX files are generated next to them.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-817": "md",
    "cv-dev-818": "pdf-two-column",
    "cv-dev-819": "docx",
    "cv-dev-820": "pdf",
    "cv-dev-821": "docx",
    "cv-dev-822": "pdf",
    "cv-dev-823": "md",
    "cv-dev-824": "pdf",
    "cv-dev-825": "docx",
    "cv-dev-826": "md",
    "cv-dev-827": "docx",
    "cv-dev-828": "md",
}

# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages", "Interests"}


# ---------------------------------------------------------------- markdown
def parse_md(text):
    """Very small Markdown reader: headings, paragraphs, bullets, pipe tables."""
    blocks, para, table = [], [], []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^\s*[-*]\s+", line):
            flush_para()
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def inline_runs(text):
    """Split inline Markdown into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, i in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles(base=10):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8, leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2, leading=base + 5,
                             spaceBefore=7, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5, leading=base + 3, spaceBefore=4),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base + 3, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base, leading=base + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, content in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in content]
            t = Table(data, colWidths=[width * 0.35, width * 0.65])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5"))]))
            out.append(t)
        elif kind == "li":
            out.append(Paragraph(to_rl(content), st["li"], bulletText="\u2013"))
        else:
            out.append(Paragraph(to_rl(content), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(flowables(blocks, styles(10), doc.width))
    return path


def split_sections(blocks):
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = [b[1], [b]]
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    header_h = 24 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header", showBoundary=0)
    side = Frame(margin, margin, side_w, body_h, id="sidebar", showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)
    later = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic",
                          pageTemplates=[PageTemplate(id="first", frames=[header, side, main], onPage=sidebar_bg),
                                         PageTemplate(id="later", frames=[later])])
    head, sections = split_sections(blocks)
    side_blocks = [b for name, bs in sections if name in SIDEBAR_SECTIONS for b in bs]
    main_blocks = [b for name, bs in sections if name not in SIDEBAR_SECTIONS for b in bs]
    story = flowables(head, styles(10), W - 2 * margin)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(side_blocks, styles(8.5), side_w)
    story += [FrameBreak()]
    story += flowables(main_blocks, styles(9.5), main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, content in blocks:
        if kind in ("h1", "h2", "h3"):
            h = doc.add_heading(level={"h1": 0, "h2": 1, "h3": 2}[kind])
            add_runs(h, content)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), content)
        elif kind == "p":
            add_runs(doc.add_paragraph(), content)
        elif kind == "table":
            t = doc.add_table(rows=len(content), cols=len(content[0]))
            t.style = "Table Grid"
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(path))
    return path


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
