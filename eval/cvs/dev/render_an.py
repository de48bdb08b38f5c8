"""Render the dev-an CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-an/render.py
PDF targets use reportlab (real text layer); DOCX targets use python-docx.
MD targets are the .md files themselves (nothing to render).
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle, ListFlowable, ListItem)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-505": "pdf",
    "cv-dev-506": "docx",
    "cv-dev-507": "md",
    "cv-dev-508": "pdf2col",
    "cv-dev-509": "docx",
    "cv-dev-510": "pdf",
    "cv-dev-511": "md",
    "cv-dev-512": "md",
    "cv-dev-513": "docx",
    "cv-dev-514": "pdf",
    "cv-dev-515": "md",
    "cv-dev-516": "docx",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR_SECTIONS = {"cv-dev-508": {"Contact", "Skills", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush_para()
            i += 1
            continue
        if line.startswith("### "):
            flush_para(); blocks.append(("h3", line[4:].strip()))
        elif line.startswith("## "):
            flush_para(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush_para(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        elif line.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif blocks and blocks[-1][0] == "h1" and not para:
            # line right under the name: a headline
            blocks.append(("sub", line.strip()))
        else:
            para.append(line)
        i += 1
    flush_para()
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


def rl_markup(text):
    res = []
    for t, b, it in spans(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=2),
        "sub": ParagraphStyle("sub", parent=ss["Normal"], fontName="Helvetica-Oblique",
                              fontSize=base_size + 1, leading=base_size + 4, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size, leading=base_size + 3, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
    }


def pdf_flowables(blocks, st):
    fl = []
    for kind, payload in blocks:
        if kind in ("h1", "sub", "h2", "h3", "p"):
            fl.append(Paragraph(rl_markup(payload), st[kind]))
        elif kind == "ul":
            fl.append(ListFlowable(
                [ListItem(Paragraph(rl_markup(x), st["p"]), leftIndent=10) for x in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id)
    doc.build(pdf_flowables(blocks, pdf_styles()))
    return out


def split_sidebar(cv_id, blocks):
    """Title + sidebar sections go left, everything else right."""
    wanted = SIDEBAR_SECTIONS[cv_id]
    side, main = [], []
    current = side  # name/headline start in the sidebar
    for kind, payload in blocks:
        if kind == "h2":
            current = side if payload in wanted else main
        current.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap
    frame_h = H - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=4, rightPadding=4, showBoundary=0)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=4, rightPadding=4, showBoundary=0)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, frame_h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[side, main], onPage=decorate)])
    side_blocks, main_blocks = split_sidebar(cv_id, blocks)
    side_st = pdf_styles(base_size=9)
    side_st["h1"] = ParagraphStyle("h1s", parent=side_st["h1"], fontSize=16, leading=19)
    story = pdf_flowables(side_blocks, side_st)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, pdf_styles())
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in spans(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "sub":
            p = d.add_paragraph()
            r = p.add_run(payload)
            r.italic = True
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "ul":
            for item in payload:
                add_runs(d.add_paragraph(style="List Bullet"), item)
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
    d.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
