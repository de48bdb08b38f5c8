"""Render the heldout3-49 CVs from their Markdown source to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-49/render.py
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable,
                                ListItem, NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1177": "pdf2col",
    "cv-ho-1178": "docx",
    "cv-ho-1179": "md",
    "cv-ho-1180": "pdf",
    "cv-ho-1181": "docx",
    "cv-ho-1182": "pdf",
    "cv-ho-1183": "docx",
    "cv-ho-1184": "md",
    "cv-ho-1185": "pdf",
    "cv-ho-1186": "docx",
    "cv-ho-1187": "md",
    "cv-ho-1188": "md",
}
# sections that go into the left sidebar of the two-column PDF
SIDEBAR = {"cv-ho-1177": {"Skills", "Languages", "Interests"}}
# fonts: DejaVu if available (for accents), else Helvetica
FONT, FONT_B = "Helvetica", "Helvetica-Bold"
try:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for cand in ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]:
        if Path(cand).exists():
            pdfmetrics.registerFont(TTFont("DejaVu", cand))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", cand.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")))
            from reportlab.lib.fonts import addMapping
            addMapping("DejaVu", 0, 0, "DejaVu")
            addMapping("DejaVu", 1, 0, "DejaVu-Bold")
            addMapping("DejaVu", 0, 1, "DejaVu")
            addMapping("DejaVu", 1, 1, "DejaVu-Bold")
            FONT, FONT_B = "DejaVu", "DejaVu-Bold"
except Exception:  # pragma: no cover
    pass


# ---------------------------------------------------------------- parsing
def parse(md: str):
    """Return a list of blocks: (kind, payload).

    kinds: title, heading, para, bullets (list of str), table (list of rows)
    """
    blocks = []
    lines = md.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("para", para[:]))
            para.clear()

    while i < len(lines):
        ln = lines[i].rstrip()
        if not ln.strip():
            flush()
        elif ln.startswith("# "):
            flush(); blocks.append(("title", ln[2:].strip()))
        elif ln.startswith("## "):
            flush(); blocks.append(("heading", ln[3:].strip()))
        elif ln.startswith("- "):
            flush()
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip()); i += 1
            blocks.append(("bullets", items)); continue
        elif ln.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-{3,}|:?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows)); continue
        else:
            para.append(ln.strip())
        i += 1
    flush()
    return blocks


def inline_rl(text: str) -> str:
    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return t


def inline_runs(text: str):
    """Split markdown inline text into (text, bold, italic) runs."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*.+?\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("t", parent=base, fontName=FONT_B, fontSize=18, leading=22, spaceAfter=4),
        "heading": ParagraphStyle("h", parent=base, fontName=FONT_B, fontSize=11.5, leading=14,
                                  spaceBefore=8, spaceAfter=3),
        "para": ParagraphStyle("p", parent=base, spaceAfter=3),
        "bullet": ParagraphStyle("b", parent=base),
    }


def flowables(blocks, st):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(inline_rl(payload), st["title"]))
        elif kind == "heading":
            out.append(Paragraph(inline_rl(payload), st["heading"]))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(inline_rl(x) for x in payload), st["para"]))
        elif kind == "bullets":
            out.append(ListFlowable([ListItem(Paragraph(inline_rl(x), st["bullet"]), leftIndent=10)
                                     for x in payload], bulletType="bullet", start="•",
                                    leftIndent=10, bulletFontName=FONT))
            out.append(Spacer(1, 2))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["para"]) for c in r] for r in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888")]))
            out.append(t)
    return out


def split_sections(blocks):
    """Return (header_blocks, [(heading, blocks)])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "heading":
            cur = (b[1], [b]); sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf(cid, blocks, out):
    st = styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cid, author="synthetic")
    doc.build(flowables(blocks, st))


def render_pdf_2col(cid, blocks, out):
    st = styles()
    side_st = dict(st)
    side_st["para"] = ParagraphStyle("sp", parent=st["para"], fontSize=8.5, leading=11)
    side_st["bullet"] = ParagraphStyle("sb", parent=st["bullet"], fontSize=8.5, leading=11)
    W, H = A4
    m = 14 * mm
    header_h = 32 * mm
    side_w = 62 * mm
    gap = 6 * mm
    body_h = H - 2 * m - header_h
    f_head = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    f_side = Frame(m, m, side_w, body_h, id="sidebar", showBoundary=0)
    f_main = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, body_h, id="main", showBoundary=0)
    f_later = Frame(m + side_w + gap, m, W - 2 * m - side_w - gap, H - 2 * m, id="later")

    def side_bg(canv, _doc):
        canv.saveState()
        canv.setFillColorRGB(0.93, 0.95, 0.97)
        canv.rect(m - 3 * mm, m - 3 * mm, side_w + 4 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cid, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[f_head, f_side, f_main], onPage=side_bg),
                          PageTemplate(id="later", frames=[f_later])])
    header, sections = split_sections(blocks)
    side = [s for s in sections if s[0] in SIDEBAR[cid]]
    main = [s for s in sections if s[0] not in SIDEBAR[cid]]
    story = flowables(header, st) + [NextPageTemplate("later"), FrameBreak()]
    for _, bl in side:
        story += flowables(bl, side_st)
    story.append(FrameBreak())
    for _, bl in main:
        story += flowables(bl, st)
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, i in inline_runs(text):
        r = par.add_run(t)
        r.bold = b or None
        r.italic = i or None


def render_docx(cid, blocks, out):
    d = Document()
    d.core_properties.title = cid
    d.core_properties.author = "synthetic"
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            d.add_heading(payload, level=0)
        elif kind == "heading":
            d.add_heading(payload, level=1)
        elif kind == "para":
            p = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullets":
            for x in payload:
                add_runs(d.add_paragraph(style="List Bullet"), x)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = ""
                    add_runs(t.cell(r, c).paragraphs[0], cell)
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
    d.save(str(out))


def main():
    for cid, fmt in TARGETS.items():
        src = HERE / f"{cid}.md"
        blocks = parse(src.read_text(encoding="utf-8"))
        if fmt == "pdf":
            render_pdf(cid, blocks, HERE / f"{cid}.pdf")
        elif fmt == "pdf2col":
            render_pdf_2col(cid, blocks, HERE / f"{cid}.pdf")
        elif fmt == "docx":
            render_docx(cid, blocks, HERE / f"{cid}.docx")
        print(cid, fmt)


if __name__ == "__main__":
    main()
