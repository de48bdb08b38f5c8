"""The real app in Debian's Chromium: bring your CV — upload a PDF, correct one item, confirm,
see the skill-gap view and the plan; paste a CV; and nothing of the CV is left on disk."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assistant.settings import PROJECT_ROOT, Settings
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, running_app
from tests.conftest import link_models
from tests.fake_ollama import free_port

DEV = PROJECT_ROOT / "eval" / "cvs" / "dev"


@pytest.fixture(scope="module")
def browser() -> Any:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def app_home(roadmap_index: Settings, tmp_path: Path) -> Path:
    """A home sharing the session's roadmap index (read-only use), with its own profiles."""
    home = tmp_path / "app-home"
    home.mkdir()
    (home / "index").symlink_to(roadmap_index.index_dir, target_is_directory=True)
    (home / "cache").symlink_to(roadmap_index.home / "cache", target_is_directory=True)
    link_models(home, roadmap_index.home / "models")
    return home


#: The scroll position of the panel holding the CV reading (its nearest scrolling ancestor).
PANEL_SCROLL = """() => {
  let e = document.querySelector('#cv-plan');
  const scrolls = (x) => /auto|scroll/.test(getComputedStyle(x).overflowY);
  while (e && !(e.scrollHeight > e.clientHeight && scrolls(e))) e = e.parentElement;
  return e ? e.scrollTop : -1;
}"""
SCROLL_PANEL_TO_PLAN = "() => document.querySelector('#cv-plan').scrollIntoView({block: 'end'})"


def open_cv_panel(page: Page) -> None:
    panel = page.locator("#plan-panel")
    if "open" not in (panel.get_attribute("class") or ""):
        page.locator("#plan-panel .toggle-button").click()
    page.locator("#cv-panel").get_by_text("Bring your CV").first.click()
    expect(page.locator("#cv-file")).to_be_visible()


def upload(page: Page, path: Path) -> None:
    page.locator("#cv-file input[type='file']").set_input_files(str(path))


def uploads_left(home: Path) -> list[Path]:
    """CV-like files still in Gradio's upload folder (inside the home)."""
    folder = home / "files" / "gradio"
    if not folder.exists():
        return []
    return [p for p in folder.rglob("*") if p.suffix.lower() in (".pdf", ".docx", ".md", ".txt")]


def files_holding(marker: str, roots: list[Path], since: float) -> list[Path]:
    found = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.stat()
                    recent = info.st_mtime >= since and info.st_size < 20_000_000
                    if recent and marker.encode() in path.read_bytes():
                        found.append(path)
                except OSError:
                    continue
    return found


def assert_nothing_left(marker: str, home: Path, mine: Path, since: float, log: Path) -> None:
    """No file in the home or the temp folder (but the learner's own, under ``mine``) holds
    the CV's marker, and the app's log has neither the marker nor a traceback."""
    roots = [home, Path(tempfile.gettempdir())]
    left = [p for p in files_holding(marker, roots, since) if not p.is_relative_to(mine)]
    assert left == []
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and marker not in text


def test_upload_correct_confirm_then_the_gap_and_the_plan(
    browser: Browser, app_home: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {"ASSISTANT_BACKEND": "offline"}
    started = time.time() - 1
    with running_app(app_home, port, env, log=ARTIFACTS / "app-cv.log"):
        context = browser.new_context(viewport={"width": 1400, "height": 2200})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"http://127.0.0.1:{port}/")
        expect(page.locator("#status")).to_contain_text("Offline mode", timeout=90_000)
        open_cv_panel(page)

        # A real (synthetic) CV as a PDF: a physicist moving into RL, hedged PyTorch.
        cv = tmp_path / "Elena Marchetti CV.pdf"
        shutil.copy(DEV / "cv-dev-02.pdf", cv)
        upload(page, cv)
        items = page.locator("#cv-items")
        expect(items).to_be_visible(timeout=30_000)
        expect(items).to_contain_text("✓ done · Python Basics — “Python (10 years, daily)")
        expect(items).to_contain_text("◐ learning · Frameworks (Step 4: Deep Learning)")
        expect(page.locator("#cv-evidence")).to_contain_text("Exposure to PyTorch")
        expect(page.locator("#cv-evidence")).to_contain_text("(it says “Exposure to”)")
        expect(page.locator("#cv-goal input")).to_have_value("Reinforcement learning")
        expect(page.locator("#cv-status")).to_contain_text("Nothing is saved until you do")
        assert uploads_left(app_home) == []  # the upload's copy is gone already
        items.screenshot(path=str(ARTIFACTS / "cv-01-proposed.png"))

        # Correct one item: the boosted trees were a colleague's work, not hers.
        items.locator("label", has_text="Supervised Learning").click()
        page.locator("#cv-confirm").click()
        gap = page.locator("#cv-gap")
        expect(gap).to_contain_text("Skill gap per step", timeout=30_000)
        expect(gap.locator("li", has_text="Step 2: Mathematics for AI").first).to_contain_text(
            "✓ done"
        )
        step3 = gap.locator("li", has_text="Step 3: Machine Learning Basics").first
        expect(step3).to_contain_text("○ not started")  # the unticked item was not saved
        expect(step3).to_contain_text("Supervised Learning, Unsupervised Learning")
        expect(gap.locator("li", has_text="Step 8: Reinforcement").first).to_contain_text(
            "◐ learning"
        )
        plan = page.locator("#cv-plan")
        expect(plan).to_contain_text("1. Step 3: Machine Learning Basics")
        cite = plan.locator("a", has_text="[1]").first
        assert (cite.get_attribute("href") or "").endswith("#step-3-machine-learning-basics")
        # the profile panel follows the confirmed profile
        expect(page.locator("#my-next-steps")).to_contain_text(
            "1. Step 3: Machine Learning Basics", timeout=15_000
        )
        gap.screenshot(path=str(ARTIFACTS / "cv-02-gap.png"))
        plan.screenshot(path=str(ARTIFACTS / "cv-03-plan.png"))

        # An ordinary question after it leaves the panel where the learner scrolled it.
        page.locator("#cv-plan").scroll_into_view_if_needed()
        page.evaluate(SCROLL_PANEL_TO_PLAN)
        before = page.evaluate(PANEL_SCROLL)
        assert before > 0
        page.locator("#question textarea").fill("What is in the computer vision step?")
        page.locator("#send").click()
        expect(page.locator("#chat .message.bot").last).to_contain_text(
            "Step 6: Computer Vision", timeout=30_000
        )
        expect(page.locator("#chat")).to_contain_text("Sources (", timeout=30_000)
        page.wait_for_timeout(1500)  # the steps chained after the answer
        assert page.evaluate(PANEL_SCROLL) == before

        # Pasted text works the same way (a career changer with Spanish titles).
        page.reload()
        expect(page.locator("#status")).to_contain_text("Offline mode", timeout=60_000)
        open_cv_panel(page)
        page.locator("#cv-paste-box").get_by_text("or paste the text").click()
        page.locator("#cv-paste textarea").fill((DEV / "cv-dev-11.md").read_text(encoding="utf-8"))
        page.locator("#cv-read").click()
        expect(page.locator("#cv-items")).to_contain_text("YOLO", timeout=30_000)
        expect(page.locator("#cv-goal input")).to_have_value("Computer vision")
        page.locator("#cv-confirm").click()
        expect(page.locator("#cv-plan")).to_contain_text(
            "1. Step 6: Computer Vision", timeout=30_000
        )
        page.locator("#cv-items").screenshot(path=str(ARTIFACTS / "cv-04-pasted-proposed.png"))
        page.locator("#cv-gap").screenshot(path=str(ARTIFACTS / "cv-05-pasted-gap.png"))

        # A file over 5 MB is refused in the browser, in one line, before it is sent.
        big = tmp_path / "scan.pdf"
        big.write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 2**20))
        upload(page, big)
        expect(
            page.get_by_text('exceed the maximum allowed size of 5.0 Mb: "scan.pdf"')
        ).to_be_visible(timeout=10_000)
        assert uploads_left(app_home) == []

        # Bad input: one line, nothing saved, the copy deleted too.
        marker = f"Quokka{secrets.token_hex(6)}"
        text_cv = tmp_path / "notes.txt"
        text_cv.write_text(f"Shopping list {marker}: eggs, flour, sugar\n", encoding="utf-8")
        upload(page, text_cv)
        expect(page.get_by_text("I found no skills I can map to the roadmap").first).to_be_visible(
            timeout=30_000
        )
        expect(page.locator("#cv-items")).to_be_hidden()
        assert dialogs == []

    assert uploads_left(app_home) == []
    assert_nothing_left(marker, app_home, tmp_path, started, ARTIFACTS / "app-cv.log")


def test_a_cv_pasted_into_the_chat_is_proposed_in_the_cv_panel_and_not_kept(
    browser: Browser, app_home: Path, tmp_path: Path
) -> None:
    port = free_port()
    started = time.time() - 1
    marker = f"quokka{secrets.token_hex(6)}"
    # A dev CV (a career changer with Spanish titles) with a unique contact line.
    text = (DEV / "cv-dev-11.md").read_text(encoding="utf-8")
    pasted = f"Email: {marker}@example.com\n{text}"
    with running_app(
        app_home, port, {"ASSISTANT_BACKEND": "offline"}, log=ARTIFACTS / "app-cv2.log"
    ):
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        expect(page.locator("#status")).to_contain_text("Offline mode", timeout=90_000)
        page.locator("#question textarea").fill(pasted)
        page.locator("#send").click()

        chat = page.locator("#chat")
        expect(chat).to_contain_text("That looks like a CV", timeout=30_000)
        expect(chat).to_contain_text("A pasted CV")
        expect(chat).to_contain_text("Goal: Computer vision")  # read, read from the objective
        expect(chat).not_to_contain_text(marker)
        assert page.locator("#question textarea").input_value() == ""
        # The reading waits in the CV panel, which opened by itself; nothing saved yet.
        items = page.locator("#cv-items")
        expect(items).to_be_visible(timeout=15_000)
        expect(items).to_contain_text("YOLO")
        expect(page.locator("#cv-status")).to_contain_text("Nothing is saved until you do")
        expect(page.locator("#plan-panel")).to_have_class(re.compile(r"\bopen\b"))
        page.wait_for_timeout(800)  # the panel's opening transition
        page.screenshot(path=str(ARTIFACTS / "cv-06-pasted-in-chat.png"))
        page.locator("#cv-confirm").click()
        expect(page.locator("#cv-plan")).to_contain_text(
            "1. Step 6: Computer Vision", timeout=30_000
        )
        expect(page.locator("#my-next-steps")).to_contain_text("Step 6: Computer Vision")

        # The saved conversation holds the placeholder, not the CV; retry does not re-ask it.
        page.reload()
        expect(page.locator("#status")).to_contain_text("Offline mode", timeout=60_000)
        expect(chat).to_contain_text("A pasted CV", timeout=15_000)
        expect(chat).not_to_contain_text(marker)
        page.locator("#retry").click()
        expect(page.get_by_text("paste it again").first).to_be_visible(timeout=15_000)
        stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
        assert marker not in stored

    assert_nothing_left(marker, app_home, tmp_path, started, ARTIFACTS / "app-cv2.log")
