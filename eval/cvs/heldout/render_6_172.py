"""Render the heldout6-172 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout6-172/render.py

Each <id>.md is the CV's exact text. Targets:
  PDF  : cv-ho-2653 (two-column: sidebar + main column), cv-ho-2656, cv-ho-2659, cv-ho-2663
  DOCX : cv-ho-2654 (skills as a real Word table), cv-ho-2657, cv-ho-2660, cv-ho-2664
  MD   : cv-ho-2655, cv-ho-2658, cv-ho-2661, cv-ho-2662 (the .md itself is the target)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDF_IDS = ["cv-ho-2653", "cv-ho-2656", "cv-ho-2659", "cv-ho-2663"]
DOCX_IDS = ["cv-ho-2654", "cv-ho-2657", "cv-ho-2660", "cv-ho-2664"]
TWO_COLUMN = {"cv-ho-2653": {"Contact", "Skills", "Languages", "Interests"}}


# --------------------------------------------------------------------------
# Minimal Markdown parser -> list of blocks
# --------------------------------------------------------------------------
def parse_md(text: str):
    """Return a list of (kind, payload) blocks.

    kinds: h1, h2, h3, para, bullet (payload=(level, text)), num (payload=(n, text)),
           table (payload=list of rows, first row is header)
    """
    blocks = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush_para():
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(("table", [r[:] for r in table]))
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
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        if m:
            flush_para()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        m = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if m:
            flush_para()
            level = len(m.group(1)) // 2
            blocks.append(("bullet", (level, m.group(2))))
            continue
        m = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if m:
            flush_para()
            blocks.append(("num", (int(m.group(1)), m.group(2))))
            continue
        # consecutive non-blank lines: keep them as separate lines (contact lines etc.)
        if para:
            blocks.append(("para", " ".join(s.strip() for s in para)))
            para.clear()
        para.append(stripped)
    flush_para()
    flush_table()
    return blocks


def split_sections(blocks):
    """Split blocks into (h2 title or None, blocks) groups; H1 and preamble go under None."""
    groups = [[None, []]]
    for kind, payload in blocks:
        if kind == "h2":
            groups.append([payload, []])
        else:
            groups[-1][1].append((kind, payload))
    return groups


# --------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------
def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [
        Path("/usr/share/fonts/truetype/dejavu"),
    ]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except Exception:  # pragma: no cover
        pass
    for d in candidates:
        reg, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if reg.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("CVSans", str(reg)))
            pdfmetrics.registerFont(TTFont("CVSans-Bold", str(bold)))
            from reportlab.lib.fonts import addMapping

            addMapping("CVSans", 0, 0, "CVSans")
            addMapping("CVSans", 1, 0, "CVSans-Bold")
            addMapping("CVSans", 0, 1, "CVSans")
            addMapping("CVSans", 1, 1, "CVSans-Bold")
            return "CVSans", "CVSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _inline_rl(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", text)
    return text


def _styles(font, bold, base=9.5):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    dark = colors.HexColor("#1f3a5f")
    return {
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=base + 8, leading=base + 11,
                             textColor=dark, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=base + 2.5, leading=base + 5,
                             textColor=dark, spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=base + 0.5, leading=base + 3.5,
                             spaceBefore=5, spaceAfter=2),
        "para": ParagraphStyle("para", fontName=font, fontSize=base, leading=base + 3.5,
                               spaceAfter=3),
        "bullet": ParagraphStyle("bullet", fontName=font, fontSize=base, leading=base + 3.5,
                                 leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=base - 0.5, leading=base + 2.5),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=base - 0.5, leading=base + 2.5),
    }


def _flowables(blocks, st, width):
    from reportlab.platypus import Paragraph, Table, TableStyle
    from reportlab.lib import colors

    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "para"):
            out.append(Paragraph(_inline_rl(payload), st[kind]))
        elif kind == "bullet":
            level, text = payload
            style = st["bullet"]
            if level:
                from reportlab.lib.styles import ParagraphStyle

                style = ParagraphStyle("b%d" % level, parent=style,
                                       leftIndent=11 + 11 * level, bulletIndent=2 + 11 * level)
            out.append(Paragraph(_inline_rl(text), style, bulletText="•" if not level else "–"))
        elif kind == "num":
            n, text = payload
            out.append(Paragraph(_inline_rl(text), st["bullet"], bulletText="%d." % n))
        elif kind == "table":
            rows = [[Paragraph(_inline_rl(c), st["cellb" if i == 0 else "cell"]) for c in r]
                    for i, r in enumerate(payload)]
            ncol = max(len(r) for r in rows)
            t = Table(rows, colWidths=[width / ncol] * ncol, repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
    return out


def render_pdf(cv_id: str, md_text: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                    PageTemplate, Paragraph, SimpleDocTemplate)
    from reportlab.lib import colors

    font, bold = _register_fonts()
    blocks = parse_md(md_text)
    out_path = HERE / f"{cv_id}.pdf"
    page_w, page_h = A4
    margin = 16 * mm

    if cv_id not in TWO_COLUMN:
        st = _styles(font, bold)
        doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=margin,
                                rightMargin=margin, topMargin=margin, bottomMargin=margin,
                                title=cv_id, author="synthetic CV")
        doc.build(_flowables(blocks, st, page_w - 2 * margin))
        return out_path

    # ---- two-column layout: header band, left sidebar, right main column ----
    st = _styles(font, bold, base=8.8)
    sidebar_titles = TWO_COLUMN[cv_id]
    groups = split_sections(blocks)
    header_blocks = groups[0][1]
    side, main = [], []
    for title, blks in groups[1:]:
        target = side if title in sidebar_titles else main
        target.append(("h2", title))
        target.extend(blks)

    header_h = 20 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = page_w - 2 * margin - side_w - gap
    body_h = page_h - 2 * margin - header_h

    header = Frame(margin, page_h - margin - header_h, page_w - 2 * margin, header_h,
                   id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    left = Frame(margin, margin, side_w, body_h, id="sidebar",
                 leftPadding=4, rightPadding=4, topPadding=4, bottomPadding=0)
    right = Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                  leftPadding=0, rightPadding=0, topPadding=4, bottomPadding=0)
    later = Frame(margin, margin, page_w - 2 * margin, page_h - 2 * margin, id="later")

    def first_page_bg(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eef2f7"))
        canvas.rect(margin - 3, margin - 3, side_w + 6, body_h + 3, stroke=0, fill=1)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out_path), pagesize=A4, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin, title=cv_id,
                          author="synthetic CV")
    doc.addPageTemplates([
        PageTemplate(id="twocol", frames=[header, left, right], onPage=first_page_bg),
        PageTemplate(id="onecol", frames=[later]),
    ])
    story = [NextPageTemplate("onecol")]
    story += _flowables(header_blocks, st, page_w - 2 * margin)
    story.append(FrameBreak())
    story += _flowables(side, st, side_w - 8)
    story.append(FrameBreak())
    story += _flowables(main, st, main_w)
    doc.build(story)
    return out_path


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------
def _add_runs(par, text: str):
    parts = re.split(r"(\*\*.+?\*\*)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            par.add_run(part[2:-2]).bold = True
        else:
            par.add_run(part)


def render_docx(cv_id: str, md_text: str):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for kind, payload in parse_md(md_text):
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind == "h2":
            d.add_heading(payload, level=1)
        elif kind == "h3":
            d.add_heading(payload, level=2)
        elif kind == "para":
            _add_runs(d.add_paragraph(), payload)
        elif kind == "bullet":
            level, text = payload
            style = "List Bullet" if level == 0 else "List Bullet 2"
            _add_runs(d.add_paragraph(style=style), text)
        elif kind == "num":
            _add_runs(d.add_paragraph(style="List Number"), payload[1])
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j in range(ncol):
                    cell = t.cell(i, j)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(row[j] if j < len(row) else "")
                    run.bold = i == 0
            d.add_paragraph()
    out_path = HERE / f"{cv_id}.docx"
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(out_path))
    return out_path


def main():
    for cv_id in PDF_IDS:
        p = render_pdf(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"{p.name}: {os.path.getsize(p)} bytes")
    for cv_id in DOCX_IDS:
        p = render_docx(cv_id, (HERE / f"{cv_id}.md").read_text(encoding="utf-8"))
        print(f"{p.name}: {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
