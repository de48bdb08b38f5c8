"""Render the CVs in this folder from their Markdown text to their target format.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-35/render.py
PDFs get a real text layer (reportlab), DOCX files are written with python-docx.
The .md files are themselves the target for the Markdown CVs.
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
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1009": "pdf-two-column",
    "cv-ho-1010": "docx",
    "cv-ho-1011": "md",
    "cv-ho-1012": "pdf",
    "cv-ho-1013": "docx",
    "cv-ho-1014": "pdf",
    "cv-ho-1015": "md",
    "cv-ho-1016": "docx",
    "cv-ho-1017": "md",
    "cv-ho-1018": "docx",
    "cv-ho-1019": "pdf",
    "cv-ho-1020": "md",
}

# For the two-column PDF: sections that go in the left sidebar (together with the name block).
SIDEBAR_SECTIONS = {"cv-ho-1009": {"Contact", "Skills", "Currently learning", "Languages"}}


# ---------------------------------------------------------------- markdown parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: title, section, para, bullet, table."""
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
            blocks.append(("section", line[3:].strip()))
        elif re.match(r"^(- |\d+\. )", line):
            blocks.append(("bullet", re.sub(r"^(- |\d+\. )", "", line).strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def inline_runs(text):
    """Split text on **bold** and *italic* markers -> list of (text, bold, italic)."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.8 if small else 10
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=17 if small else 20,
                                alignment=0, spaceAfter=4, leading=21 if small else 24),
        "section": ParagraphStyle("s", parent=ss["Heading2"], fontSize=base + 2.5,
                                  spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base, leading=base * 1.3,
                               spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=base,
                                 leading=base * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl_markup(payload), st["title"]))
        elif kind == "section":
            out.append(Paragraph(to_rl_markup(payload), st["section"]))
        elif kind == "para":
            out.append(Paragraph(to_rl_markup(payload), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl_markup(payload), st["bullet"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out):
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles()))


def render_pdf_two_column(cv_id, blocks, out):
    """Sidebar (left, narrow) + main column (right) as two real frames."""
    sidebar_names = SIDEBAR_SECTIONS[cv_id]
    side, main = [], []
    current = side  # name block goes into the sidebar
    for kind, payload in blocks:
        if kind == "section":
            current = side if payload in sidebar_names else main
        current.append((kind, payload))

    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    frame_h = H - 2 * margin
    side_frame = Frame(margin, margin, side_w, frame_h, id="sidebar")
    main_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main")
    rest_frame = Frame(margin, margin, W - 2 * margin, frame_h, id="rest")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[rest_frame]),
    ])
    st = pdf_styles(small=True)
    story = [NextPageTemplate("rest")]
    story += flowables(side, st)
    story.append(FrameBreak())
    story += flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks, out):
    doc = Document()
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "section":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, text in enumerate(row):
                    cells[ci].text = ""
                    p = cells[ci].paragraphs[0]
                    for t, b, it in inline_runs(text):
                        r = p.add_run(t)
                        r.bold = b or ri == 0
                        r.italic = it
            doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        blocks = parse(md_path.read_text(encoding="utf-8"))
        if target == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "pdf-two-column":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif target == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        elif target == "md":
            pass  # the Markdown file is the target
        print(cv_id, target)


if __name__ == "__main__":
    main()
