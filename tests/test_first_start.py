"""First start: the build's progress reaches the page, and an early question waits for it.

The counts the terminal's bar shows reach ``on_progress`` through ingest, and a question
asked while the assistant opens is shown with "⏳ Waiting for the index (812/1,204
chunks)…" until it is ready, then answered in the same request. The panels' opening rules
are plain functions, checked here without a browser.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.knowledge.ingest import ingest
from assistant.settings import Settings
from assistant.web.page import (
    KEEP_BOTH_FROM,
    PANEL_OPENS_FROM,
    WIDE,
    open_plan_panel,
    open_when_wide,
)
from assistant.web.runtime import Runtime
from assistant.web.ui import respond
from tests.fakes import FakeEmbedder

RL = "Which tools does the roadmap list for reinforcement learning?"


def test_a_build_tells_on_progress_what_it_embeds(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    seen: list[tuple[int, int]] = []
    small = {"chunk_size": 150, "chunk_overlap": 10}  # many chunks: several batches of 64
    ingest(
        settings,
        fake_embedder,
        progress=False,
        on_progress=lambda d, t: seen.append((d, t)),
        **small,
    )
    total = fake_embedder.texts_embedded
    assert total > 64
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    done = [d for d, _ in seen]
    assert done == sorted(set(done)) and {t for _, t in seen} == {total}
    # One report per batch the model embedded, with the batch's size.
    assert [b - a for a, b in zip(done, done[1:], strict=False)] == [
        len(call) for call in fake_embedder.calls
    ]
    again: list[tuple[int, int]] = []
    ingest(
        settings,
        fake_embedder,
        progress=False,
        on_progress=lambda d, t: again.append((d, t)),
        **small,
    )
    assert again == []  # an index that is up to date embeds nothing and reports nothing


def _skipped(update: Any) -> bool:
    return isinstance(update, dict) and update.get("__type__") == "update" and len(update) == 1


def _sidebar(update: Any) -> bool | None:
    return update.open if isinstance(update, gr.Sidebar) else None


def test_panels_open_where_they_leave_room_for_the_chat() -> None:
    assert _sidebar(open_when_wide(WIDE)) is True
    assert _skipped(open_when_wide(WIDE - 1)) and _skipped(open_when_wide(None))
    panel, tabs, conversations = open_plan_panel(True, 1440)
    assert _sidebar(panel) is True and isinstance(tabs, gr.Tabs) and tabs.selected == "plan"
    assert _sidebar(conversations) is False  # makes room: the chat keeps 60% of 1440 px
    assert _skipped(open_plan_panel(True, KEEP_BOTH_FROM)[2])
    # On a phone an open panel would cover the answer; without a plan nothing opens.
    assert all(_skipped(u) for u in open_plan_panel(True, PANEL_OPENS_FROM - 1))
    assert all(_skipped(u) for u in open_plan_panel(False, 1440))


def test_an_early_question_waits_for_the_index_then_is_answered(
    offline_bot: Any, tmp_path: Path
) -> None:
    reported = threading.Event()
    release = threading.Event()

    def opener(settings: Settings, on_progress: Any) -> Any:
        on_progress(0, 1204)
        on_progress(812, 1204)
        reported.set()
        assert release.wait(30)
        return offline_bot

    runtime = Runtime(Settings.from_env({"ASSISTANT_HOME": str(tmp_path)}), opener).start()
    assert reported.wait(10)
    assert runtime.status().startswith(
        "⏳ **Building the index for the first time** — 812/1,204 chunks embedded."
    )
    answering = respond(runtime, RL, [], None)
    chat, saved, box, _, planned = next(answering)
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert chat[-1]["content"] == "⏳ Waiting for the index (812/1,204 chunks)…"
    assert box == "" and planned is False  # the question left the box; it is not lost
    release.set()
    *_, last = list(answering)
    chat, saved, box, _, planned = last
    assert chat[0]["content"] == RL and "Ray RLlib" in chat[1]["content"]
    assert saved["conversations"][0]["title"].startswith("Which tools") and planned is False
    assert runtime.status().startswith("⚪ **Offline mode**")


def test_a_failed_start_gives_the_question_back(tmp_path: Path) -> None:
    def opener(settings: Settings, on_progress: Any) -> Any:
        from assistant.errors import StorageError

        raise StorageError("The disk is full.")

    runtime = Runtime(Settings.from_env({"ASSISTANT_HOME": str(tmp_path)}), opener).start()
    *_, last = list(respond(runtime, RL, [], None))
    chat, _, box, _, planned = last
    assert chat == [] and box == RL and planned is False
    assert runtime.status() == "⚠️ The disk is full."
