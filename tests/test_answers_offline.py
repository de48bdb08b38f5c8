"""The offline grounded mode over the real corpus with the real MiniLM and embedded Chroma."""

from __future__ import annotations

import re

import pytest

from assistant import Answer, Assistant
from assistant.answering.question import MAX_QUESTION_CHARS
from assistant.errors import EmptyQueryError
from assistant.knowledge.sections import github_anchor
from assistant.text import MARKER

ROADMAP = "https://github.com/rashakil-ds/Roadmap-Docs/blob/main/AI%20Engineer/README.md"


@pytest.fixture(scope="module")
def bot(offline_bot: Assistant) -> Assistant:
    return offline_bot


def assert_citations_valid(answer: Answer) -> None:
    """Every marker points at a source; sources are numbered 1..n in order of first use."""
    cited = [int(n) for n in MARKER.findall(answer.text)]
    assert cited, answer.text
    assert set(cited) == {s.n for s in answer.sources}
    first_use = list(dict.fromkeys(cited))
    assert first_use == list(range(1, len(answer.sources) + 1))
    for src in answer.sources:
        assert src.title and src.url.startswith("https://") and src.snippet


# (question, roadmap step that must be cited first, items the answer must contain)
CASES = [
    (
        "Which tools does the roadmap list for reinforcement learning?",
        8,
        ["OpenAI Gym", "Stable-Baselines3", "Ray RLlib"],
    ),
    ("What should I learn in the NLP step?", 5, ["Tokenization", "Word2Vec", "BERT"]),
    ("Which resources does the roadmap recommend for NLP?", 5, ["Hugging Face Tutorials"]),
    ("What math do I need for AI?", 2, ["Linear Algebra", "eigenvalues", "Calculus"]),
    ("Which resources are recommended for mathematics?", 2, ["3Blue1Brown"]),
    ("What does the roadmap cover in machine learning basics?", 3, ["Supervised", "PCA"]),
    ("Which Python libraries should I learn first?", 1, ["NumPy", "Pandas", "Scikit-learn"]),
    ("What deep learning architectures should I study?", 4, ["CNNs", "Transformers"]),
    ("What should I learn for computer vision?", 6, ["OpenCV", "YOLO"]),
    ("Which resources does the roadmap give for computer vision?", 6, ["Learn OpenCV"]),
    ("What should I learn about generative AI?", 7, ["GANs", "Variational Autoencoders"]),
    ("What are the core concepts of reinforcement learning?", 8, ["Markov Decision Processes"]),
    ("Which MLOps tools does the roadmap mention?", 9, ["MLflow", "Kubeflow"]),
    ("Which cloud platforms should I know for deployment?", 9, ["SageMaker", "Vertex AI"]),
    ("Give me project ideas for computer vision", 11, ["object detection"]),
    ("Where can I find datasets for my projects?", 11, ["Kaggle", "UCI"]),
    ("Why should I learn reinforcement learning?", 8, ["decision-making"]),
    ("Which RL resources does the roadmap suggest?", 8, ["Spinning Up in Deep RL"]),
]


@pytest.mark.parametrize(("question", "step", "items"), CASES, ids=[c[0][:40] for c in CASES])
def test_offline_answer_contains_expected_items(
    bot: Assistant, question: str, step: int, items: list[str]
) -> None:
    answer = bot.ask(question)
    assert answer.mode == "offline" and not answer.declined
    for item in items:
        assert item in answer.text, f"{item!r} missing from:\n{answer.text}"
    assert_citations_valid(answer)
    first = answer.sources[0]
    assert first.title == "AI Engineer Roadmap 2025/26"
    assert first.section.startswith(f"Step {step}:")
    # The anchor of its own subsection, with GitHub's "-n" for a repeated heading.
    own = github_anchor(first.section.split(" › ")[-1])
    assert re.fullmatch(re.escape(f"{ROADMAP}#{own}") + r"(-\d+)?", first.url), first.url
    assert "Offline mode" in answer.text and "ollama" in answer.text.lower()


def test_each_item_is_cited_and_quoted_from_its_source(bot: Assistant) -> None:
    answer = bot.ask("Which tools does the roadmap list for reinforcement learning?")
    lines = [ln for ln in answer.text.splitlines() if ln.lstrip().startswith(("- ", "1."))]
    assert lines
    retrieved = {
        h.chunk.url + h.chunk.section: h.chunk.text
        for h in bot.retriever.retrieve(answer.query, k=bot.k).hits
    }
    by_n = {s.n: retrieved[s.url + s.section] for s in answer.sources}
    for line in lines:
        markers = MARKER.findall(line)
        if not markers:  # a label such as "**Core Concepts:**"
            continue
        body = MARKER.sub("", line).strip().lstrip("-").strip()
        # The words shown are the source's own words (no fact is written by us).
        assert body in by_n[int(markers[-1])], (line, by_n[int(markers[-1])])
    assert re.search(r"- OpenAI Gym \[1\]", answer.text)


def test_streams_lines_then_the_answer(bot: Assistant) -> None:
    events = list(bot.stream("What should I learn in the NLP step?"))
    assert isinstance(events[-1], Answer)
    assert all(isinstance(e, str) for e in events[:-1]) and len(events) > 5
    assert "".join(e for e in events[:-1] if isinstance(e, str)) == events[-1].text


def test_follow_up_carries_the_previous_step(bot: Assistant) -> None:
    first = bot.ask("What should I learn in the NLP step?")
    history = [
        {"role": "user", "content": "What should I learn in the NLP step?"},
        {"role": "assistant", "content": first.text},
    ]
    answer = bot.ask("And which resources does it recommend for that?", history)
    assert "Step 5" in answer.query
    assert answer.sources[0].section == "Step 5: Natural Language Processing (NLP) › Resources"
    assert "Hugging Face Tutorials" in answer.text and "nltk.org" in answer.text
    # A new subject with "what about" keeps the kind of thing asked for (resources).
    history += [
        {"role": "user", "content": "And which resources does it recommend for that?"},
        {"role": "assistant", "content": answer.text},
    ]
    cv = bot.ask("What about computer vision?", history)
    assert cv.sources[0].section == "Step 6: Computer Vision › Resources"
    assert "Learn OpenCV" in cv.text


def test_gradio_style_history_is_understood(bot: Assistant) -> None:
    history = [
        {"role": "user", "content": [{"type": "text", "text": "Tell me about Step 8"}]},
        {"role": "assistant", "content": "…"},
        {"role": "tool", "content": "ignored"},
        "junk",
    ]
    answer = bot.ask("Which tools are listed there?", history)  # type: ignore[arg-type]
    assert "Stable-Baselines3" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "Write me a poem about the sea",
        "Who won the football world cup in 2018?",
        "How do I bake sourdough bread?",
    ],
)
def test_out_of_scope_is_declined_without_sources(bot: Assistant, question: str) -> None:
    answer = bot.ask(question)
    assert answer.declined and answer.sources == []
    assert not MARKER.search(answer.text)
    assert "AI Engineer Roadmap" in answer.text and "help with" in answer.text


@pytest.mark.parametrize("greeting", ["hi", "Hello!", "thanks", "Thank you so much 😊", "bye"])
def test_small_talk_gets_a_short_reply_without_retrieval(bot: Assistant, greeting: str) -> None:
    answer = bot.ask(greeting)
    assert not answer.declined and answer.sources == [] and answer.query == ""
    assert len(answer.text) < 300


@pytest.mark.parametrize("bad", ["", "   ", "\n\t", "\x00\x01", b"\xff\xfe"])
def test_empty_questions_raise_value_error(bot: Assistant, bad: str | bytes) -> None:
    with pytest.raises(ValueError, match="empty"):
        bot.ask(bad)
    with pytest.raises(EmptyQueryError):
        bot.stream(bad)  # raised at once, not on first iteration


def test_long_question_is_cut_with_a_note(bot: Assistant) -> None:
    question = "Which tools does the roadmap list for reinforcement learning? " + "please " * 600
    answer = bot.ask(question)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert "only the first 2,000 were used" in answer.text
    assert "Stable-Baselines3" in answer.text


def test_junk_bytes_and_markup_are_cleaned_not_rendered(bot: Assistant) -> None:
    raw = b"Which tools\x00 for reinforcement\x1b learning? <img src=x onerror=alert(1)>"
    answer = bot.ask(raw + b"\xff")
    assert "\x00" not in answer.question and "\x1b" not in answer.question
    assert "<img src=x onerror=alert(1)>" in answer.question  # kept as text, not stripped
    assert "OpenAI Gym" in answer.text


@pytest.mark.parametrize(
    ("earlier", "question", "carried"),
    [
        ("Which resources does the roadmap list for Step 2?", "Are they free?", "Step 2"),
        ("Tell me about the deep learning step", "How long does it take?", "Step 4"),
        (
            "What does the roadmap say about reinforcement learning?",
            "Why should I learn it?",
            "Step 8",
        ),
    ],
)
def test_a_follow_up_carries_the_subject_when_that_fits_better(
    bot: Assistant, earlier: str, question: str, carried: str
) -> None:
    history = [{"role": "user", "content": earlier}, {"role": "assistant", "content": "…"}]
    answer = bot.ask(question, history)
    assert answer.query != question and carried in answer.query


def test_a_new_subject_after_a_conversation_is_searched_as_asked(bot: Assistant) -> None:
    history = [
        {"role": "user", "content": "Which resources does the roadmap list for Step 2?"},
        {"role": "assistant", "content": "…"},
    ]
    answer = bot.ask("Which tools does the roadmap list for reinforcement learning?", history)
    assert answer.query == "Which tools does the roadmap list for reinforcement learning?"


def test_a_resources_follow_up_shows_that_steps_resources_only(bot: Assistant) -> None:
    """The issue: a resources follow-up about Step 8 also listed Step 3's resources."""
    history = [
        {"role": "user", "content": "What should I learn in the reinforcement learning step?"},
        {"role": "assistant", "content": "…"},
    ]
    answer = bot.ask("And which resources does it recommend for that?", history)
    assert [s.section for s in answer.sources] == [
        "Step 8: Reinforcement Learning (RL) › Resources"
    ]
    assert "Spinning Up in Deep RL" in answer.text and "Step 3" not in answer.text


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("What project does the roadmap suggest for reinforcement learning?", "Step 11: Projects"),
        ("Which tools does the roadmap list for reinforcement learning?", "Step 8: Reinforcement"),
        ("What math do I need for AI?", "Step 2: Mathematics for AI › What to Learn?"),
        ("Why should I learn MLOps?", "Step 9: MLOps and AI Deployment › Why Learn MLOps?"),
    ],
)
def test_a_question_of_one_kind_gets_that_section_alone(
    bot: Assistant, question: str, section: str
) -> None:
    """No other section of the step (the project question showed Step 8's "What to Learn")."""
    answer = bot.ask(question)
    (source,) = answer.sources
    assert source.section.startswith(section), answer.text
    assert answer.text.count("**Step ") == 2  # the lead line and the one section heading
