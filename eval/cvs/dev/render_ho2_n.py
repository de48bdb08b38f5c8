"""Render the heldout-n CVs (cv-ho-157 .. cv-ho-168) from their Markdown text.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-n/render.py
The .md file is the CV's content; this script renders it to the CV's target
format (PDF with a real text layer, or DOCX). MD targets are left as they are.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent

FORMATS = {
    "cv-ho-157": "pdf-2col",
    "cv-ho-158": "docx",
    "cv-ho-159": "md",
    "cv-ho-160": "pdf",
    "cv-ho-161": "md",
    "cv-ho-162": "md",
    "cv-ho-163": "md",
    "cv-ho-164": "docx",
    "cv-ho-165": "pdf",
    "cv-ho-166": "docx",
    "cv-ho-167": "docx",
    "cv-ho-168": "pdf",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"cv-ho-157": {"Contact", "Skills", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks, para = [], []
    lines = md_text.splitlines()

    def flush():
        if para:
            blocks.append(("p", list(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif re.match(r"^\s*- ", line):
            flush()
            level = 2 if line.startswith("  ") else 1
            blocks.append(("li", (level, s[2:])))
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split into (header_blocks, [(section_title, blocks)])."""
    header, sections = [], []
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        elif sections:
            sections[-1][1].append(b)
        else:
            header.append(b)
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Yield (text, bold, italic) runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


# ---------------------------------------------------------------- PDF
def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rl_markup(text):
    out = []
    for t, b, it in inline_runs(text):
        t = esc(t)
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


def pdf_styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=19, leading=23,
                             spaceAfter=3, textColor=colors.HexColor("#1d3557")),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             spaceBefore=9, spaceAfter=3, textColor=colors.HexColor("#1d3557")),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3.5, spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=base, leading=base + 3,
                            spaceAfter=3, alignment=TA_LEFT),
        "li1": ParagraphStyle("li1", fontName="Helvetica", fontSize=base, leading=base + 3,
                              leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "li2": ParagraphStyle("li2", fontName="Helvetica", fontSize=base, leading=base + 3,
                              leftIndent=22, bulletIndent=13, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }


def pdf_flowables(blocks, st, width):
    fl = []
    for kind, payload in blocks:
        if kind == "h1":
            fl.append(Paragraph(rl_markup(payload), st["h1"]))
        elif kind == "h2":
            fl.append(Paragraph(rl_markup(payload).upper(), st["h2"]))
        elif kind == "h3":
            fl.append(Paragraph(rl_markup(payload), st["h3"]))
        elif kind == "p":
            fl.append(Paragraph("<br/>".join(rl_markup(l) for l in payload), st["p"]))
        elif kind == "li":
            level, text = payload
            fl.append(Paragraph(rl_markup(text), st["li%d" % level],
                                bulletText="\u2022" if level == 1 else "\u2013"))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            fl.append(t)
    return fl


def check_encodable(cv_id, text):
    # standard Helvetica uses WinAnsi; refuse characters it cannot show
    bad = {c for c in text if ord(c) > 127 and c not in "\u2022\u2013"
           and not _winansi(c)}
    if bad:
        raise SystemExit(f"{cv_id}: characters not in WinAnsi: {sorted(bad)}")


def _winansi(c):
    try:
        c.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def render_pdf(cv_id, blocks, out):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"CV {cv_id}", author="")
    doc.build(pdf_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    st = pdf_styles(base=8.8)
    header, sections = split_sections(blocks)
    side_names = SIDEBAR[cv_id]
    side = [b for name, bl in sections if name in side_names for b in [("h2", name)] + bl]
    main = [b for name, bl in sections if name not in side_names for b in [("h2", name)] + bl]

    W, H = A4
    m = 15 * mm
    header_h = 20 * mm
    side_w = 58 * mm
    gap = 7 * mm
    body_top = H - m - header_h
    f_header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_top - m, id="sidebar", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_top - m,
                   id="main", showBoundary=0)
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_top - m + 3 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"CV {cv_id}", author="")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, st, f_header._width)
    story.append(FrameBreak())
    story += pdf_flowables(side, st, side_w)
    story.append(FrameBreak())
    story += pdf_flowables(main, st, f_main._width)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks, out):
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            add_runs(doc.add_heading("", level=2), payload)
        elif kind == "p":
            par = doc.add_paragraph()
            for k, line in enumerate(payload):
                if k:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            level, text = payload
            par = doc.add_paragraph(style="List Bullet" if level == 1 else "List Bullet 2")
            add_runs(par, text)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(cell_text)
                    run.bold = True if r == 0 else None
            doc.add_paragraph()
    doc.core_properties.author = ""
    doc.core_properties.title = f"CV {cv_id}"
    doc.save(str(out))


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in FORMATS.items():
        md_path = HERE / f"{cv_id}.md"
        text = md_path.read_text(encoding="utf-8")
        blocks = parse(text)
        if fmt == "md":
            out = md_path
        elif fmt.startswith("pdf"):
            check_encodable(cv_id, text)
            out = HERE / f"{cv_id}.pdf"
            (render_pdf_two_column if fmt == "pdf-2col" else render_pdf)(cv_id, blocks, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, blocks, out)
        print(f"{cv_id}: {fmt:8s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
