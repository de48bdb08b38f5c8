"""Render the dev-az CVs from their Markdown source to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-az/render.py

- PDF  (reportlab, real text layer; cv-dev-652 is a true two-column layout
        built with BaseDocTemplate + Frames: sidebar frame and main frame)
- DOCX (python-docx; Markdown tables become real Word tables)
- MD   (the .md file itself is the target; nothing to render)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-651", "cv-dev-652", "cv-dev-655", "cv-dev-658"]
TWO_COLUMN = {"cv-dev-652"}
DOCX_IDS = ["cv-dev-650", "cv-dev-653", "cv-dev-656", "cv-dev-659"]
MD_IDS = ["cv-dev-649", "cv-dev-654", "cv-dev-657", "cv-dev-660"]

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Creative tools", "Currently learning", "Languages"}


# --------------------------------------------------------------------------
# Minimal Markdown parser (only what the CVs use)
# --------------------------------------------------------------------------
def parse_md(text: str) -> list[tuple]:
    blocks: list[tuple] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [row[:] for row in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("|"):
            flush_para()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            table.append(cells)
            continue
        flush_table()
        if not stripped:
            flush_para()
        elif stripped.startswith("### "):
            flush_para()
            blocks.append(("h3", stripped[4:]))
        elif stripped.startswith("## "):
            flush_para()
            blocks.append(("h2", stripped[3:]))
        elif stripped.startswith("# "):
            flush_para()
            blocks.append(("h1", stripped[2:]))
        elif stripped.startswith("- "):
            flush_para()
            blocks.append(("li", stripped[2:]))
        else:
            para.append(stripped)
    flush_para()
    flush_table()
    return blocks


INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split text into (chunk, bold, italic) runs."""
    runs = []
    for part in INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl_markup(text: str) -> str:
    out = []
    for chunk, b, i in inline_runs(text):
        chunk = chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            chunk = f"<b>{chunk}</b>"
        if i:
            chunk = f"<i>{chunk}</i>"
        out.append(chunk)
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _fonts() -> tuple[str, str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    base = "/usr/share/fonts/truetype/dejavu/"
    files = {
        "CVSans": "DejaVuSans.ttf",
        "CVSans-Bold": "DejaVuSans-Bold.ttf",
        "CVSans-Oblique": "DejaVuSans-Oblique.ttf",
        "CVSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    if all(os.path.exists(base + f) for f in files.values()):
        for name, f in files.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, base + f))
        addMapping("CVSans", 0, 0, "CVSans")
        addMapping("CVSans", 1, 0, "CVSans-Bold")
        addMapping("CVSans", 0, 1, "CVSans-Oblique")
        addMapping("CVSans", 1, 1, "CVSans-BoldOblique")
        return "CVSans", "CVSans-Bold", "CVSans-Oblique"
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


def _styles(small: bool = False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    reg, bold, _ = _fonts()
    fs = 8.6 if small else 9.6
    accent = colors.HexColor("#1f4e79")
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=2, textColor=accent),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=accent),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=fs + 0.4, leading=fs + 3.5, spaceBefore=4,
                             spaceAfter=1),
        "p": ParagraphStyle("p", fontName=reg, fontSize=fs, leading=fs + 3, spaceAfter=3),
        "li": ParagraphStyle("li", fontName=reg, fontSize=fs, leading=fs + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1.5),
    }


def _flowables(blocks, st, width=None):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    flow = []
    for kind, val in blocks:
        if kind == "table":
            data = [[Paragraph(to_rl_markup(c), st["p"]) for c in row] for row in val]
            t = Table(data, colWidths=None if width is None else [width * 0.65, width * 0.35])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
        elif kind == "li":
            flow.append(Paragraph(to_rl_markup(val), st["li"], bulletText="•"))
        else:
            flow.append(Paragraph(to_rl_markup(val), st[kind]))
    return flow


def _split_sections(blocks):
    """Return (header_blocks, [(title, blocks_including_h2), ...])."""
    header, sections, cur = [], [], None
    for b in blocks:
        if b[0] == "h2":
            cur = (b[1], [b])
            sections.append(cur)
        elif cur is None:
            header.append(b)
        else:
            cur[1].append(b)
    return header, sections


def render_pdf(cv_id: str, blocks) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, BaseDocTemplate, Frame, PageTemplate, FrameBreak, \
        NextPageTemplate

    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 18 * mm
    meta = dict(title=f"CV {cv_id}", author="synthetic", subject="Curriculum vitae")

    if cv_id not in TWO_COLUMN:
        st = _styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, **meta)
        doc.build(_flowables(blocks, st, width=W - 2 * margin))
        return out

    # ---- two-column layout: header frame, sidebar frame, main frame ----
    st = _styles(small=True)
    header, sections = _split_sections(blocks)
    side = [b for t, bl in sections if t in SIDEBAR_SECTIONS for b in bl]
    main = [b for t, bl in sections if t not in SIDEBAR_SECTIONS for b in bl]

    header_h = 22 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    body_h = H - 2 * margin - header_h
    f_header = Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_side = Frame(margin, margin, side_w, body_h, id="sidebar",
                   leftPadding=0, rightPadding=4, topPadding=2, bottomPadding=0)
    f_main = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                   leftPadding=0, rightPadding=0, topPadding=2, bottomPadding=0)
    f_later = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_rule(canv, doc):
        from reportlab.lib import colors
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef3f8"))
        canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm, body_h + 3 * mm, stroke=0, fill=1)
        canv.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, **meta)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_header, f_side, f_main], onPage=draw_rule),
        PageTemplate(id="later", frames=[f_later]),
    ])
    story = [NextPageTemplate("later")]
    story += _flowables(header, st)
    story.append(FrameBreak())
    story += _flowables(side, st, width=side_w)
    story.append(FrameBreak())
    story += _flowables(main, st, width=main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for chunk, b, i in inline_runs(text):
        r = par.add_run(chunk)
        r.bold = b or None
        r.italic = i or None


def render_docx(cv_id: str, blocks) -> Path:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            h = doc.add_heading("", level=2)
            _add_runs(h, val)
        elif kind == "li":
            _add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "p":
            _add_runs(doc.add_paragraph(), val)
        elif kind == "table":
            rows = val
            ncol = max(len(r) for r in rows)
            t = doc.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    _add_runs(c.paragraphs[0], cell)
                    if ri == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True
    out = HERE / f"{cv_id}.docx"
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_IDS + DOCX_IDS:
        blocks = parse_md((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        out = render_pdf(cv_id, blocks) if cv_id in PDF_IDS else render_docx(cv_id, blocks)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")
    for cv_id in MD_IDS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
        print(f"{cv_id}.md: target is the Markdown file itself")


if __name__ == "__main__":
    main()
