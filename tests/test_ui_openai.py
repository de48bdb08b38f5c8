"""One answer in the browser through an OpenAI-compatible server (the fake llama-server)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright

from assistant.settings import Settings
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, running_app
from tests.conftest import link_models
from tests.fake_ollama import free_port
from tests.fake_openai import FakeOpenAI

RL = "Which tools does the roadmap list for reinforcement learning?"


def cite_tools(body: dict[str, Any]) -> list[str]:
    """A model that cites whichever source holds Step 8's tools (else [1])."""
    user = body["messages"][-1]["content"]
    found = re.search(r'<source n="(\d+)"[^>]*section="[^"]*Tools and Frameworks"', user)
    n = found.group(1) if found else "1"
    return [
        "The roadmap lists ",
        f"OpenAI Gym [{n}], ",
        f"Stable-Baselines3 [{n}] ",
        f"and Ray RLlib [{n}].",
    ]


def test_the_status_line_names_the_openai_backend_and_an_answer_streams(
    real_index: Settings, tmp_path: Path
) -> None:
    home = tmp_path / "app-home"
    home.mkdir()
    (home / "index").symlink_to(real_index.index_dir, target_is_directory=True)
    link_models(home, real_index.home / "models")
    server = FakeOpenAI(models=("qwen2.5-7b-instruct",), reply=cite_tools).start()
    port = free_port()
    env = {
        "ASSISTANT_BACKEND": "openai",
        "OPENAI_BASE_URL": server.url + "/v1",
        "OPENAI_MODEL": "qwen2.5-7b-instruct",
    }
    try:
        with (
            sync_playwright() as p,
            running_app(home, port, env, log=ARTIFACTS / "app-openai.log"),
        ):
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/")
            status = page.locator("#status")
            expect(status).to_contain_text("OpenAI-compatible", timeout=60_000)
            expect(status).to_contain_text("qwen2.5-7b-instruct")
            page.locator("#question textarea").fill(RL)
            page.locator("#question textarea").press("Enter")
            answer = page.locator("#chat .message.bot", has_text="The roadmap lists").last
            expect(answer).to_contain_text("Ray RLlib", timeout=60_000)
            expect(page.locator("#chat")).to_contain_text("Sources (")
            page.screenshot(path=str(ARTIFACTS / "openai-answer.png"))
            browser.close()
    finally:
        server.stop()
    chat = server.chats()[-1]
    assert chat["model"] == "qwen2.5-7b-instruct" and chat["max_tokens"] > 0
