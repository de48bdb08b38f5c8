"""Render the dev-z1 CVs from their Markdown text to their target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-z1/render.py
The .md file of each CV is the source of truth; PDFs and DOCX files are
generated from it (real text layer, real Word table for the skills table).
"""
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.platypus.flowables import HRFlowable

import docx
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-301": "pdf2col",
    "cv-dev-302": "docx",
    "cv-dev-303": "docx",
    "cv-dev-304": "pdf",
    "cv-dev-305": "md",
    "cv-dev-306": "md",
    "cv-dev-307": "pdf",
    "cv-dev-308": "docx",
    "cv-dev-309": "md",
    "cv-dev-310": "pdf",
    "cv-dev-311": "docx",
    "cv-dev-312": "md",
}

# Sections of cv-dev-301 that go into the left sidebar of the two-column PDF.
SIDEBAR_SECTIONS = {"Kontakt", "Kenntnisse", "Sprachen", "Interessen"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload).

    kinds: h1, h2, h3, para (list of lines), bullet (level, list of lines), table (rows).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if stripped.startswith("### "):
            blocks.append(("h3", stripped[4:]))
            i += 1
        elif stripped.startswith("## "):
            blocks.append(("h2", stripped[3:]))
            i += 1
        elif stripped.startswith("# "):
            blocks.append(("h1", stripped[2:]))
            i += 1
        elif stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
        elif stripped.startswith("- "):
            indent = len(line) - len(line.lstrip(" "))
            level = indent // 2
            item = [stripped[2:]]
            i += 1
            # continuation lines: indented, not a new bullet
            while (i < len(lines) and lines[i].strip() and lines[i].startswith(" ")
                   and not lines[i].strip().startswith("- ")):
                item.append(lines[i].strip())
                i += 1
            blocks.append(("bullet", (level, item)))
        else:
            para = []
            while (i < len(lines) and lines[i].strip()
                   and not lines[i].strip().startswith(("#", "- ", "|"))):
                para.append(lines[i].strip())
                i += 1
            blocks.append(("para", para))
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_rl(text):
    """Markdown inline -> reportlab mini-markup."""
    out = []
    for tok in INLINE.split(text):
        if tok.startswith("**") and tok.endswith("**") and len(tok) > 4:
            out.append("<b>%s</b>" % escape(tok[2:-2]))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            out.append("<i>%s</i>" % escape(tok[1:-1]))
        else:
            out.append(escape(tok))
    return "".join(out)


def inline_runs(text):
    """Markdown inline -> list of (text, bold, italic)."""
    runs = []
    for tok in INLINE.split(text):
        if not tok:
            continue
        if tok.startswith("**") and tok.endswith("**") and len(tok) > 4:
            runs.append((tok[2:-2], True, False))
        elif tok.startswith("*") and tok.endswith("*") and len(tok) > 2:
            runs.append((tok[1:-1], False, True))
        else:
            runs.append((tok, False, False))
    return runs


# ---------------------------------------------------------------- PDF
ACCENT = colors.HexColor("#1F4E79")


def pdf_styles(base=9.5):
    return {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22,
                             textColor=ACCENT, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                             textColor=ACCENT, spaceBefore=9, spaceAfter=2),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=base + 0.5,
                             leading=base + 3.5, spaceBefore=5, spaceAfter=1),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=base, leading=base + 3,
                               alignment=TA_LEFT, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName="Helvetica", fontSize=base,
                                 leading=base + 3, leftIndent=11, bulletIndent=2,
                                 spaceAfter=1.5),
        "bullet2": ParagraphStyle("bullet2", fontName="Helvetica", fontSize=base,
                                  leading=base + 3, leftIndent=22, bulletIndent=13,
                                  spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=base - 0.5,
                               leading=base + 2),
    }


def blocks_to_flowables(blocks, st, rule_width=None):
    flow = []
    for kind, payload in blocks:
        if kind == "h1":
            flow.append(Paragraph(inline_rl(payload), st["h1"]))
        elif kind == "h2":
            flow.append(Paragraph(inline_rl(payload), st["h2"]))
            flow.append(HRFlowable(width="100%", thickness=0.6, color=ACCENT,
                                   spaceBefore=0, spaceAfter=3))
        elif kind == "h3":
            flow.append(Paragraph(inline_rl(payload), st["h3"]))
        elif kind == "para":
            flow.append(Paragraph("<br/>".join(inline_rl(l) for l in payload), st["para"]))
        elif kind == "bullet":
            level, item = payload
            style = st["bullet"] if level == 0 else st["bullet2"]
            flow.append(Paragraph("<br/>".join(inline_rl(l) for l in item), style,
                                  bulletText="–" if level == 0 else "·"))
        elif kind == "table":
            data = [[Paragraph(inline_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=cv_id,
                            author="synthetic CV")
    doc.build(blocks_to_flowables(blocks, pdf_styles()))
    return out


def split_sections(blocks):
    """Split blocks into (header blocks, [(section title, blocks)])."""
    header, sections = [], []
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, [(kind, payload)]))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            header.append((kind, payload))
    return header, sections


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (skills, languages, contact) on the left, experience on the right.

    Two real reportlab Frames on the first page, so the text layer is two columns.
    """
    out = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 14 * mm
    side_w = 60 * mm
    gap = 8 * mm
    main_x = margin + side_w + gap
    main_w = page_w - main_x - margin

    def first_page(canv, doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#EEF3F8"))
        canv.rect(0, 0, margin + side_w + gap / 2, page_h, stroke=0, fill=1)
        canv.restoreState()

    sidebar = Frame(margin, margin, side_w, page_h - 2 * margin, id="sidebar",
                    leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
    main = Frame(main_x, margin, main_w, page_h - 2 * margin, id="main",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[sidebar, main], onPage=first_page),
        PageTemplate(id="later", frames=[later]),
    ])
    header, sections = split_sections(blocks)
    side_blocks = list(header)
    main_blocks = []
    for title, sec in sections:
        (side_blocks if title in SIDEBAR_SECTIONS else main_blocks).extend(sec)
    st_side = pdf_styles(base=8.8)
    st_main = pdf_styles(base=9.3)
    story = blocks_to_flowables(side_blocks, st_side)
    story.append(FrameBreak())
    story.append(NextPageTemplate("later"))
    story.extend(blocks_to_flowables(main_blocks, st_main))
    doc.build(story)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, lines):
    for n, line in enumerate(lines):
        if n:
            par.add_run().add_break()
        for text, bold, italic in inline_runs(line):
            r = par.add_run(text)
            r.bold = bold or None
            r.italic = italic or None


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            p = d.add_paragraph(style="Title")
            add_runs(p, [payload])
        elif kind == "h2":
            p = d.add_heading(level=1)
            add_runs(p, [payload])
        elif kind == "h3":
            p = d.add_heading(level=2)
            add_runs(p, [payload])
        elif kind == "para":
            p = d.add_paragraph()
            add_runs(p, payload)
        elif kind == "bullet":
            level, item = payload
            p = d.add_paragraph(style="List Bullet" if level == 0 else "List Bullet 2")
            add_runs(p, item)
        elif kind == "table":
            rows = payload
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    para = t.cell(r, c).paragraphs[0]
                    run = para.add_run(cell)
                    if r == 0:
                        run.bold = True
                        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            d.add_paragraph()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(out))
    return out


# ---------------------------------------------------------------- main
def main():
    for cv_id, fmt in TARGETS.items():
        md = HERE / f"{cv_id}.md"
        blocks = parse_md(md.read_text(encoding="utf-8"))
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf2col":
            out = render_pdf_two_column(cv_id, blocks)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = md  # the Markdown file itself is the target
        print(f"{cv_id}: {out.name} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
