"""Render the dev-bv CVs from their Markdown text to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bv/render.py

Each <id>.md holds the CV's exact content. This script converts the CVs whose
target format is PDF or DOCX; the Markdown-target CVs are left as they are.
  * PDF  -> reportlab (real text layer); cv-dev-916 uses a two-column layout
            built from BaseDocTemplate frames (sidebar + main column).
  * DOCX -> python-docx; Markdown tables become real Word tables.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-913": "md",
    "cv-dev-914": "docx",
    "cv-dev-915": "pdf",
    "cv-dev-916": "pdf2col",
    "cv-dev-917": "docx",
    "cv-dev-918": "md",
    "cv-dev-919": "pdf",
    "cv-dev-920": "docx",
    "cv-dev-921": "pdf",
    "cv-dev-922": "md",
    "cv-dev-923": "docx",
    "cv-dev-924": "md",
}

# Sections of cv-dev-916 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Markdown parsing (only the subset the CVs use)
# --------------------------------------------------------------------------
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1/h2/h3 (str), para (str), bullets (list[str]), table (list[list[str]])
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("para", para[:]))
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
        if re.match(r"^\s*([-*]|\d+\.)\s+", line):
            flush_para()
            items = []
            numbered = bool(re.match(r"^\s*\d+\.", line))
            while i < len(lines) and re.match(r"^\s*([-*]|\d+\.)\s+", lines[i]):
                items.append(re.sub(r"^\s*([-*]|\d+\.)\s+", "", lines[i].rstrip()))
                i += 1
            blocks.append(("numbered" if numbered else "bullets", items))
            continue
        para.append(line.strip())
        i += 1
    flush_para()
    return blocks


INLINE_RE = re.compile(r"(\*\*.+?\*\*|(?<![\w*])\*[^*\s][^*]*?\*(?![\w*]))")


def inline_runs(text):
    """Split text into (segment, bold, italic) runs."""
    runs = []
    pos = 0
    for m in INLINE_RE.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        tok = m.group(0)
        if tok.startswith("**"):
            runs.append((tok[2:-2], True, False))
        else:
            runs.append((tok[1:-1], False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


def to_rl(text):
    out = []
    for seg, b, it in inline_runs(text):
        s = html.escape(seg, quote=False)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        out.append(s)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=2)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 9, leading=base_size + 13, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 2.5, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold",
                             fontSize=base_size + 1, spaceBefore=4),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            # Markdown paragraphs: consecutive lines kept as separate lines.
            out.append(Paragraph("<br/>".join(to_rl(p) for p in payload), st["body"]))
        elif kind in ("bullets", "numbered"):
            items = [ListItem(Paragraph(to_rl(t), st["bullet"]), leftIndent=12)
                     for t in payload]
            out.append(ListFlowable(items, bulletType="bullet" if kind == "bullets" else "1",
                                    start="\u2022" if kind == "bullets" else None,
                                    leftIndent=12, bulletFontSize=st["body"].fontSize))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.6, width * 0.4])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / ("%s.pdf" % cv_id)
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st, doc.width))
    return path


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks)])."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [(kind, payload)])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    path = HERE / ("%s.pdf" % cv_id)
    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    header_h = 22 * mm
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar2",
                       leftPadding=4, rightPadding=4)
    later_main = Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        top = page_h - margin - header_h if doc.page == 1 else page_h - margin
        canvas.rect(margin - 2, margin - 2, side_w + 4, top - margin + 2, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="First", frames=[header_frame, side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="Later", frames=[later_side, later_main], onPage=sidebar_bg),
    ])

    header, sections = split_sections(blocks)
    side_blocks, main_blocks = [], []
    for title, sec in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(sec)

    st_main = pdf_styles(9.3)
    st_side = pdf_styles(8.6)
    story = [NextPageTemplate("Later")]
    story += blocks_to_flowables(header, st_main, page_w - 2 * margin)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, st_side, side_w - 8)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st_main, main_w)
    doc.build(story)
    return path


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(paragraph, text):
    for seg, b, it in inline_runs(text):
        r = paragraph.add_run(seg)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    path = HERE / ("%s.docx" % cv_id)
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
        elif kind == "para":
            for line in payload:
                add_runs(doc.add_paragraph(), line)
        elif kind in ("bullets", "numbered"):
            style = "List Bullet" if kind == "bullets" else "List Number"
            for item in payload:
                add_runs(doc.add_paragraph(style=style), item)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = table.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(path))
    return path


def main():
    for cv_id, target in TARGETS.items():
        blocks = parse_md((HERE / ("%s.md" % cv_id)).read_text(encoding="utf-8"))
        if target == "md":
            print("%s: md (no rendering needed)" % cv_id)
            continue
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        else:
            out = render_docx(cv_id, blocks)
        print("%s: %s (%d bytes)" % (cv_id, out.name, out.stat().st_size))


if __name__ == "__main__":
    main()
