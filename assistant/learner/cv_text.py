"""The text of a CV file, in memory: PDF (pypdf), DOCX (python-docx), TXT and MD.

``extract_cv_text(data, filename)`` takes the file's bytes and returns its text
as logical lines (a PDF's wrapped lines are joined back; a DOCX keeps its
headings as ``#`` lines and its tables as ``cell | cell`` rows). Everything
happens in memory: the bytes are never written to disk, and no error message or
log line quotes the CV. Bad input raises ``CVError`` with one line that says
what to do: a file over 5 MB, an empty file, an unsupported type, a PDF that is
encrypted or has no text layer (a scan), a DOCX that is not a zip or would
unpack to too much (a zip bomb: the zip's declared sizes and ratio are checked
before anything is decompressed). Reading the text for skills is
``cv_reader.py``'s job; nothing here knows the roadmap.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from assistant.errors import CVError
from assistant.learner.cv_sections import section_of

if TYPE_CHECKING:
    from docx.table import Table

#: Largest CV file accepted (the issue: "a file over 5 MB" is refused), in the browser's
#: megabytes (2**20 bytes), so that its own refusal names the same limit.
MB = 1 << 20
MAX_CV_BYTES = 5 * MB
#: Most PDF pages read (a CV has one to three; more is not a CV, or a trap).
MAX_PDF_PAGES = 30
#: Characters of text kept (about 25 pages of dense text); the rest is cut, with a note.
MAX_TEXT_CHARS = 100_000
#: A DOCX may declare at most this many bytes once unpacked, in all (python-docx's own
#: empty template unpacks to about 0.8 MB; a long CV with a photo to a few MB).
MAX_DOCX_UNPACKED = 40_000_000
#: ... and at most this ratio of unpacked to packed bytes (the template's is about 22:1;
#: zip bombs are in the thousands).
MAX_DOCX_RATIO = 120
#: ... and at most this many entries.
MAX_DOCX_ENTRIES = 1000
#: A PDF whose pages hold fewer letters than this has no usable text layer.
MIN_LETTERS = 20

KINDS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md"}
KINDS[".markdown"] = "md"
SUPPORTED = "upload a PDF, DOCX, TXT or MD file, or paste the text instead"
NO_TEXT = "No text found in this PDF (it may be a scanned image); paste the text instead."


@dataclass(frozen=True)
class CVText:
    """A CV's text, ready to be read for skills."""

    text: str
    """Logical lines separated by ``\\n`` (``#`` headings for DOCX, ``a | b`` table rows)."""
    kind: str
    """``pdf``, ``docx``, ``txt``, ``md`` or ``pasted``."""
    truncated: bool = False
    """True when the text was cut at ``MAX_TEXT_CHARS``."""


def cv_kind(filename: str) -> str:
    """The kind of CV a file name says it is; ``CVError`` for any other type."""
    suffix = PurePath(filename or "").suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        shown = re.sub(r"[^a-z0-9.]", "", suffix)[:12] or "without an extension"
        hint = " (save it as DOCX or PDF)" if suffix in (".doc", ".odt", ".rtf", ".pages") else ""
        raise CVError(f"Unsupported file type {shown}{hint}: {SUPPORTED}.")
    return kind


def extract_cv_text(data: bytes, filename: str) -> CVText:
    """The text of a CV file's bytes (PDF, DOCX, TXT or MD); ``CVError`` when unusable."""
    kind = cv_kind(filename)
    check_size(len(data))
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    return _bounded(text, kind)


def cv_text_from_paste(text: str) -> CVText:
    """Pasted CV text, bounded like a file's."""
    check_size(len(text.encode("utf-8", "replace")))
    return _bounded(text, "pasted")


def check_size(size: int) -> None:
    """``CVError`` for an empty CV or one over ``MAX_CV_BYTES``."""
    if size == 0:
        raise CVError("The CV is empty: choose another file, or paste the text instead.")
    if size > MAX_CV_BYTES:
        raise CVError(
            f"The CV is {size / MB:.1f} MB; at most {MAX_CV_BYTES // MB} MB is "
            "accepted. Save it without images, or paste the text instead."
        )


def _bounded(text: str, kind: str) -> CVText:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    truncated = len(text) > MAX_TEXT_CHARS
    return CVText(text[:MAX_TEXT_CHARS], kind, truncated)


# -- plain text ---------------------------------------------------------------------------------


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096] or data[:5] == b"%PDF-" or data[:4] == b"PK\x03\x04":
        raise CVError(f"This file is not plain text: {SUPPORTED}.")
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise CVError("This file is not UTF-8 text: save it as UTF-8, or paste the text instead.")
    return text


# -- PDF ----------------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise CVError(f"This .pdf file is not a PDF: {SUPPORTED}.")
    encrypted = (
        "This PDF is encrypted (password-protected): save a copy without the password, or "
        "paste the text instead."
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:  # some PDFs are "encrypted" with an empty password and open in any viewer
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError):
                raise CVError(encrypted) from None
            if not opened:
                raise CVError(encrypted)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise CVError(
                f"This PDF has {len(reader.pages)} pages; a CV of at most {MAX_PDF_PAGES} is "
                "read. Paste the relevant text instead."
            )
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if sum(len(p) for p in pages) > MAX_TEXT_CHARS:
                break
    except CVError:  # ours, said above (it is a ValueError too)
        raise
    except FileNotDecryptedError:
        raise CVError(encrypted) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
        # a damaged file: pypdf's own errors and the plain ones it lets through
        raise CVError(
            f"This PDF cannot be read ({type(err).__name__}); paste the text instead."
        ) from None
    except RecursionError:
        raise CVError(
            "This PDF is malformed (nested too deeply); paste the text instead."
        ) from None
    text = "\n".join(
        reflow_pdf_lines([_GLYPH_BULLET.sub("• ", line) for line in page.splitlines()])
        for page in pages
    )
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        raise CVError(NO_TEXT)
    return text


#: A bullet a PDF font has no glyph for comes out as a control or private-use character
#: ("\x7f", "\uf0b7" from Symbol or Wingdings): read as a bullet.
_GLYPH_BULLET = re.compile(r"^\s*[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]\s*")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙\-–*]|\d{1,2}[.)])\s+")
#: One or two capitalised words alone on a line: a heading ("Skills"), never a wrapped start.
_HEADING_LIKE = re.compile(r"^[#\s]*[A-ZÀ-Þ][\w'’&-]*(?:\s+[\w'’&-]+)?\s*:?$")
#: Words a wrapped line can end with while the sentence goes on.
_CONNECTORS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "into",
        "via",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "including",
        "incl",
        "such",
        "like",
        "e.g.",
        "i.e.",
        "my",
        "our",
        "their",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)


#: A date that goes on "… used daily since" or "…, Leeds City College: started" ("January 2026").
_DATE_START = re.compile(
    r"^(?:(?:19|20)\d\d\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:19|20)\d\d\b)",
    re.I,
)
#: Two-word names a wrap can cut ("… Mathematics for AI, Machine" / "Learning, Deep …").
_CUT_NAMES = frozenset(
    {
        ("machine", "learning"),
        ("deep", "learning"),
        ("reinforcement", "learning"),
        ("computer", "vision"),
        ("linear", "algebra"),
        ("natural", "language"),
        ("neural", "networks"),
        ("generative", "ai"),
    }
)


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` is the wrapped rest of ``previous`` (PDF text has no paragraphs)."""
    if _BULLET.match(line):
        return False
    if line[0] in "(&/—" or previous.count("(") > previous.count(")"):
        return True
    if _HEADING_LIKE.match(previous) or section_of(previous) is not None:
        return False  # "Skills", "What I'm looking for": a heading, whatever its last word
    if line[0].islower() or line[0].isdigit() and previous[-1] in "–—-":
        return True
    if previous[-1] in ",–—-/&(" or previous[-1] == ":" and line[0].isalnum():
        return True  # "… 5+ years of Python. Next move:" / "MLOps — turning models …"
    last, first = previous.rsplit(None, 1)[-1].lower(), line.split()[0].strip(",.;:").lower()
    tail = (  # a paragraph's short last line: "… my first role as a junior" / "AI engineer."
        len(previous.split()) >= 12
        and previous[-1].islower()
        and line.endswith(".")
        and len(line.split()) <= 6
    )
    listed = (  # a list cut after a name: "…, Calculus I & II, Discrete" / "Mathematics, …"
        previous.count(",") >= 2
        and previous[-1].isalnum()
        and len(previous.rsplit(",", 1)[-1].split()) <= 3
        and re.match(r"^[\w&+#.-]+(?:\s+[\w&+#.-]+)?,", line) is not None
    )
    dated = last in ("since", "started", "until") and _DATE_START.match(line) is not None
    return last in _CONNECTORS or (last, first) in _CUT_NAMES or tail or listed or dated


def _full_bullet(previous: str, last: str, width: int, line: str) -> bool:
    """Whether ``line`` goes on a bullet whose last line ``last`` filled the page's width
    with no stop ("• … followed a tutorial to train a small" / "LSTM on MIDI files, …")."""
    return (
        _BULLET.match(previous) is not None
        and _BULLET.match(line) is None
        and len(last) >= 0.85 * width
        and last[-1].isalnum()
        and line.endswith(".")  # a sentence's rest, not a heading or a job's title line
        and re.search(r"\s[—–|·]\s|^\d{1,2}[.)]", line) is None
        and section_of(line) is None
    )


def reflow_pdf_lines(lines: list[str]) -> str:
    """A PDF page's lines with wrapped lines joined back: bullets start new lines."""
    out: list[str] = []
    flat = [" ".join(raw.split()) for raw in lines]
    width, last = max(map(len, flat), default=0), ""
    for line in flat:
        if not line:
            out.append("")
            continue
        if (
            out
            and out[-1]
            and (_continues(out[-1], line) or _full_bullet(out[-1], last, width, line))
        ):
            joiner = "" if re.search(r"[A-Za-z]-$", out[-1]) and line[0].islower() else " "
            out[-1] += joiner + line
        else:
            out.append(line)
        last = line
    return "\n".join(out)


# -- DOCX ---------------------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    not_word = (
        "This .docx file is not a Word document (it is not a zip archive): save it again as "
        "DOCX or PDF, or paste the text instead."
    )
    if data[:4] != b"PK\x03\x04":
        raise CVError(not_word)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise CVError(not_word) from None
    check_zip(entries, len(data))
    if not any(e.filename == "word/document.xml" for e in entries):
        raise CVError("This .docx file has no Word document inside; paste the text instead.")
    return _docx_body(data)


def check_zip(entries: list[zipfile.ZipInfo], packed: int) -> None:
    """Refuse a zip whose declared sizes could be a zip bomb, before anything is unpacked.

    Python's ``zipfile`` stops each entry at its declared size, so checking the declared
    sizes bounds what python-docx can ever decompress.
    """
    if len(entries) > MAX_DOCX_ENTRIES:
        raise CVError(
            f"This DOCX holds {len(entries)} files (at most {MAX_DOCX_ENTRIES}); it is refused "
            "as a possible zip bomb. Paste the text instead."
        )
    unpacked = sum(e.file_size for e in entries)
    compressed = max(1, sum(e.compress_size for e in entries), packed // 2)
    if unpacked > MAX_DOCX_UNPACKED or unpacked / compressed > MAX_DOCX_RATIO:
        raise CVError(
            f"This DOCX would unpack to {unpacked / 1_000_000:,.0f} MB from "
            f"{packed / 1_000_000:.1f} MB; it is refused as a possible zip bomb. Paste the "
            "text instead."
        )


def _docx_body(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for element in document.element.body.iterchildren():
            tag = element.tag.rpartition("}")[2]
            if tag == "p":
                paragraph = Paragraph(element, document)
                style = (paragraph.style.name if paragraph.style is not None else "") or ""
                level = re.fullmatch(r"Heading\s*([1-6])", style)  # "Heading 2": "## …"
                mark = "#" * int(level.group(1)) if level else "#" if style == "Title" else ""
                for line in paragraph.text.splitlines():
                    lines.append(f"{mark} {line}" if mark and line.strip() else line)
            elif tag == "tbl":
                lines.extend(_table_rows(Table(element, document)))
            if sum(len(line) for line in lines) > MAX_TEXT_CHARS:
                break
    except (OpcError, KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile):
        raise CVError(
            "This DOCX cannot be read (it may be damaged); paste the text instead."
        ) from None
    except XMLSyntaxError:
        raise CVError(
            "This DOCX is malformed (its XML does not parse); paste the text instead."
        ) from None
    return "\n".join(lines)


def _table_rows(table: Table) -> list[str]:
    """A Word table as ``cell | cell`` rows (merged cells, which repeat, once)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
