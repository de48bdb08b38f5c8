"""The CV is processed in memory: after the API, CLI and UI flows, no file under
ASSISTANT_HOME or the temp directory holds a line of it, and no log record quotes it."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answering.cv import CVService
from assistant.learner.cv_reader import CVReading
from assistant.settings import Settings, private_files
from assistant.web.cv_panel import CVPanel, upload_folder
from assistant.web.profile_panel import new_profile_id
from tests.conftest import link_models
from tests.cv_files import docx_bytes, pdf_bytes, scanned_pdf

#: Most bytes read from one file while scanning (bigger files are not ours).
SCAN_LIMIT = 20_000_000


def cv_lines(marker: str) -> list[str]:
    """A CV whose every line carries ``marker`` (a word no other file can hold)."""
    return [
        f"Summary of {marker}",
        f"I want to work on computer vision at {marker} Robotics.",
        "Experience",
        f"Trained a random forest with scikit-learn at {marker} GmbH, using Python daily",
        "Skills",
        f"Python (5 years), pandas, basic knowledge of PyTorch ({marker})",
    ]


def files_holding(marker: str, roots: list[Path], since: float, skip: Path) -> Iterator[Path]:
    """Files under ``roots`` changed since ``since`` whose bytes hold ``marker``."""
    needle = marker.encode()
    for root in roots:
        for folder, _, names in os.walk(root):
            if Path(folder).is_relative_to(skip):
                continue
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.stat()
                    if info.st_mtime < since or not path.is_file() or info.st_size > SCAN_LIMIT:
                        continue
                    if needle in path.read_bytes() or needle in path.read_bytes().replace(
                        b"\0", b""
                    ):
                        yield path
                except OSError:
                    continue  # another user's file, or gone meanwhile


@pytest.fixture
def home(settings: Settings, models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    link_models(settings.home, models_dir)
    monkeypatch.setenv("ASSISTANT_HOME", str(settings.home))
    monkeypatch.setenv("ASSISTANT_CORPUS", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_BACKEND", "offline")
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    private_files(settings)  # what `serve` does: Gradio's uploads go into the home
    return settings


def gradio_upload(data: bytes, name: str) -> Path:
    """The copy Gradio's upload route writes before a handler runs (one folder per file)."""
    folder = upload_folder() / secrets.token_hex(32)
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_no_cv_line_is_left_on_disk_or_in_the_logs(
    home: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from assistant.cli import main

    caplog.set_level(logging.DEBUG)
    marker = f"Quokka{secrets.token_hex(8)}"
    started = time.time() - 1
    inputs = tmp_path / "input"  # the learner's own files, outside the flow
    inputs.mkdir()
    lines = cv_lines(marker)

    # the API
    service = CVService.open(home)
    reading = service.read_file(pdf_bytes(lines), "cv.pdf")
    assert reading.goal == "computer-vision" and marker in reading.items[0].evidence
    service.confirm("api-user", reading)

    # the command line, with --save
    cv = inputs / "cv.md"
    cv.write_text("\n".join(lines), encoding="utf-8")
    assert main(["plan", "--cv", str(cv), "--profile", "cli-user", "--save"]) == 0

    # the UI's handlers: an upload (Gradio's copy is deleted at once), a paste, a bad file
    panel = CVPanel(home, lambda: None)
    pid = new_profile_id()
    upload = gradio_upload(docx_bytes(lines, headings=["Experience", "Skills"]), "cv.docx")
    shown = panel.read_upload(str(upload))
    assert not upload.exists() and not upload.parent.exists()
    assert shown[-1] is None  # the file box is cleared
    reading = shown[0]
    assert isinstance(reading, CVReading) and reading.items
    ticked = [i.id for i in reading.items]
    learning = reading.ids("learning")  # as the form shows it
    status, gap, plan = panel.confirm(pid, reading, ticked, learning, "computer-vision")
    assert "Saved" in status and "Skill gap per step" in gap and "Your plan" in plan
    assert marker not in gap + plan + status
    text_upload = gradio_upload("\n".join(lines).encode(), "cv.md")  # plain text: the scan sees it
    assert isinstance(panel.read_upload(str(text_upload))[0], CVReading)
    pasted = panel.read_paste("\n".join(lines))
    assert isinstance(pasted[0], CVReading)
    bad = gradio_upload(scanned_pdf(), "scan.pdf")
    assert panel.read_upload(str(bad))[0] is None
    assert not bad.exists()

    # what was saved is steps and levels
    assert service.store is not None
    for who in ("api-user", "cli-user", pid):
        saved = service.store.get(who)
        assert saved is not None and saved.progress["step-1/python-basics"] == "done"
        assert saved.progress["step-4/frameworks"] == "learning"

    roots = [home.home, Path(tempfile.gettempdir())]
    assert list(files_holding(marker, roots, started, skip=inputs)) == []
    assert not [r.getMessage() for r in caplog.records if marker in r.getMessage()]


def test_a_path_outside_the_upload_folder_is_read_but_never_deleted(
    home: Settings, tmp_path: Path
) -> None:
    mine = tmp_path / "my-cv.md"
    mine.write_text("## Skills\n- Python (5 years), pandas\n", encoding="utf-8")
    shown = CVPanel(home, lambda: None).read_upload(str(mine))
    assert isinstance(shown[0], CVReading)
    assert mine.exists()
