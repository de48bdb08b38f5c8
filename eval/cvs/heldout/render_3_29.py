"""Render the heldout3-29 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-29/render.py

The .md file is the CV's exact content. PDFs get a real text layer (reportlab
paragraphs, standard fonts); one PDF uses two frames (sidebar + main column).
DOCX files are built with python-docx; Markdown tables become real Word tables.
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
                                ListItem, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

# id -> target format ("two-column" is a PDF with sidebar frame)
TARGETS = {
    "cv-ho-937": "pdf",
    "cv-ho-938": "docx",
    "cv-ho-939": "md",
    "cv-ho-940": "pdf",
    "cv-ho-941": "docx",
    "cv-ho-942": "md",
    "cv-ho-943": "pdf-two-column",
    "cv-ho-944": "md",
    "cv-ho-945": "docx",
    "cv-ho-946": "pdf",
    "cv-ho-947": "docx",
    "cv-ho-948": "md",
}

# For the two-column PDF: which "##" sections go into the sidebar.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, p, ul (list of str), table (list of rows)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush_para()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        if s.startswith("- "):
            flush_para()
            items = []
            while i < len(lines) and lines[i].strip().startswith("- "):
                items.append(lines[i].strip()[2:])
                i += 1
            blocks.append(("ul", items))
            continue
        if s.startswith("|"):
            flush_para()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        # A line of bold text directly followed by another line: keep separate
        # paragraphs for lines that start with ** (e.g. degree lines).
        if s.startswith("**") and para:
            flush_para()
        para.append(s)
        if s.startswith("**") and (i + 1 >= len(lines) or lines[i + 1].strip().startswith("**")):
            flush_para()
        i += 1
    flush_para()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def split_inline(text):
    """Yield (segment, bold, italic)."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl(text):
    out = []
    for seg, b, it in split_inline(text):
        seg = html.escape(seg, quote=False)
        if b:
            seg = "<b>%s</b>" % seg
        if it:
            seg = "<i>%s</i>" % seg
        out.append(seg)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.8
    st = {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=10.5, leading=13, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base, leading=base * 1.3, spaceAfter=3),
    }
    return st


def flow_blocks(blocks, st, width=None):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            flow.append(Paragraph(to_rl(payload), st["p"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(to_rl(t), st["p"]), leftIndent=10) for t in payload]
            flow.append(ListFlowable(items, bulletType="bullet", start="\u2022",
                                     leftIndent=10, bulletFontSize=7))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=None if width is None else [width * 0.62, width * 0.38])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / (cv_id + ".pdf")
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=cv_id, author="synthetic CV")
    st = pdf_styles()
    doc.build(flow_blocks(blocks, st, width=A4[0] - 36 * mm))
    return out


def split_sections(blocks):
    """Return (header_blocks, [(title, blocks)])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    out = HERE / (cv_id + ".pdf")
    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gap

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canv.restoreState()

    side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                 leftPadding=4, rightPadding=0, topPadding=0, bottomPadding=0)
    # Later pages: main column only.
    main_only = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2")
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[main_only], onPage=sidebar_bg),
    ])
    header, sections = split_sections(blocks)
    st_side = pdf_styles(small=True)
    st_main = pdf_styles()
    side_blocks, main_blocks = [], []
    for title, bl in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(bl)
    story = []
    story += flow_blocks(header, st_side, width=side_w)
    story += flow_blocks(side_blocks, st_side, width=side_w)
    story.append(FrameBreak())
    story += flow_blocks(main_blocks, st_main, width=main_w)
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, b, it in split_inline(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / (cv_id + ".docx")
    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "ul":
            for t in payload:
                add_runs(d.add_paragraph(style="List Bullet"), t)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = t.add_row().cells
                for ci, c in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, c)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / (cv_id + ".md")
        print(f"{cv_id}: {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
