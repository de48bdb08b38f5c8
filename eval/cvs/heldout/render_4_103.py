"""Render the heldout4-103 CVs from their Markdown source to PDF / DOCX.

Run with:  /work/main/.venv/bin/python eval/cvs/heldout4-103/render.py

The .md file is the CV's exact content. PDFs get a real text layer
(reportlab Paragraphs); one PDF uses a two-column layout built from two
reportlab Frames (sidebar + main column). DOCX files are built with
python-docx; Markdown pipe tables become real Word tables.
"""
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent

PDF = ["cv-ho-1826", "cv-ho-1828", "cv-ho-1831", "cv-ho-1834"]
DOCX = ["cv-ho-1827", "cv-ho-1829", "cv-ho-1832", "cv-ho-1836"]
TWO_COLUMN = {"cv-ho-1826": {"Contact", "Skills", "Languages", "Certifications"}}


# ---------------------------------------------------------------- parsing
def parse(md_text):
    """Return a list of blocks: (kind, payload)."""
    blocks = []
    lines = md_text.splitlines()
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
            i += 1
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", s)
        if m:
            flush()
            blocks.append(("h%d" % len(m.group(1)), m.group(2)))
            i += 1
            continue
        m = re.match(r"^(\s*)-\s+(.*)$", line)
        if m:
            flush()
            level = len(m.group(1)) // 2
            blocks.append(("li", (level, m.group(2))))
            i += 1
            continue
        para.append(s)
        i += 1
    flush()
    return blocks


def inline_runs(text):
    """Split **bold** / *italic* markup into (text, bold, italic) runs."""
    runs = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], True, False))
        elif part.startswith("*"):
            runs.append((part[1:-1], False, True))
        else:
            runs.append((part, False, False))
    return runs


def to_rl(text):
    out = []
    for t, b, it in inline_runs(text):
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if b:
            t = "<b>%s</b>" % t
        if it:
            t = "<i>%s</i>" % t
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------- PDF
FONT = "Helvetica"
try:  # a TTF font renders accented letters and dashes reliably
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for cand in ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]:
        if Path(cand).exists():
            pdfmetrics.registerFont(TTFont("DejaVu", cand))
            pdfmetrics.registerFont(TTFont(
                "DejaVu-Bold", cand.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")))
            from reportlab.lib.fonts import addMapping
            addMapping("DejaVu", 0, 0, "DejaVu")
            addMapping("DejaVu", 1, 0, "DejaVu-Bold")
            addMapping("DejaVu", 0, 1, "DejaVu")
            addMapping("DejaVu", 1, 1, "DejaVu-Bold")
            FONT = "DejaVu"
            break
except Exception:  # pragma: no cover - fall back to Helvetica
    FONT = "Helvetica"


def styles(scale=1.0):
    base = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName=FONT, fontSize=18 * scale,
                             leading=22 * scale, alignment=TA_LEFT, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT, fontSize=11.5 * scale,
                             leading=14 * scale, spaceBefore=8, spaceAfter=3,
                             textColor=colors.HexColor("#1f3b5c")),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=FONT, fontSize=10 * scale,
                             leading=12 * scale, spaceBefore=4, spaceAfter=2),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName=FONT, fontSize=9.2 * scale,
                            leading=12 * scale, spaceAfter=3),
        "li": ParagraphStyle("li", parent=base["BodyText"], fontName=FONT, fontSize=9.2 * scale,
                             leading=11.8 * scale, leftIndent=10, bulletIndent=2, spaceAfter=1.5,
                             bulletFontName=FONT),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName=FONT,
                               fontSize=8.5 * scale, leading=10.5 * scale),
    }


def flow(blocks, st, width):
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3", "p"):
            out.append(Paragraph(to_rl(payload), st[kind]))
        elif kind == "li":
            level, text = payload
            s = ParagraphStyle("li%d" % level, parent=st["li"],
                               leftIndent=10 + 10 * level, bulletIndent=2 + 10 * level)
            out.append(Paragraph(to_rl(text), s, bulletText="•"))
        elif kind == "table":
            data = [[Paragraph(to_rl(c), st["cell"]) for c in row] for row in payload]
            t = Table(data, colWidths=[width / len(payload[0])] * len(payload[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
    return out


def sections(blocks):
    """Split blocks into header (before first h2) and [(title, blocks)]."""
    header, secs = [], []
    for b in blocks:
        if b[0] == "h2":
            secs.append((b[1], [b]))
        elif secs:
            secs[-1][1].append(b)
        else:
            header.append(b)
    return header, secs


def render_pdf(cv_id, blocks):
    out = HERE / (cv_id + ".pdf")
    margin = 16 * mm
    if cv_id in TWO_COLUMN:
        side_titles = TWO_COLUMN[cv_id]
        st = styles(0.97)
        header, secs = sections(blocks)
        W, H = A4
        side_w = 58 * mm
        gap = 7 * mm
        main_w = W - 2 * margin - side_w - gap
        head_h = 24 * mm
        f_head = Frame(margin, H - margin - head_h, W - 2 * margin, head_h, id="head",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        f_side = Frame(margin, margin, side_w, H - 2 * margin - head_h, id="side",
                       leftPadding=0, rightPadding=4, topPadding=0, bottomPadding=0)
        f_main = Frame(margin + side_w + gap, margin, main_w, H - 2 * margin - head_h, id="main",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        f_full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full")

        def sidebar_bg(canvas, doc):
            canvas.saveState()
            canvas.setFillColor(colors.HexColor("#eef2f6"))
            canvas.rect(margin - 3 * mm, margin - 3 * mm, side_w + 3 * mm,
                        H - 2 * margin - head_h + 3 * mm, stroke=0, fill=1)
            canvas.restoreState()

        doc = BaseDocTemplate(str(out), pagesize=A4, title=cv_id, author="synthetic",
                              pageTemplates=[
                                  PageTemplate(id="first", frames=[f_head, f_side, f_main],
                                               onPage=sidebar_bg),
                                  PageTemplate(id="later", frames=[f_full])])
        story = flow(header, st, W - 2 * margin) + [FrameBreak()]
        for title, b in secs:
            if title in side_titles:
                story += flow(b, st, side_w)
        story += [FrameBreak(), NextPageTemplate("later")]
        for title, b in secs:
            if title not in side_titles:
                story += flow(b, st, main_w)
        doc.build(story)
    else:
        st = styles()
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=cv_id,
                                author="synthetic")
        doc.build(flow(blocks, st, A4[0] - 2 * margin))
    return out


# ---------------------------------------------------------------- DOCX
def add_runs(par, text):
    for t, b, it in inline_runs(text):
        r = par.add_run(t)
        r.bold = b
        r.italic = it


def render_docx(cv_id, blocks):
    out = HERE / (cv_id + ".docx")
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    for kind, payload in blocks:
        if kind == "h1":
            doc.add_heading(payload, level=0)
        elif kind == "h2":
            doc.add_heading(payload, level=1)
        elif kind == "h3":
            doc.add_heading(payload, level=2)
        elif kind == "p":
            add_runs(doc.add_paragraph(), payload)
        elif kind == "li":
            level, text = payload
            style = "List Bullet" if level == 0 else "List Bullet 2"
            add_runs(doc.add_paragraph(style=style), text)
        elif kind == "table":
            rows = payload
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    add_runs(p, cell)
                    if r == 0:
                        for run in p.runs:
                            run.bold = True
            doc.add_paragraph()
    doc.save(str(out))
    return out


def main():
    for cv_id in PDF + DOCX:
        blocks = parse((HERE / (cv_id + ".md")).read_text(encoding="utf-8"))
        out = render_pdf(cv_id, blocks) if cv_id in PDF else render_docx(cv_id, blocks)
        print("wrote", out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
