"""Render the dev-cb CVs from Markdown to their target formats (PDF / DOCX).

Run with:  /work/main/.venv/bin/python eval/cvs/dev-cb/render.py
The .md files are the source of truth; .md targets are left as they are.
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (
    BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
    Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-985": "md",
    "cv-dev-986": "docx",
    "cv-dev-987": "pdf",
    "cv-dev-988": "pdf2col",
    "cv-dev-989": "docx",
    "cv-dev-990": "md",
    "cv-dev-991": "pdf",
    "cv-dev-992": "pdf",
    "cv-dev-993": "docx",
    "cv-dev-994": "md",
    "cv-dev-995": "docx",
    "cv-dev-996": "md",
}

# Sections of the two-column CV that go into the left sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
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
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            blocks.append(("li", line[2:].strip()))
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
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Split blocks into [(heading or None, [blocks])]."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        else:
            sections[-1][1].append((kind, payload))
    return sections


def inline_rl(text):
    """Markdown inline (**bold**, *italic*) -> reportlab mini-markup."""
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Yield (segment, bold, italic) for python-docx."""
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        else:
            for sub in re.split(r"((?<!\*)\*[^*]+\*)", part):
                if not sub:
                    continue
                if sub.startswith("*") and sub.endswith("*") and len(sub) > 2:
                    yield sub[1:-1], False, True
                else:
                    yield sub, False, False


# ---------------------------------------------------------------- PDF
def styles(scale=1.0):
    base = 9.5 * scale
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8,
                             leading=base + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 2,
                             leading=base + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base,
                            leading=base + 3, spaceAfter=2),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base,
                             leading=base + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
    }


def flowables(blocks, st, avail_width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="-"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[avail_width * 0.6, avail_width * 0.4])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(md_text, out_path, title):
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, title=title,
                            leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm)
    st = styles()
    doc.build(flowables(parse(md_text), st, doc.width))


def render_pdf_two_column(md_text, out_path, title):
    """Sidebar (left frame) with contact/skills, main column (right frame)."""
    page_w, page_h = A4
    margin = 1.4 * cm
    gap = 0.6 * cm
    side_w = 5.6 * cm
    main_w = page_w - 2 * margin - side_w - gap
    h = page_h - 2 * margin
    side = Frame(margin, margin, side_w, h, id="sidebar",
                 leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, main_w, h, id="main",
                 leftPadding=4, rightPadding=4)
    later = Frame(margin + side_w + gap, margin, main_w, h, id="main2",
                  leftPadding=4, rightPadding=4)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    sections = split_sections(parse(md_text))
    side_blocks, main_blocks = [], []
    for head, blocks in sections:
        (side_blocks if head in SIDEBAR_SECTIONS else main_blocks).extend(blocks)
    side_st = styles(scale=0.9)
    main_st = styles()
    story = flowables(side_blocks, side_st, side_w - 8)
    story += [NextPageTemplate("later"), FrameBreak()]
    story += flowables(main_blocks, main_st, main_w - 8)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold, italic in inline_runs(text):
        r = par.add_run(seg)
        r.bold = bold or None
        r.italic = italic or None


def render_docx(md_text, out_path, title):
    doc = Document()
    doc.core_properties.title = title
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md_text):
        if kind == "h1":
            add_runs(doc.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(doc.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(doc.add_heading(level=2), payload)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, text in enumerate(row):
                    par = cells[ci].paragraphs[0]
                    add_runs(par, text)
                    if ri == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out_path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        md_text = md_path.read_text(encoding="utf-8")
        title = f"CV {cv_id}"
        if fmt == "md":
            print(f"{cv_id}: md (source is the target)")
            continue
        if fmt == "pdf":
            out = HERE / f"{cv_id}.pdf"
            render_pdf(md_text, out, title)
        elif fmt == "pdf2col":
            out = HERE / f"{cv_id}.pdf"
            render_pdf_two_column(md_text, out, title)
        elif fmt == "docx":
            out = HERE / f"{cv_id}.docx"
            render_docx(md_text, out, title)
        else:
            raise ValueError(fmt)
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
