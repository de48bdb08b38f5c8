"""Render the dev-ca CV Markdown files to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/dev-ca/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-973", "cv-dev-976", "cv-dev-979", "cv-dev-982"]
DOCX_IDS = ["cv-dev-974", "cv-dev-977", "cv-dev-980", "cv-dev-983"]
TWO_COLUMN = {"cv-dev-973": {"Contact", "Skills", "Languages", "Interests"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks); blocks = list of (section, kind, payload)."""
    title, section, blocks = None, None, []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            section = line[3:].strip()
            blocks.append((section, "heading", section))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append((section, "table", rows))
            continue
        elif line.startswith("- "):
            blocks.append((section, "bullet", line[2:].strip()))
        else:
            blocks.append((section, "para", line.strip()))
        i += 1
    return title, blocks


def md_inline_to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return text


def md_inline_runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontSize=18, leading=22,
                                alignment=0, spaceAfter=4),
        "h": ParagraphStyle("h", parent=ss["Heading2"], fontSize=11.5, leading=14,
                            spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                            spaceAfter=2),
        "b": ParagraphStyle("b", parent=ss["BodyText"], fontSize=9.5, leading=12.5,
                            leftIndent=10, bulletIndent=2, spaceAfter=1),
        "sp": ParagraphStyle("sp", parent=ss["BodyText"], fontSize=8.5, leading=11,
                             spaceAfter=2),
        "sb": ParagraphStyle("sb", parent=ss["BodyText"], fontSize=8.5, leading=11,
                             leftIndent=8, bulletIndent=0, spaceAfter=1),
        "sh": ParagraphStyle("sh", parent=ss["Heading3"], fontSize=10.5, leading=13,
                             spaceBefore=6, spaceAfter=2, textColor=colors.HexColor("#1f3b63")),
    }


def block_flowables(blocks, st, small=False):
    out = []
    p, b, h = (st["sp"], st["sb"], st["sh"]) if small else (st["p"], st["b"], st["h"])
    for _, kind, payload in blocks:
        if kind == "heading":
            out.append(Paragraph(md_inline_to_rl(payload.upper() if small else payload), h))
        elif kind == "para":
            out.append(Paragraph(md_inline_to_rl(payload), p))
        elif kind == "bullet":
            out.append(Paragraph(md_inline_to_rl(payload), b, bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(md_inline_to_rl(c), p) for c in row] for row in payload]
            t = Table(data, colWidths=[70 * mm, 60 * mm][: len(payload[0])] if len(payload[0]) == 2 else None,
                      hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, title, blocks, out_path):
    st = pdf_styles()
    meta = dict(title=f"CV - {title}", author=title)
    if cv_id in TWO_COLUMN:
        side_sections = TWO_COLUMN[cv_id]
        side = [blk for blk in blocks if blk[0] in side_sections]
        main = [blk for blk in blocks if blk[0] not in side_sections]
        W, H = A4
        margin = 14 * mm
        side_w = 58 * mm
        gap = 6 * mm
        f_side = Frame(margin, margin, side_w, H - 2 * margin, id="side",
                       leftPadding=4, rightPadding=4)
        f_main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                       H - 2 * margin, id="main")
        f_later = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                        H - 2 * margin, id="later")

        def side_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f7"))
            canvas.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out_path), pagesize=A4, **meta)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[f_side, f_main], onPage=side_bg),
            PageTemplate(id="later", frames=[f_later]),
        ])
        story = [NextPageTemplate("later")]
        story += block_flowables(side, st, small=True)
        story.append(FrameBreak())
        story.append(Paragraph(md_inline_to_rl(title), st["title"]))
        story += block_flowables(main, st)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm,
                                rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                                **meta)
        story = [Paragraph(md_inline_to_rl(title), st["title"])]
        story += block_flowables(blocks, st)
        doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, bold, ital in md_inline_runs(text):
        r = par.add_run(t)
        r.bold = bold or None
        r.italic = ital or None


def render_docx(cv_id, title, blocks, out_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for _, kind, payload in blocks:
        if kind == "heading":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            ncols = len(payload[0])
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncols):
                    text = row[c_i] if c_i < len(row) else ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = f"CV - {title}"
    doc.core_properties.author = title
    doc.save(str(out_path))


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in PDF_IDS:
            out = HERE / f"{cv_id}.pdf"
            render_pdf(cv_id, title, blocks, out)
        else:
            out = HERE / f"{cv_id}.docx"
            render_docx(cv_id, title, blocks, out)
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
