"""Render the dev-ab CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-ab/render.py
The .md file of each CV is its exact content; PDFs and DOCX files are built
from it with a real text layer (reportlab) or real Word paragraphs/tables
(python-docx). cv-dev-361 is a two-column PDF (sidebar + main column, two
reportlab Frames); cv-dev-362 renders its skills table as a Word table.
"""
import os
import re
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

TARGETS = {
    "cv-dev-361": "pdf2col",
    "cv-dev-362": "docx",
    "cv-dev-363": "md",
    "cv-dev-364": "pdf",
    "cv-dev-365": "pdf",
    "cv-dev-366": "docx",
    "cv-dev-367": "md",
    "cv-dev-368": "pdf",
    "cv-dev-369": "md",
    "cv-dev-370": "docx",
    "cv-dev-371": "docx",
    "cv-dev-372": "md",
}

# sections that go to the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Languages", "Interests"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
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
            # a line directly under the name (contact line) stays its own paragraph
            if para and blocks and blocks[-1][0] == "h1":
                flush()
            para.append(s)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (string, bold, italic) runs."""
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
    for s, b, it in inline_runs(text):
        s = escape(s)
        if b:
            s = "<b>%s</b>" % s
        if it:
            s = "<i>%s</i>" % s
        res.append(s)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib import colors
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10, leading=13, spaceBefore=4, spaceAfter=2),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=12, bulletIndent=3,
                             spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
    }


def blocks_to_flowables(blocks, st, width=None):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors
    fl = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
        elif kind == "li":
            fl.append(Paragraph(rl_markup(payload), st["li"], bulletText="\u2013"))
        else:
            fl.append(Paragraph(rl_markup(payload), st[kind]))
    return fl


def render_pdf(cv_id, blocks, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate
    st = pdf_styles()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st))


def split_sidebar(blocks):
    side, main = [], []
    cur = main
    for kind, payload in blocks:
        if kind in ("h1", "h2"):
            cur = side if (kind == "h2" and payload in SIDEBAR_SECTIONS) else main
        cur.append((kind, payload))
    return side, main


def render_pdf_two_column(cv_id, blocks, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate,
                                    FrameBreak, NextPageTemplate)
    W, H = A4
    margin = 1.5 * cm
    side_w = 5.4 * cm
    gap = 0.8 * cm
    st = pdf_styles()
    side_st = dict(st)
    side_st["p"] = ParagraphStyle("sp", parent=st["p"], fontSize=8.8, leading=11.5)
    side_st["li"] = ParagraphStyle("sli", parent=st["li"], fontSize=8.8, leading=11.5)

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f6"))
        canv.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canv.restoreState()

    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main_x = margin + side_w + gap
    main_frame = Frame(main_x, margin, W - main_x - margin, H - 2 * margin, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later_frame = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="later")
    doc = BaseDocTemplate(out, pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_frame]),
    ])
    side, main = split_sidebar(blocks)
    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(side, side_st)
    story.append(FrameBreak())
    story += blocks_to_flowables(main, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for s, b, it in inline_runs(text):
        r = par.add_run(s)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, out):
    import docx
    from docx.shared import Pt, Cm
    d = docx.Document()
    for sec in d.sections:
        sec.left_margin = sec.right_margin = Cm(2)
        sec.top_margin = sec.bottom_margin = Cm(1.8)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    for kind, payload in blocks:
        if kind == "h1":
            p = d.add_heading(level=0)
            add_runs(p, payload)
        elif kind == "h2":
            p = d.add_heading(level=1)
            add_runs(p, payload)
        elif kind == "h3":
            p = d.add_heading(level=2)
            add_runs(p, payload)
        elif kind == "li":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, payload)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
        else:
            p = d.add_paragraph()
            add_runs(p, payload)
    d.save(out)


def main():
    for cv_id, fmt in TARGETS.items():
        src = os.path.join(HERE, cv_id + ".md")
        with open(src, encoding="utf-8") as f:
            blocks = parse_md(f.read())
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf(cv_id, blocks, out)
        elif fmt == "pdf2col":
            out = os.path.join(HERE, cv_id + ".pdf")
            render_pdf_two_column(cv_id, blocks, out)
        elif fmt == "docx":
            out = os.path.join(HERE, cv_id + ".docx")
            render_docx(cv_id, blocks, out)
        print("wrote", os.path.relpath(out, HERE), os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
