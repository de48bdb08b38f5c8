"""The sources block in Debian's Chromium: exact anchors, compact entries, a clickable summary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from assistant.knowledge.sections import heading_anchors
from assistant.knowledge.textfix import repair_mojibake
from assistant.settings import PROJECT_ROOT, Settings
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, running_app
from tests.conftest import ROADMAP_FILE, ROADMAP_URL, link_models
from tests.fake_ollama import free_port

RL = "Which tools does the roadmap list for reinforcement learning?"


@pytest.fixture
def app_home(roadmap_index: Settings, tmp_path: Path) -> Path:
    """A home sharing the session's roadmap-only index (read-only use)."""
    home = tmp_path / "app-home"
    home.mkdir()
    (home / "index").symlink_to(roadmap_index.index_dir, target_is_directory=True)
    (home / "cache").symlink_to(roadmap_index.home / "cache", target_is_directory=True)
    link_models(home, roadmap_index.home / "models")
    return home


def roadmap_anchors() -> set[str]:
    raw = (PROJECT_ROOT / "corpus" / ROADMAP_FILE).read_text(encoding="utf-8")
    return {anchor for _, anchor in heading_anchors(repair_mojibake(raw))}


def test_sources_open_from_the_summary_and_cite_their_own_subsections(app_home: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {"OLLAMA_HOST": f"http://127.0.0.1:{free_port()}"}  # nothing listens: offline
    with (
        running_app(app_home, port, env, log=ARTIFACTS / "app-sources.log"),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        expect(page.locator("#status")).to_contain_text("Offline mode", timeout=90_000)
        page.locator("#question textarea").fill(RL)
        page.locator("#question textarea").press("Enter")
        expect(page.locator("#chat")).to_contain_text("Sources (", timeout=60_000)

        # Each [n] opens its own subsection, by the anchor GitHub gives its heading.
        cites: list[Any] = page.locator("#chat a", has_text=re.compile(r"^\[\d+\]$")).evaluate_all(
            "links => links.map(a => [a.textContent, a.getAttribute('href')])"
        )
        by_number = {n: href for n, href in cites}  # how many: the offline composer's choice
        assert len(set(by_number.values())) == len(by_number), by_number
        anchors = roadmap_anchors()
        for href in by_number.values():
            assert href.startswith(ROADMAP_URL + "#") and href.split("#")[1] in anchors
        assert ROADMAP_URL + "#tools-and-frameworks" in by_number.values()

        # A click on the summary's label opens the block; the padding at its edge closes it.
        group = page.locator("#chat .thought-group").first
        content = group.locator(".content")
        expect(content).to_have_count(0)
        page.get_by_text("📚 Sources (").first.click()
        expect(content).to_have_count(1)
        box = group.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 3, box["y"] + 3)  # the box's corner, outside the label
        expect(content).to_have_count(0)
        page.get_by_text("📚 Sources (").first.click()
        expect(content).to_have_count(1)

        # Entries read "[n] Title › Section · domain", with the snippet's own lines.
        expect(content).to_contain_text(
            "[1] AI Engineer Roadmap 2025/26 › Step 8: Reinforcement Learning (RL) › "
            "Tools and Frameworks · github.com"
        )
        text = content.inner_text()
        assert "https://" not in text, "a raw URL is repeated under its link"
        tools = content.locator("blockquote").first
        assert tools.locator("li").all_inner_texts() == [
            "OpenAI Gym",
            "Stable-Baselines3",
            "Ray RLlib",
        ]
        page.wait_for_timeout(500)  # Gradio slides the block open
        group.screenshot(path=str(ARTIFACTS / "sources-block.png"))
        browser.close()
