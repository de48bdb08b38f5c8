"""Render the batch-104 held-out CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-104/render.py

The .md file is the CV's content; this script only changes the container.
PDFs get a real text layer (reportlab Paragraphs); one PDF uses a genuine
two-column layout (two reportlab Frames: a sidebar and a main column).
DOCX files use python-docx; Markdown tables become real Word tables.
"""
import html
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-1837": "pdf-two-column",
    "cv-ho-1838": "docx",
    "cv-ho-1839": "md",
    "cv-ho-1840": "pdf",
    "cv-ho-1841": "docx",
    "cv-ho-1842": "md",
    "cv-ho-1843": "md",
    "cv-ho-1844": "pdf",
    "cv-ho-1845": "docx",
    "cv-ho-1846": "pdf",
    "cv-ho-1847": "docx",
    "cv-ho-1848": "md",
}

# Sections that go into the sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Contact", "Skills", "Currently learning", "Languages"}


# --------------------------------------------------------------------------
# Tiny Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse(md_text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, para (list of lines), bullets (list), numbered (list), table (rows)
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
            i += 1
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("bullets", items))
        elif re.match(r"^\d+\. ", line):
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i]):
                items.append(re.sub(r"^\d+\. ", "", lines[i]).strip())
                i += 1
            blocks.append(("numbered", items))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r"-+", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        else:
            para = []
            while (i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "- ", "|"))
                   and not re.match(r"^\d+\. ", lines[i])):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


def sections(blocks):
    """Split blocks into (heading, blocks) groups; heading None for the header."""
    out = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            out.append((b[1], []))
        else:
            out[-1][1].append(b)
    return out


# --------------------------------------------------------------------------
# Inline markup
# --------------------------------------------------------------------------
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def to_rl(text):
    """Markdown inline -> reportlab mini-HTML."""
    parts = INLINE.split(text)
    out = []
    for p in parts:
        if p.startswith("**") and p.endswith("**") and len(p) > 4:
            out.append("<b>%s</b>" % html.escape(p[2:-2], quote=False))
        elif p.startswith("*") and p.endswith("*") and len(p) > 2:
            out.append("<i>%s</i>" % html.escape(p[1:-1], quote=False))
        else:
            out.append(html.escape(p, quote=False))
    return "".join(out)


def add_runs(par, text):
    """Markdown inline -> python-docx runs."""
    for p in INLINE.split(text):
        if not p:
            continue
        if p.startswith("**") and p.endswith("**") and len(p) > 4:
            par.add_run(p[2:-2]).bold = True
        elif p.startswith("*") and p.endswith("*") and len(p) > 2:
            par.add_run(p[1:-1]).italic = True
        else:
            par.add_run(p)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
FONT = "Helvetica"
FONT_B = "Helvetica-Bold"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _register_fonts():
    """Use DejaVu Sans (full Unicode, e.g. Polish/Turkish letters) when available."""
    global FONT, FONT_B
    files = {"CV-Sans": "DejaVuSans.ttf", "CV-Sans-Bold": "DejaVuSans-Bold.ttf",
             "CV-Sans-Oblique": "DejaVuSans-Oblique.ttf",
             "CV-Sans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if not all((_DEJAVU / f).exists() for f in files.values()):
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, f in files.items():
        pdfmetrics.registerFont(TTFont(name, str(_DEJAVU / f)))
    addMapping("CV-Sans", 0, 0, "CV-Sans")
    addMapping("CV-Sans", 1, 0, "CV-Sans-Bold")
    addMapping("CV-Sans", 0, 1, "CV-Sans-Oblique")
    addMapping("CV-Sans", 1, 1, "CV-Sans-BoldOblique")
    FONT, FONT_B = "CV-Sans", "CV-Sans-Bold"


_register_fonts()


def pdf_styles(scale=1.0):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName=FONT_B, fontSize=17 * scale,
                             leading=21 * scale, alignment=0, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=FONT_B, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "body": ParagraphStyle("body", parent=ss["BodyText"], fontName=FONT, fontSize=9.5 * scale,
                               leading=12.5 * scale, spaceAfter=3),
    }


def pdf_flowables(blocks, st):
    fl = []
    for kind, payload in blocks:
        if kind == "h1":
            fl.append(Paragraph(to_rl(payload), st["h1"]))
        elif kind == "h2":
            fl.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "para":
            fl.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind in ("bullets", "numbered"):
            items = [ListItem(Paragraph(to_rl(t), st["body"]), leftIndent=12) for t in payload]
            if kind == "bullets":
                fl.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12,
                                       bulletFontSize=7))
            else:
                fl.append(ListFlowable(items, bulletType="1", leftIndent=14))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["body"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            fl.append(t)
    return fl


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=cv_id, author="")
    doc.build(pdf_flowables(blocks, st))
    return out


def render_pdf_two_column(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles(scale=0.95)
    side_st = pdf_styles(scale=0.88)
    page_w, page_h = A4
    margin = 1.4 * cm
    side_w = 5.6 * cm
    gap = 0.7 * cm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin
    frame_h = page_h - 2 * margin

    side = Frame(margin, margin, side_w, frame_h, id="sidebar", showBoundary=0,
                 leftPadding=6, rightPadding=6)
    main = Frame(main_x, margin, main_w, frame_h, id="main", showBoundary=0)
    full = Frame(margin, margin, page_w - 2 * margin, frame_h, id="full")

    def sidebar_bg(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(margin - 4, margin - 4, side_w + 8, frame_h + 8, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="",
                          pageTemplates=[PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
                                         PageTemplate(id="rest", frames=[full])])

    side_blocks, main_blocks = [], []
    for heading, blks in sections(blocks):
        if heading in SIDEBAR_SECTIONS:
            side_blocks.append(("h2", heading))
            side_blocks.extend(blks)
        else:
            if heading is not None:
                main_blocks.append(("h2", heading))
            main_blocks.extend(blks)

    story = [NextPageTemplate("rest")]
    story += pdf_flowables(side_blocks, side_st)
    story.append(FrameBreak())
    story += pdf_flowables(main_blocks, st)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------
def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = ""
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "para":
            p = doc.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "bullets":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Bullet"), t)
        elif kind == "numbered":
            for t in payload:
                add_runs(doc.add_paragraph(style="List Number"), t)
        elif kind == "table":
            table = doc.add_table(rows=len(payload), cols=len(payload[0]))
            table.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    par = table.cell(r, c).paragraphs[0]
                    if r == 0:
                        par.add_run(cell).bold = True
                    else:
                        add_runs(par, cell)
            doc.add_paragraph()
    doc.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse(md)
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {target:15s} -> {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
