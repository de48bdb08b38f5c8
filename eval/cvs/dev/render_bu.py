"""Render the dev-bu CVs from their Markdown source to the target formats.

Run with: /work/main/.venv/bin/python eval/cvs/dev-bu/render.py

Targets
  PDF : cv-dev-902 (two-column: sidebar + main frames), cv-dev-904, cv-dev-908, cv-dev-911
  DOCX: cv-dev-903, cv-dev-905 (skills as a real Word table), cv-dev-906, cv-dev-910
  MD  : cv-dev-901, cv-dev-907, cv-dev-909, cv-dev-912 (the .md file itself is the target)
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, ListFlowable, ListItem,
                                NextPageTemplate, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF_TARGETS = ["cv-dev-902", "cv-dev-904", "cv-dev-908", "cv-dev-911"]
TWO_COLUMN = {"cv-dev-902"}
DOCX_TARGETS = ["cv-dev-903", "cv-dev-905", "cv-dev-906", "cv-dev-910"]
SIDEBAR_SECTIONS = {"Contact", "Skills", "Learning now", "Certifications", "Languages"}


# ---------------------------------------------------------------- markdown parsing
def parse_md(text):
    """Return a list of blocks: (kind, payload). kinds: h1, h2, h3, p, ul, table."""
    blocks = []
    para, items, rows = [], [], []

    def flush():
        nonlocal para, items, rows
        if para:
            blocks.append(("p", " ".join(para)))
        if items:
            blocks.append(("ul", items))
        if rows:
            blocks.append(("table", rows))
        para, items, rows = [], [], []

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            continue
        if line.startswith("|"):
            if para or items:
                flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            rows.append(cells)
            continue
        m = re.match(r"^[-*]\s+(.*)$", line)
        if m:
            if para or rows:
                flush()
            items.append(m.group(1))
            continue
        if items and raw.startswith("  "):
            items[-1] += " " + line.strip()
            continue
        if items or rows:
            flush()
        para.append(line.strip())
    flush()
    return blocks


def split_sections(blocks):
    """Split blocks into (heading, blocks) sections; the part before the first h2 has heading None."""
    sections = [(None, [])]
    for kind, payload in blocks:
        if kind == "h2":
            sections.append((payload, []))
        else:
            sections[-1][1].append((kind, payload))
    return sections


INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


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
    for t, b, i in inline_tokens(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if i:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
def pdf_styles(base_size=10):
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["Normal"], fontName="Helvetica",
                          fontSize=base_size, leading=base_size * 1.3, spaceAfter=3)
    return {
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=base_size + 8,
                             leading=base_size + 11, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=base_size + 2,
                             leading=base_size + 5, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold"),
        "p": body,
        "li": ParagraphStyle("li", parent=body, spaceAfter=1),
    }


def blocks_to_flowables(blocks, st, avail_width):
    flow = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            flow.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "ul":
            flow.append(ListFlowable(
                [ListItem(Paragraph(to_rl(it), st["li"]), leftIndent=10) for it in payload],
                bulletType="bullet", start="\u2022", leftIndent=10, bulletFontSize=st["li"].fontSize))
            flow.append(Spacer(1, 3))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["li"]) for c in row] for row in payload]
            ncol = max(len(r) for r in data)
            t = Table(data, colWidths=[avail_width / ncol] * ncol)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
            flow.append(Spacer(1, 4))
    return flow


def render_pdf(cv_id, blocks):
    out = HERE / (cv_id + ".pdf")
    st = pdf_styles()
    margin = 1.8 * cm
    width = A4[0] - 2 * margin
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=cv_id, author="synthetic")
    doc.build(blocks_to_flowables(blocks, st, width))
    return out


def render_pdf_two_column(cv_id, blocks):
    """Header frame on top, then a left sidebar frame and a right main frame (real two-column text layer)."""
    out = HERE / (cv_id + ".pdf")
    st = pdf_styles(base_size=9)
    W, H = A4
    m = 1.5 * cm
    header_h = 2.2 * cm
    gap = 0.6 * cm
    side_w = 6.0 * cm
    main_w = W - 2 * m - side_w - gap
    col_h = H - 2 * m - header_h
    header = Frame(m, H - m - header_h, W - 2 * m, header_h, id="header", showBoundary=0)
    sidebar = Frame(m, m, side_w, col_h, id="sidebar", showBoundary=0)
    main = Frame(m + side_w + gap, m, main_w, col_h, id="main", showBoundary=0)
    later = Frame(m + side_w + gap, m, main_w, H - 2 * m, id="main2", showBoundary=0)

    def draw_rule(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#9fb3c8"))
        canvas.setLineWidth(0.6)
        x = m + side_w + gap / 2
        canvas.line(x, m, x, H - m - header_h)
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic")
    doc.addPageTemplates([PageTemplate(id="first", frames=[header, sidebar, main], onPage=draw_rule),
                          PageTemplate(id="later", frames=[later])])

    sections = split_sections(blocks)
    head_blocks = sections[0][1]
    side, body = [], []
    for title, blks in sections[1:]:
        target = side if title in SIDEBAR_SECTIONS else body
        target.append(("h2", title))
        target.extend(blks)

    flow = [NextPageTemplate("later")]
    flow += blocks_to_flowables(head_blocks, st, W - 2 * m)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(side, st, side_w)
    flow.append(FrameBreak())
    flow += blocks_to_flowables(body, st, main_w)
    doc.build(flow)
    return out


# ---------------------------------------------------------------- DOCX
def add_inline(par, text):
    for t, b, i in inline_tokens(text):
        run = par.add_run(t)
        run.bold = b or None
        run.italic = i or None


def render_docx(cv_id, blocks):
    out = HERE / (cv_id + ".docx")
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = cv_id
    doc.core_properties.author = "synthetic"
    for kind, payload in blocks:
        if kind == "h1":
            h = doc.add_heading(level=0)
            add_inline(h, payload)
        elif kind == "h2":
            h = doc.add_heading(level=1)
            add_inline(h, payload)
        elif kind == "h3":
            h = doc.add_heading(level=2)
            add_inline(h, payload)
        elif kind == "p":
            add_inline(doc.add_paragraph(), payload)
        elif kind == "ul":
            for it in payload:
                add_inline(doc.add_paragraph(style="List Bullet"), it)
        elif kind == "table":
            ncol = max(len(r) for r in payload)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for r_i, row in enumerate(payload):
                cells = table.add_row().cells
                for c_i in range(ncol):
                    text = row[c_i] if c_i < len(row) else ""
                    p = cells[c_i].paragraphs[0]
                    add_inline(p, text)
                    if r_i == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF_TARGETS:
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        if cv_id in TWO_COLUMN:
            out = render_pdf_two_column(cv_id, blocks)
        else:
            out = render_pdf(cv_id, blocks)
        print("wrote", out.name, out.stat().st_size, "bytes")
    for cv_id in DOCX_TARGETS:
        blocks = parse_md((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        out = render_docx(cv_id, blocks)
        print("wrote", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
