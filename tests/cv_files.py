"""CV files made in memory for the tests: PDFs (one or two columns, scanned, encrypted) and
DOCX (paragraphs, headings, a skills table, a zip bomb). Importable by subprocesses too."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence


def pdf_bytes(lines: Sequence[str], sidebar: Sequence[str] = ()) -> bytes:
    """A PDF with a real text layer; with ``sidebar``, a two-column page (two frames)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4)
    width, height = A4
    if sidebar:
        frames = [
            Frame(36, 36, 170, height - 72, id="side"),
            Frame(220, 36, width - 256, height - 72, id="main"),
        ]
    else:
        frames = [Frame(36, 36, width - 72, height - 72, id="main")]
    doc.addPageTemplates([PageTemplate(id="cv", frames=frames)])
    style = getSampleStyleSheet()["BodyText"]
    story: list = []
    for line in sidebar:
        story.append(Paragraph(line, style))
    if sidebar:
        story.append(FrameBreak())
    for line in lines:
        story.append(Paragraph(line, style))
    doc.build(story)
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A page with shapes only: what a scan without OCR looks like to a text extractor."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    for y in range(100, 800, 12):
        page.rect(72, y, 400, 6, fill=1)
    page.save()
    return buf.getvalue()


def encrypted_pdf(lines: Sequence[str], password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] = (),
    headings: Sequence[str] = (),
    subheadings: Sequence[str] = (),
) -> bytes:
    """A DOCX: ``headings`` (``subheadings``) become Word headings of level 1 (2) where they
    appear in ``paragraphs``; the ``table`` (rows of cells) comes after a "Skills" heading at
    the end."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text in headings or text in subheadings:
            document.add_heading(text, level=1 if text in headings else 2)
        else:
            document.add_paragraph(text)
    if table:
        document.add_heading("Skills", level=1)
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(unpacked: int = 60_000_000) -> bytes:
    """A .docx-shaped zip whose document part unpacks to ``unpacked`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * unpacked)
    return out.getvalue()
