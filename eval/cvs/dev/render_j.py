"""Render the Markdown CVs of eval/cvs/dev-j to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-j/render.py

- PDF  (reportlab, real text layer): cv-dev-109 (two-column), 112, 115, 118
- DOCX (python-docx):                 cv-dev-110, 113 (skills as a Word table), 117, 120
- MD   (the .md file itself is the target): cv-dev-111, 114, 116, 119
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

# Bullets are drawn with the bundled Vera TTF so the text layer maps them to a real "\u2022".
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))

PDF_IDS = ["cv-dev-109", "cv-dev-112", "cv-dev-115", "cv-dev-118"]
TWO_COLUMN = {"cv-dev-109": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_IDS = ["cv-dev-110", "cv-dev-113", "cv-dev-117", "cv-dev-120"]


# --------------------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, bullet, num, table, para."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif line.startswith("  ") and blocks and blocks[-1][0] in ("bullet", "num", "para"):
            kind, text = blocks[-1]
            blocks[-1] = (kind, text + " " + line.strip())
        elif re.match(r"^\d+\. ", line):
            blocks.append(("num", re.sub(r"^\d+\. ", "", line)))
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def sections(blocks):
    """Split blocks into (title, blocks) by h2; the part before the first h2 has title None."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], [b]))
        else:
            out[-1][1].append(b)
    return out


# --------------------------------------------------------------------------- inline markup
def to_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def add_runs(paragraph, text):
    """Add text with **bold** / *italic* to a python-docx paragraph."""
    tokens = re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text)
    for tok in tokens:
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            paragraph.add_run(tok[2:-2]).bold = True
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            paragraph.add_run(tok[1:-1]).italic = True
        else:
            paragraph.add_run(tok)


# --------------------------------------------------------------------------- PDF
def pdf_styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=18, leading=22,
                             spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3B5C")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10, leading=13,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=base),
        "side_h2": ParagraphStyle("side_h2", parent=base, fontName="Helvetica-Bold", fontSize=10.5,
                                  leading=13, spaceBefore=8, spaceAfter=3,
                                  textColor=colors.HexColor("#1F3B5C")),
        "side": ParagraphStyle("side", parent=base, fontSize=8.5, leading=11, spaceAfter=2),
    }


def blocks_to_flowables(blocks, st, side=False):
    flow = []
    pending = []  # list items waiting to be flushed
    pending_kind = None

    def flush():
        nonlocal pending, pending_kind
        if pending:
            item_style = st["side"] if side else st["bullet"]
            items = [ListItem(Paragraph(to_rl(t), item_style), leftIndent=10) for t in pending]
            kw = dict(bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=7,
                      bulletFontName="Vera")
            if pending_kind == "num":
                kw = dict(bulletType="1", leftIndent=14, bulletFontSize=8.5)
            flow.append(ListFlowable(items, **kw))
            flow.append(Spacer(1, 2))
        pending, pending_kind = [], None

    for kind, payload in blocks:
        if kind in ("bullet", "num"):
            if pending_kind not in (None, kind):
                flush()
            pending.append(payload)
            pending_kind = kind
            continue
        flush()
        if kind == "h1":
            flow.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(to_rl(payload), st["side_h2"] if side else st["h2"]))
        elif kind == "h3":
            flow.append(Paragraph(to_rl(payload), st["h3"]))
        elif kind == "para":
            flow.append(Paragraph(to_rl(payload), st["side"] if side else st["para"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["para"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
    flush()
    return flow


def render_pdf_single(cv_id, blocks):
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id, author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, st))
    return out


def render_pdf_two_column(cv_id, blocks, side_titles):
    """Header frame with the name, then a narrow left sidebar frame and a wide main frame."""
    st = pdf_styles()
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    m = 14 * mm
    header_h = 16 * mm
    gap = 7 * mm
    side_w = 58 * mm
    body_top = H - m - header_h
    body_h = body_top - m
    header = Frame(m, body_top, W - 2 * m, header_h, id="header", showBoundary=0)
    sidebar = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0,
                    leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", showBoundary=0)
    later_side = Frame(m, m, side_w, H - 2 * m, id="sidebar2", showBoundary=0)
    later_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="main2",
                       showBoundary=0)

    def draw_sidebar_bg(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F6"))
        canvas.rect(m - 2, m - 2, side_w + 4, body_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_sidebar_bg),
        PageTemplate(id="later", frames=[later_main, later_side]),
    ])

    secs = sections(blocks)
    head_blocks = secs[0][1]
    side_blocks = [b for title, bl in secs[1:] if title in side_titles for b in bl]
    main_blocks = [b for title, bl in secs[1:] if title not in side_titles for b in bl]

    story = [NextPageTemplate("later")]
    story += blocks_to_flowables(head_blocks, st)
    story.append(FrameBreak())
    story += blocks_to_flowables(side_blocks, st, side=True)
    story.append(FrameBreak())
    story += blocks_to_flowables(main_blocks, st)
    doc.build(story)
    return out


# --------------------------------------------------------------------------- DOCX
def render_docx(cv_id, blocks):
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
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "num":
            add_runs(doc.add_paragraph(style="List Number"), payload)
        elif kind == "para":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            rows = payload
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    if r == 0:
                        p.add_run(cell_text).bold = True
                    else:
                        add_runs(p, cell_text)
            doc.add_paragraph()
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks, TWO_COLUMN[cv_id])
        else:
            out = render_pdf_single(cv_id, blocks)
        print(f"wrote {out.name} ({out.stat().st_size // 1024} KB)")
    for cv_id in DOCX_IDS:
        blocks = parse((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_docx(cv_id, blocks)
        print(f"wrote {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
