"""Render the heldout3-31 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-31/render.py

The .md file of each CV is its exact content; this script only changes the
container format. Markdown subset handled: '# ' name, '## ' section titles,
'- ' bullets, pipe tables, paragraphs, **bold** and *italic*.
"""
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

PDF = ["cv-ho-961", "cv-ho-964", "cv-ho-967", "cv-ho-970"]
PDF_TWO_COLUMN = {"cv-ho-970": ["Skills", "Tools", "Languages", "Interests"]}
DOCX = ["cv-ho-962", "cv-ho-965", "cv-ho-969", "cv-ho-972"]
# the remaining four (963, 966, 968, 971) are Markdown targets: nothing to render


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
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
        elif s.startswith("# "):
            flush()
            blocks.append(("h1", s[2:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("- "):
            flush()
            blocks.append(("li", s[2:].strip()))
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
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (header_blocks, [(title, blocks), ...])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_pieces(text):
    """Yield (text, bold, italic)."""
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
    for t, b, it in inline_pieces(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8, spaceAfter=3),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size * 1.3, leftIndent=10,
                             bulletIndent=2, spaceAfter=2),
    }


def flow(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(flow(blocks, st))
    return path


def render_pdf_two_column(cv_id, blocks, sidebar_titles):
    """Header across the top, a narrow sidebar frame on the left with the
    skills-type sections and the main frame on the right with the rest."""
    path = HERE / f"{cv_id}.pdf"
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in sidebar_titles]
    main = [s for s in sections if s[0] not in sidebar_titles]

    W, H = A4
    m = 15 * mm
    header_h = 30 * mm
    gap = 6 * mm
    side_w = 58 * mm
    body_h = H - 2 * m - header_h
    f_header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_h, id="side", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", showBoundary=0)
    f_later = Frame(m, m, W - 2 * m, H - 2 * m, id="later")

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(m - 3 * mm, m - 3 * mm, side_w + 6 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[f_later]),
    ])
    st = pdf_styles(9.5)
    side_st = pdf_styles(8.8)
    story = [NextPageTemplate("later")]
    story += flow(header, st)
    story.append(FrameBreak())
    for title, bl in side:
        story += flow([("h2", title)] + bl, side_st)
    story.append(FrameBreak())
    for title, bl in main:
        story += flow([("h2", title)] + bl, st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_pieces(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = it or None


def render_docx(cv_id, blocks):
    path = HERE / f"{cv_id}.docx"
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cp = t.cell(r, c).paragraphs[0]
                    add_runs(cp, cell)
                    if r == 0:
                        for run in cp.runs:
                            run.bold = True
            d.add_paragraph()
        else:
            add_runs(d.add_paragraph(), payload)
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_TWO_COLUMN:
            p = render_pdf_two_column(cv_id, blocks, PDF_TWO_COLUMN[cv_id])
        else:
            p = render_pdf(cv_id, blocks)
        print(p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_docx(cv_id, blocks)
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
