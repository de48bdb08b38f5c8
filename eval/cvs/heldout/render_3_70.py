"""Render the heldout3-70 CVs from their Markdown source to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-70/render.py
The .md file of each CV is its exact content; PDFs and DOCX files are rendered
from it (real text layers, real Word tables).
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_SINGLE = ["cv-ho-1432", "cv-ho-1434", "cv-ho-1440"]
PDF_TWO_COLUMN = {"cv-ho-1430": {"Contact", "Skills", "Languages", "Education"}}
DOCX = ["cv-ho-1431", "cv-ho-1433", "cv-ho-1436", "cv-ho-1439"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("- "):
            flush()
            blocks.append(("li", line[2:]))
            i += 1
            continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


def sections(blocks):
    """Split blocks into (title, blocks) by level-2 headings; the header is ''."""
    out = [("", [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


def inline_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<i>\1</i>", t)
    t = re.sub(r"`(.+?)`", r'<font face="Courier">\1</font>', t)
    return t


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic)."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*|`.+?`)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        elif part.startswith("`"):
            runs.append((part[1:-1], False, False))
        else:
            runs.append((part, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3,
                             leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
        elif kind == "li":
            out.append(Paragraph(inline_rl(payload), st["li"], bulletText="-"))
        else:
            out.append(Paragraph(inline_rl(payload), st[kind]))
    return out


def render_pdf_single(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    path = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm,
                            rightMargin=2 * cm, topMargin=1.8 * cm,
                            bottomMargin=1.8 * cm, title=cv_id, author="")
    doc.build(flowables(blocks, styles(), doc.width))
    return path


def render_pdf_two_column(cv_id, sidebar_titles):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    secs = sections(blocks)
    header = secs[0][1]
    side = [b for title, bl in secs[1:] if title in sidebar_titles for b in bl]
    main = [b for title, bl in secs[1:] if title not in sidebar_titles for b in bl]

    path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    side_w = 5.6 * cm
    gap = 0.8 * cm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin

    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=6)

    def draw_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="")
    doc.addPageTemplates([PageTemplate(id="two", frames=[side_frame, main_frame],
                                       onPage=draw_bg)])
    side_st = styles(base_size=9)
    side_st["h1"] = ParagraphStyle("h1s", parent=side_st["h1"], fontSize=15, leading=18)
    story = flowables(header, side_st, side_w - 12)
    story += flowables(side, side_st, side_w - 12)
    story.append(FrameBreak())
    story += flowables(main, styles(), main_w)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i


def render_docx(cv_id):
    blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(payload[0]))
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i, val in enumerate(row):
                    cells[c_i].text = ""
                    p = cells[c_i].paragraphs[0]
                    add_runs(p, val)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            add_runs(doc.add_paragraph(), payload)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    made = []
    for cv_id in PDF_SINGLE:
        made.append(render_pdf_single(cv_id))
    for cv_id, side in PDF_TWO_COLUMN.items():
        made.append(render_pdf_two_column(cv_id, side))
    for cv_id in DOCX:
        made.append(render_docx(cv_id))
    for p in made:
        print(f"{p.name}\t{p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
