"""Render the dev-ad CVs from their Markdown text to their target format.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ad/render.py

Each cv-dev-XXX.md holds the CV text. This script writes the .pdf / .docx
targets next to it (the .md CVs are their own target). The PDFs use the
standard Helvetica fonts, so they carry a real text layer; cv-dev-385 is laid
out in two real columns (sidebar frame + main frame).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
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
    "cv-dev-385": "pdf2col",
    "cv-dev-386": "docx",
    "cv-dev-387": "md",
    "cv-dev-388": "pdf",
    "cv-dev-389": "docx",
    "cv-dev-390": "md",
    "cv-dev-391": "pdf",
    "cv-dev-392": "md",
    "cv-dev-393": "docx",
    "cv-dev-394": "pdf",
    "cv-dev-395": "docx",
    "cv-dev-396": "md",
}

# Sections of cv-dev-385 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Certifications", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown parsing: the CVs only use headings, paragraphs (one per
# line), bullets, pipe tables, horizontal rules and **bold** / *italic*.
# --------------------------------------------------------------------------
def parse(md_text):
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.strip() == "---":
            blocks.append(("rule", None))
            i += 1
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            blocks.append(("bullet", re.sub(r"^\s*[-*]\s+", "", line)))
            i += 1
            continue
        blocks.append(("para", line.strip()))
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markup into (text, bold, italic) runs."""
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
    parts = []
    for t, b, it in runs(text):
        t = html.escape(t, quote=False)
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        parts.append(t)
    return "".join(parts)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def pdf_styles(base_size=9.5):
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=2)
    s["h2"] = ParagraphStyle(
        "h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
        textColor=colors.HexColor("#1F3A5F"),
    )
    s["h3"] = ParagraphStyle("h3", parent=s["h2"], fontSize=10.5, leading=13)
    s["para"] = ParagraphStyle("para", fontName="Helvetica", fontSize=base_size, leading=base_size * 1.3, spaceAfter=2)
    s["bullet"] = ParagraphStyle(
        "bullet", parent=s["para"], leftIndent=11, bulletIndent=2, spaceAfter=1.5,
    )
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    return s


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, val in blocks:
        if kind == "h1":
            flow.append(Paragraph(rl_markup(val), st["h1"]))
        elif kind in ("h2", "h3", "h4"):
            flow.append(Paragraph(rl_markup(val), st["h2"] if kind == "h2" else st["h3"]))
        elif kind == "para":
            flow.append(Paragraph(rl_markup(val), st["para"]))
        elif kind == "bullet":
            flow.append(Paragraph(rl_markup(val), st["bullet"], bulletText="\u2013"))
        elif kind == "rule":
            flow.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["cell"]) for c in row] for row in val]
            ncol = max(len(r) for r in val)
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(md_path, out_path):
    st = pdf_styles()
    doc = SimpleDocTemplate(
        str(out_path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
        topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=md_path.stem, author="",
        invariant=1,
    )
    blocks = parse(md_path.read_text(encoding="utf-8"))
    doc.build(pdf_flowables(blocks, st, doc.width))


def split_sections(blocks):
    """Return (header_blocks, [(section_title, blocks), ...])."""
    header, sections, cur = [], [], None
    for kind, val in blocks:
        if kind == "h2":
            cur = (val, [(kind, val)])
            sections.append(cur)
        elif cur is None:
            header.append((kind, val))
        else:
            cur[1].append((kind, val))
    return header, sections


def render_pdf_two_column(md_path, out_path):
    st = pdf_styles(base_size=9)
    side = dict(st)
    side["para"] = ParagraphStyle("spara", parent=st["para"], fontSize=8.5, leading=11)
    side["bullet"] = ParagraphStyle("sbullet", parent=st["bullet"], fontSize=8.5, leading=11)

    page_w, page_h = A4
    margin = 1.6 * cm
    gutter = 0.7 * cm
    header_h = 2.3 * cm
    side_w = 6.0 * cm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h, id="header",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=6, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_frame = Frame(margin + side_w + gutter, margin, main_w, page_h - 2 * margin, id="main2",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(margin - 4, margin - 4, side_w + 4, body_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=md_path.stem, author="", invariant=1)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=first_page),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    blocks = parse(md_path.read_text(encoding="utf-8"))
    header, sections = split_sections(blocks)
    sidebar = [b for title, bl in sections if title in SIDEBAR_SECTIONS for b in bl]
    main = [b for title, bl in sections if title not in SIDEBAR_SECTIONS for b in bl]

    story = [NextPageTemplate("later")]
    story += pdf_flowables(header, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += pdf_flowables(sidebar, side, side_w)
    story.append(FrameBreak())
    story += pdf_flowables(main, st, main_w)
    doc.build(story)


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(md_path, out_path):
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    for kind, val in parse(md_path.read_text(encoding="utf-8")):
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, val)
        elif kind in ("h2", "h3", "h4"):
            h = doc.add_heading(level=1 if kind == "h2" else 2)
            add_runs(h, val)
        elif kind == "para":
            add_runs(doc.add_paragraph(), val)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "rule":
            doc.add_paragraph()
        elif kind == "table":
            ncol = max(len(r) for r in val)
            table = doc.add_table(rows=len(val), cols=ncol)
            table.style = "Table Grid"
            for ri, row in enumerate(val):
                for ci in range(ncol):
                    cell = table.cell(ri, ci)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    add_runs(p, row[ci] if ci < len(row) else "")
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            doc.add_paragraph()
    doc.core_properties.title = md_path.stem
    doc.core_properties.author = ""
    doc.save(str(out_path))


def main():
    for cv_id, fmt in TARGETS.items():
        md_path = HERE / (cv_id + ".md")
        if fmt == "md":
            print(cv_id, "-> md (source is the target)")
            continue
        if fmt == "pdf":
            out = HERE / (cv_id + ".pdf")
            render_pdf(md_path, out)
        elif fmt == "pdf2col":
            out = HERE / (cv_id + ".pdf")
            render_pdf_two_column(md_path, out)
        else:
            out = HERE / (cv_id + ".docx")
            render_docx(md_path, out)
        print(cv_id, "->", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
