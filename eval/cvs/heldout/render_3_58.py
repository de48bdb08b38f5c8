"""Render the CV markdown files of this folder to their target formats (PDF / DOCX).

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-58/render.py
The .md files are the source of truth; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib import colors
from reportlab.platypus import (SimpleDocTemplate, BaseDocTemplate, PageTemplate, Frame,
                                Paragraph, Spacer, FrameBreak, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1285": "pdf",
    "cv-ho-1286": "docx",
    "cv-ho-1287": "md",
    "cv-ho-1288": "pdf-2col",
    "cv-ho-1289": "docx",
    "cv-ho-1290": "md",
    "cv-ho-1291": "pdf",
    "cv-ho-1292": "md",
    "cv-ho-1293": "docx",
    "cv-ho-1294": "md",
    "cv-ho-1295": "pdf",
    "cv-ho-1296": "docx",
}

# sections that go into the sidebar of the two-column PDF
SIDEBAR_SECTIONS = {"Skills", "Languages", "Education"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, li, table."""
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
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif re.match(r"^\s*[-*]\s+", line):
            blocks.append(("li", re.sub(r"^\s*[-*]\s+", "", line)))
        else:
            blocks.append(("p", line.strip()))
        i += 1
    return blocks


def split_sections(blocks):
    """Header blocks (before first h2/h3) and a list of (title, blocks)."""
    header, sections, cur = [], [], None
    for kind, payload in blocks:
        if kind in ("h2", "h3"):
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            header.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return header, sections


def inline_runs(text):
    """Split markdown inline text into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base=9.5):
    ss = getSampleStyleSheet()
    font = "Helvetica"
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=font + "-Bold", fontSize=base + 8,
                             leading=base + 11, alignment=0, spaceAfter=3),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=font + "-Bold", fontSize=base + 2,
                             leading=base + 4, spaceBefore=7, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName=font, fontSize=base,
                            leading=base * 1.3, spaceAfter=1.5),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName=font, fontSize=base,
                             leading=base * 1.3, leftIndent=10, bulletIndent=2, spaceAfter=1),
    }


def flow(blocks, st):
    items = []
    for kind, payload in blocks:
        if kind == "h1":
            items.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind in ("h2", "h3"):
            items.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "li":
            items.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "p":
            items.append(Paragraph(to_rl(payload), st["p"]))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            items.append(t)
    return items


def render_pdf(blocks, out):
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=out.stem)
    doc.build(flow(blocks, st))


def render_pdf_two_column(blocks, out):
    """Sidebar (contact, skills, languages, education) on the left, main column on the right.
    Built with BaseDocTemplate and two Frames so the text layer is really two columns."""
    st = pdf_styles(base=8.8)
    side_st = pdf_styles(base=8.3)
    header, sections = split_sections(blocks)
    side, main = [], []
    side += flow(header, side_st)
    for title, body in sections:
        target, sty = (side, side_st) if title in SIDEBAR_SECTIONS else (main, st)
        target += flow([("h2", title)] + body, sty)
    W, H = A4
    margin = 12 * mm
    side_w = 62 * mm
    gap = 6 * mm
    left = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)
    right = Frame(margin + side_w + gap, margin, W - 2 * margin - side_w - gap, H - 2 * margin,
                  id="main", leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=4)

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(0, 0, margin + side_w + gap / 2, H, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=out.stem)
    doc.addPageTemplates([PageTemplate(id="twocol", frames=[left, right], onPage=deco)])
    doc.build(side + [FrameBreak()] + main)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(blocks, out):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind in ("h2", "h3"):
            doc.add_heading(payload, level=1)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            table = doc.add_table(rows=len(payload), cols=ncols)
            table.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = table.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
    doc.core_properties.title = out.stem
    doc.save(str(out))


def main():
    for cv_id, fmt in TARGETS.items():
        src = HERE / (cv_id + ".md")
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(blocks, HERE / (cv_id + ".pdf"))
        elif fmt == "pdf-2col":
            render_pdf_two_column(blocks, HERE / (cv_id + ".pdf"))
        elif fmt == "docx":
            render_docx(blocks, HERE / (cv_id + ".docx"))
        print(cv_id, fmt)


if __name__ == "__main__":
    main()
