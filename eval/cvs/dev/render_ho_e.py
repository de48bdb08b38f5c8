"""Render the heldout-e CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout-e/render.py
The .md file is the CV's exact content; MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, HRFlowable,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# Use an embedded TrueType font when available so that non-ASCII names
# (Gdańsk, Léa, ...) and bullets end up as real text; fall back to Helvetica.
BASE_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"
_LIB = Path("/usr/share/fonts/truetype/liberation")
if (_LIB / "LiberationSans-Regular.ttf").exists():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    for name, fname in [("LibSans", "Regular"), ("LibSans-Bold", "Bold"),
                        ("LibSans-Italic", "Italic"), ("LibSans-BoldItalic", "BoldItalic")]:
        pdfmetrics.registerFont(TTFont(name, str(_LIB / f"LiberationSans-{fname}.ttf")))
    addMapping("LibSans", 0, 0, "LibSans")
    addMapping("LibSans", 1, 0, "LibSans-Bold")
    addMapping("LibSans", 0, 1, "LibSans-Italic")
    addMapping("LibSans", 1, 1, "LibSans-BoldItalic")
    BASE_FONT, BOLD_FONT = "LibSans", "LibSans-Bold"

TARGETS = {
    "cv-ho-049": "pdf",
    "cv-ho-050": "docx",
    "cv-ho-051": "md",
    "cv-ho-052": "pdf2col",
    "cv-ho-053": "docx",
    "cv-ho-054": "pdf",
    "cv-ho-055": "md",
    "cv-ho-056": "md",
    "cv-ho-057": "docx",
    "cv-ho-058": "md",
    "cv-ho-059": "pdf",
    "cv-ho-060": "docx",
}

# Sections of cv-ho-052 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Coursework", "Education", "Languages"}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Turn the small Markdown subset used by the CVs into blocks."""
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
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("### "):
            flush(); blocks.append(("h3", s[4:]))
        elif s.startswith("## "):
            flush(); blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            flush(); blocks.append(("h1", s[2:]))
        elif s == "---":
            flush(); blocks.append(("hr", ""))
        elif s.startswith("- "):
            flush(); blocks.append(("li", s[2:]))
        elif re.match(r"^\d+\. ", s):
            flush(); blocks.append(("ol", s))
        elif s.startswith("> "):
            flush(); blocks.append(("quote", s[2:]))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip()
                cells = [c.strip() for c in row.strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            # Lines inside the same paragraph keep their own line (CV header lines).
            para.append(s)
        i += 1
    flush()
    return blocks


# ---------------------------------------------------------------- PDF
def inline_rl(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text.replace("\n", "<br/>")


def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    st = {
        "_": None,
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontSize=base_size + 10,
                             leading=base_size + 13, alignment=TA_LEFT, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontSize=base_size + 2.5,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1F3A5F")),
        "h3": ParagraphStyle("h3", parent=ss["Heading3"], fontSize=base_size + 0.5,
                             leading=base_size + 3, spaceBefore=5, spaceAfter=1),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontSize=base_size,
                            leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontSize=base_size,
                             leading=base_size + 3, leftIndent=10, bulletIndent=2,
                             spaceAfter=1),
        "quote": ParagraphStyle("quote", parent=ss["BodyText"], fontSize=base_size,
                                leading=base_size + 3, leftIndent=12,
                                textColor=colors.HexColor("#333333")),
    }
    st.pop("_")
    for name, style in st.items():
        style.fontName = BOLD_FONT if name.startswith("h") else BASE_FONT
        style.bulletFontName = BASE_FONT
    return st


def flowables(blocks, st):
    out = []
    for kind, val in blocks:
        if kind == "h1":
            out.append(Paragraph(inline_rl(val), st["h1"]))
        elif kind == "h2":
            out.append(Paragraph(inline_rl(val), st["h2"]))
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey,
                                  spaceBefore=0, spaceAfter=3))
        elif kind == "h3":
            out.append(Paragraph(inline_rl(val), st["h3"]))
        elif kind == "p":
            out.append(Paragraph(inline_rl(val), st["p"]))
        elif kind == "li":
            out.append(Paragraph(inline_rl(val), st["li"], bulletText="\u2022"))
        elif kind == "ol":
            out.append(Paragraph(inline_rl(val), st["li"]))
        elif kind == "quote":
            out.append(Paragraph(inline_rl(val), st["quote"]))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.7, color=colors.black))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["p"]) for c in row] for row in val]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cid, blocks):
    path = HERE / f"{cid}.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cid, author="synthetic CV")
    doc.build(flowables(blocks, pdf_styles(10)))
    return path


def split_columns(blocks):
    """Header (before the first ##), sidebar sections and main sections."""
    header, side, main = [], [], []
    current = header
    for kind, val in blocks:
        if kind == "h2":
            current = side if val in SIDEBAR_SECTIONS else main
        current.append((kind, val))
    return header, side, main


def render_pdf_two_columns(cid, blocks):
    path = HERE / f"{cid}.pdf"
    W, H = A4
    margin = 14 * mm
    gutter = 7 * mm
    header_h = 26 * mm
    side_w = 62 * mm
    main_w = W - 2 * margin - side_w - gutter
    body_h = H - 2 * margin - header_h

    header_frame = Frame(margin, H - margin - header_h, W - 2 * margin, header_h,
                         id="header", leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0)
    side_frame = Frame(margin, margin, side_w, body_h, id="sidebar",
                       leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    main_frame = Frame(margin + side_w + gutter, margin, main_w, body_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later_side = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar2",
                       leftPadding=4, rightPadding=4)
    later_main = Frame(margin + side_w + gutter, margin, main_w, H - 2 * margin,
                       id="main2", leftPadding=0, rightPadding=0)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#EEF2F7"))
        top = H - margin - header_h if doc.page == 1 else H - margin
        canvas.rect(margin, margin, side_w, top - margin, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, title=cid, author="synthetic CV",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[header_frame, side_frame, main_frame],
                     onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later_side, later_main], onPage=sidebar_bg),
    ])
    header, side, main = split_columns(blocks)
    side_st = pdf_styles(8.5)
    main_st = pdf_styles(9.5)
    story = [NextPageTemplate("later")]
    story += flowables(header, main_st)
    story.append(FrameBreak())
    story += flowables(side, side_st)
    story.append(FrameBreak())
    story += flowables(main, main_st)
    doc.build(story)
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    # split on **bold** and *italic*
    tokens = re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text)
    for tok in tokens:
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**"):
            par.add_run(tok[2:-2]).bold = True
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            par.add_run(tok[1:-1]).italic = True
        else:
            par.add_run(tok)


def render_docx(cid, blocks):
    path = HERE / f"{cid}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cid
    doc.core_properties.author = "synthetic CV"
    for kind, val in blocks:
        if kind == "h1":
            doc.add_heading(val, level=0)
        elif kind == "h2":
            doc.add_heading(val, level=1)
        elif kind == "h3":
            doc.add_heading(val, level=2)
        elif kind == "p":
            par = doc.add_paragraph()
            for j, line in enumerate(val.split("\n")):
                if j:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(doc.add_paragraph(style="List Bullet"), val)
        elif kind == "ol":
            add_runs(doc.add_paragraph(style="List Number"), re.sub(r"^\d+\.\s+", "", val))
        elif kind == "quote":
            add_runs(doc.add_paragraph(style="Quote"), val)
        elif kind == "hr":
            doc.add_paragraph("")
        elif kind == "table":
            ncols = max(len(r) for r in val)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(val):
                cells = table.add_row().cells
                for c in range(ncols):
                    text = row[c] if c < len(row) else ""
                    p = cells[c].paragraphs[0]
                    add_runs(p, text)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph("")
    doc.save(str(path))
    return path


def main():
    for cid, fmt in TARGETS.items():
        md = (HERE / f"{cid}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if fmt == "pdf":
            p = render_pdf(cid, blocks)
        elif fmt == "pdf2col":
            p = render_pdf_two_columns(cid, blocks)
        elif fmt == "docx":
            p = render_docx(cid, blocks)
        else:
            p = HERE / f"{cid}.md"
        print(f"{cid}: {p.name} ({p.stat().st_size // 1024 + 1} KB)")


if __name__ == "__main__":
    main()
