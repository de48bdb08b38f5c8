"""CV text extraction in memory: each format, and each bad input refused in one line."""

from __future__ import annotations

import io
import zipfile

import pytest

from assistant.errors import CVError
from assistant.learner.cv_lines import cv_lines
from assistant.learner.cv_text import (
    MAX_CV_BYTES,
    check_zip,
    cv_text_from_paste,
    extract_cv_text,
    reflow_pdf_lines,
)
from tests.cv_files import docx_bytes, encrypted_pdf, pdf_bytes, scanned_pdf, zip_bomb_docx

LINES = [
    "Skills",
    "Python (5 years, daily), pandas, NumPy",
    "Basic knowledge of PyTorch: I followed the official tutorials",
]


def test_a_pdf_gives_its_lines() -> None:
    text = extract_cv_text(pdf_bytes(LINES), "cv.pdf")
    assert text.kind == "pdf"
    assert text.text.splitlines() == LINES


def test_a_two_column_pdf_keeps_each_column_together() -> None:
    side = ["Skills", "Python — advanced", "PyTorch — basic"]
    main = ["Experience", "Trained a random forest with scikit-learn for churn at Acme"]
    lines = extract_cv_text(pdf_bytes(main, sidebar=side), "cv.pdf").text.splitlines()
    assert lines == side + main  # the sidebar first, never interleaved with the main column


def test_wrapped_pdf_lines_are_joined_and_bullets_and_headings_kept_apart() -> None:
    page = [
        "Summary",
        "Data analyst with four years in retail. I",
        "turn messy data into dashboards, saving",
        "about 10 hours a week",
        "• Built a regression model in C++",
        "Education",
        "• Exposure to",
        "PyTorch (basic",
        "level)",
    ]
    assert reflow_pdf_lines(page).splitlines() == [
        "Summary",
        "Data analyst with four years in retail. I turn messy data into dashboards, saving "
        "about 10 hours a week",
        "• Built a regression model in C++",
        "Education",
        "• Exposure to PyTorch (basic level)",
    ]


def test_a_docx_gives_headings_paragraphs_and_table_rows_in_order() -> None:
    data = docx_bytes(
        ["Jane Roe", "Profile", "I want to work on NLP.", "Experience", "Built a Flask API"],
        table=[["Skill", "Level"], ["Python", "Advanced"], ["PyTorch", "Basic"]],
        headings=["Profile", "Experience"],
    )
    text = extract_cv_text(data, "Jane Roe CV.DOCX")
    assert text.kind == "docx"
    assert text.text.splitlines() == [
        "Jane Roe",
        "# Profile",
        "I want to work on NLP.",
        "# Experience",
        "Built a Flask API",
        "# Skills",
        "Skill | Level",
        "Python | Advanced",
        "PyTorch | Basic",
    ]


def test_a_docx_sub_heading_keeps_its_level_and_so_its_section() -> None:
    data = docx_bytes(
        ["Jane Roe", "Education", "BSc Mathematics — Leeds, 2019", "Experience", "Analyst"],
        headings=["Education", "Experience"],
        subheadings=["BSc Mathematics — Leeds, 2019"],
    )
    text = extract_cv_text(data, "cv.docx").text
    assert "# Education\n## BSc Mathematics — Leeds, 2019\n# Experience" in text
    assert ("education", "BSc Mathematics — Leeds, 2019") in [
        (line.section, line.text) for line in cv_lines(text)
    ]


@pytest.mark.parametrize("name", ["cv.txt", "cv.md", "CV.Markdown"])
def test_text_and_markdown_are_decoded_with_or_without_a_byte_order_mark(name: str) -> None:
    raw = "## Skills\n- Python — advanced\r\n- Kenntnisse: NumPy\n"
    for data in (raw.encode(), b"\xef\xbb\xbf" + raw.encode()):
        text = extract_cv_text(data, name)
        assert text.text == "## Skills\n- Python — advanced\n- Kenntnisse: NumPy\n"


def test_pasted_text_is_bounded_and_marked_as_pasted() -> None:
    text = cv_text_from_paste("Python " * 20_000)
    assert text.kind == "pasted" and text.truncated and len(text.text) == 100_000


def one_line(err: pytest.ExceptionInfo[CVError]) -> str:
    message = str(err.value)
    assert "\n" not in message and 20 < len(message) < 220
    return message


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (scanned_pdf(), "scan.pdf", "No text found in this PDF (it may be a scanned image); paste"),
        (encrypted_pdf(LINES), "locked.pdf", "This PDF is encrypted (password-protected)"),
        (b"x" * (MAX_CV_BYTES + 1), "big.txt", "The CV is 5.0 MB; at most 5 MB is accepted"),
        (zip_bomb_docx(), "bomb.docx", "it is refused as a possible zip bomb"),
        (b"Python, pandas, NumPy", "fake.docx", "is not a Word document (it is not a zip"),
        (b"%PDF-1.7 \x00\x01", "cv.odt", "Unsupported file type .odt (save it as DOCX or PDF)"),
        (b"GIF89a", "photo.gif", "Unsupported file type .gif: upload a PDF, DOCX, TXT or MD"),
        (b"", "empty.pdf", "The CV is empty"),
        (b"PK\x03\x04 not really", "cv.pdf", "This .pdf file is not a PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF", "cv.pdf", "cannot be read"),
        (b"\x00\x01\x02binary", "cv.txt", "This file is not plain text"),
    ],
    ids=[
        "scanned",
        "encrypted",
        "over-5MB",
        "zip-bomb",
        "docx-not-a-zip",
        "odt",
        "image",
        "empty",
        "pdf-that-is-a-zip",
        "broken-pdf",
        "binary-txt",
    ],
)
def test_each_bad_file_is_refused_with_one_clear_line(data: bytes, name: str, says: str) -> None:
    with pytest.raises(CVError) as err:
        extract_cv_text(data, name)
    assert says in one_line(err)


def test_the_zip_bomb_is_refused_from_its_declared_sizes_before_anything_is_unpacked() -> None:
    data = zip_bomb_docx(unpacked=60_000_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    assert sum(e.file_size for e in entries) == 60_000_000 + len("<Types/>")
    with pytest.raises(CVError, match="60 MB from 0.1 MB"):
        check_zip(entries, len(data))
    # a small but extreme ratio is refused too (1 MB of zeros in ~1 KB)
    small = zip_bomb_docx(unpacked=1_000_000)
    with zipfile.ZipFile(io.BytesIO(small)) as archive, pytest.raises(CVError, match="zip bomb"):
        check_zip(archive.infolist(), len(small))
    # a real DOCX (python-docx's template unpacks ~22:1) passes
    real = docx_bytes(["Python"])
    with zipfile.ZipFile(io.BytesIO(real)) as archive:
        check_zip(archive.infolist(), len(real))


def test_a_pdf_encrypted_with_an_empty_password_is_read() -> None:
    lines = ["Python (5 years) and pandas for data cleaning every day"]
    assert extract_cv_text(encrypted_pdf(lines, password=""), "cv.pdf").text.strip() == lines[0]


def test_error_messages_never_quote_the_cv() -> None:
    secret = "Zanzibar-Quokka-Python-Line"
    for data, name in (
        (f"{secret}\n".encode() * 300_000, "big.md"),
        (secret.encode(), "cv.docx"),
        (secret.encode(), "cv.pdf"),
    ):
        with pytest.raises(CVError) as err:
            extract_cv_text(data, name)
        assert secret not in str(err.value)


def test_a_known_section_title_is_never_joined_to_the_next_line() -> None:
    lines = ["What I’m looking for", "A role in MLOps.", "Five years of work in", "payments"]
    want = "What I’m looking for\nA role in MLOps.\nFive years of work in payments"
    assert reflow_pdf_lines(lines) == want


def test_a_bullet_with_no_glyph_in_a_pdf_reads_as_a_bullet() -> None:
    """Helvetica (a standard PDF font) has no "•" in reportlab: the text layer says "\x7f",
    which a new user saw as a stray space before each evidence quote."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("Helvetica", 11)
    for n, line in enumerate(["Skills", "• Python with pandas (daily)", "• PyTorch (basic)"]):
        page.drawString(72, 700 - 16 * n, line)
    page.save()
    lines = extract_cv_text(out.getvalue(), "cv.pdf").text.splitlines()
    assert lines[1:] == ["• Python with pandas (daily)", "• PyTorch (basic)"]


def test_a_name_cut_in_two_by_a_wrap_is_joined_back() -> None:
    lines = ["Core modules: Mathematics for AI, Machine", "Learning, Deep Learning (CNNs)"]
    assert reflow_pdf_lines(lines) == (
        "Core modules: Mathematics for AI, Machine Learning, Deep Learning (CNNs)"
    )
    assert reflow_pdf_lines(["Data Engineer", "Learning Platform team"]).count("\n") == 1


def test_a_bullet_that_fills_the_width_goes_on_to_a_line_that_ends_its_sentence() -> None:
    """A wrap after "a small" left "LSTM on MIDI files" on a line of its own, read as done
    without the "beginner in Keras" that hedges it (cv-dev-1066)."""
    lines = [
        "• Team lead",  # short: the bullet ends here, whatever comes next
        "Led a team of four engineers.",
        "• Melody generator: I'm a beginner in Keras; followed a tutorial to train a small",
        "LSTM on MIDI files, and the generated melodies are still rough.",
        "• Wrote the group's PyTorch training framework (mixed precision, multi-GPU) now used",
        "Data Analyst — Bottega Retail Group, Milan · Jan 2020 – Aug 2022",
        "• Ran two weekly help sessions for about 25 first-year students in the physics lab",
        "Awards and Grants",
    ]
    assert reflow_pdf_lines(lines).splitlines() == [
        "• Team lead",
        "Led a team of four engineers.",
        "• Melody generator: I'm a beginner in Keras; followed a tutorial to train a small LSTM "
        "on MIDI files, and the generated melodies are still rough.",
        "• Wrote the group's PyTorch training framework (mixed precision, multi-GPU) now used",
        "Data Analyst — Bottega Retail Group, Milan · Jan 2020 – Aug 2022",
        "• Ran two weekly help sessions for about 25 first-year students in the physics lab",
        "Awards and Grants",
    ]


def test_a_line_cut_after_a_colon_goes_on() -> None:
    lines = ["Site reliability engineer with 8 years of Python. Next move:", "MLOps — pipelines."]
    assert reflow_pdf_lines(lines) == (
        "Site reliability engineer with 8 years of Python. Next move: MLOps — pipelines."
    )
    assert reflow_pdf_lines(["Relevant coursework (completed):", "• Linear Algebra"]).count("\n")


def test_a_line_cut_before_its_date_goes_on() -> None:
    lines = [
        "Machine Learning evening course, Leeds City College: started",
        "January 2026, in progress",
        "Python: took an intro course but haven't used it since",
        "Education",
    ]
    assert reflow_pdf_lines(lines).splitlines() == [
        "Machine Learning evening course, Leeds City College: started January 2026, in progress",
        "Python: took an intro course but haven't used it since",
        "Education",
    ]
