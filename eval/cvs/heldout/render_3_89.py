"""Render the heldout3-89 CVs from their Markdown text to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-89/render.py
The .md files are the source of truth; PDFs (reportlab) and DOCX (python-docx)
are generated next to them. cv-ho-1657 is laid out in two columns (sidebar
frame + main frame); cv-ho-1658 gets a real Word table for its skills.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate, HRFlowable)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

FORMATS = {
    "cv-ho-1657": "pdf-two-column",
    "cv-ho-1658": "docx",
    "cv-ho-1659": "md",
    "cv-ho-1660": "pdf",
    "cv-ho-1661": "docx",
    "cv-ho-1662": "pdf",
    "cv-ho-1663": "md",
    "cv-ho-1664": "docx",
    "cv-ho-1665": "pdf",
    "cv-ho-1666": "docx",
    "cv-ho-1667": "md",
    "cv-ho-1668": "md",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        if not s:
            i += 1
            continue
        if s.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if s == "---":
            blocks.append(("hr", None))
        elif s.startswith("### "):
            blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            blocks.append(("bullet", s[2:]))
        elif re.match(r"\d+\. ", s):
            blocks.append(("number", re.sub(r"^\d+\. ", "", s)))
        else:
            blocks.append(("p", s))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic)."""
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
    res = []
    for seg, b, it in inline_runs(text):
        seg = escape(seg)
        if b:
            seg = f"<b>{seg}</b>"
        if it:
            seg = f"<i>{seg}</i>"
        res.append(seg)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13,
                             spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=base_size,
                            leading=base_size * 1.3, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=ss["Normal"], fontSize=base_size,
                                 leading=base_size * 1.3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st):
    out = []
    n = 0
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
            n = 0
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="-"))
        elif kind == "number":
            n += 1
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText=f"{n}."))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey,
                                  spaceBefore=2, spaceAfter=4))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=None)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic")
    doc.build(flowables(blocks, styles()))
    return path


def split_sections(blocks):
    """Split into header blocks (before first h2) and sidebar / main blocks."""
    header, side, main = [], [], []
    target = header
    for kind, payload in blocks:
        if kind == "h2":
            target = side if payload in SIDEBAR else main
        target.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    side_w = 58 * mm
    gap = 7 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=0, rightPadding=0)
    main_frame = Frame(main_x, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0)
    full_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")
    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="one", frames=[full_frame]),
    ])
    header, side, main = split_sections(blocks)
    st_side = styles(8.3)
    st_side["h2"] = ParagraphStyle("h2s", parent=st_side["h2"], fontSize=10.5, leading=13)
    st_main = styles(9.2)
    story = [NextPageTemplate("one")]
    story += flowables(header, st_side)
    story += flowables(side, st_side)
    story.append(FrameBreak())
    story += flowables(main, st_main)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "number":
            add_runs(d.add_paragraph(style="List Number"), payload)
        elif kind == "hr":
            d.add_paragraph("")
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncols)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic"
    d.save(str(path))
    return path


def main():
    for cv_id, fmt in FORMATS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {fmt:15s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
