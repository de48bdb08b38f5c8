"""Render the heldout3-88 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-88/render.py
The .md file is the CV's exact content; the target format for each id is
listed in TARGETS (md targets are not rendered: the .md itself is the target).
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, SimpleDocTemplate, Frame, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle, FrameBreak,
                                NextPageTemplate)
import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1645": "pdf",
    "cv-ho-1646": "docx",   # skills table -> real Word table
    "cv-ho-1647": "md",
    "cv-ho-1648": "pdf2col",
    "cv-ho-1649": "docx",
    "cv-ho-1650": "md",
    "cv-ho-1651": "pdf",
    "cv-ho-1652": "docx",
    "cv-ho-1653": "md",
    "cv-ho-1654": "pdf",
    "cv-ho-1655": "docx",
    "cv-ho-1656": "md",
}
# sections of the two-column CV that go into the sidebar
SIDEBAR = {"cv-ho-1648": {"Contact", "Skills", "Education", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).
    kinds: h1, h2, h3, para, bullet (level, text), table (rows), rule."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush(); i += 1; continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if s == "---":
            flush(); blocks.append(("rule", None)); i += 1; continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1; continue
        m = re.match(r"^(\s*)(?:[-*]|\d+\.)\s+(.*)$", line)
        if m:
            flush()
            level = 1 if len(m.group(1)) >= 2 else 0
            blocks.append(("bullet", (level, m.group(2))))
            i += 1; continue
        para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """header blocks (before first h2/h3) and list of (title, blocks)."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] in ("h2", "h3"):
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", text)
    return text


def styles(scale=1.0):
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5 * scale, leading=12.5 * scale, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold",
                             fontSize=17 * scale, leading=21 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold",
                             fontSize=11.5 * scale, leading=14 * scale, spaceBefore=8,
                             spaceAfter=3, textColor=colors.HexColor("#1f3b63")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold",
                             fontSize=10.5 * scale, leading=13 * scale, spaceBefore=6),
        "para": base,
        "bullet": ParagraphStyle("bullet", parent=base, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5 * scale,
                               leading=10.5 * scale, spaceAfter=0),
    }


def rl_flowables(blocks, st, width):
    out = []
    bullets = []

    def flush_bullets():
        for lvl, t in bullets:
            bst = ParagraphStyle("b%d" % lvl, parent=st["bullet"], leftIndent=10 + 10 * lvl,
                                 bulletIndent=2 + 10 * lvl)
            out.append(Paragraph(inline_rl(t), bst, bulletText="\u2022" if not lvl else "\u2013"))
        bullets.clear()

    for kind, payload in blocks:
        if kind == "bullet":
            bullets.append(payload); continue
        flush_bullets()
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(inline_rl(payload), st[kind]))
        elif kind == "rule":
            out.append(Spacer(1, 4))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in r] for r in payload]
            ncol = len(payload[0])
            t = Table(data, colWidths=[width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    flush_bullets()
    return out


def render_pdf(cv_id, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(rl_flowables(blocks, st, doc.width))


def render_pdf_two_column(cv_id, blocks, out):
    st = styles(scale=0.95)
    W, H = A4
    margin = 14 * mm
    header_h = 30 * mm
    side_w = 58 * mm
    gap = 8 * mm
    body_top = H - margin - header_h
    body_h = body_top - margin
    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header")
    side = Frame(margin, margin, side_w, body_h, id="sidebar",
                 showBoundary=0)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, body_h, id="main")
    rest = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="rest")

    def draw_sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 6 * mm,
                    stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, side, main], onPage=draw_sidebar_bg),
        PageTemplate(id="rest", frames=[rest]),
    ])
    head, sections = split_sections(blocks)
    sidebar_names = SIDEBAR[cv_id]
    side_blocks = [b for name, bl in sections if name in sidebar_names for b in bl]
    main_blocks = [b for name, bl in sections if name not in sidebar_names for b in bl]
    story = [NextPageTemplate("rest")]
    story += rl_flowables(head, st, header.width)
    story.append(FrameBreak())
    story += rl_flowables(side_blocks, st, side_w)
    story.append(FrameBreak())
    story += rl_flowables(main_blocks, st, main._width)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    for part in re.split(r"(\*\*.+?\*\*|(?<!\*)\*[^*\s][^*]*?\*(?!\*))", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            par.add_run(part[1:-1]).italic = True
        else:
            par.add_run(part)


def render_docx(cv_id, blocks, out):
    d = docx.Document()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            add_inline(d.add_paragraph(), payload)
        elif kind == "bullet":
            lvl, text = payload
            add_inline(d.add_paragraph(style="List Bullet 2" if lvl else "List Bullet"), text)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    run.bold = (r == 0)
            d.add_paragraph()
    d.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "pdf":
            render_pdf(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "pdf2col":
            render_pdf_two_column(cv_id, blocks, HERE / f"{cv_id}.pdf")
        elif fmt == "docx":
            render_docx(cv_id, blocks, HERE / f"{cv_id}.docx")
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
