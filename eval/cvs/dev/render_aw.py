"""Render the dev-aw CVs from their Markdown source into PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/dev-aw/render.py

Each <id>.md holds exactly the CV's content. This script renders the CVs whose
target format is PDF or DOCX; the Markdown-target CVs are left as they are.

Supported Markdown subset: '# ' name, '## ' section headings, '- ' bullets,
'**bold**' inline, pipe tables, plain paragraphs (consecutive lines are kept
as separate lines, as in a CV).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-dev-613": "md",
    "cv-dev-614": "md",
    "cv-dev-615": "docx",
    "cv-dev-616": "docx",  # skills as a real Word table
    "cv-dev-617": "pdf",
    "cv-dev-618": "md",
    "cv-dev-619": "pdf",
    "cv-dev-620": "pdf-2col",  # sidebar (contact/skills/languages) + main column
    "cv-dev-621": "docx",
    "cv-dev-622": "docx",
    "cv-dev-623": "md",
    "cv-dev-624": "pdf",
}

# For the two-column CV: everything before this heading goes in the sidebar.
TWO_COL_MAIN_START = {"cv-dev-620": "Summary"}


# --------------------------------------------------------------------------
# Markdown parsing into simple blocks
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of blocks: (kind, payload).

    kinds: 'name', 'h2', 'bullet', 'para', 'table' (payload = list of rows).
    """
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("# "):
            blocks.append(("name", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:].strip()))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            blocks.append(("para", line.strip()))
        i += 1
    return blocks


def split_bold(text: str):
    """Split '**a** b' into [(a, True), (' b', False)]."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if p.startswith("**") and p.endswith("**"):
            out.append((p[2:-2], True))
        else:
            out.append((p, False))
    return out


# --------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = []
    try:
        import matplotlib

        mpl = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
        candidates.append((mpl / "DejaVuSans.ttf", mpl / "DejaVuSans-Bold.ttf"))
    except Exception:
        pass
    candidates.append(
        (
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        )
    )
    for reg, bold in candidates:
        if reg.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("CVSans", str(reg)))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", str(bold)))
            from reportlab.pdfbase.pdfmetrics import registerFontFamily

            registerFontFamily("CVSans", normal="CVSans", bold="CVSans-Bold",
                               italic="CVSans", boldItalic="CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_rl(text: str) -> str:
    return "".join(f"<b>{_esc(t)}</b>" if b else _esc(t) for t, b in split_bold(text))


def _styles(base: str, bold: str, scale: float = 1.0):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    return {
        "name": ParagraphStyle("name", fontName=bold, fontSize=18 * scale,
                               leading=22 * scale, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "para": ParagraphStyle("para", fontName=base, fontSize=9.5 * scale,
                               leading=12.5 * scale, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", fontName=base, fontSize=9.5 * scale,
                                 leading=12.5 * scale, leftIndent=12,
                                 bulletIndent=2, spaceAfter=1.5,
                                 bulletFontName=base),
    }


def _flowables(blocks, st, base, bold, avail_width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind == "name":
            out.append(Paragraph(_inline_rl(payload), st["name"]))
        elif kind == "h2":
            out.append(Paragraph(_inline_rl(payload), st["h2"]))
        elif kind == "bullet":
            out.append(Paragraph(_inline_rl(payload), st["bullet"], bulletText="\u2022"))
        elif kind == "para":
            out.append(Paragraph(_inline_rl(payload), st["para"]))
        elif kind == "table":
            data = [[Paragraph(_inline_rl(c), st["para"]) for c in row] for row in payload]
            ncol = max(len(r) for r in payload)
            t = Table(data, colWidths=[avail_width / ncol] * ncol)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, blocks, two_col: bool = False):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                    NextPageTemplate, PageTemplate,
                                    SimpleDocTemplate)

    base, bold = _register_fonts()
    out = HERE / f"{cv_id}.pdf"
    W, H = A4
    margin = 18 * mm

    if not two_col:
        st = _styles(base, bold)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                                rightMargin=margin, topMargin=margin,
                                bottomMargin=margin, title=cv_id,
                                author="synthetic CV")
        doc.build(_flowables(blocks, st, base, bold, W - 2 * margin))
        return out

    # Two columns: a narrow sidebar frame and a wide main frame on each page.
    main_start = TWO_COL_MAIN_START[cv_id]
    idx = next(i for i, (k, p) in enumerate(blocks) if k == "h2" and p == main_start)
    side_blocks, main_blocks = blocks[:idx], blocks[idx:]
    gap = 8 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    frame_h = H - 2 * margin
    side = Frame(margin, margin, side_w, frame_h, id="sidebar",
                 leftPadding=0, rightPadding=0)
    main = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main",
                 leftPadding=0, rightPadding=0)
    main_only = Frame(margin + side_w + gap, margin, main_w, frame_h, id="main2",
                      leftPadding=0, rightPadding=0)

    def draw_bar(canvas, doc):
        from reportlab.lib import colors
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#9aa8b8"))
        canvas.setLineWidth(0.6)
        x = margin + side_w + gap / 2
        canvas.line(x, margin, x, H - margin)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=margin,
                          rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[side, main], onPage=draw_bar),
        PageTemplate(id="later", frames=[main_only], onPage=draw_bar),
    ])
    side_st = _styles(base, bold, scale=0.92)
    main_st = _styles(base, bold)
    story = _flowables(side_blocks, side_st, base, bold, side_w)
    story.append(NextPageTemplate("later"))  # overflow pages: main column only
    story.append(FrameBreak())
    story += _flowables(main_blocks, main_st, base, bold, main_w)
    doc.build(story)
    return out


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------
def _add_runs(par, text):
    for t, b in split_bold(text):
        r = par.add_run(t)
        r.bold = b


def render_docx(cv_id: str, blocks):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "name":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "bullet":
            _add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "para":
            _add_runs(d.add_paragraph(), payload)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(payload):
                for ci, cell in enumerate(row):
                    c = t.cell(ri, ci)
                    c.text = ""
                    p = c.paragraphs[0]
                    _add_runs(p, cell)
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
            d.add_paragraph()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    out = HERE / f"{cv_id}.docx"
    d.save(str(out))
    return out


def main():
    for cv_id, fmt in TARGETS.items():
        md = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        blocks = parse_md(md)
        if fmt == "md":
            continue
        if fmt == "pdf":
            out = render_pdf(cv_id, blocks)
        elif fmt == "pdf-2col":
            out = render_pdf(cv_id, blocks, two_col=True)
        elif fmt == "docx":
            out = render_docx(cv_id, blocks)
        else:
            raise ValueError(fmt)
        print(f"{out.name}: {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
