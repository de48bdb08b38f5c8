"""An OpenAI-compatible server (llama-server, LM Studio, vLLM) against the fake one on 127.0.0.1.

What both backends share (answers, fallbacks, deadlines, caps) runs over both fakes
in ``test_answers_ollama.py`` and ``test_ollama_hardening.py``. Here is what is the
OpenAI path's own: choosing it with ``ASSISTANT_BACKEND=openai`` in the CLI, the API
and the status line; the request it sends; server-sent events and their malformed
forms; ``/v1/models`` (a missing model, no model configured, nonsense replies);
``response_format`` refused; and the settings.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import pytest

from assistant import Assistant
from assistant.answering.answer import Status
from assistant.answering.backends import Message, get_backend
from assistant.answering.prompt import SYSTEM_PROMPT, build_answer_prompt
from assistant.cli import main
from assistant.errors import BackendUnavailable
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.learner.statement import LearnerStatement
from assistant.search.index import open_retriever
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings
from assistant.web.render import status_markdown
from tests.fake_ollama import free_port
from tests.fake_openai import FakeOpenAI
from tests.test_answers_ollama import RL_QUESTION, cite_rl_tools, friendly

Parts = tuple[Settings, HybridRetriever, SentenceEmbedder]
MODEL = "llama3.2:3b"
HELLO = [Message("user", "Say hello.")]
READING_QUESTION = "I'm done with deep learning and want to work with images. What next?"


@pytest.fixture(scope="module")
def parts(real_index: Settings) -> Parts:
    embedder = SentenceEmbedder(real_index)
    return real_index, open_retriever(real_index, embedder, build_if_missing=False), embedder


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(reply=cite_rl_tools).start()
    yield server
    server.stop()


def env_for(url: str, **env: str) -> dict[str, str]:
    """What a user sets: the backend, the server's base URL and the model."""
    return {"ASSISTANT_BACKEND": "openai", "OPENAI_BASE_URL": url, "OPENAI_MODEL": MODEL, **env}


def bot_for(parts: Parts, url: str, **env: str) -> Assistant:
    """An assistant whose backend comes from the settings, as ``Assistant.open`` makes it."""
    _, retriever, embedder = parts
    settings = Settings.from_env(env_for(url, **env))
    return Assistant(settings, retriever, embedder, get_backend(settings))


def offline_with_note(answer: Any, *reasons: str) -> None:
    assert answer.mode == "offline"
    note = " ".join(answer.notes) + answer.text
    for reason in reasons:
        assert reason in note, (reason, answer.notes)
    assert "Ray RLlib" in answer.text and answer.sources


# -- ASSISTANT_BACKEND=openai answers in the API, the CLI and the status line ---------------------


@pytest.fixture
def real_env(real_index: Settings, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_HOME", str(real_index.home))
    if real_index.mirror is not None:
        monkeypatch.setenv("ASSISTANT_MIRROR", str(real_index.mirror))
    for name, value in env_for(fake.base_url).items():
        monkeypatch.setenv(name, value)


def test_the_api_answers_with_the_openai_backend(real_env: None, fake: FakeOpenAI) -> None:
    bot = Assistant.open(progress=False)
    assert bot.status() == Status(f"openai:{MODEL}", "")
    answer = bot.ask(RL_QUESTION)
    assert answer.mode == f"openai:{MODEL}" and not answer.declined
    assert answer.text.startswith("The roadmap lists three tools [1]:")
    assert [s.n for s in answer.sources] == [1]
    # What went over the wire: the OpenAI chat completions request, streamed.
    (chat,) = fake.chats()
    expected = build_answer_prompt(
        RL_QUESTION, bot.retriever.retrieve(RL_QUESTION, k=bot.k).hits, 8192
    )
    assert chat["model"] == MODEL and chat["stream"] is True
    assert chat["max_tokens"] == expected.max_tokens
    assert chat["messages"] == [{"role": m.role, "content": m.content} for m in expected.messages]
    assert chat["messages"][0]["content"] == SYSTEM_PROMPT
    assert "options" not in chat and "response_format" not in chat
    assert [path for path, _ in fake.requests] == ["/v1/models", "/v1/chat/completions"]


def test_the_cli_answers_with_the_openai_backend(
    real_env: None, fake: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", RL_QUESTION]) == 0
    out = capsys.readouterr().out
    assert "The roadmap lists three tools" in out and "Offline mode" not in out
    assert len(fake.chats()) == 1


def test_the_cli_flag_chooses_the_openai_backend(
    real_env: None, fake: FakeOpenAI, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("ASSISTANT_BACKEND", "offline")
    assert main(["ask", "--backend", "openai", "--json", RL_QUESTION]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == f"openai:{MODEL}"


def test_the_status_line_names_the_backend_and_model(parts: Parts, fake: FakeOpenAI) -> None:
    status = bot_for(parts, fake.base_url).status()
    assert status_markdown(status).startswith(f"🟢 **OpenAI-compatible · {MODEL}**")
    assert status_markdown(Status("ollama:qwen2.5:3b", "")).startswith("🟢 **Ollama · qwen2.5:3b**")


def test_the_api_key_is_sent_as_a_bearer_token(
    parts: Parts, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.api_key = "team-secret"
    monkeypatch.setenv("OPENAI_ORG_ID", "org-of-my-openai-account")  # the client reads it
    bot = bot_for(parts, fake.base_url, OPENAI_API_KEY="team-secret")
    assert bot.ask(RL_QUESTION).mode == f"openai:{MODEL}"
    assert {h["authorization"] for h in fake.headers} == {"Bearer team-secret"}
    assert not any("openai-organization" in h for h in fake.headers)
    assert "team-secret" not in repr(bot.settings)


def test_a_wrong_api_key_is_named(parts: Parts, fake: FakeOpenAI) -> None:
    fake.api_key = "team-secret"
    bot = bot_for(parts, fake.base_url, OPENAI_API_KEY="wrong")
    answer = bot.ask(RL_QUESTION)
    offline_with_note(answer, "HTTP 401", "OPENAI_API_KEY")
    assert fake.chats() == []


# -- every fallback path: an offline answer with a note -----------------------------------------


def test_a_server_that_is_down_answers_offline_with_a_note(parts: Parts) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    bot = bot_for(parts, url)
    offline_with_note(bot.ask(RL_QUESTION), f"Nothing answers at {url}", "OPENAI_BASE_URL")
    assert bot.status().mode == "offline"


def test_a_missing_model_is_named_in_one_line(parts: Parts) -> None:
    server = FakeOpenAI(models=("qwen2.5-7b-instruct", "phi-4")).start()
    try:
        bot = bot_for(parts, server.base_url)
        detail = bot.status().detail
        assert "\n" not in detail
        assert f"does not serve the model {MODEL}" in detail
        assert "qwen2.5-7b-instruct, phi-4" in detail and "OPENAI_MODEL" in detail
        offline_with_note(bot.ask(RL_QUESTION), f"does not serve the model {MODEL}")
        assert server.chats() == []
    finally:
        server.stop()


def test_a_drop_mid_stream_falls_back_to_offline(parts: Parts, fake: FakeOpenAI) -> None:
    fake.drop_after = 3
    answer = bot_for(parts, fake.base_url).ask(RL_QUESTION)
    offline_with_note(answer, "Switched to the offline mode")


def test_a_trickle_is_cut_at_the_deadline(parts: Parts, fake: FakeOpenAI) -> None:
    fake.drip_interval = 1.0  # a byte sooner than the read timeout: only the deadline cuts it
    bot = bot_for(parts, fake.base_url, ASSISTANT_TIMEOUT="5", ASSISTANT_DEADLINE="1.5")
    answer = bot.ask(RL_QUESTION)
    offline_with_note(answer, "ASSISTANT_DEADLINE", "1.5 s", "Switched to the offline mode")


def test_a_refused_response_format_keeps_the_offline_reading(
    parts: Parts, fake: FakeOpenAI
) -> None:
    fake.refuse_response_format = True
    fake.reply = friendly
    answer = bot_for(parts, fake.base_url).ask(READING_QUESTION)
    (reading,) = fake.readings()
    assert reading["response_format"]["type"] == "json_schema"
    assert answer.extra["reading"].startswith("offline (")
    assert "refused structured output" in answer.extra["reading"]
    assert "must be 'json_object' or 'text'" in answer.extra["reading"]
    assert any(n.startswith("The offline reader read your message: ") for n in answer.notes)
    assert "The offline reader read your message" in answer.text  # the learner sees the note
    # the offline reader's statement: Step 4 done, goal computer vision → Step 6
    assert answer.extra["plan"].steps[0].step_id == "step-6"
    # a refusal is not an outage: the plan is still phrased by the model
    assert len(fake.chats()) == 1 and answer.mode == f"openai:{MODEL}"
    assert bot_for(parts, fake.base_url).status().mode == f"openai:{MODEL}"


def test_a_structured_reading_is_sent_as_json_schema(parts: Parts, fake: FakeOpenAI) -> None:
    fake.reading = lambda body: json.dumps(
        {
            "items": [{"id": "step-4", "polarity": "done", "words": "deep learning"}],
            "goal": "computer-vision",
            "asks_plan": True,
        }
    )
    answer = bot_for(parts, fake.base_url).ask(READING_QUESTION)
    (reading,) = fake.readings()
    assert reading["response_format"] == {
        "type": "json_schema",
        "json_schema": {
            "name": "learner_statement",
            "schema": LearnerStatement.model_json_schema(),
            "strict": True,
        },
    }
    assert reading.get("stream") in (None, False) and reading["temperature"] == 0
    assert reading["messages"][1] == {"role": "user", "content": READING_QUESTION}
    assert answer.extra["reading"] == f"openai:{MODEL}"


# -- server-sent events ---------------------------------------------------------------------------


def chunk(content: str | None = None, finish: str | None = None, **extra: Any) -> bytes:
    delta = {} if content is None else {"content": content}
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    payload = {"id": "c", "object": "chat.completion.chunk", "choices": [choice], **extra}
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


GYM = chunk("Gym ")
STOP = chunk(finish="stop")
DONE = b"data: [DONE]\n\n"
NOT_A_REPLY = "sent an event that is not a chat reply"


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (b"data: not json\n\n", NOT_A_REPLY),
        (b"data: [1,2,3]\n\n", NOT_A_REPLY),
        (b"data: null\n\n", NOT_A_REPLY),
        (b'data: "text"\n\n', NOT_A_REPLY),
        (b'data: {"choices": 5}\n\n', NOT_A_REPLY),
        (b'data: {"choices": ["a"]}\n\n', NOT_A_REPLY),
        (b'data: {"choices": [{"delta": {"content": 5}}]}\n\n', NOT_A_REPLY),
        (b'data: {"choices": [{"delta": "hello"}]}\n\n', NOT_A_REPLY),
        (b'data: {"choices": [], "usage": {"prompt_tokens": "x"}}\n\n', NOT_A_REPLY),
        (b"data: \xff\xfe{}\n\n", NOT_A_REPLY),
        (b"data: " + b"[" * 200_000 + b"\n\n", NOT_A_REPLY),
        (
            b'data: {"error": {"message": "out of memory", "code": 500}}\n\n',
            "failed while answering: out of memory",
        ),
        (
            b'data: {"object": "error", "message": "engine dead", "code": 500}\n\n',
            "failed while answering: engine dead",
        ),
        (
            b'data: {"error": "\\u001b]0;pwned\\u0007boom"}\n\n',
            "failed while answering: ]0;pwnedboom",
        ),
        (
            b'error: {"error": {"message": "slot unavailable", "code": 503}}\n\n',
            "failed while answering: slot unavailable",  # older llama-server builds
        ),
        (b"data: " + b"x" * 3_000_000 + b"\n\n", "longer than 1048576 bytes"),  # one line
        (b"data: x\n" * 600_000 + b"\n", "longer than 1048576 bytes"),  # one event
    ],
)
def test_a_malformed_event_falls_back_to_offline(
    parts: Parts, fake: FakeOpenAI, event: bytes, reason: str
) -> None:
    fake.stream_events = [GYM, event, STOP, DONE]
    offline_with_note(bot_for(parts, fake.base_url).ask(RL_QUESTION), reason)


@pytest.mark.parametrize(
    "events",
    [
        [b": keep-alive comment\n\n", GYM, STOP, DONE],  # comments are skipped
        [b"event: message\r\ndata: " + GYM[6:-2] + b"\r\n\r\n", STOP, DONE],  # CRLF, event field
        [GYM, STOP],  # the last chunk says it is done; no [DONE] follows
        [GYM, DONE],  # [DONE] without a finish reason
    ],
)
def test_the_shapes_real_servers_send_are_read(fake: FakeOpenAI, events: list[bytes]) -> None:
    fake.stream_events = events
    backend = get_backend(Settings.from_env(env_for(fake.base_url)))
    assert backend is not None
    assert "".join(backend.generate(HELLO, max_tokens=20)) == "Gym "


def test_a_stream_that_stops_before_it_is_done_falls_back(parts: Parts, fake: FakeOpenAI) -> None:
    fake.stream_events = [GYM, GYM]  # neither a finish reason nor [DONE]
    answer = bot_for(parts, fake.base_url).ask(RL_QUESTION)
    offline_with_note(answer, "ended the answer before it was complete")


@pytest.mark.parametrize("usage", ["final", "separate", "none"])
def test_token_counts_are_read_wherever_the_server_sends_them(fake: FakeOpenAI, usage: str) -> None:
    fake.usage = usage
    fake.reply = lambda body: ["a", "b", "c"]
    backend = get_backend(Settings.from_env(env_for(fake.base_url)))
    assert backend is not None
    stream: Any = backend.generate(HELLO, max_tokens=20)
    assert "".join(stream) == "abc"
    assert stream.stats is not None and stream.stats.done_reason == "stop"
    assert stream.stats.output_tokens == (0 if usage == "none" else 3)


# -- /v1/models -----------------------------------------------------------------------------------


def test_without_openai_model_the_servers_only_model_is_used(parts: Parts) -> None:
    gguf = "../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"  # llama-server's id: the -m path
    server = FakeOpenAI(models=(gguf,), reply=cite_rl_tools).start()
    try:
        bot = bot_for(parts, server.base_url, OPENAI_MODEL="")
        answer = bot.ask(RL_QUESTION)
        assert answer.mode == f"openai:{gguf}" and answer.sources
        assert server.chats()[0]["model"] == gguf
        assert status_markdown(bot.status()).startswith(f"🟢 **OpenAI-compatible · {gguf}**")
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("models", "reason"),
    [
        (("a", "b"), "serves several models (a, b); set OPENAI_MODEL to one of them"),
        ((), "serves no model"),
    ],
)
def test_without_openai_model_a_choice_is_asked_for(
    parts: Parts, models: tuple[str, ...], reason: str
) -> None:
    server = FakeOpenAI(models=models).start()
    try:
        status = bot_for(parts, server.base_url, OPENAI_MODEL="").status()
        assert status.mode == "offline" and reason in status.detail
    finally:
        server.stop()


def test_a_base_url_without_v1_is_explained(parts: Parts, fake: FakeOpenAI) -> None:
    status = bot_for(parts, fake.url).status()
    assert status.mode == "offline"
    assert "HTTP 404" in status.detail and "/v1" in status.detail


NOT_OPENAI = "with something an OpenAI-compatible server does not send"


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"null",
        b'{"data": 5}',
        b'{"data": [{"id": 3}]}',
        b'{"data": [{"object": "model"}]}',
        b"<html>a proxy page</html>",
        b"[" * 200_000 + b"]" * 200_000,
        b"",
        b"x" * 9_000_000,
    ],
)
def test_a_malformed_models_reply_reports_down_with_a_reason(
    parts: Parts, fake: FakeOpenAI, body: bytes
) -> None:
    fake.models_body = body
    bot = bot_for(parts, fake.base_url)
    status = bot.status()
    assert status.mode == "offline"
    assert "/models" in status.detail and NOT_OPENAI in status.detail
    answer = bot.ask(RL_QUESTION)
    assert answer.mode == "offline" and "/models" in answer.text and answer.sources
    assert fake.chats() == []


def test_a_compressed_reply_is_never_inflated(fake: FakeOpenAI) -> None:
    listing = {"data": [{"id": MODEL}], "pad": "x" * 60_000_000}  # 60 MB, over every cap
    fake.models_body = gzip.compress(json.dumps(listing).encode(), compresslevel=9)
    fake.models_encoding = "gzip"  # sent although the client asked for none
    assert len(fake.models_body) < 1_000_000
    backend = get_backend(Settings.from_env(env_for(fake.base_url)))
    assert backend is not None and not backend.available()
    assert "/models" in backend.unavailable_reason() and "not JSON" in backend.unavailable_reason()
    assert {h["accept-encoding"] for h in fake.headers} == {"identity"}


def test_a_model_id_that_is_too_long_is_refused(fake: FakeOpenAI) -> None:
    fake.models_body = json.dumps({"data": [{"id": "m" * 5000}]}).encode()
    backend = get_backend(Settings.from_env(env_for(fake.base_url, OPENAI_MODEL="")))
    assert backend is not None and not backend.available()
    assert NOT_OPENAI in backend.unavailable_reason()


def test_lm_studio_model_cards_without_extras_are_enough(fake: FakeOpenAI) -> None:
    fake.models_body = b'{"data": [{"id": "llama3.2:3b", "object": "model"}], "object": "list"}'
    backend = get_backend(Settings.from_env(env_for(fake.base_url)))
    assert backend is not None and backend.available() and backend.num_ctx == 8192


@pytest.mark.parametrize(("listed", "expected"), [(1024, 1024), (65536, 8192)])
def test_the_servers_max_model_len_caps_the_context(
    fake: FakeOpenAI, listed: int, expected: int
) -> None:
    fake.context_length = listed
    backend = get_backend(Settings.from_env(env_for(fake.base_url)))
    assert backend is not None and backend.available() and backend.num_ctx == expected


@pytest.mark.parametrize("length", ["true", "0", "-5", '"big"', "1e9", "null"])
def test_a_nonsense_max_model_len_is_ignored(fake: FakeOpenAI, length: str) -> None:
    fake.models_body = b'{"data": [{"id": "llama3.2:3b", "max_model_len": %s}]}' % length.encode()
    backend = get_backend(Settings.from_env(env_for(fake.base_url, OPENAI_NUM_CTX="4096")))
    assert backend is not None and backend.available() and backend.num_ctx == 4096


@pytest.mark.parametrize(
    "url", ["localhost:8080/v1", "ftp://127.0.0.1/v1", "http://localhost:port/v1", "http:///v1"]
)
def test_a_base_url_that_is_no_http_address_reports_down(url: str) -> None:
    backend = get_backend(Settings.from_env(env_for(url)))
    assert backend is not None and not backend.available()
    assert f"OPENAI_BASE_URL={url!r}" in backend.unavailable_reason()
    with pytest.raises(BackendUnavailable, match="OPENAI_BASE_URL"):
        list(backend.generate(HELLO, max_tokens=5))


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"OPENAI_API_KEY": "clé"}, "OPENAI_API_KEY has characters an HTTP header cannot carry"),
        ({"OPENAI_API_KEY": "a\nb"}, "OPENAI_API_KEY has characters an HTTP header cannot carry"),
        ({"OPENAI_MODEL": "\udcff"}, "OPENAI_MODEL='\\udcff' is not valid UTF-8 text"),
    ],
)
def test_a_key_or_model_that_cannot_travel_reports_down(
    fake: FakeOpenAI, env: dict[str, str], reason: str
) -> None:
    backend = get_backend(Settings.from_env(env_for(fake.base_url, **env)))
    assert backend is not None and not backend.available()
    assert reason in backend.unavailable_reason()
    with pytest.raises(BackendUnavailable, match="OPENAI_"):
        list(backend.generate(HELLO, max_tokens=5))
    with pytest.raises(BackendUnavailable, match="OPENAI_"):
        backend.structured(HELLO, {"title": "Reply"}, max_tokens=5)
    assert fake.requests == []


def test_a_long_model_name_is_clipped_in_the_reason(fake: FakeOpenAI) -> None:
    backend = get_backend(Settings.from_env(env_for(fake.base_url, OPENAI_MODEL="x" * 100_000)))
    assert backend is not None and not backend.available()
    assert "does not serve the model xxx" in backend.unavailable_reason()
    assert len(backend.unavailable_reason()) < 600


# -- settings -------------------------------------------------------------------------------------


def test_the_openai_settings_are_read_from_the_environment() -> None:
    s = Settings.from_env(
        {
            "ASSISTANT_BACKEND": "OpenAI",
            "OPENAI_BASE_URL": " http://gpu-box:8000/v1 ",
            "OPENAI_MODEL": "Qwen/Qwen2.5-7B-Instruct",
            "OPENAI_API_KEY": "token-abc123",
            "OPENAI_NUM_CTX": "32768",
        }
    )
    assert s.backend == "openai"
    assert (s.openai_base_url, s.openai_model) == (
        "http://gpu-box:8000/v1",
        "Qwen/Qwen2.5-7B-Instruct",
    )
    assert (s.openai_api_key, s.openai_num_ctx) == ("token-abc123", 32768)
    assert "token-abc123" not in repr(s)
    default = Settings.from_env({"OPENAI_NUM_CTX": "0"})
    assert (default.openai_base_url, default.openai_model) == ("http://127.0.0.1:8080/v1", "")
    assert (default.openai_api_key, default.openai_num_ctx) == (None, 8192)


def test_the_neutral_limit_names_win_and_the_ollama_names_still_count() -> None:
    old = Settings.from_env(
        {"OLLAMA_DEADLINE": "7.5", "OLLAMA_MAX_CHARS": "3000", "OLLAMA_TIMEOUT": "9"}
    )
    assert (old.ollama_deadline, old.ollama_max_chars, old.ollama_timeout) == (7.5, 3000, 9.0)
    both = Settings.from_env(
        {
            "OLLAMA_DEADLINE": "7.5",
            "ASSISTANT_DEADLINE": "30",
            "OLLAMA_MAX_CHARS": "3000",
            "ASSISTANT_MAX_CHARS": "5000",
            "ASSISTANT_TIMEOUT": "15",
        }
    )
    assert (both.ollama_deadline, both.ollama_max_chars, both.ollama_timeout) == (30.0, 5000, 15.0)
    nonsense = Settings.from_env({"ASSISTANT_DEADLINE": "nan", "OLLAMA_DEADLINE": "7.5"})
    assert nonsense.ollama_deadline == 120.0  # a value that is set but nonsense is the default
