"""Render the heldout3-38 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-38/render.py
The .md files are the source of truth; the MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1045", "cv-ho-1048", "cv-ho-1050", "cv-ho-1054"]
DOCX = ["cv-ho-1046", "cv-ho-1049", "cv-ho-1052", "cv-ho-1055"]
TWO_COLUMN = {"cv-ho-1045": {"Contact", "Skills", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Turn the Markdown into a list of blocks:
    ("h1"|"h2"|"h3", text), ("para", [lines]), ("bullet", text), ("table", rows)."""
    blocks, para, table = [], [], []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            blocks.append(("table", table))
            table = []

    for raw in md_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            table.append(cells)
            continue
        m = re.match(r"(#{1,3}) (.*)", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:]))
            continue
        if table:
            flush()
        para.append(line.strip())
    flush()
    return blocks


def split_sections(blocks):
    """[(section_title or None, [blocks])] split on h2."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_parts(text):
    """Yield (text, bold, italic)."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def rl_markup(text):
    out = []
    for t, b, i in inline_parts(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(small=False):
    ss = getSampleStyleSheet()
    base = 8.6 if small else 9.6
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=18 if small else 20,
                             alignment=0, spaceAfter=6, leading=22),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base + 2.4,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=8,
                             spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading4"], fontSize=base + 0.8,
                             spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", parent=ss["BodyText"], fontSize=base,
                               leading=base + 3, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=ss["BodyText"], fontSize=base,
                                 leading=base + 3, leftIndent=10, bulletIndent=2,
                                 spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, val in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(rl_markup(val), st[kind]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(rl_markup(l) for l in val), st["para"]))
        elif kind == "bullet":
            out.append(Paragraph(rl_markup(val), st["bullet"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(rl_markup(c), st["para"]) for c in row] for row in val]
            t = Table(data, colWidths=[width * 0.45, width * 0.55])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    margin = 16 * mm
    W, H = A4
    if cv_id in TWO_COLUMN:
        sidebar_titles = TWO_COLUMN[cv_id]
        side_w = 58 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        st_side = pdf_styles(small=True)
        st_main = pdf_styles()
        left, right = [], []
        for title, sec in split_sections(blocks):
            if title is None or title in sidebar_titles:
                left += flowables(sec, st_side, side_w)
            else:
                right += flowables(sec, st_main, main_w)
        doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id,
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=0, rightPadding=4)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin,
                       id="main", leftPadding=4, rightPadding=0)
        f_next = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="next")

        def sidebar_bg(canvas, _doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 4 * mm, margin - 4 * mm, side_w + 6 * mm,
                        H - 2 * margin + 8 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_side, f_main], onPage=sidebar_bg,
                         autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[f_next]),
        ])
        doc.build(left + [FrameBreak()] + right)
    else:
        st = pdf_styles()
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=cv_id,
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        doc.build(flowables(blocks, st, W - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_parts(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id, blocks):
    path = HERE / (cv_id + ".docx")
    doc = Document()
    doc.core_properties.title = cv_id
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            h = doc.add_heading("", level=2)
            add_runs(h, val)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, l in enumerate(val):
                if n:
                    p.add_run().add_break()
                add_runs(p, l)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "table":
            t = doc.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    para = t.cell(r, c).paragraphs[0]
                    add_runs(para, cell)
                    if r == 0:
                        for run in para.runs:
                            run.bold = True
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        p = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print("wrote", p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
