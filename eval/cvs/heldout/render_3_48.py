"""Render the Markdown CVs of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-48/render.py
The .md file is the CV's text; MD-target CVs are not rendered.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1165": "pdf",
    "cv-ho-1166": "docx",
    "cv-ho-1167": "md",
    "cv-ho-1168": "pdf2col",
    "cv-ho-1169": "docx",
    "cv-ho-1170": "md",
    "cv-ho-1171": "pdf",
    "cv-ho-1172": "docx",
    "cv-ho-1173": "md",
    "cv-ho-1174": "pdf",
    "cv-ho-1175": "docx",
    "cv-ho-1176": "md",
}
# Sections that go into the left sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-1168": {"Contact", "Skills", "Languages", "Education"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). Kinds: title, heading, para, bullets, table."""
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
            blocks.append(("heading", line[3:].strip()))
        elif line.startswith("- ") or re.match(r"^\d+\. ", line):
            items = []
            numbered = not line.startswith("- ")
            while i < len(lines) and (lines[i].startswith("- ") or re.match(r"^\d+\. ", lines[i])):
                items.append(re.sub(r"^(- |\d+\. )", "", lines[i]).strip())
                i += 1
            blocks.append(("bullets", (numbered, items)))
            continue
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def segments(text):
    """Split inline markdown into (text, bold, italic) segments."""
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
    res = []
    for seg, b, it in segments(text):
        s = html.escape(seg, quote=False)
        if b:
            s = f"<b>{s}</b>"
        if it:
            s = f"<i>{s}</i>"
        res.append(s)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 10
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base, leading=base * 1.3, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("t", parent=body, fontName="Helvetica-Bold",
                                fontSize=base + 8, leading=base + 12, spaceAfter=2),
        "heading": ParagraphStyle("h", parent=body, fontName="Helvetica-Bold",
                                  fontSize=base + 2, leading=base + 5, spaceBefore=8,
                                  spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "para": ParagraphStyle("p", parent=body, spaceAfter=3),
        "bullet": body,
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(rl_markup(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(rl_markup(payload).upper(), st["heading"]))
        elif kind == "para":
            out.append(Paragraph(rl_markup(payload), st["para"]))
        elif kind == "bullets":
            numbered, items = payload
            out.append(ListFlowable(
                [ListItem(Paragraph(rl_markup(t), st["bullet"]), leftIndent=12) for t in items],
                bulletType="1" if numbered else "bullet", start="1" if numbered else None,
                leftIndent=12, bulletFontSize=st["bullet"].fontSize - 2, spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["bullet"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=cv_id, author="")
    doc.build(flowables(blocks, styles()))
    return path


def split_sidebar(blocks, sidebar_titles):
    """Title block and sidebar sections go left, everything else right."""
    left, right = [], []
    current = left  # content before the first heading (name, tagline) -> sidebar
    for kind, payload in blocks:
        if kind == "heading":
            current = left if payload in sidebar_titles else right
        current.append((kind, payload))
    return left, right


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    width, height = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_w = width - 2 * margin - side_w - gap
    frame_h = height - 2 * margin
    left_frame = Frame(margin, margin, side_w, frame_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right_frame = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                        leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2 * mm, margin - 2 * mm, side_w + 4 * mm, frame_h + 4 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[left_frame, right_frame],
                                       onPage=sidebar_bg)])
    left, right = split_sidebar(blocks, SIDEBAR[cv_id])
    st = styles(small=True)
    story = flowables(left, st) + [FrameBreak()] + flowables(right, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in segments(text):
        run = par.add_run(seg)
        run.bold = b
        run.italic = it


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "heading":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullets":
            numbered, items = payload
            for t in items:
                add_runs(doc.add_paragraph(style="List Number" if numbered else "List Bullet"), t)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_idx, row in enumerate(payload):
                cells = table.add_row().cells
                for c_idx, text in enumerate(row):
                    p = cells[c_idx].paragraphs[0]
                    add_runs(p, text)
                    if r_idx == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.author = ""
    doc.core_properties.title = cv_id
    doc.save(str(path))
    return path


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            p = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            p = render_docx(cv_id, blocks)
        else:
            p = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {p.name} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
