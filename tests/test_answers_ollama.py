"""The generated-answer path against both fake servers: Ollama and OpenAI-compatible.

Every test runs once per backend (``tests/flavours.py``): the fake Ollama streams
NDJSON, the fake OpenAI-compatible server streams server-sent events, both real
HTTP on 127.0.0.1. What the assistant does above the backend seam (citations
checked, follow-ups condensed, plans phrased, learner statements read, every
fallback with a note) must be the same for both; only the wire differs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from assistant import Answer, Assistant
from assistant.answering.prompt import (
    CONDENSE_PROMPT,
    PLAN_PROMPT,
    SYSTEM_PROMPT,
    build_answer_prompt,
    build_plan_prompt,
)
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.learner.planner import describe_plan
from assistant.learner.statement import LearnerStatement
from assistant.search.index import open_retriever
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings
from assistant.text import MARKER
from tests.fake_ollama import free_port
from tests.flavours import FLAVOURS, OLLAMA, Flavour

RL_QUESTION = "Which tools does the roadmap list for reinforcement learning?"


@pytest.fixture(scope="module")
def parts(real_index: Settings) -> tuple[Settings, HybridRetriever, SentenceEmbedder]:
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


def make_bot(
    parts: tuple[Settings, HybridRetriever, SentenceEmbedder],
    flavour: Flavour,
    root: str,
    **changes: Any,
) -> Assistant:
    """An assistant whose backend talks to the server at ``root`` (``http://127.0.0.1:PORT``)."""
    settings, retriever, embedder = parts
    settings = flavour.settings(settings, root, **changes)
    backend = flavour.backend(settings, health_ttl_up=30.0, health_ttl_down=0.05)
    return Assistant(settings, retriever, embedder, backend)


def source_number(body: dict[str, Any], section_end: str) -> int:
    """The [n] the prompt gave to the source whose section ends with ``section_end``."""
    user = body["messages"][-1]["content"]
    for n, section in re.findall(r'<source n="(\d+)"[^>]*section="([^"]*)"', user):
        if section.endswith(section_end):
            return int(n)
    raise AssertionError(f"no source with section …{section_end} in the prompt")


def cite_rl_tools(body: dict[str, Any]) -> list[str]:
    n = source_number(body, "Step 8: Reinforcement Learning (RL) › Tools and Frameworks")
    return [
        "The roadmap lists ",
        "three tools",
        f" [{n}",
        "]:\n",
        f"- OpenAI Gym [{n}]\n",
        f"- Stable-Baselines3 [{n}]\n",
        f"- Ray RLlib [{n}]",
    ]


def split_events(events: list[str | Answer]) -> tuple[list[str], Answer]:
    *deltas, final = events
    assert isinstance(final, Answer)
    assert all(isinstance(d, str) for d in deltas)
    return [d for d in deltas if isinstance(d, str)], final


def test_streams_tokens_in_order_then_the_final_answer(
    parts: Any, flavour: Flavour, fake: Any
) -> None:
    bot = make_bot(parts, flavour, fake.url)
    deltas, answer = split_events(list(bot.stream(RL_QUESTION)))
    assert len(deltas) >= 6
    assert "".join(deltas) == answer.text
    assert answer.text.startswith("The roadmap lists three tools [1]:")
    assert answer.mode == flavour.mode and not answer.declined
    assert [s.n for s in answer.sources] == [1]
    assert answer.sources[0].section.endswith("Tools and Frameworks")
    assert answer.sources[0].url.endswith("#tools-and-frameworks")
    assert answer.unsupported_citations == 0
    # What went over the wire: streaming, the token budget, and exactly the prompt we build
    # (Ollama is told num_ctx; an OpenAI-compatible server has its own, OPENAI_NUM_CTX).
    (chat,) = fake.chats()
    assert chat["stream"] is True and chat["model"] == "llama3.2:3b"
    if flavour is OLLAMA:
        assert chat["options"]["num_ctx"] == 8192
    expected = build_answer_prompt(
        RL_QUESTION, bot.retriever.retrieve(RL_QUESTION, k=bot.k).hits, 8192
    )
    assert flavour.max_tokens(chat) == expected.max_tokens
    assert chat["messages"] == [{"role": m.role, "content": m.content} for m in expected.messages]
    assert chat["messages"][0]["content"] == SYSTEM_PROMPT


def test_small_model_context_shrinks_num_ctx_and_the_prompt(parts: Any, flavour: Flavour) -> None:
    # Ollama's /api/show context length; vLLM's max_model_len in /v1/models.
    server = flavour.fake(reply=lambda body: ["OpenAI Gym is listed [1]."], context_length=1024)
    try:
        bot = make_bot(parts, flavour, server.url)
        answer = bot.ask(RL_QUESTION)
        (chat,) = server.chats()
        assert bot.backend is not None and bot.backend.num_ctx == 1024
        if flavour is OLLAMA:
            assert chat["options"]["num_ctx"] == 1024
        sent = sum(len(m["content"].encode()) for m in chat["messages"]) / 3
        assert sent + flavour.max_tokens(chat) <= 1024
        assert chat["messages"][1]["content"].count("<source ") < bot.k
        assert answer.mode == flavour.mode
    finally:
        server.stop()


def test_a_prompt_larger_than_estimated_is_logged(
    parts: Any, flavour: Flavour, fake: Any, caplog: pytest.LogCaptureFixture
) -> None:
    fake.prompt_eval_count = 8000  # the model says it read more than num_ctx - num_predict
    answer = make_bot(parts, flavour, fake.url).ask(RL_QUESTION)
    assert answer.mode == flavour.mode
    assert "may have been cut" in caplog.text
    fake.prompt_eval_count = 1000
    caplog.clear()
    make_bot(parts, flavour, fake.url).ask(RL_QUESTION)
    assert "may have been cut" not in caplog.text


def test_server_down_at_start_answers_offline_with_a_note(parts: Any, flavour: Flavour) -> None:
    bot = make_bot(parts, flavour, f"http://127.0.0.1:{free_port()}")
    answer = bot.ask(RL_QUESTION)
    assert answer.mode == "offline"
    assert all(words in answer.text for words in flavour.down), answer.text
    assert "Stable-Baselines3" in answer.text and answer.sources
    assert bot.status().mode == "offline"


def test_model_not_pulled_names_the_model(parts: Any, flavour: Flavour) -> None:
    server = flavour.fake(models=("qwen2.5:3b",))
    try:
        bot = make_bot(parts, flavour, server.url)
        answer = bot.ask(RL_QUESTION)
        assert answer.mode == "offline"
        assert flavour.missing in answer.text
        assert flavour.missing in bot.status().detail and "\n" not in bot.status().detail
        assert server.chats() == []
    finally:
        server.stop()


def test_disconnect_mid_stream_falls_back_to_offline(
    parts: Any, flavour: Flavour, fake: Any
) -> None:
    fake.drop_after = 3
    bot = make_bot(parts, flavour, fake.url)
    deltas, answer = split_events(list(bot.stream(RL_QUESTION)))
    assert "".join(deltas).startswith("The roadmap lists three tools")
    assert answer.mode == "offline"
    assert any("Switched to the offline mode" in n for n in answer.notes)
    assert "Switched to the offline mode" in answer.text
    assert "Ray RLlib" in answer.text and answer.sources
    # The server is still up: after the short retry delay the next answer is generated.
    fake.drop_after = None
    time.sleep(0.1)
    assert bot.ask(RL_QUESTION).mode == flavour.mode


def test_no_token_within_the_timeout_falls_back(parts: Any, flavour: Flavour, fake: Any) -> None:
    fake.first_token_delay = 2.0
    bot = make_bot(parts, flavour, fake.url, ollama_timeout=0.4)
    started = time.perf_counter()
    answer = bot.ask(RL_QUESTION)
    assert time.perf_counter() - started < 1.9
    assert answer.mode == "offline" and "timed out" in answer.text


def test_server_that_comes_back_is_used_without_restart(parts: Any, flavour: Flavour) -> None:
    port = free_port()
    bot = make_bot(parts, flavour, f"http://127.0.0.1:{port}")
    assert bot.ask(RL_QUESTION).mode == "offline"
    server = flavour.fake(reply=cite_rl_tools, port=port)
    try:
        time.sleep(0.1)  # the failed health check is cached for 0.05 s in this test
        assert bot.status().mode == flavour.mode
        answer = bot.ask(RL_QUESTION)
        assert answer.mode == flavour.mode and answer.sources
    finally:
        server.stop()


def test_unsupported_and_dangling_citations_are_dropped(parts: Any, flavour: Flavour) -> None:
    def reply(body: dict[str, Any]) -> list[str]:
        tools = source_number(body, "Tools and Frameworks")
        resources = source_number(body, "Step 8: Reinforcement Learning (RL) › Resources")
        return [
            f"Stable-Baselines3 and Ray RLlib are listed as RL tools [{tools}]. ",
            f"The capital of France is Paris [{resources}]. ",
            "See also [9].",
        ]

    server = flavour.fake(reply=reply)
    try:
        answer = make_bot(parts, flavour, server.url).ask(RL_QUESTION)
    finally:
        server.stop()
    assert answer.mode == flavour.mode
    assert answer.unsupported_citations == 1
    assert "[9]" not in answer.text and "Paris" in answer.text
    assert "Paris [" not in answer.text
    assert [int(n) for n in MARKER.findall(answer.text)] == [1]
    assert len(answer.sources) == 1 and answer.sources[0].section.endswith("Tools and Frameworks")


def test_follow_up_is_condensed_by_the_model(parts: Any, flavour: Flavour) -> None:
    standalone = "Which resources does the roadmap recommend for NLP (Step 5)?"

    def reply(body: dict[str, Any]) -> list[str]:
        if body["messages"][0]["content"] == CONDENSE_PROMPT:
            return [standalone]
        n = source_number(body, "Step 5: Natural Language Processing (NLP) › Resources")
        return [f"Try the Hugging Face Tutorials [{n}]."]

    server = flavour.fake(reply=reply)
    try:
        history = [
            {"role": "user", "content": "What should I learn in the NLP step?"},
            {"role": "assistant", "content": "Tokenization, embeddings, BERT [1]."},
        ]
        answer = make_bot(parts, flavour, server.url).ask("And which resources for that?", history)
        condense, generate = server.chats()
        assert "What should I learn in the NLP step?" in condense["messages"][1]["content"]
        assert flavour.max_tokens(condense) == 80
        assert f"Question: {standalone}" in generate["messages"][1]["content"]
        assert answer.query == standalone
        assert answer.sources[0].section.endswith("Resources")
    finally:
        server.stop()


def test_out_of_scope_is_declined_without_calling_the_model(
    parts: Any, flavour: Flavour, fake: Any
) -> None:
    answer = make_bot(parts, flavour, fake.url).ask("What is the capital of France?")
    assert answer.declined and answer.sources == [] and fake.chats() == []
    assert answer.mode == flavour.mode


# -- plans: the model only phrases them ---------------------------------------------------------

PLAN_QUESTION = "I finished step 4. What should I learn next?"


def plan_in_prompt(body: dict[str, Any]) -> str:
    user = body["messages"][-1]["content"]
    return user.split("<plan>\n", 1)[1].rsplit("\n</plan>", 1)[0]


def friendly(body: dict[str, Any]) -> list[str]:
    """A faithful rewording: same steps, markers and links, warmer words."""
    plan = plan_in_prompt(body).replace("*Why now:*", "Why this is a good moment:")
    return ["Great progress! ", "Here is what I suggest.\n\n", plan]


def test_with_a_model_the_model_phrases_the_plan_and_keeps_its_steps(
    parts: Any, flavour: Flavour
) -> None:
    server = flavour.fake(reply=friendly)
    try:
        bot = make_bot(parts, flavour, server.url)
        deltas, answer = split_events(list(bot.stream(PLAN_QUESTION)))
        (chat,) = server.chats()
    finally:
        server.stop()
    plan = answer.extra["plan"]
    computed = describe_plan(plan, "")
    assert chat["messages"] == [
        {"role": m.role, "content": m.content} for m in build_plan_prompt(computed)
    ]
    assert chat["messages"][0]["content"] == PLAN_PROMPT
    assert answer.mode == flavour.mode
    assert answer.text.startswith("I understood:")
    assert "Great progress! Here is what I suggest." in answer.text
    assert "Why this is a good moment:" in answer.text
    assert [s.section for s in answer.sources] == [
        "Step 5: Natural Language Processing (NLP)",
        "Step 6: Computer Vision",
        "Step 7: Generative AI",
    ]
    assert [s.n for s in answer.sources] == [1, 2, 3]
    assert "".join(deltas) == answer.text


@pytest.mark.parametrize(
    ("reword", "reason"),
    [
        (lambda plan: plan.split("**2.")[0], "it left out Step"),
        (lambda plan: re.sub(r" \[1\]", "", plan), "it dropped a citation"),
        (lambda plan: plan + "\nAlso see [4].", "it cited a source that is not in the plan"),
        (lambda plan: plan + "\n[Course](https://example.com/course)", "it added a link"),
    ],
)
def test_a_phrasing_that_changes_the_plan_is_not_shown(
    parts: Any, flavour: Flavour, reword: Any, reason: str
) -> None:
    server = flavour.fake(reply=lambda body: [reword(plan_in_prompt(body))])
    try:
        answer = make_bot(parts, flavour, server.url).ask(PLAN_QUESTION)
    finally:
        server.stop()
    plan = answer.extra["plan"]
    assert len(plan.steps) >= 2
    assert answer.mode == "offline"
    assert any(reason in n for n in answer.notes)
    assert answer.text.endswith(describe_plan(plan, ""))
    assert "example.com" not in answer.text


def test_a_drop_while_phrasing_shows_the_computed_plan(parts: Any, flavour: Flavour) -> None:
    server = flavour.fake(reply=friendly)
    server.drop_after = 1
    try:
        answer = make_bot(parts, flavour, server.url).ask(PLAN_QUESTION)
    finally:
        server.stop()
    assert answer.mode == "offline"
    assert any("The plan is shown as computed." in n for n in answer.notes)
    assert answer.text.endswith(describe_plan(answer.extra["plan"], ""))
    assert "**2. Step 6: Computer Vision** [2]" in answer.text


# -- the learner reading by structured outputs --------------------------------------------

READING_QUESTION = "I'm done with deep learning and want to work with images. What next?"


def test_a_valid_model_reading_is_used_and_the_request_is_structured(
    parts: Any, flavour: Flavour, fake: Any
) -> None:
    fake.reading = lambda body: json.dumps(
        {
            "items": [{"id": "step-4", "polarity": "done", "words": "deep learning"}],
            "goal": "computer-vision",
            "asks_plan": True,
        }
    )
    bot = make_bot(parts, flavour, fake.url)
    answer = bot.ask(READING_QUESTION)
    (reading,) = fake.readings()
    if flavour is OLLAMA:
        assert reading["stream"] is False
        assert reading["format"] == LearnerStatement.model_json_schema()
    else:
        assert reading["response_format"]["type"] == "json_schema"
        assert reading["response_format"]["json_schema"]["schema"] == (
            LearnerStatement.model_json_schema()
        )
    assert reading["messages"][1] == {"role": "user", "content": READING_QUESTION}
    assert "step-4: Step 4: Deep Learning" in reading["messages"][0]["content"]
    assert answer.extra["reading"] == flavour.mode
    assert answer.extra["plan"].steps[0].step_id == "step-6"


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("{not json", "is not valid"),
        (json.dumps({"items": [{"id": "step-4", "polarity": "maybe"}]}), "is not valid"),
        (
            json.dumps({"items": [{"id": "step-4", "polarity": "done", "words": "neural nets"}]}),
            "quotes words not in the message",
        ),
        (
            json.dumps({"items": [{"id": "step-40", "polarity": "done", "words": "deep"}]}),
            "unknown id 'step-40'",
        ),
        (json.dumps({"goal": "astronaut"}), "unknown goal 'astronaut'"),
    ],
)
def test_an_invalid_model_reading_falls_back_to_the_offline_reader(
    parts: Any, flavour: Flavour, fake: Any, reply: str, why: str
) -> None:
    fake.reading = lambda body: reply
    answer = make_bot(parts, flavour, fake.url).ask(READING_QUESTION)
    assert len(fake.readings()) == 1
    assert answer.extra["reading"].startswith("offline (") and why in answer.extra["reading"]
    # the offline reader's statement: Step 4 done, goal computer vision → Step 6
    assert answer.extra["statement"].goal == "computer-vision"
    assert answer.extra["plan"].steps[0].step_id == "step-6"


def test_a_model_cannot_turn_a_negative_into_done(parts: Any, flavour: Flavour, fake: Any) -> None:
    said = "I have never touched neural networks. What next?"
    fake.reading = lambda body: json.dumps(
        {"items": [{"id": "step-4/basics", "polarity": "done", "words": "neural networks"}]}
    )
    answer = make_bot(parts, flavour, fake.url).ask(said)
    assert "as done; the message says it is not" in answer.extra["reading"]
    assert answer.extra["profile"].level("step-4/basics") == "not started"


def test_a_question_is_not_sent_for_a_reading(parts: Any, flavour: Flavour, fake: Any) -> None:
    make_bot(parts, flavour, fake.url).ask(
        "Which tools does the roadmap list for reinforcement learning?"
    )
    assert fake.readings() == []
