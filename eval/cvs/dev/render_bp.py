"""Render the dev-bp synthetic CVs from Markdown to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-bp/render.py

Each <id>.md holds the CV text. Targets:
  PDF  : cv-dev-843, cv-dev-844 (two-column: sidebar + main frame), cv-dev-847, cv-dev-849
  DOCX : cv-dev-842 (skills as a real Word table), cv-dev-845, cv-dev-848, cv-dev-850
  MD   : cv-dev-841, cv-dev-846, cv-dev-851, cv-dev-852 (the .md itself is the target)
"""
import os
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-dev-843", "cv-dev-844", "cv-dev-847", "cv-dev-849"]
TWO_COLUMN = {"cv-dev-844": {"Contact", "Skills", "Certifications", "Languages"}}
DOCX_IDS = ["cv-dev-842", "cv-dev-845", "cv-dev-848", "cv-dev-850"]
MD_IDS = ["cv-dev-841", "cv-dev-846", "cv-dev-851", "cv-dev-852"]

# ---------------------------------------------------------------- fonts
FONT, FONT_B, FONT_I = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
_dejavu = Path("/usr/share/fonts/truetype/dejavu")
if (_dejavu / "DejaVuSans.ttf").exists():
    pdfmetrics.registerFont(TTFont("DejaVu", str(_dejavu / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_dejavu / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_dejavu / "DejaVuSans-Oblique.ttf")))
    from reportlab.lib.fonts import addMapping
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-Bold")
    FONT, FONT_B, FONT_I = "DejaVu", "DejaVu-Bold", "DejaVu-Oblique"


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: title, h2, bullet, para (list of lines), table (list of rows)."""
    blocks = []
    para = []
    table = []

    def flush():
        nonlocal para, table
        if para:
            blocks.append(("para", para))
            para = []
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?", r)]
            blocks.append(("table", [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]))
            table = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                blocks.append(("para", para))
                para = []
            table.append(line)
            continue
        if table:
            flush()
        if line.startswith("# "):
            flush()
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:].strip()))
        else:
            para.append(line.strip())
    flush()
    return blocks


def split_sections(blocks):
    """[(heading or None, [blocks])] with the title kept in the first (None) section."""
    sections = [(None, [])]
    for b in blocks:
        if b[0] == "h2":
            sections.append((b[1], []))
        else:
            sections[-1][1].append(b)
    return sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_runs(text):
    """Split text into (segment, bold, italic)."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    s = []
    for seg, b, i in inline_runs(text):
        seg = seg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            seg = f"<b>{seg}</b>"
        if i:
            seg = f"<i>{seg}</i>"
        s.append(seg)
    return "".join(s)


# ---------------------------------------------------------------- PDF
def styles(base=9.5):
    return {
        "title": ParagraphStyle("title", fontName=FONT_B, fontSize=base + 8, leading=base + 12,
                                spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=FONT_B, fontSize=base + 2, leading=base + 5,
                             spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1f3b5c")),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=base, leading=base + 3.2,
                               spaceAfter=3, alignment=TA_LEFT),
        "bullet": ParagraphStyle("bullet", fontName=FONT, fontSize=base, leading=base + 3.2,
                                 leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=FONT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 0.5, leading=base + 2),
        "cellb": ParagraphStyle("cellb", fontName=FONT_B, fontSize=base - 0.5, leading=base + 2),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind == "title":
            out.append(Paragraph(to_rl(payload), st["title"]))
        elif kind == "h2":
            out.append(Paragraph(to_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(to_rl(payload), st["bullet"], bulletText="•"))
        elif kind == "para":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["body"]))
        elif kind == "table":
            ncols = len(payload[0])
            data = [[Paragraph(to_rl(c), st["cellb"] if r == 0 else st["cell"]) for c in row]
                    for r, row in enumerate(payload)]
            if ncols == 2:
                widths = [width * 0.45, width * 0.55]
            else:
                widths = [width * 0.38] + [width * 0.62 / (ncols - 1)] * (ncols - 1)
            t = Table(data, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, text, out_path):
    blocks = parse_md(text)
    title = next((p for k, p in blocks if k == "title"), cv_id)
    if cv_id in TWO_COLUMN:
        return render_pdf_two_column(cv_id, blocks, out_path, TWO_COLUMN[cv_id], title)
    st = styles()
    margin = 18 * mm
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=f"CV - {title}",
                            author=title)
    doc.build(flowables(blocks, st, A4[0] - 2 * margin))


def render_pdf_two_column(cv_id, blocks, out_path, sidebar_names, title):
    """Sidebar (left frame) with contact/skills, main column (right frame) with the rest."""
    st = styles(base=8.8)
    side_st = styles(base=8.3)
    pw, ph = A4
    m = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = pw - 2 * m - side_w - gap
    frame_h = ph - 2 * m
    side = Frame(m, m, side_w, frame_h, id="sidebar", leftPadding=4, rightPadding=4)
    main = Frame(m + side_w + gap, m, main_w, frame_h, id="main", leftPadding=4, rightPadding=4)
    later = Frame(m + side_w + gap, m, main_w, frame_h, id="main2", leftPadding=4, rightPadding=4)

    def sidebar_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f6"))
        canvas.rect(m - 2, m - 2, side_w + 4, frame_h + 4, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, title=f"CV - {title}", author=title)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[side, main], onPage=sidebar_bg),
        PageTemplate(id="later", frames=[later]),
    ])
    sections = split_sections(blocks)
    head = sections[0][1]
    side_blocks, main_blocks = [], []
    for name, body in sections[1:]:
        target = side_blocks if name in sidebar_names else main_blocks
        target.append(("h2", name))
        target.extend(body)
    story = flowables(side_blocks, side_st, side_w - 8)
    story.append(NextPageTemplate("later"))
    story.append(FrameBreak())
    story.extend(flowables(head, st, main_w - 8))
    story.extend(flowables(main_blocks, st, main_w - 8))
    doc.build(story)


# ---------------------------------------------------------------- DOCX
def add_runs(par, text, size=None):
    for seg, b, i in inline_runs(text):
        r = par.add_run(seg)
        r.bold = b
        r.italic = i
        if size:
            r.font.size = Pt(size)


def render_docx(cv_id, text, out_path):
    blocks = parse_md(text)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "title":
            h = doc.add_heading(level=0)
            add_runs(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_runs(h, payload)
            for r in h.runs:
                r.font.color.rgb = RGBColor(0x1F, 0x3B, 0x5C)
        elif kind == "bullet":
            add_runs(doc.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            p = doc.add_paragraph()
            for n, line in enumerate(payload):
                if n:
                    p.add_run().add_break()
                add_runs(p, line)
        elif kind == "table":
            t = doc.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    add_runs(cell.paragraphs[0], val)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
    doc.core_properties.title = f"CV - {blocks[0][1] if blocks else cv_id}"
    doc.save(str(out_path))


def main():
    for cv_id in PDF_IDS:
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_pdf(cv_id, text, HERE / f"{cv_id}.pdf")
    for cv_id in DOCX_IDS:
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        render_docx(cv_id, text, HERE / f"{cv_id}.docx")
    for cv_id in PDF_IDS + DOCX_IDS + MD_IDS:
        ext = "pdf" if cv_id in PDF_IDS else "docx" if cv_id in DOCX_IDS else "md"
        p = HERE / f"{cv_id}.{ext}"
        print(f"{p.name:20s} {os.path.getsize(p):>8d} bytes")


if __name__ == "__main__":
    main()
