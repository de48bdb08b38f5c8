"""Render the heldout3-10 CVs from their Markdown sources to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-10/render.py
The .md file is the exact CV content; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Spacer, FrameBreak, ListFlowable, ListItem,
                                SimpleDocTemplate, Table, TableStyle)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-709": "md",
    "cv-ho-710": "pdf-2col",
    "cv-ho-711": "docx",
    "cv-ho-712": "pdf",
    "cv-ho-713": "docx",   # skills rendered as a real Word table
    "cv-ho-714": "md",
    "cv-ho-715": "pdf",
    "cv-ho-716": "md",
    "cv-ho-717": "docx",
    "cv-ho-718": "md",
    "cv-ho-719": "pdf",
    "cv-ho-720": "docx",
}

# sections that go to the sidebar of the two-column PDF
SIDEBAR = {"Contact", "Skills", "Languages", "Certificates", "Interests"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", "\n".join(para)))
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
        if line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if re.match(r"^\s*[-*]\s+", line):
            flush()
            items = []
            while i < len(lines) and re.match(r"^\s*[-*]\s+", lines[i]):
                items.append(re.sub(r"^\s*[-*]\s+", "", lines[i].rstrip()))
                i += 1
            blocks.append(("ul", items))
            continue
        para.append(line.strip())
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Split into (title, name-block) header and list of (section, blocks)."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=18, leading=22, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 5,
                             textColor=colors.HexColor("#1f3b5c"),
                             spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontName="Helvetica-Bold",
                             fontSize=base_size + 1, leading=base_size + 4),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size * 1.3, spaceAfter=3),
    }


def blocks_to_flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(payload).replace("\n", "<br/>"), st["p"]))
        elif kind == "ul":
            out.append(ListFlowable(
                [ListItem(Paragraph(inline_rl(t), st["p"]), leftIndent=10)
                 for t in payload],
                bulletType="bullet", start="\u2022", leftIndent=10,
                bulletFontSize=st["p"].fontSize))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def render_pdf(md_text, out_path, title):
    st = styles()
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=title, author=title)
    doc.build(blocks_to_flowables(parse(md_text), st))


def render_pdf_two_column(md_text, out_path, title):
    """Sidebar (contact/skills/languages...) in a narrow left frame,
    profile/experience/education in a wide right frame."""
    header, sections = split_sections(parse(md_text))
    side = [s for s in sections if s[0] in SIDEBAR]
    main = [s for s in sections if s[0] not in SIDEBAR]

    page_w, page_h = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    frame_h = page_h - 2 * margin
    left = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                  leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def background(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 2, margin - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=title, author=title,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate(id="two", frames=[left, right],
                                       onPage=background)])
    side_st = styles(8.5)
    main_st = styles(10)
    story = []
    story += blocks_to_flowables(header, side_st)
    for name, blks in side:
        story += blocks_to_flowables([("h2", name)] + blks, side_st)
    story.append(FrameBreak())
    for name, blks in main:
        story += blocks_to_flowables([("h2", name)] + blks, main_st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_inline_runs(par, text):
    # split on **bold** and *italic*
    pattern = re.compile(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))")
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            par.add_run(text[pos:m.start()])
        tok = m.group(0)
        if tok.startswith("**"):
            par.add_run(tok[2:-2]).bold = True
        else:
            par.add_run(tok[1:-1]).italic = True
        pos = m.end()
    if pos < len(text):
        par.add_run(text[pos:])


def render_docx(md_text, out_path, title):
    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = title
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse(md_text):
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "p":
            par = d.add_paragraph()
            for n, line in enumerate(payload.split("\n")):
                if n:
                    par.add_run().add_break()
                add_inline_runs(par, line)
        elif kind == "ul":
            for item in payload:
                add_inline_runs(d.add_paragraph(style="List Bullet"), item)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = d.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncols):
                    txt = row[c_i] if c_i < len(row) else ""
                    p = cells[c_i].paragraphs[0]
                    run = p.add_run(txt)
                    if r_i == 0:
                        run.bold = True
    d.save(str(out_path))


# ---------------------------------------------------------------- main
def main():
    for cv_id, target in TARGETS.items():
        md_path = HERE / f"{cv_id}.md"
        md_text = md_path.read_text(encoding="utf-8")
        title = md_text.splitlines()[0].lstrip("# ").strip()
        if target == "md":
            continue
        if target == "pdf":
            render_pdf(md_text, HERE / f"{cv_id}.pdf", title)
        elif target == "pdf-2col":
            render_pdf_two_column(md_text, HERE / f"{cv_id}.pdf", title)
        elif target == "docx":
            render_docx(md_text, HERE / f"{cv_id}.docx", title)
        print("rendered", cv_id, target)


if __name__ == "__main__":
    main()
