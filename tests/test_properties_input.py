"""Property tests for the parsers of outside input: questions, history, saved chats, manifests.

Each invariant is the same: whatever comes in, the parser returns its typed result or
raises its typed error (``AssistantError``), and what it returns respects its bounds.
The conversation caps are checked here too, with exact numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.answering.answer import HISTORY_TURNS, history_messages
from assistant.answering.question import MAX_QUESTION_CHARS, clean_question
from assistant.errors import AssistantError, EmptyQueryError, MirrorError
from assistant.knowledge.corpus import load_mirror_sources
from assistant.web.conversations import (
    MAX_CONVERSATION_CHARS,
    MAX_STORE_CHARS,
    MAX_TURNS,
    TRIMMED_NOTE,
    Store,
    _size,
)

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=30,
)
TURN = st.fixed_dictionaries(
    {"role": st.sampled_from(["user", "assistant", "system", "", 3]), "content": JSONISH}
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_property_question_cleaning(raw: str | bytes) -> None:
    try:
        clean = clean_question(raw)
    except EmptyQueryError:
        return
    assert clean.text and clean.text == clean.text.strip()
    assert len(clean.text) <= MAX_QUESTION_CHARS
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in clean.text)  # no lone surrogates
    assert "\x1b" not in clean.text and "\x00" not in clean.text
    clean.text.encode("utf-8")  # always encodable: the tokenizer and Chroma get valid text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.one_of(TURN, JSONISH), max_size=30), JSONISH))
def test_property_history_parsing(history: Any) -> None:
    try:
        messages = history_messages(history)
    except AssistantError:
        return
    except TypeError:  # not a sequence at all: the API is typed, but say so plainly
        assert not isinstance(history, list | tuple | type(None))
        return
    assert len(messages) <= HISTORY_TURNS
    assert all(m.role in ("user", "assistant") and m.content.strip() for m in messages)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        JSONISH,
        st.fixed_dictionaries(
            {"version": st.just(1), "current": JSONISH, "conversations": st.lists(JSONISH)}
        ),
    )
)
def test_property_saved_conversations_parse_or_reset(raw: Any) -> None:
    store = Store.from_json(raw)  # never raises: an unreadable store is reset with a problem
    assert store.conversations == () or store.problem is None
    assert Store.from_json(store.to_json()) == store


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(JSONISH, st.lists(st.dictionaries(st.sampled_from(
    ["url", "title", "file", "format", "license"]), JSONISH), max_size=4)))  # fmt: skip
def test_property_manifest_parsing(tmp_path: Path, manifest: Any) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir(exist_ok=True)
    (mirror / "page.md").write_text("# Page\n\ntext\n")
    (mirror / "manifest.json").write_text(json.dumps(manifest))
    try:
        sources, skipped = load_mirror_sources(mirror)
    except MirrorError:
        return
    assert len(sources) + len(skipped) == len(manifest)
    for source in sources:
        assert source.path.resolve().parent == mirror.resolve()
        assert source.url.startswith(("http://", "https://"))


def exchange(i: int, answer_chars: int = 100) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    messages = [
        {"role": "user", "content": f"question {i}"},
        {"role": "assistant", "content": f"answer {i} " + "x" * answer_chars},
        {"role": "assistant", "content": "sources", "metadata": {"title": "📚 Sources (1)"}},
    ]
    turns = [
        {"role": "user", "content": f"question {i}"},
        {"role": "assistant", "content": f"answer {i} " + "x" * answer_chars},
    ]
    return messages, turns


def grow(store: Store, count: int, answer_chars: int = 100) -> Store:
    messages: list[dict[str, Any]] = []
    turns: list[dict[str, str]] = []
    for i in range(count):
        on_screen = store.on_screen
        messages = list(on_screen.messages) if on_screen else []
        turns = list(on_screen.turns) if on_screen else []
        more_messages, more_turns = exchange(i, answer_chars)
        store = store.record(messages + more_messages, turns + more_turns, float(i))
    return store


def test_a_long_conversation_keeps_its_newest_turns_with_a_note() -> None:
    store = grow(Store(), MAX_TURNS // 2 + 10)
    conversation = store.on_screen
    assert conversation is not None
    assert len(conversation.turns) == MAX_TURNS
    assert conversation.turns[0]["content"] == "question 10"  # the 10 oldest exchanges went
    assert conversation.turns[-1]["content"].startswith(f"answer {MAX_TURNS // 2 + 9}")
    assert conversation.messages[0] == {"role": "assistant", "content": TRIMMED_NOTE}
    assert conversation.messages[1]["content"] == "question 10"
    assert sum(m["content"] == TRIMMED_NOTE for m in conversation.messages) == 1
    assert conversation.title == "question 0"  # the conversation is still the same one


def test_a_conversation_of_huge_answers_stays_under_its_byte_cap() -> None:
    store = grow(Store(), 12, answer_chars=60_000)
    conversation = store.on_screen
    assert conversation is not None
    assert _size(conversation) <= MAX_CONVERSATION_CHARS
    assert conversation.turns[-1]["content"].startswith("answer 11")
    assert conversation.messages[0]["content"] == TRIMMED_NOTE


@pytest.mark.parametrize("conversations", [6])
def test_the_whole_store_stays_under_its_cap_dropping_the_oldest(conversations: int) -> None:
    store = Store()
    for _ in range(conversations):
        store = grow(store.start_new(), 3, answer_chars=MAX_CONVERSATION_CHARS // 7)
    total = sum(_size(c) for c in store.conversations)
    assert total <= MAX_STORE_CHARS
    assert len(store.conversations) < conversations
    assert store.conversations[0].id == store.current  # the newest one is always kept
