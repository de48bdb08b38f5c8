"""Render the heldout7-180 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout7-180/render.py
The .md files are the CV text; this script only lays them out.
"""
import os
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-ho-2749": "pdf",
    "cv-ho-2750": "docx",
    "cv-ho-2751": "md",
    "cv-ho-2752": "pdf2col",
    "cv-ho-2753": "docx",
    "cv-ho-2754": "md",
    "cv-ho-2755": "pdf",
    "cv-ho-2756": "docx",
    "cv-ho-2757": "md",
    "cv-ho-2758": "pdf",
    "cv-ho-2759": "docx",
    "cv-ho-2760": "md",
}
# sections that go in the sidebar of the two-column PDF
SIDEBAR = {"cv-ho-2752": ["Contact", "Skills", "Education", "Languages"]}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return list of blocks: (kind, payload). kinds: h1, h2, h3, para, bullets, table."""
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
            i += 1
        elif line.startswith("### "):
            blocks.append(("h3", line[4:].strip()))
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                raw = lines[i]
                level = (len(raw) - len(raw.lstrip())) // 2
                items.append((level, raw.lstrip()[2:].strip()))
                i += 1
            blocks.append(("bullets", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = [line.strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not re.match(r"(#|\||\s*- )", lines[i]):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", " ".join(para)))
    return blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = escape(t)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=17, leading=21, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=11.5, leading=14, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2),
        "para": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5),
        "cell": ParagraphStyle("c", parent=ss["BodyText"], fontSize=9, leading=11),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "para":
            out.append(Paragraph(to_rl(payload), st["para"]))
        elif kind == "bullets":
            items = [ListItem(Paragraph(to_rl(t), st["bullet"]), leftIndent=12 + 12 * lvl)
                     for lvl, t in payload]
            out.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12, bulletFontSize=8))
            out.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[75 * mm, 85 * mm], hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cid, blocks, path):
    st = styles()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cid, author="synthetic")
    doc.build(flowables(blocks, st))


def split_sections(blocks):
    """header blocks (before first h2) and {h2 title: [blocks incl. heading]} in order."""
    header, sections, order = [], {}, []
    cur = None
    for b in blocks:
        if b[0] == "h2":
            cur = b[1]
            order.append(cur)
            sections[cur] = [b]
        elif cur is None:
            header.append(b)
        else:
            sections[cur].append(b)
    return header, sections, order


def render_pdf_two_column(cid, blocks, path):
    st = styles()
    side_st = dict(st)
    side_st["para"] = ParagraphStyle("sp", parent=st["para"], fontSize=8.5, leading=11)
    side_st["bullet"] = ParagraphStyle("sb", parent=st["bullet"], fontSize=8.5, leading=11)
    side_st["h2"] = ParagraphStyle("sh2", parent=st["h2"], fontSize=10.5)
    W, H = A4
    m = 14 * mm
    side_w = 58 * mm
    gap = 6 * mm
    header_h = 26 * mm
    header_frame = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    side = Frame(m, m, side_w, H - 2 * m - header_h, id="side", showBoundary=0)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m - header_h, id="main", showBoundary=0)
    later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, H - 2 * m - header_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=cid, author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[later]),
    ])
    header, sections, order = split_sections(blocks)
    side_names = SIDEBAR[cid]
    story = flowables(header, st)
    story.append(FrameBreak())
    for name in side_names:
        story += flowables(sections[name], side_st)
    story.append(FrameBreak())
    story.append(NextPageTemplate("rest"))
    for name in order:
        if name not in side_names:
            story += flowables(sections[name], st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it
        if size:
            r.font.size = Pt(size)


def render_docx(cid, blocks, path):
    d = docx.Document()
    d.core_properties.title = cid
    d.core_properties.author = "synthetic"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            add_runs(d.add_paragraph(), payload)
        elif kind == "bullets":
            for lvl, t in payload:
                add_runs(d.add_paragraph(style="List Bullet 2" if lvl else "List Bullet"), t)
        elif kind == "table":
            table = d.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                cells = table.add_row().cells
                for ci, c in enumerate(row):
                    p = cells[ci].paragraphs[0]
                    add_runs(p, c)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    d.save(path)


def main():
    for cid, fmt in TARGETS.items():
        with open(os.path.join(HERE, cid + ".md"), encoding="utf-8") as f:
            blocks = parse(f.read())
        if fmt == "md":
            continue
        if fmt == "pdf":
            render_pdf(cid, blocks, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "pdf2col":
            render_pdf_two_column(cid, blocks, os.path.join(HERE, cid + ".pdf"))
        elif fmt == "docx":
            render_docx(cid, blocks, os.path.join(HERE, cid + ".docx"))
        print("rendered", cid, fmt)


if __name__ == "__main__":
    main()
