"""A model server misbehaving never costs an answer: deadlines, size caps, malformed replies, locks.

The contract tests run once per backend (``tests/flavours.py``) against its fake
server (real HTTP on 127.0.0.1): Ollama and an OpenAI-compatible server. Each
puts the server in one failure mode and checks that the backend stops with
``BackendUnavailable`` (a reason a person can act on) and that the answer still
comes, offline, with a note. The tests of Ollama's own wire format (NDJSON lines,
``/api/tags``) run for Ollama only; the OpenAI-compatible server's own are in
``test_answers_openai.py``. Timing assertions leave wide margins: each compares
seconds against a server that is slower by several seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assistant import Answer, Assistant
from assistant.answering.backends import Backend, Message
from assistant.cli import main
from assistant.errors import BackendUnavailable
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.search.index import open_retriever
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings
from tests.flavours import FLAVOURS, OLLAMA, Flavour
from tests.test_answers_ollama import cite_rl_tools, source_number

RL_QUESTION = "Which tools does the roadmap list for reinforcement learning?"
HELLO = [Message("user", "Say hello.")]

Parts = tuple[Settings, HybridRetriever, SentenceEmbedder]


@pytest.fixture(scope="module")
def parts(real_index: Settings) -> Parts:
    embedder = SentenceEmbedder(real_index)
    return real_index, open_retriever(real_index, embedder, build_if_missing=False), embedder


@pytest.fixture(params=FLAVOURS, ids=str)
def flavour(request: pytest.FixtureRequest) -> Flavour:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def fake(flavour: Flavour) -> Iterator[Any]:
    server = flavour.fake(reply=cite_rl_tools)
    yield server
    server.stop()


def backend_for(flavour: Flavour, root: str, **env: str) -> Any:
    """A backend configured the way a user would: through the environment.

    The limits are set with the ``OLLAMA_*`` names, which both backends still read.
    """
    settings = Settings.from_env(flavour.env(root, **env))
    return flavour.backend(settings, health_ttl_up=30.0, health_ttl_down=0.05)


def bot_for(parts: Parts, flavour: Flavour, root: str, **env: str) -> Assistant:
    settings, retriever, embedder = parts
    backend: Backend = backend_for(flavour, root, **env)
    return Assistant(flavour.settings(settings, root), retriever, embedder, backend)


def within(seconds: float, work: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``work`` in a thread; (elapsed, result or raised error); fails if still running."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as err:  # handed back to the test, which asserts on it
            outcome.append(err)

    started = time.perf_counter()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still streaming after {seconds} s"
    return time.perf_counter() - started, outcome[0]


def offline_with_note(answer: Answer, reason: str) -> None:
    assert answer.mode == "offline"
    assert any(reason in n and "Switched to the offline mode" in n for n in answer.notes), (
        answer.notes
    )
    assert reason in answer.text and "Ray RLlib" in answer.text and answer.sources


# -- 1. a deadline for the whole answer -------------------------------------------------------


def test_a_server_dripping_bytes_is_cut_at_the_deadline(flavour: Flavour, fake: Any) -> None:
    fake.reply = lambda body: ["hello "] * 50
    fake.drip_interval = 1.5  # a byte sooner than any read timeout: none ever trips
    backend = backend_for(flavour, fake.url, OLLAMA_TIMEOUT="5", OLLAMA_DEADLINE="2")
    elapsed, result = within(20, lambda: "".join(backend.generate(HELLO, max_tokens=50)))
    assert isinstance(result, BackendUnavailable)
    assert flavour.deadline_var in str(result) and "2 s" in str(result)
    assert elapsed < 3.5


def test_a_server_dripping_its_headers_is_cut_at_the_deadline(flavour: Flavour, fake: Any) -> None:
    fake.reply = lambda body: ["hello "] * 50
    fake.drip_interval, fake.drip_headers = 1.5, True  # 45 header bytes: over a minute
    backend = backend_for(flavour, fake.url, OLLAMA_TIMEOUT="5", OLLAMA_DEADLINE="2")
    elapsed, result = within(20, lambda: "".join(backend.generate(HELLO, max_tokens=50)))
    assert isinstance(result, BackendUnavailable) and flavour.deadline_var in str(result)
    assert elapsed < 3.5


def test_an_answer_past_the_deadline_falls_back_to_offline(
    parts: Parts, flavour: Flavour, fake: Any
) -> None:
    fake.drip_interval = 2.0
    bot = bot_for(parts, flavour, fake.url, OLLAMA_TIMEOUT="5", OLLAMA_DEADLINE="1")
    elapsed, answer = within(30, lambda: bot.ask(RL_QUESTION))
    assert isinstance(answer, Answer), answer
    offline_with_note(answer, flavour.deadline_var)
    assert elapsed < 15


# -- 2. a hard cap on generated characters ----------------------------------------------------


def test_an_endless_answer_is_stopped_at_the_character_cap(flavour: Flavour, fake: Any) -> None:
    fake.reply = lambda body: ["word "] * 100_000
    backend = backend_for(flavour, fake.url, OLLAMA_MAX_CHARS="2000")
    received: list[str] = []

    def read() -> None:
        for delta in backend.generate(HELLO, max_tokens=50):
            received.append(delta)

    _, result = within(60, read)
    assert isinstance(result, BackendUnavailable), result
    assert "2000 characters" in str(result) and flavour.max_chars_var in str(result)
    assert 0 < sum(map(len, received)) <= 2000
    for _ in range(100):  # the server notices the closed stream when its next write fails
        if fake.stream_outcomes:
            break
        time.sleep(0.1)
    assert fake.stream_outcomes == ["client gone"]


def test_an_answer_past_the_cap_falls_back_to_offline(
    parts: Parts, flavour: Flavour, fake: Any
) -> None:
    fake.reply = lambda body: ["word "] * 100_000
    answer = bot_for(parts, flavour, fake.url, OLLAMA_MAX_CHARS="2000").ask(RL_QUESTION)
    offline_with_note(answer, flavour.max_chars_var)


def test_the_new_settings_are_read_from_the_environment() -> None:
    settings = Settings.from_env({"OLLAMA_DEADLINE": "7.5", "OLLAMA_MAX_CHARS": "3000"})
    assert (settings.ollama_deadline, settings.ollama_max_chars) == (7.5, 3000)
    default = Settings.from_env({"OLLAMA_DEADLINE": "-1", "OLLAMA_MAX_CHARS": "lots"})
    assert (default.ollama_deadline, default.ollama_max_chars) == (120.0, 20_000)


@pytest.mark.parametrize(
    ("name", "value", "field", "default"),
    [
        ("OLLAMA_NUM_CTX", "\u00b2", "ollama_num_ctx", 8192),  # str.isdigit() says yes
        ("OLLAMA_NUM_CTX", "0", "ollama_num_ctx", 8192),
        ("OLLAMA_MAX_CHARS", "9" * 5000, "ollama_max_chars", 20_000),  # int() refuses it
        ("OLLAMA_TIMEOUT", "inf", "ollama_timeout", 60.0),
        ("OLLAMA_DEADLINE", "nan", "ollama_deadline", 120.0),
        ("OLLAMA_DEADLINE", "1e300", "ollama_deadline", 120.0),
        ("ASSISTANT_DEADLINE", "-0", "ollama_deadline", 120.0),
        ("ASSISTANT_MAX_CHARS", "１２３", "ollama_max_chars", 20_000),  # full-width digits
        ("ASSISTANT_TIMEOUT", "1e999", "ollama_timeout", 60.0),
        ("OPENAI_NUM_CTX", "\u00b2", "openai_num_ctx", 8192),
        ("OPENAI_NUM_CTX", "-4096", "openai_num_ctx", 8192),
        ("OPENAI_NUM_CTX", "9" * 5000, "openai_num_ctx", 8192),
    ],
)
def test_nonsense_numbers_fall_back_to_the_defaults(
    name: str, value: str, field: str, default: float
) -> None:
    assert getattr(Settings.from_env({name: value}), field) == default


def test_an_ollama_host_that_is_no_address_reports_down() -> None:
    backend = backend_for(OLLAMA, "http://localhost:port")
    assert not backend.available()
    assert "OLLAMA_HOST='http://localhost:port' is not an address" in backend.unavailable_reason()
    with pytest.raises(BackendUnavailable, match="is not an address"):
        list(backend.generate(HELLO, max_tokens=5))


# -- 3. malformed stream lines and health replies ---------------------------------------------

TOKEN = b'{"model":"llama3.2:3b","message":{"role":"assistant","content":"Gym "},"done":false}'
DONE = b'{"model":"llama3.2:3b","message":{"role":"assistant","content":""},"done":true}'
NOT_A_REPLY = "sent a line that is not a chat reply"


@pytest.mark.parametrize("flavour", [OLLAMA], ids=str)
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"not json", NOT_A_REPLY),
        (b"[1,2,3]", NOT_A_REPLY),
        (b"null", NOT_A_REPLY),
        (b'"text"', NOT_A_REPLY),
        (b'{"done": false}', NOT_A_REPLY),
        (b'{"message": "hello", "done": false}', NOT_A_REPLY),
        (b'{"message": {"role": "assistant", "content": 5}, "done": false}', NOT_A_REPLY),
        (b'{"message": {"role": "assistant", "content": ["a"]}, "done": false}', NOT_A_REPLY),
        (b'{"message": {"role": "assistant"}, "done": true, "eval_count": "x"}', NOT_A_REPLY),
        (b"\xff\xfe{}", NOT_A_REPLY),
        (b"[" * 200_000, NOT_A_REPLY),
        (b'{"error": "out of memory"}', "Ollama failed while answering: out of memory"),
        (b'{"error": "\\u001b]0;pwned\\u0007boom"}', "Ollama failed while answering: ]0;pwnedboom"),
        (b"x" * 3_000_000, "a line longer than"),
    ],
)
def test_a_malformed_stream_line_falls_back_to_offline(
    parts: Parts, flavour: Flavour, fake: Any, line: bytes, reason: str
) -> None:
    fake.stream_lines = [TOKEN, line, DONE]
    answer = bot_for(parts, flavour, fake.url).ask(RL_QUESTION)
    offline_with_note(answer, reason)


NOT_OLLAMA = "with something Ollama does not send"


@pytest.mark.parametrize("flavour", [OLLAMA], ids=str)
@pytest.mark.parametrize(
    ("tags", "show", "where"),
    [
        (b"[]", None, "/api/tags"),
        (b"null", None, "/api/tags"),
        (b'{"models": 5}', None, "/api/tags"),
        (b'{"models": [{"model": 3}]}', None, "/api/tags"),
        (b"<html>a proxy page</html>", None, "/api/tags"),
        (b"[" * 200_000 + b"]" * 200_000, None, "/api/tags"),
        (None, b"[]", "/api/show"),
        (None, b'{"modelinfo": "x"}', "/api/show"),
        (None, b'{"model_info": "x"}', "/api/show"),
        (None, b"", "/api/show"),
    ],
)
def test_a_malformed_health_reply_reports_down_with_a_reason(
    parts: Parts, flavour: Flavour, fake: Any, tags: bytes | None, show: bytes | None, where: str
) -> None:
    fake.tags_body, fake.show_body = tags, show
    bot = bot_for(parts, flavour, fake.url)
    status = bot.status()
    assert status.mode == "offline"
    assert where in status.detail and NOT_OLLAMA in status.detail
    answer = bot.ask(RL_QUESTION)
    assert answer.mode == "offline" and where in answer.text and answer.sources
    assert fake.chats() == []


@pytest.mark.parametrize("flavour", [OLLAMA], ids=str)
@pytest.mark.parametrize("length", ["true", "0", "-5", '"big"', "1e9"])
def test_a_nonsense_context_length_is_ignored(flavour: Flavour, fake: Any, length: str) -> None:
    fake.show_body = b'{"model_info": {"llama.context_length": %s}}' % length.encode()
    backend = backend_for(flavour, fake.url)
    assert backend.available()
    assert backend.num_ctx == 8192


READING_QUESTION = "I'm done with deep learning and want to work with images. What next?"


@pytest.mark.parametrize(
    ("reading", "why"),
    [
        ("[" * 5_000, "nested too deeply"),
        ('{"items": []}' + " " * 30_000, "MAX_CHARS"),
    ],
)
def test_a_hostile_structured_reply_keeps_the_offline_reading(
    parts: Parts, flavour: Flavour, fake: Any, reading: str, why: str
) -> None:
    fake.reading = lambda body: reading
    answer = bot_for(parts, flavour, fake.url).ask(READING_QUESTION)
    assert answer.extra["reading"].startswith("offline (") and why in answer.extra["reading"]
    assert answer.extra["plan"].steps[0].step_id == "step-6"  # the offline reader's plan


def test_a_lone_surrogate_in_the_history_still_reaches_the_model(
    parts: Parts, flavour: Flavour, fake: Any
) -> None:
    history = [
        {"role": "user", "content": "Which step covers RL? \ud800"},
        {"role": "assistant", "content": "Step 8 [1]."},
    ]
    answer = bot_for(parts, flavour, fake.url).ask("And which tools for that?", history)
    condense = fake.chats()[0]
    # Ollama's JSON is ASCII ("\\ud800"); the OpenAI client's is UTF-8, which has no
    # spelling for a lone surrogate, so it travels as U+FFFD.
    sent = "\ud800" if flavour is OLLAMA else "\ufffd"
    assert f"Which step covers RL? {sent}" in condense["messages"][1]["content"]
    assert answer.mode == flavour.mode


def test_a_redirect_is_not_followed(flavour: Flavour, fake: Any) -> None:
    elsewhere = flavour.fake()  # would answer, if the redirect were followed
    path = flavour.health_path()
    flavour.health_status(fake, (307, f"{elsewhere.url}{path}"))
    try:
        backend = backend_for(flavour, fake.url)
        assert not backend.available()
        assert f"answered {path} with HTTP 307" in backend.unavailable_reason()
        assert elsewhere.requests == []
    finally:
        elsewhere.stop()


@pytest.fixture
def real_env(
    real_index: Settings, flavour: Flavour, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_HOME", str(real_index.home))
    if real_index.mirror is not None:
        monkeypatch.setenv("ASSISTANT_MIRROR", str(real_index.mirror))
    for name, value in flavour.env(fake.url).items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("flavour", [OLLAMA], ids=str)
@pytest.mark.parametrize(
    "breakage",
    [
        {"tags_body": b"[]"},
        {"show_body": b'{"modelinfo": "x"}'},
        {"stream_lines": [TOKEN, b"[1,2,3]", DONE]},
    ],
)
def test_the_cli_answers_offline_instead_of_a_traceback(
    real_env: None, fake: Any, capsys: pytest.CaptureFixture[str], breakage: dict[str, Any]
) -> None:
    for name, value in breakage.items():
        setattr(fake, name, value)
    assert main(["ask", RL_QUESTION]) == 0
    out = capsys.readouterr().out
    assert "Offline mode" in out and "Ray RLlib" in out


# -- 4. the count of removed citations ----------------------------------------------------------


def two_dangling(body: dict[str, Any]) -> list[str]:
    n = source_number(body, "Step 8: Reinforcement Learning (RL) › Tools and Frameworks")
    return [
        f"Stable-Baselines3 and Ray RLlib are listed as RL tools [{n}]. ",
        "OpenAI Gym is listed too [7]. See also [9].",
    ]


def test_the_cli_counts_markers_that_point_nowhere(
    real_env: None, fake: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.reply = two_dangling
    assert main(["ask", RL_QUESTION]) == 0
    out = capsys.readouterr().out
    assert "--- checked answer (2 citation(s) removed) ---" in out


def test_removed_citations_count_unsupported_and_dangling_markers(
    parts: Parts, flavour: Flavour
) -> None:
    def reply(body: dict[str, Any]) -> list[str]:
        resources = source_number(body, "Step 8: Reinforcement Learning (RL) › Resources")
        return [*two_dangling(body), f" The capital of France is Paris [{resources}]."]

    server = flavour.fake(reply=reply)
    try:
        answer = bot_for(parts, flavour, server.url).ask(RL_QUESTION)
    finally:
        server.stop()
    assert answer.mode == flavour.mode
    assert (answer.unsupported_citations, answer.removed_citations) == (1, 3)
    assert answer.to_dict()["removed_citations"] == 3
    assert "[7]" not in answer.text and "[9]" not in answer.text


# -- 5. no lock held during network I/O; per-stream stats --------------------------------------


def test_a_slow_health_check_does_not_hold_up_other_threads(flavour: Flavour, fake: Any) -> None:
    backend: Any = flavour.backend(
        Settings.from_env(flavour.env(fake.url)), health_ttl_up=0.2, health_ttl_down=0.2
    )
    assert backend.health().ok
    time.sleep(0.3)  # the cached verdict is now due for a re-check
    started = flavour.health_started(fake)
    started.clear()
    flavour.slow_health(fake, 3.0)
    checker = threading.Thread(target=backend.health, daemon=True)
    checker.start()
    try:
        assert started.wait(10), "the re-check never reached the server"
        started = time.perf_counter()
        health = backend.health()  # another question meanwhile: served from the cache
        elapsed = time.perf_counter() - started
        assert health.ok and elapsed < 0.5, elapsed
    finally:
        checker.join(15)
    assert [path for path, _ in fake.requests].count(flavour.health_path()) == 2


def test_threads_without_a_cached_verdict_share_one_check(flavour: Flavour, fake: Any) -> None:
    flavour.slow_health(fake, 1.0)
    backend = backend_for(flavour, fake.url)
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(backend.available()), daemon=True)
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results == [True] * 4
    assert [path for path, _ in fake.requests].count(flavour.health_path()) == 1


def test_each_stream_carries_its_own_stats(flavour: Flavour, fake: Any) -> None:
    fake.reply = lambda body: ["a"] * len(body["messages"][-1]["content"])
    backend = backend_for(flavour, fake.url)
    short = backend.generate([Message("user", "abc")], max_tokens=50)
    long = backend.generate([Message("user", "x" * 400)], max_tokens=50)
    assert next(iter(short)) == "a"  # the first stream is still open...
    assert "".join(long) == "a" * 400  # ...while the second one finishes
    assert "".join(short) == "aa"
    assert short.stats is not None and long.stats is not None
    assert (short.stats.output_tokens, long.stats.output_tokens) == (3, 400)
    assert short.stats.prompt_tokens < long.stats.prompt_tokens
    assert short.stats.done_reason == "stop"
