"""Render the heldout3-78 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-78/render.py

The .md file of each CV is its exact content; this script only lays it out.
Markdown CVs (.md target) are left untouched.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from reportlab.lib import colors

HERE = Path(__file__).resolve().parent

PDF = {
    "cv-ho-1527": "single",
    "cv-ho-1528": "two-column",
    "cv-ho-1531": "single",
    "cv-ho-1534": "single",
}
DOCX = ["cv-ho-1526", "cv-ho-1529", "cv-ho-1532", "cv-ho-1535"]

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR = {"cv-ho-1528": ["Contact", "Skills", "Still learning", "Languages", "Education"]}


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return (title, blocks) where blocks are dicts grouped by section.

    Block kinds: heading, para (list of lines), bullets (list of items), table (rows).
    """
    lines = md_text.splitlines()
    title = None
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            title = line[2:].strip()
            i += 1
        elif line.startswith("## "):
            blocks.append({"kind": "heading", "text": line[3:].strip()})
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append({"kind": "bullets", "items": items})
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append({"kind": "table", "rows": rows})
        else:
            para = []
            while (i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "- ", "|"))):
                para.append(lines[i].strip())
                i += 1
            blocks.append({"kind": "para", "lines": para})
    return title, blocks


def sections(blocks):
    """Split blocks into (heading or None, [blocks]) groups."""
    out = [(None, [])]
    for b in blocks:
        if b["kind"] == "heading":
            out.append((b["text"], []))
        else:
            out[-1][1].append(b)
    return [s for s in out if s[0] is not None or s[1]]


INLINE = [(re.compile(r"\*\*(.+?)\*\*"), "b"), (re.compile(r"(?<![\w*])\*(?!\s)(.+?)\*(?!\w)"), "i")]


def md_inline_to_rl(text):
    text = html.escape(text, quote=False)
    for rx, tag in INLINE:
        text = rx.sub(lambda m: f"<{tag}>{m.group(1)}</{tag}>", text)
    return text


def md_inline_runs(text):
    """Split text into (chunk, bold, italic) runs for python-docx."""
    runs = []
    pos = 0
    rx = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)")
    for m in rx.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            runs.append((m.group(1), True, False))
        else:
            runs.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return runs


# --------------------------------------------------------------------------- PDF
def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5 * scale,
                          leading=12.5 * scale, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=18, leading=22,
                                spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=10, bulletIndent=2),
    }


def blocks_to_flowables(blocks, st):
    flow = []
    for b in blocks:
        if b["kind"] == "heading":
            flow.append(Paragraph(md_inline_to_rl(b["text"]), st["h2"]))
        elif b["kind"] == "para":
            flow.append(Paragraph("<br/>".join(md_inline_to_rl(l) for l in b["lines"]), st["body"]))
            flow.append(Spacer(1, 3))
        elif b["kind"] == "bullets":
            for it in b["items"]:
                flow.append(Paragraph(md_inline_to_rl(it), st["bullet"], bulletText="\u2022"))
            flow.append(Spacer(1, 2))
        elif b["kind"] == "table":
            data = [[Paragraph(md_inline_to_rl(c), st["body"]) for c in r] for r in b["rows"]]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4"))]))
            flow.append(t)
    return flow


def render_pdf_single(cv_id, title, blocks, out):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=f"CV - {title}", author=title)
    flow = [Paragraph(md_inline_to_rl(title), st["title"])] + blocks_to_flowables(blocks, st)
    doc.build(flow)


def render_pdf_two_column(cv_id, title, blocks, out):
    """Sidebar (left, narrow) + main column (right): two real frames on page 1."""
    st = pdf_styles()
    st_side = pdf_styles(scale=0.92)
    width, height = A4
    margin = 14 * mm
    gap = 8 * mm
    side_w = 58 * mm
    main_x = margin + side_w + gap
    main_w = width - main_x - margin
    top_band = 26 * mm  # title band across the page

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=f"CV - {title}", author=title)
    title_frame = Frame(margin, height - margin - top_band, width - 2 * margin, top_band, id="title",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, height - 2 * margin - top_band, id="sidebar",
                       leftPadding=4, rightPadding=4)
    main_frame = Frame(main_x, margin, main_w, height - 2 * margin - top_band, id="main",
                       leftPadding=4, rightPadding=0)
    later_main = Frame(main_x, margin, main_w, height - 2 * margin, id="main2", leftPadding=4, rightPadding=0)

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, height - 2 * margin - top_band + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[title_frame, side_frame, main_frame], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_main]),
    ])

    sec = sections(blocks)
    side_names = SIDEBAR[cv_id]
    side_blocks, main_blocks, head_blocks = [], [], []
    for name, bl in sec:
        target = head_blocks if name is None else (side_blocks if name in side_names else main_blocks)
        if name is not None:
            target.append({"kind": "heading", "text": name})
        target.extend(bl)

    flow = [NextPageTemplate("later"), Paragraph(md_inline_to_rl(title), st["title"])]
    flow += blocks_to_flowables(head_blocks, st)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side_blocks, st_side)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main_blocks, st)
    doc.build(flow)


# --------------------------------------------------------------------------- DOCX
def add_runs(par, text):
    for chunk, bold, italic in md_inline_runs(text):
        r = par.add_run(chunk)
        r.bold = bold
        r.italic = italic


def render_docx(cv_id, title, blocks, out):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    d.core_properties.title = f"CV - {title}"
    d.core_properties.author = title
    d.add_heading(title, level=0)
    for b in blocks:
        if b["kind"] == "heading":
            d.add_heading(b["text"], level=1)
        elif b["kind"] == "para":
            p = d.add_paragraph()
            for k, line in enumerate(b["lines"]):
                if k:
                    p.add_run().add_break()
                add_runs(p, line)
        elif b["kind"] == "bullets":
            for it in b["items"]:
                add_runs(d.add_paragraph(style="List Bullet"), it)
        elif b["kind"] == "table":
            rows = b["rows"]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    par = t.cell(r, c).paragraphs[0]
                    add_runs(par, cell)
                    if r == 0:
                        for run in par.runs:
                            run.bold = True
            d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, layout in PDF.items():
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = HERE / f"{cv_id}.pdf"
        (render_pdf_two_column if layout == "two-column" else render_pdf_single)(cv_id, title, blocks, out)
        print("wrote", out.name, out.stat().st_size, "bytes")
    for cv_id in DOCX:
        title, blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = HERE / f"{cv_id}.docx"
        render_docx(cv_id, title, blocks, out)
        print("wrote", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
