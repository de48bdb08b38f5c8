"""Render the heldout3-32 CVs from their Markdown text to PDF / DOCX.

Run with: /work/main/.venv/bin/python eval/cvs/heldout3-32/render.py
The .md files are the source of truth; the MD-target CVs are not rendered.
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import HRFlowable
from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-975", "cv-ho-979", "cv-ho-980", "cv-ho-984"]
DOCX = ["cv-ho-974", "cv-ho-976", "cv-ho-981", "cv-ho-982"]
TWO_COLUMN = {"cv-ho-980": {"Contact", "Skills", "Education", "Certifications", "Languages"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload). kinds: h1,h2,h3,p,li,table,hr."""
    blocks = []
    lines = md_text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", para[:]))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3}) (.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
        elif line.strip() == "---":
            flush()
            blocks.append(("hr", None))
        elif line.startswith("- "):
            flush()
            blocks.append(("li", line[2:]))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text):
    """Split inline markdown into (text, bold, italic) runs."""
    out = []
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        else:
            out.append((part, False, False))
    return out


def to_rl(text):
    res = []
    for t, b, it in runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        res.append(t)
    return "".join(res)


# ---------------------------------------------------------------- PDF
def styles():
    ss = getSampleStyleSheet()
    base = ParagraphStyle("base", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=9.5, leading=12.5, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=17,
                             leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName="Helvetica-Bold", fontSize=11.5,
                             leading=14, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Helvetica-Bold", fontSize=10.5,
                             leading=13, spaceBefore=6),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=10, bulletIndent=2, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0),
    }


def flowables(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "p":
            out.append(Paragraph("<br/>".join(to_rl(l) for l in payload), st["p"]))
        elif kind == "li":
            out.append(Paragraph(to_rl(payload), st["li"], bulletText="-"))
        elif kind == "hr":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey,
                                  spaceBefore=3, spaceAfter=3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width * 0.62, width * 0.38])
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4eaf1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            out.append(t)
            out.append(Spacer(1, 4))
    return out


def render_pdf(cv_id, blocks):
    path = HERE / (cv_id + ".pdf")
    st = styles()
    margin = 16 * mm
    W, H = A4
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        header, side, main = [], [], []
        target = header
        for kind, payload in blocks:
            if kind == "h2":
                target = side if payload in side_titles else main
            target.append((kind, payload))
        header_h = 22 * mm
        gap = 7 * mm
        side_w = 58 * mm
        main_w = W - 2 * margin - side_w - gap
        body_h = H - 2 * margin - header_h
        frames = [
            Frame(margin, H - margin - header_h, W - 2 * margin, header_h, id="header",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
            Frame(margin, margin, side_w, body_h, id="side",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
            Frame(margin + side_w + gap, margin, main_w, body_h, id="main",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
        ]
        later = [Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main2",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)]

        def sidebar_bg(canv, doc):
            canv.saveState()
            canv.setFillColor(colors.HexColor("#eef2f6"))
            canv.rect(margin - 3 * mm, margin - 3 * mm, side_w + 6 * mm, body_h + 3 * mm,
                      stroke=0, fill=1)
            canv.restoreState()

        doc = BaseDocTemplate(str(path), pagesize=A4, title=cv_id, author="",
                              leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin)
        doc.addPageTemplates([PageTemplate(id="first", frames=frames, onPage=sidebar_bg,
                                           autoNextPageTemplate="later"),
                              PageTemplate(id="later", frames=later)])
        story = flowables(header, st, W - 2 * margin) + [FrameBreak()]
        story += flowables(side, st, side_w) + [FrameBreak()]
        story += flowables(main, st, main_w)
        doc.build(story)
    else:
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=cv_id, author="",
                                leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin)
        doc.build(flowables(blocks, st, W - 2 * margin))
    return path


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    path = HERE / (cv_id + ".docx")
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = cv_id
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "h3":
            add_runs(d.add_heading(level=2), payload)
        elif kind == "p":
            par = d.add_paragraph()
            for j, line in enumerate(payload):
                if j:
                    par.add_run().add_break()
                add_runs(par, line)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "hr":
            d.add_paragraph("")
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    cp = t.cell(r, c).paragraphs[0]
                    add_runs(cp, cell)
                    if r == 0:
                        for run in cp.runs:
                            run.bold = True
            d.add_paragraph("")
    d.save(str(path))
    return path


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        p = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print("%s  %d bytes" % (p.name, p.stat().st_size))


if __name__ == "__main__":
    main()
