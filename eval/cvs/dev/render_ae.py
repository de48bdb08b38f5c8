"""Render the dev-ae CVs from their Markdown text into their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-ae/render.py

Targets (the .md file is always the CV's exact text):
  PDF : cv-dev-397 (two-column: sidebar + main column), cv-dev-400, cv-dev-403, cv-dev-406
  DOCX: cv-dev-398, cv-dev-401 (skills as a real Word table), cv-dev-404, cv-dev-408
  MD  : cv-dev-399, cv-dev-402, cv-dev-405, cv-dev-407 (nothing to render)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-397", "cv-dev-400", "cv-dev-403", "cv-dev-406"]
TWO_COLUMN = {"cv-dev-397"}
DOCX_TARGETS = ["cv-dev-398", "cv-dev-401", "cv-dev-404", "cv-dev-408"]
MD_TARGETS = ["cv-dev-399", "cv-dev-402", "cv-dev-405", "cv-dev-407"]

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Skills", "Working On", "Languages", "Interests"}


# --------------------------------------------------------------------------- parsing
def parse_markdown(text: str) -> list[dict]:
    """Very small Markdown parser: headings, bullets, pipe tables, text lines."""
    blocks: list[dict] = []
    lines = text.splitlines()
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
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append({"type": "table", "rows": rows})
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append({"type": f"h{len(m.group(1))}", "text": m.group(2)})
        elif line.startswith("- "):
            blocks.append({"type": "bullet", "text": line[2:]})
        else:
            blocks.append({"type": "para", "text": line})
        i += 1
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split a line into (text, bold, italic) runs."""
    runs = []
    for part in INLINE.split(text):
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
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# --------------------------------------------------------------------------- PDF
def register_fonts() -> tuple[str, str]:
    base = Path("/usr/share/fonts/truetype/dejavu")
    files = {
        "CVSans": "DejaVuSans.ttf",
        "CVSans-Bold": "DejaVuSans-Bold.ttf",
        "CVSans-Italic": "DejaVuSans-Oblique.ttf",
        "CVSans-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if all((base / f).exists() for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, str(base / f)))
        pdfmetrics.registerFontFamily(
            "CVSans", normal="CVSans", bold="CVSans-Bold",
            italic="CVSans-Italic", boldItalic="CVSans-BoldItalic",
        )
        return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()
ACCENT = colors.HexColor("#1F4E79")


def make_styles(base_size: float) -> dict[str, ParagraphStyle]:
    s = {}
    s["h1"] = ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=base_size + 9,
                             leading=base_size + 13, textColor=ACCENT, spaceAfter=2)
    s["h2"] = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=base_size + 2.5,
                             leading=base_size + 5, textColor=ACCENT,
                             spaceBefore=8, spaceAfter=3)
    s["h3"] = ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=base_size + 0.5,
                             leading=base_size + 3.5, spaceBefore=4, spaceAfter=1)
    s["para"] = ParagraphStyle("para", fontName=FONT, fontSize=base_size,
                               leading=base_size * 1.32, alignment=TA_LEFT, spaceAfter=2)
    s["contact"] = ParagraphStyle("contact", parent=s["para"], textColor=colors.HexColor("#444444"),
                                  spaceAfter=6)
    s["bullet"] = ParagraphStyle("bullet", parent=s["para"], leftIndent=11, bulletIndent=2, bulletFontName=FONT,
                                 spaceAfter=1.5)
    s["cell"] = ParagraphStyle("cell", parent=s["para"], spaceAfter=0)
    s["cellhead"] = ParagraphStyle("cellhead", parent=s["cell"], fontName=FONT_BOLD,
                                   textColor=colors.white)
    return s


def blocks_to_flowables(blocks, styles, width):
    flow = []
    first_para_after_h1 = False
    for b in blocks:
        t = b["type"]
        if t == "h1":
            flow.append(Paragraph(to_rl_markup(b["text"]), styles["h1"]))
            first_para_after_h1 = True
            continue
        if t == "table":
            rows = b["rows"]
            data = [[Paragraph(to_rl_markup(c), styles["cellhead" if r == 0 else "cell"])
                     for c in row] for r, row in enumerate(rows)]
            ncol = len(rows[0])
            first = width * (0.5 if ncol == 2 else 0.45)
            rest = (width - first) / max(ncol - 1, 1)
            tbl = Table(data, colWidths=[first] + [rest] * (ncol - 1), hAlign="LEFT")
            tbl.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA8B8")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EEF2F7")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            flow.append(tbl)
            flow.append(Spacer(1, 4))
        elif t == "bullet":
            flow.append(Paragraph(to_rl_markup(b["text"]), styles["bullet"], bulletText="•"))
        elif t in ("h2", "h3"):
            flow.append(Paragraph(to_rl_markup(b["text"]), styles[t]))
        else:
            style = styles["contact"] if first_para_after_h1 else styles["para"]
            flow.append(Paragraph(to_rl_markup(b["text"]), style))
        first_para_after_h1 = False
    return flow


def render_pdf_single(cv_id: str, blocks) -> Path:
    out = HERE / f"{cv_id}.pdf"
    styles = make_styles(9.5)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"CV {cv_id}", author="synthetic")
    doc.build(blocks_to_flowables(blocks, styles, doc.width))
    return out


def split_sections(blocks):
    """Return (header, sidebar, main) block lists; header = h1 + contact line."""
    header, sidebar, main = [], [], []
    current = header
    for b in blocks:
        if b["type"] == "h2":
            current = sidebar if b["text"] in SIDEBAR_SECTIONS else main
        current.append(b)
    return header, sidebar, main


def render_pdf_two_column(cv_id: str, blocks) -> Path:
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 1.5 * cm
    gutter = 0.7 * cm
    header_h = 2.3 * cm
    side_w = 6.0 * cm
    main_w = page_w - 2 * margin - side_w - gutter
    body_h = page_h - 2 * margin - header_h

    header_frame = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=6, rightPadding=6, topPadding=6, bottomPadding=6)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=6, bottomPadding=0)
    later_frame = Frame(margin + side_w + gutter, margin, main_w, page_h - 2 * margin,
                        id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def draw_sidebar(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EAF0F6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(margin, page_h - margin - header_h + 4, page_w - margin, page_h - margin - header_h + 4)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin,
                          title=f"CV {cv_id}", author="synthetic")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame], onPage=draw_sidebar),
        PageTemplate(id="later", frames=[later_frame]),
    ])

    header, sidebar, main = split_sections(blocks)
    side_styles = make_styles(8.3)
    main_styles = make_styles(9.0)
    flow = [NextPageTemplate("later")]
    flow += blocks_to_flowables(header, make_styles(9.0), page_w - 2 * margin)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(sidebar, side_styles, side_w - 12)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(main, main_styles, main_w)
    doc.build(flow)
    return out


# --------------------------------------------------------------------------- DOCX
def add_runs(paragraph, text: str, size: float | None = None):
    for t, b, it in inline_runs(text):
        run = paragraph.add_run(t)
        run.bold = b or None
        run.italic = it or None
        if size:
            run.font.size = Pt(size)


def render_docx(cv_id: str, blocks) -> Path:
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = f"CV {cv_id}"
    doc.core_properties.author = "synthetic"

    for b in blocks:
        t = b["type"]
        if t == "h1":
            h = doc.add_heading(level=0)
            add_runs(h, b["text"])
        elif t == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, b["text"])
        elif t == "h3":
            h = doc.add_heading(level=2)
            add_runs(h, b["text"])
        elif t == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            add_runs(p, b["text"])
        elif t == "table":
            rows = b["rows"]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    p = cell.paragraphs[0]
                    add_runs(p, cell_text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            p = doc.add_paragraph()
            add_runs(p, b["text"])
            p.paragraph_format.space_after = Pt(3)
    # colour headings a little, like a real template would
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading") or p.style.name == "Title":
            for run in p.runs:
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    doc.save(str(out))
    return out


# --------------------------------------------------------------------------- main
def main() -> None:
    written = []
    for cv_id in PDF_TARGETS:
        blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            written.append(render_pdf_two_column(cv_id, blocks))
        else:
            written.append(render_pdf_single(cv_id, blocks))
    for cv_id in DOCX_TARGETS:
        blocks = parse_markdown((HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        written.append(render_docx(cv_id, blocks))
    for cv_id in MD_TARGETS:
        assert (HERE / f"{cv_id}.md").exists(), cv_id
    for path in written:
        print(f"{path.name}: {os.path.getsize(path) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
