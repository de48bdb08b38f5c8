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
    SNIPPET_SHOWN_CHARS,
    answer_messages,
    domain_of,
    escape_text,
    link_citations,
    saved_messages,
    snippet_preview,
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
    assert md == (
        f"**[1]** [AI Engineer Roadmap 2025/26 › Step 8 › Tools]({URL}) · github.com\n"
        "> OpenAI Gym &lt;b>x&lt;/b>\n\n"
        "**[2]** [Page \\[draft\\]](https://example.org/p) · example.org · fetched 2026-11-20\n"
        "> Snippet"
    )
    assert md.count("https://example.org/p") == 1  # the domain stands for the URL


def test_snippets_keep_their_lines_and_show_three_then_more() -> None:
    nested = (
        "1. **Core Concepts:**\n   - Markov Decision Processes (MDPs)\n"
        "   - Rewards, States, Actions, and Policies\n   - Bellman Equations\n"
        "2. **Basic Algorithms:**"
    )
    assert snippet_preview(nested) == (
        [
            "1. **Core Concepts:**",
            "   - Markov Decision Processes (MDPs)",
            "   - Rewards, States, Actions, and Policies",
        ],
        True,
    )
    assert snippet_preview("- OpenAI Gym\n- Stable-Baselines3\n- Ray RLlib")[1] is False
    # Headings become bold lines and rules go; a nested start is dedented (not a code block).
    assert snippet_preview("### Why\n\n---\n- item") == (["**Why**", "", "- item"], False)
    assert snippet_preview("      - deep\n        - deeper") == (["- deep", "  - deeper"], False)
    source = Source(3, "Roadmap", "Step 8 › What to Learn?", URL, nested, 0.5)
    assert sources_markdown([source]) == (
        f"**[3]** [Roadmap › Step 8 › What to Learn?]({URL}) · github.com\n"
        "> 1. **Core Concepts:**  \n"
        ">    - Markov Decision Processes (MDPs)  \n"
        f'>    - Rewards, States, Actions, and Policies … [more]({URL} "The whole section")'
    )


def test_a_long_line_is_cut_between_words_and_never_inside_a_link() -> None:
    link = "[Spinning Up in Deep RL](https://spinningup.openai.com/)"
    words = "word " * 60
    lines, more = snippet_preview(f"{words}\n- {link}")
    assert more and lines == [("word " * (SNIPPET_SHOWN_CHARS // 5)).strip()]
    lines, more = snippet_preview(f"{'w' * 225} {link}")
    assert (lines, more) == (["w" * 225], True)  # the link's text does not fit: it goes whole
    assert snippet_preview(f"- {link}\n- {link}") == ([f"- {link}", f"- {link}"], False)


def test_the_sources_block_survives_being_sanitised_again() -> None:
    """A restored conversation is sanitised again: the block must come back unchanged."""
    links = ("https://spinningup.openai.com/",)
    snippet = "- [Spinning Up](https://spinningup.openai.com/) <b>\n- two\n- three\n- four"
    source = Source(1, "Roadmap", "Step 8 › Resources", URL, snippet, 0.5, links=links)
    block = answer_messages(Answer("q", "See [1].", [source], "offline", False))[1]
    restored = saved_messages([block])[0]
    assert restored["content"] == block["content"]
    assert "[Spinning Up](https://spinningup.openai.com/) &lt;b>" in block["content"]


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.youtube.com/playlist?list=x", "youtube.com"),
        ("https://spinningup.openai.com/en/latest/", "spinningup.openai.com"),
        ("http://[::1", ""),
        ("not a url", ""),
    ],
)
def test_domain_of(url: str, domain: str) -> None:
    assert domain_of(url) == domain


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
