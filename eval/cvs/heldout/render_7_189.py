"""Render the heldout7-189 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout7-189/render.py
The .md files are the CV text; .md-target CVs are used as-is.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, FrameBreak, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2857", "cv-ho-2860", "cv-ho-2863", "cv-ho-2866"]
DOCX = ["cv-ho-2858", "cv-ho-2861", "cv-ho-2864", "cv-ho-2867"]
TWO_COLUMN = {"cv-ho-2860": {"Contact", "Skills", "Languages", "Education"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, data). kinds: title, h2, h3, bullet, para, table."""
    blocks, para, table = [], [], []

    def flush():
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()
        if table:
            rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in table]
            rows = [r for r in rows if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            blocks.append(("table", rows))
            table.clear()

    for line in md_text.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
        elif s.startswith("|"):
            if para:
                flush()
            table.append(s)
        elif s.startswith("# "):
            flush(); blocks.append(("title", s[2:].strip()))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:].strip()))
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:].strip()))
        elif s.startswith("- "):
            flush(); blocks.append(("bullet", s[2:].strip()))
        else:
            if table:
                flush()
            if s.startswith("**") and para:
                # a new bold-led line (e.g. education entry) starts a new paragraph
                flush()
            para.append(s.strip())
    flush()
    return blocks


def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("t", parent=base, fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=4),
        "para": ParagraphStyle("p", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st, width):
    out = []
    for kind, data in blocks:
        if kind == "table":
            cell = ParagraphStyle("cell", parent=st["para"], spaceAfter=0)
            rows = [[Paragraph(inline_rl(c), cell) for c in r] for r in data]
            t = Table(rows, colWidths=[width * 0.5, width * 0.5])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(inline_rl(data), st["bullet"], bulletText="-"))
        else:
            out.append(Paragraph(inline_rl(data).replace("\n", "<br/>"), st[kind]))
    return out


def sections(blocks):
    """Split blocks into (heading or None, blocks) groups."""
    groups, cur = [], (None, [])
    for b in blocks:
        if b[0] == "h2":
            groups.append(cur)
            cur = (b[1], [b])
        else:
            cur[1].append(b)
    groups.append(cur)
    return groups


def render_pdf(cv_id, blocks):
    path = HERE / f"{cv_id}.pdf"
    st = styles()
    margin = 16 * mm
    W, H = A4
    if cv_id in TWO_COLUMN:
        side_names = TWO_COLUMN[cv_id]
        head, side, main = [], [], []
        for name, bl in sections(blocks):
            if name is None:
                head += bl
            elif name in side_names:
                side += bl
            else:
                main += bl
        head_h = 16 * mm
        side_w = 62 * mm
        gap = 6 * mm
        body_h = H - 2 * margin - head_h
        f_head = Frame(margin, H - margin - head_h, W - 2 * margin, head_h, id="head", leftPadding=0, rightPadding=0)
        f_side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=0, rightPadding=4,
                       showBoundary=0)
        main_w = W - 2 * margin - side_w - gap
        f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", leftPadding=0, rightPadding=0)
        f_main2 = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="main2", leftPadding=0, rightPadding=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm, body_h + 3 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin, title=cv_id)
        doc.addPageTemplates([PageTemplate(id="two", frames=[f_head, f_side, f_main], onPage=sidebar_bg,
                                           autoNextPageTemplate="rest"),
                              PageTemplate(id="rest", frames=[f_main2])])
        story = flowables(head, st, W - 2 * margin) + [FrameBreak()]
        story += flowables(side, st, side_w) + [FrameBreak()]
        story += flowables(main, st, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id)
        doc.build(flowables(blocks, st, W - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in runs(text):
        r = par.add_run(t)
        r.bold, r.italic = b, i


def render_docx(cv_id, blocks):
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, data in blocks:
        if kind == "title":
            d.add_heading(data, level=0)
        elif kind == "h2":
            d.add_heading(data, level=1)
        elif kind == "h3":
            d.add_heading(data, level=2)
        elif kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), data)
        elif kind == "table":
            t = d.add_table(rows=len(data), cols=len(data[0]))
            t.style = "Table Grid"
            for i, row in enumerate(data):
                for j, c in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], c)
                    if i == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
        else:
            p = d.add_paragraph()
            for k, line in enumerate(data.split("\n")):
                if k:
                    p.add_run().add_break()
                add_runs(p, line)
    path = HERE / f"{cv_id}.docx"
    d.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        p = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
