"""Render the Markdown CVs of eval/cvs/dev-av/ to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-av/render.py

Each <id>.md holds the CV text.  The target format of each CV is given in
TARGETS below: "pdf", "pdf-2col" (two frames: sidebar + main column, so the
text layer really is two columns), "docx" (Markdown tables become real Word
tables) or "md" (the Markdown file itself is the target, nothing rendered).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-601": "md",
    "cv-dev-602": "pdf-2col",
    "cv-dev-603": "docx",
    "cv-dev-604": "pdf",
    "cv-dev-605": "docx",
    "cv-dev-606": "md",
    "cv-dev-607": "pdf",
    "cv-dev-608": "docx",
    "cv-dev-609": "pdf",
    "cv-dev-610": "md",
    "cv-dev-611": "docx",
    "cv-dev-612": "md",
}

# For the two-column PDF: which "##" sections go into the left sidebar.
SIDEBAR_SECTIONS = {
    "cv-dev-602": {"Skills", "Certifications", "Languages", "Interests"},
}


# --------------------------------------------------------------------------
# A tiny Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse(md: str):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, bullets (list of str), table (list of rows)."""
    blocks = []
    lines = md.splitlines()
    i = 0
    para: list[str] = []

    def flush_para():
        if para:
            blocks.append(("p", "\n".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if re.match(r"^\s*[-*]\s+", line):
            flush_para()
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                items.append(re.sub(r"^\s*[-*]\s+", "", lines[i]).strip())
                i += 1
            blocks.append(("bullets", items))
            continue
        if line.lstrip().startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        para.append(line.strip())
        i += 1
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text: str) -> str:
    """Inline Markdown -> reportlab paragraph markup."""
    out = []
    for seg, b, it in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def styles(base=10.0):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=base + 8,
                             leading=base + 11, spaceAfter=3),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=base + 1.5,
                             leading=base + 4, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base,
                             leading=base + 3, spaceBefore=4, spaceAfter=1),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base,
                            leading=base + 3, spaceAfter=3, alignment=TA_LEFT),
        "li": ParagraphStyle("li", fontName="Helvetica", fontSize=base,
                             leading=base + 3),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 1,
                               leading=base + 1.5),
    }


def check_pdf_chars(text: str, cv_id: str):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as e:  # Helvetica (WinAnsi) cannot show it
        sys.exit("%s: character not in WinAnsi for PDF: %r" % (cv_id, e.object[e.start:e.end]))


def flowables(blocks, st, avail_width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            for ln in payload.split("\n"):
                out.append(Paragraph(to_rl(ln), st["p"]))
        elif kind == "bullets":
            out.append(ListFlowable(
                [ListItem(Paragraph(to_rl(t), st["li"]), leftIndent=10) for t in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7,
                spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[avail_width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id: str, blocks, out: Path):
    st = styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flowables(blocks, st, doc.width))


def split_sections(blocks):
    """[(section_title or None, [blocks])] by '##' headings; h1 kept in head."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], [b]))
        else:
            sections[-1][1].append(b)
    return sections


def render_pdf_two_column(cv_id: str, blocks, out: Path):
    st = styles(9)
    side_st = styles(8.5)
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = page_w - 2 * margin - side_w - gap
    h = page_h - 2 * margin

    sidebar_frame = Frame(margin, margin, side_w, h, id="sidebar",
                          leftPadding=4, rightPadding=4, showBoundary=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, h, id="main",
                       leftPadding=4, rightPadding=4, showBoundary=0)
    later_frame = Frame(margin, margin, page_w - 2 * margin, h, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="two", frames=[sidebar_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="one", frames=[later_frame]),
    ])

    side_titles = SIDEBAR_SECTIONS[cv_id]
    head, side, main = [], [], []
    for title, bl in split_sections(blocks):
        if title is None:
            head.extend(bl)          # name + contact line go to the sidebar top
        elif title in side_titles:
            side.extend(bl)
        else:
            main.extend(bl)

    story = [NextPageTemplate("one")]
    story += flowables(head, side_st, side_w - 8)
    story += flowables(side, side_st, side_w - 8)
    story.append(FrameBreak())
    story += flowables(main, st, main_w - 8)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for seg, b, it in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id: str, blocks, out: Path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            lines = payload.split("\n")
            for k, ln in enumerate(lines):
                add_runs(par, ln)
                if k < len(lines) - 1:
                    par.add_run().add_break()
        elif kind == "bullets":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c in range(ncols):
                    text = row[c] if c < len(row) else ""
                    par = cells[c].paragraphs[0]
                    add_runs(par, text)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / ("%s.md" % cv_id)
        md = src.read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "md":
            print("%s: md (source is the target)" % cv_id)
            continue
        if fmt.startswith("pdf"):
            check_pdf_chars(md, cv_id)
            out = HERE / ("%s.pdf" % cv_id)
            if fmt == "pdf-2col":
                render_pdf_two_column(cv_id, blocks, out)
            else:
                render_pdf(cv_id, blocks, out)
        else:
            out = HERE / ("%s.docx" % cv_id)
            render_docx(cv_id, blocks, out)
        print("%s: %s -> %s (%d bytes)" % (cv_id, fmt, out.name, out.stat().st_size))


if __name__ == "__main__":
    main()
