"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout5-144/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2317", "cv-ho-2320", "cv-ho-2323", "cv-ho-2326"]
TWO_COLUMN = {"cv-ho-2320": {"Contact", "Skills", "Education", "Languages"}}
DOCX_IDS = ["cv-ho-2318", "cv-ho-2321", "cv-ho-2324", "cv-ho-2327"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, h3, para, bullet, numbered, table(rows)
    """
    blocks, para, table = [], [], []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
            table.clear()

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            flush_para()
            table.append(line)
            continue
        flush_table()
        if not line.strip():
            flush_para()
        elif line.startswith("# "):
            flush_para(); blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            flush_para(); blocks.append(("bullet", line[2:].strip()))
        elif re.match(r"^\d+\. ", line):
            flush_para(); blocks.append(("numbered", line.strip()))
        else:
            para.append(line.strip())
    flush_para()
    flush_table()
    return blocks


def split_sections(blocks):
    """Header blocks (before first h2) and list of (section title, blocks)."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


# ---------------------------------------------------------------- PDF
def md_inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", text)
    return text


def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13, spaceBefore=4, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base_size, leading=base_size * 1.3,
                                 leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(md_inline_to_rl(payload), st["title"]))
        elif kind in ("h2", "h3", "para"):
            out.append(Paragraph(md_inline_to_rl(payload), st[kind]))
        elif kind == "bullet":
            out.append(Paragraph(md_inline_to_rl(payload), st["bullet"], bulletText="\u2013"))
        elif kind == "numbered":
            num, rest = payload.split(" ", 1)
            out.append(Paragraph(md_inline_to_rl(rest), st["bullet"], bulletText=num))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5"))]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic")
    doc.build(blocks_to_flowables(blocks, st))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    """Sidebar (left frame) with skills etc., main column (right frame) with the rest."""
    path = HERE / f"{cv_id}.pdf"
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in sidebar_titles]
    main = [s for s in sections if s[0] not in sidebar_titles]

    W, H = A4
    margin = 14 * mm
    side_w = 62 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side", showBoundary=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main", showBoundary=0)
    later_main = Frame(main_x, margin, main_w, H - 2 * margin, id="main2", showBoundary=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
                          PageTemplate(id="later", frames=[later_main], onPage=sidebar_bg)])
    st_side = pdf_styles(base_size=8.8)
    st_main = pdf_styles(base_size=9.8)
    story = [NextPageTemplate("later")]
    for title, blks in side:
        story += blocks_to_flowables([("h2", title)] + blks, st_side)
    story.append(FrameBreak())
    story += blocks_to_flowables(header, st_main)
    story.append(Spacer(1, 2 * mm))
    for title, blks in main:
        story += blocks_to_flowables([("h2", title)] + blks, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_inline_runs(paragraph, text):
    for part in re.split(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(part)


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
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
            add_inline_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_inline_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "numbered":
            add_inline_runs(doc.add_paragraph(style="List Number"), payload.split(" ", 1)[1])
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    p = table.cell(i, j).paragraphs[0]
                    run = p.add_run(cell)
                    run.bold = (i == 0)
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            p = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            p = render_pdf(cv_id, blocks)
        print(p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
