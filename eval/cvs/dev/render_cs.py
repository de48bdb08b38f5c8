"""Render the dev-cs CVs from their Markdown source to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cs/render.py

Each CV's text lives in <id>.md.  CVs whose target is PDF or DOCX are
rendered from that Markdown; CVs whose target is Markdown are left as-is.
The Markdown subset used here is small: '#', '##', '###' headings, '- '
bullets, pipe tables, '---' rules, paragraphs, and **bold** / *italic*.
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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-1189": "pdf2col",
    "cv-dev-1190": "docx",
    "cv-dev-1191": "md",
    "cv-dev-1192": "docx",
    "cv-dev-1193": "pdf",
    "cv-dev-1194": "md",
    "cv-dev-1195": "docx",
    "cv-dev-1196": "pdf",
    "cv-dev-1197": "md",
    "cv-dev-1198": "docx",
    "cv-dev-1199": "pdf",
    "cv-dev-1200": "md",
}

# For the two-column PDF: which '##' sections go into the left sidebar.
SIDEBAR = {
    "cv-dev-1189": ["Contact", "Skills", "Currently learning", "Languages", "Interests"],
}


# --------------------------------------------------------------------------
# Markdown parsing
# --------------------------------------------------------------------------

def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    para = []
    lines = md_text.splitlines()
    i = 0

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("### "):
            flush()
            blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush()
            blocks.append(("h1", s[2:]))
        elif s == "---":
            flush()
            blocks.append(("hr", None))
        elif s.startswith("- "):
            flush()
            blocks.append(("li", s[2:]))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def spans(text):
    """Split inline markdown into (text, bold, italic) spans."""
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


def to_rl(text):
    """Inline markdown -> reportlab paragraph markup."""
    res = []
    for t, b, it in spans(text):
        t = html.escape(t, quote=False)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 10
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=20, leading=24,
                             alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 3,
                             leading=base + 6, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base + 1,
                             leading=base + 4, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base,
                            leading=base * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base,
                             leading=base * 1.3, leftIndent=10, bulletIndent=0,
                             spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=base - 0.5,
                               leading=(base - 0.5) * 1.25),
    }
    return st


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(x) for x in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2013"))
        elif kind == "hr":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks, out_path):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4,
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))


def split_sidebar(cv_id, blocks):
    """Header (before first h2), sidebar sections, main sections."""
    names = set(SIDEBAR[cv_id])
    header, side, main = [], [], []
    current = header
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in names else main
        current.append((kind, payload))
    return header, side, main


def render_pdf_two_column(cv_id, blocks, out_path):
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    header_h = 26 * mm
    main_x = margin + side_w + gap
    main_w = W - main_x - margin
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(main_x, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, side, main = split_sidebar(cv_id, blocks)
    st_main = pdf_styles()
    st_side = pdf_styles(small=True)
    story = [NextPageTemplate("later")]
    story += flowables(header, st_main, W - 2 * margin)
    story.append(FrameBreak())
    story += flowables(side, st_side, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st_main, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def add_runs(paragraph, text):
    for t, b, it in spans(text):
        run = paragraph.add_run(t)
        run.bold = b
        run.italic = it


def render_docx(cv_id, blocks, out_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, payload)
        elif kind == "p":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "li":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    par = cells[c].paragraphs[0]
                    add_runs(par, val)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
        elif kind == "hr":
            doc.add_paragraph()
    doc.save(str(out_path))


# --------------------------------------------------------------------------

def main():
    for cv_id, target in TARGETS.items():
        src = HERE / f"{cv_id}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if target == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, blocks, out)
        elif target == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(cv_id, blocks, out)
        elif target == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        else:
            out = src
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
