"""Render the CVs of this folder (cv-ho-613 .. cv-ho-624) to their target formats.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout3-02/render.py

Each <id>.md holds exactly the CV's text. Targets:
  - PDF  (reportlab, real text layer; one uses a two-column layout built from two Frames)
  - DOCX (python-docx; Markdown tables become real Word tables)
  - MD   (the .md file itself is the target; nothing to render)
"""
import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate,
                                PageTemplate, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

TARGETS = {
    "cv-ho-613": "md",
    "cv-ho-614": "pdf-two-column",
    "cv-ho-615": "docx",
    "cv-ho-616": "pdf",
    "cv-ho-617": "docx",
    "cv-ho-618": "md",
    "cv-ho-619": "pdf",
    "cv-ho-620": "md",
    "cv-ho-621": "pdf",
    "cv-ho-622": "docx",
    "cv-ho-623": "docx",
    "cv-ho-624": "md",
}

# For the two-column PDF: these sections go into the left sidebar.
SIDEBAR_SECTIONS = {"Skills", "Certifications", "Languages"}


# ---------------------------------------------------------------- parsing
def parse_md(text):
    """Very small Markdown block parser -> list of (kind, payload)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("# "):
            flush()
            blocks.append(("h1", s[2:].strip()))
        elif s.startswith("## "):
            flush()
            blocks.append(("h2", s[3:].strip()))
        elif s.startswith("- "):
            flush()
            blocks.append(("li", s[2:].strip()))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


def split_sections(blocks):
    """Return (head_blocks, [(title, blocks), ...])."""
    head, sections = [], []
    cur = None
    for kind, payload in blocks:
        if kind == "h2":
            cur = (payload, [])
            sections.append(cur)
        elif cur is None:
            head.append((kind, payload))
        else:
            cur[1].append((kind, payload))
    return head, sections


INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def inline_tokens(text):
    """Yield (text, bold, italic)."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            yield part[2:-2], True, False
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            yield part[1:-1], False, True
        else:
            yield part, False, False


def to_rl(text):
    out = []
    for t, b, it in inline_tokens(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = f"<b>{t}</b>"
        if it:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=ss["Title"], fontName="Helvetica-Bold",
                             fontSize=base_size + 8, leading=base_size + 11,
                             alignment=TA_LEFT, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold",
                             fontSize=base_size + 2, leading=base_size + 4,
                             textColor=colors.HexColor("#1f3a5f"), spaceBefore=7, spaceAfter=3),
        "p": ParagraphStyle("p", parent=ss["BodyText"], fontName="Helvetica",
                            fontSize=base_size, leading=base_size + 3, spaceAfter=3),
        "li": ParagraphStyle("li", parent=ss["BodyText"], fontName="Helvetica",
                             fontSize=base_size, leading=base_size + 3, leftIndent=10,
                             bulletIndent=2, spaceAfter=1),
    }


def pdf_flowables(blocks, st, width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "p"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "li":
            flow.append(Paragraph(to_rl(payload), st["li"], bulletText="\u2022"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["p"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            flow.append(t)
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / f"{cv_id}.pdf"
    st = pdf_styles(10)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=cv_id, author="synthetic CV")
    doc.build(pdf_flowables(blocks, st, doc.width))
    return out


def render_pdf_two_column(cv_id, blocks):
    """Sidebar (skills etc.) in a narrow left frame, experience in a wide right frame."""
    out = HERE / f"{cv_id}.pdf"
    head, sections = split_sections(blocks)
    side = [b for title, body in sections if title in SIDEBAR_SECTIONS
            for b in [("h2", title)] + body]
    main = head + [b for title, body in sections if title not in SIDEBAR_SECTIONS
                   for b in [("h2", title)] + body]

    W, H = A4
    margin = 14 * mm
    gap = 7 * mm
    side_w = 58 * mm
    main_w = W - 2 * margin - side_w - gap
    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic CV")
    side_frame = Frame(margin, margin, side_w, H - 2 * margin, id="sidebar",
                       leftPadding=4, rightPadding=4, showBoundary=0)
    main_frame = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin, id="main",
                       leftPadding=4, rightPadding=4, showBoundary=0)
    single = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="single")

    def sidebar_bg(canv, _doc):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#eef2f7"))
        canv.rect(margin - 2, margin - 2, side_w + 4, H - 2 * margin + 4, stroke=0, fill=1)
        canv.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="two", frames=[side_frame, main_frame], onPage=sidebar_bg),
        PageTemplate(id="single", frames=[single]),
    ])
    st_side = pdf_styles(8.5)
    st_main = pdf_styles(9.5)
    flow = pdf_flowables(side, st_side, side_w - 8)
    flow += [NextPageTemplate("single"), FrameBreak()]
    flow += pdf_flowables(main, st_main, main_w - 8)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_tokens(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / f"{cv_id}.docx"
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            add_runs(d.add_heading(level=0), payload)
        elif kind == "h2":
            add_runs(d.add_heading(level=1), payload)
        elif kind == "p":
            add_runs(d.add_paragraph(), payload)
        elif kind == "li":
            add_runs(d.add_paragraph(style="List Bullet"), payload)
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, f"**{cell}**" if r == 0 else cell)
            d.add_paragraph()
    d.core_properties.title = cv_id
    d.core_properties.author = "synthetic CV"
    d.save(str(out))
    return out


def main():
    for cv_id, target in TARGETS.items():
        text = (HERE / f"{cv_id}.md").read_text(encoding="utf-8")
        text.encode("cp1252")  # all characters must be printable with the standard PDF fonts
        blocks = parse_md(text)
        if target == "pdf":
            out = render_pdf(cv_id, blocks)
        elif target == "pdf-two-column":
            out = render_pdf_two_column(cv_id, blocks)
        elif target == "docx":
            out = render_docx(cv_id, blocks)
        else:
            out = HERE / f"{cv_id}.md"
        print(f"{cv_id}: {target:15s} -> {out.name} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
