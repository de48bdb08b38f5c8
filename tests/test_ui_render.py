"""What the chat shows (escaping, linked citations, sources) and saved conversations."""

from __future__ import annotations

import pytest

from assistant.answering.assistant import Answer, Status
from assistant.errors import AssistantError
from assistant.knowledge.roadmap import parse_roadmap
from assistant.records import Source
from assistant.settings import PROJECT_ROOT, Settings
from assistant.web.conversations import MAX_CONVERSATIONS, STORE_VERSION, Store, make_title
from assistant.web.render import (
    answer_messages,
    escape_text,
    link_citations,
    sources_markdown,
    status_markdown,
    user_message,
)
from assistant.web.ui import example_questions, is_loopback, launch_kwargs

URL = "https://github.com/rashakil-ds/Roadmap-Docs/blob/main/AI%20Engineer/README.md#step-8-x"
SOURCES = [
    Source(1, "AI Engineer Roadmap 2025/26", "Step 8 › Tools", URL, "OpenAI Gym <b>x</b>", 0.04),
    Source(2, "Page [draft]", "", "https://example.org/p", "Snippet", 0.03, "page", "2026-11-20"),
]


def test_user_text_is_shown_as_text_not_html() -> None:
    msg = user_message("<img src=x onerror=alert(1)> & **bold**")
    assert msg == {
        "role": "user",
        "content": "&lt;img src=x onerror=alert(1)> & **bold**",
    }


def test_citations_become_links_and_dangling_markers_stay_text() -> None:
    out = link_citations("Gym [1], see [2] and [7]. [Docs](https://d.org) [1](x)", SOURCES)
    assert out == (
        f'Gym [\\[1\\]]({URL} "AI Engineer Roadmap 2025/26 › Step 8 › Tools"), '
        'see [\\[2\\]](https://example.org/p "Page [draft]") and [7]. '
        "[Docs](https://d.org) [1](x)"
    )


def test_sources_block_escapes_titles_and_snippets() -> None:
    md = sources_markdown(SOURCES)
    assert f"**[1]** [AI Engineer Roadmap 2025/26 › Step 8 › Tools]({URL})" in md
    assert "> OpenAI Gym &lt;b>x&lt;/b>" in md
    assert "[Page \\[draft\\]](https://example.org/p)" in md
    assert "\nhttps://example.org/p · fetched 2026-11-20  \n" in md  # a fetched page
    assert "README.md#step-8-x  \n" in md  # the roadmap has no fetch date


def test_answer_messages_have_a_collapsed_sources_block() -> None:
    answer = Answer("q", "Use <script>x</script> Gym [1].", SOURCES[:1], "offline", False)
    text, block = answer_messages(answer)
    assert text["content"].startswith("Use &lt;script>x&lt;/script> Gym [\\[1\\]](")
    assert block["metadata"] == {"title": "📚 Sources (1)", "status": "done"}
    declined = Answer("q", "Not covered.", [], "offline", True)
    assert answer_messages(declined) == [{"role": "assistant", "content": "Not covered."}]


@pytest.mark.parametrize(
    ("status", "building", "expected"),
    [
        (Status("ollama:qwen2.5:3b", ""), False, "🟢 **Ollama · qwen2.5:3b**"),
        (Status("offline", "Ollama is not reachable."), False, "⚪ **Offline mode** — answers"),
        (None, True, "⏳ **Building the index for the first time**"),
    ],
)
def test_status_line(status: Status | None, building: bool, expected: str) -> None:
    assert status_markdown(status, building).startswith(expected)


def test_conversation_store_round_trip_and_order() -> None:
    store = Store()
    first = store.record([{"role": "user", "content": "a"}], [{"role": "user", "content": "a"}], 1)
    assert first.current is not None and first.on_screen is not None
    assert first.on_screen.title == "a"
    second = first.start_new().record([], [{"role": "user", "content": "b" * 80}], 2)
    assert [t for t, _ in second.choices()] == [make_title("b" * 80), "a"]
    assert len(make_title("b" * 80)) == 48 and make_title("b" * 80).endswith("…")
    again = Store.from_json(second.to_json())
    assert again == second
    back = again.select(first.current)
    assert back.on_screen is not None and back.on_screen.title == "a"
    deleted = back.delete(first.current)
    assert [t for t, _ in deleted.choices()] == [make_title("b" * 80)]
    assert deleted.current == second.current


def test_store_keeps_at_most_the_newest_conversations() -> None:
    store = Store()
    for i in range(MAX_CONVERSATIONS + 5):
        store = store.start_new().record([], [{"role": "user", "content": f"q{i}"}], i)
    assert len(store.conversations) == MAX_CONVERSATIONS
    assert store.conversations[0].title == f"q{MAX_CONVERSATIONS + 4}"


@pytest.mark.parametrize(
    "raw",
    [
        {"version": 99, "conversations": []},
        "junk",
        {"version": STORE_VERSION, "conversations": [{"id": "x"}]},
        {"version": STORE_VERSION, "conversations": [{"id": 1, "title": 2, "updated": "no"}]},
    ],
)
def test_unreadable_saved_conversations_are_reset_with_a_problem(raw: object) -> None:
    store = Store.from_json(raw)
    assert store.conversations == () and store.problem


def test_empty_saved_state_is_fine() -> None:
    assert Store.from_json(None) == Store() and Store.from_json(None).problem is None


def test_examples_come_from_the_roadmap() -> None:
    text = (PROJECT_ROOT / "corpus" / "ai-engineer-roadmap-2025-26.md").read_text()
    examples = example_questions(parse_roadmap(text, "https://example.org/r"))
    assert len(examples) == 5
    assert "What should I learn in Step 2: Mathematics for AI?" in examples
    assert any(q.startswith("Which tools does the roadmap list for") for q in examples)
    assert "Give me project ideas for my portfolio" in examples


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_open_bind_needs_auth_or_insecure() -> None:
    base = Settings.from_env({})
    assert launch_kwargs(base, False)["server_name"] == "127.0.0.1"
    assert launch_kwargs(base, False)["share"] is False
    open_bind = base.with_(server_name="0.0.0.0")
    with pytest.raises(AssistantError, match="ASSISTANT_AUTH=user:password"):
        launch_kwargs(open_bind, False)
    assert launch_kwargs(open_bind, True)["auth"] is None
    authed = launch_kwargs(open_bind.with_(auth="ana:s3cret"), False)
    assert authed["auth"] == ("ana", "s3cret")
    with pytest.raises(AssistantError, match="user:password"):
        launch_kwargs(open_bind.with_(auth="nopassword"), False)


def test_gradio_settings_from_env() -> None:
    s = Settings.from_env(
        {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9000", "ASSISTANT_AUTH": "a:b"}
    )
    assert (s.server_name, s.server_port, s.auth) == ("0.0.0.0", 9000, "a:b")


def test_escape_text() -> None:
    assert escape_text("a < b > c & d") == "a &lt; b &gt; c &amp; d"
