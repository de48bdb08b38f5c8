"""Render the heldout4-129 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout4-129/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-2138", "cv-ho-2140", "cv-ho-2143", "cv-ho-2147"]
TWO_COLUMN = {"cv-ho-2138"}
SIDEBAR_SECTIONS = {"Contact", "Skills", "Languages", "Interests"}
DOCX = ["cv-ho-2139", "cv-ho-2141", "cv-ho-2145", "cv-ho-2148"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                              italic="DejaVu", boldItalic="DejaVu-Bold")


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para, bullet, table (payload = list of rows).
    """
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para = [line.strip()]
            while (i + 1 < len(lines) and lines[i + 1].strip()
                   and not lines[i + 1].startswith(("#", "- ", "|"))):
                i += 1
                para.append(lines[i].strip())
            blocks.append(("para", " ".join(para)))
        i += 1
    return blocks


def split_bold(text):
    """Yield (segment, is_bold) pairs for **bold** markup."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            yield p[2:-2], True
        else:
            yield p, False


def to_rl(text):
    return "".join(f"<b>{html.escape(s)}</b>" if b else html.escape(s)
                   for s, b in split_bold(text))


# ---------------------------------------------------------------- PDF
def styles(base_size=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=18, leading=22,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3,
                             textColor="#1f3a5f"),
        "para": ParagraphStyle("para", fontName="DejaVu", fontSize=base_size,
                               leading=base_size * 1.32, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="DejaVu", fontSize=base_size,
                                 leading=base_size * 1.32, leftIndent=10,
                                 bulletIndent=2, spaceAfter=1.5),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888")]))
            out.append(t)
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(to_rl(payload), st[kind]))
    return out


def sections(blocks):
    """Split blocks into a header (before first h2) and named sections."""
    header, secs, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            secs.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, secs


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    margin = 16 * mm
    if cv_id not in TWO_COLUMN:
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                                rightMargin=margin, topMargin=margin,
                                bottomMargin=margin, title=cv_id)
        doc.build(flowables(blocks, styles()))
        return out

    W, H = A4
    side_w = 64 * mm
    gap = 7 * mm
    body_h = H - 2 * margin
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar",
                    leftPadding=4, rightPadding=4)
    main = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap,
                 body_h, id="main", leftPadding=4, rightPadding=4)
    rest = Frame(margin, margin, W - 2 * margin, body_h, id="rest")

    def sidebar_bg(canv, doc):
        canv.saveState()
        canv.setFillColor("#eef2f7")
        canv.rect(margin - 2, margin - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id,
                          leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[sidebar, main], onPage=sidebar_bg),
        PageTemplate(id="rest", frames=[rest]),
    ])
    header, secs = sections(blocks)
    side_blocks = [b for name, bs in secs if name in SIDEBAR_SECTIONS for b in bs]
    main_blocks = header + [b for name, bs in secs
                            if name not in SIDEBAR_SECTIONS for b in bs]
    st_side = styles(8.5)
    story = [NextPageTemplate("rest")]
    story += flowables(side_blocks, st_side)
    story += [FrameBreak()]
    story += flowables(main_blocks, styles(9.2))
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for seg, bold in split_bold(text):
        run = par.add_run(seg)
        run.bold = bold


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = table.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = ""
                    p = cells[c].paragraphs[0]
                    add_runs(p, val)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_pdf(cv_id, blocks).name)
    for cv_id in DOCX:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print("wrote", render_docx(cv_id, blocks).name)


if __name__ == "__main__":
    main()
