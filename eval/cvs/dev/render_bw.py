"""Render the dev-bw CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bw/render.py

- PDF  (reportlab, real text layer): cv-dev-927, cv-dev-928 (two-column), cv-dev-931, cv-dev-936
- DOCX (python-docx): cv-dev-926 (skills as a real Word table), cv-dev-929, cv-dev-932, cv-dev-934
- MD   (the .md file itself is the target): cv-dev-925, cv-dev-930, cv-dev-933, cv-dev-935
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.platypus import (
    BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate, Paragraph, Spacer,
    FrameBreak, NextPageTemplate, Table, TableStyle,
)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-927", "cv-dev-928", "cv-dev-931", "cv-dev-936"]
TWO_COLUMN = {"cv-dev-928": {"Contact", "Skills", "Languages", "Education", "Certifications"}}
DOCX_IDS = ["cv-dev-926", "cv-dev-929", "cv-dev-932", "cv-dev-934"]


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return (name, header_lines, sections); a section is (title, blocks).
    A block is ('h3', text) | ('p', text) | ('li', text) | ('table', rows)."""
    lines = md_text.splitlines()
    name, header, sections = None, [], []
    cur = None
    table = None

    def flush_table():
        nonlocal table
        if table is not None:
            cur[1].append(("table", table))
            table = None

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if table is None:
                table = []
            table.append(cells)
            continue
        if cur is not None:
            flush_table()
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            cur = (line[3:].strip(), [])
            sections.append(cur)
        elif cur is None:
            header.append(line.strip())
        elif line.startswith("### "):
            cur[1].append(("h3", line[4:].strip()))
        elif line.startswith("- "):
            cur[1].append(("li", line[2:].strip()))
        else:
            cur[1].append(("p", line.strip()))
    if cur is not None:
        flush_table()
    return name, header, sections


def to_rl(text):
    """Markdown inline (**bold**, *italic*) to reportlab mini-markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def inline_runs(text):
    """Split into (text, bold, italic) runs for python-docx."""
    runs = []
    for part in re.split(r"(\*\*.+?\*\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
            continue
        for sub in re.split(r"((?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", part):
            if not sub:
                continue
            if len(sub) > 2 and sub.startswith("*") and sub.endswith("*"):
                runs.append((sub[1:-1], False, True))
            else:
                runs.append((sub, False, False))
    return runs


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=9.5):
    ss = getSampleStyleSheet()
    return {
        "name": ParagraphStyle("name", parent=ss["Title"], fontSize=18, leading=22,
                               alignment=0, spaceAfter=4),
        "header": ParagraphStyle("header", parent=ss["Normal"], fontSize=base_size,
                                 leading=base_size + 3, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=10.5, leading=13,
                             spaceBefore=5, spaceAfter=2),
        "p": ParagraphStyle("p", parent=ss["Normal"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=2),
        "li": ParagraphStyle("li", parent=ss["Normal"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=0, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "h3":
            out.append(Paragraph(to_rl(val), st["h3"]))
        elif kind == "p":
            out.append(Paragraph(to_rl(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(cv_id, md_text):
    name, header, sections = parse(md_text)
    path = HERE / f"{cv_id}.pdf"
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        st = pdf_styles(9.5)
        side_st = pdf_styles(8.5)
        W, H = A4
        margin = 1.5 * cm
        top_h = 2.6 * cm
        side_w = 5.6 * cm
        gap = 0.7 * cm
        main_w = W - 2 * margin - side_w - gap
        body_h = H - 2 * margin - top_h
        top = Frame(margin, H - margin - top_h, W - 2 * margin, top_h, id="top", showBoundary=0)
        side = Frame(margin, margin, side_w, body_h, id="side", showBoundary=0)
        main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main", showBoundary=0)
        later_side = Frame(margin, margin, side_w, H - 2 * margin, id="side2", showBoundary=0)
        later_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                           showBoundary=0)

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#EEF2F7"))
            canvas.rect(margin - 0.3 * cm, margin - 0.3 * cm, side_w + 0.5 * cm,
                        body_h + 0.3 * cm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=f"CV - {name}", author=name)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[top, side, main], onPage=sidebar_bg),
            PageTemplate(id="later", frames=[later_main]),
        ])
        story = [NextPageTemplate("later"), Paragraph(to_rl(name), st["name"])]
        story += [Paragraph(to_rl(h), st["header"]) for h in header]
        story.append(FrameBreak())
        for title, blocks in sections:
            if title in side_titles:
                story.append(Paragraph(to_rl(title), side_st["h2"]))
                story += blocks_to_flowables(blocks, side_st)
        story.append(FrameBreak())
        for title, blocks in sections:
            if title not in side_titles:
                story.append(Paragraph(to_rl(title), st["h2"]))
                story += blocks_to_flowables(blocks, st)
        doc.build(story)
    else:
        st = pdf_styles(9.5)
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                                title=f"CV - {name}", author=name)
        story = [Paragraph(to_rl(name), st["name"])]
        story += [Paragraph(to_rl(h), st["header"]) for h in header]
        story.append(Spacer(1, 4))
        for title, blocks in sections:
            story.append(Paragraph(to_rl(title), st["h2"]))
            story += blocks_to_flowables(blocks, st)
        doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = i
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, md_text):
    name, header, sections = parse(md_text)
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)
        s.top_margin = s.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"CV - {name}"
    doc.core_properties.author = name
    doc.add_heading(name, level=0)
    for h in header:
        add_runs(doc.add_paragraph(), h)
    for title, blocks in sections:
        doc.add_heading(title, level=1)
        for kind, val in blocks:
            if kind == "h3":
                doc.add_heading(val, level=2)
            elif kind == "p":
                add_runs(doc.add_paragraph(), val)
            elif kind == "li":
                add_runs(doc.add_paragraph(style="List Bullet"), val)
            elif kind == "table":
                ncols = max(len(r) for r in val)
                t = doc.add_table(rows=len(val), cols=ncols)
                t.style = "Table Grid"
                for i, row in enumerate(val):
                    for j in range(ncols):
                        cell = t.cell(i, j)
                        cell.text = ""
                        txt = row[j] if j < len(row) else ""
                        p = cell.paragraphs[0]
                        add_runs(p, txt)
                        if i == 0:
                            for r in p.runs:
                                r.bold = True
                doc.add_paragraph()
    path = HERE / f"{cv_id}.docx"
    doc.save(str(path))
    return path


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, p.stat().st_size, "bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
