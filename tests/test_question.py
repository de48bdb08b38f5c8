"""Question cleaning, small talk and the deterministic follow-up rewrite."""

from __future__ import annotations

import pytest

from assistant.answering.backends import Message
from assistant.answering.followup import detect_step, rewrite_followup
from assistant.answering.question import MAX_QUESTION_CHARS, clean_question, small_talk
from assistant.errors import EmptyQueryError

STEPS = {
    1: "Step 1: Programming Fundamentals",
    2: "Step 2: Mathematics for AI",
    3: "Step 3: Machine Learning Basics",
    4: "Step 4: Deep Learning",
    5: "Step 5: Natural Language Processing (NLP)",
    6: "Step 6: Computer Vision",
    7: "Step 7: Generative AI",
    8: "Step 8: Reinforcement Learning (RL)",
    9: "Step 9: MLOps and AI Deployment",
    11: "Step 11: Projects",
}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  What is  NLP? ", "What is NLP?"),
        ("What\x00 is\x1b[31m NLP?", "What is[31m NLP?"),
        (b"What is NLP?\xff\xfe", "What is NLP?"),
        ("Emoji 😊 and ZWJ 👩‍💻 stay", "Emoji 😊 and ZWJ 👩‍💻 stay"),
        ("<b>bold</b> and **md**", "<b>bold</b> and **md**"),
        ("line one\r\n\r\n\r\n\r\nline two", "line one\n\nline two"),
    ],
)
def test_clean_question(raw: str | bytes, clean: str) -> None:
    assert clean_question(raw).text == clean


@pytest.mark.parametrize("raw", ["", " ", "\n\t\r", "\x00\x07", "\u200b\u3000", b"\xff"])
def test_empty_questions_are_refused(raw: str | bytes) -> None:
    with pytest.raises(EmptyQueryError, match="empty"):
        clean_question(raw)


def test_long_question_is_cut_at_a_word_with_a_note() -> None:
    q = clean_question("word " * 1000)
    assert len(q.text) <= MAX_QUESTION_CHARS and q.text.endswith("word")
    assert q.truncated_from == 4999
    assert q.note == "Your question was 4,999 characters long; only the first 2,000 were used."
    assert clean_question("short").note is None


@pytest.mark.parametrize("text", ["hi", "Hello there!", "good morning", "hey bot"])
def test_greetings(text: str) -> None:
    reply = small_talk(text)
    assert reply is not None and reply.startswith("Hello!")


@pytest.mark.parametrize("text", ["thanks!", "Thank you so much", "ok thanks 😊", "cheers"])
def test_thanks(text: str) -> None:
    assert small_talk(text) == (
        "You're welcome! Ask me anything else about the roadmap whenever you like."
    )


@pytest.mark.parametrize(
    "text",
    ["hi, what is NLP?", "Thanks to PyTorch, what can I build?", "hello world program in python"],
)
def test_questions_that_start_like_small_talk_are_questions(text: str) -> None:
    assert small_talk(text) is None


NLP_TURN = [Message("user", "What should I learn in the NLP step?"), Message("assistant", "…")]


@pytest.mark.parametrize(
    ("question", "query"),
    [
        (
            "And which resources does it recommend for that?",
            "And which resources does it recommend for that? "
            "(Step 5: Natural Language Processing (NLP))",
        ),
        (
            "Which tools are listed there?",
            "Which tools are listed there? (Step 5: Natural Language Processing (NLP))",
        ),
        ("What about computer vision?", "What about computer vision? (learn)"),
        ("And what about step 6?", "And what about step 6? (learn)"),
        ("What is PyTorch?", "What is PyTorch?"),
        ("Which cloud platforms does step 9 list?", "Which cloud platforms does step 9 list?"),
    ],
)
def test_follow_up_rewrite(question: str, query: str) -> None:
    assert rewrite_followup(question, NLP_TURN, STEPS).query == query


def test_rewrite_walks_back_to_the_last_turn_with_a_subject() -> None:
    history = [
        Message("user", "Tell me about Step 8"),
        Message("assistant", "…"),
        Message("user", "Which resources?"),
        Message("assistant", "…"),
    ]
    out = rewrite_followup("And the tools?", history, STEPS)
    assert out.carried == "Step 8: Reinforcement Learning (RL)"


def test_no_history_means_no_rewrite() -> None:
    assert rewrite_followup("Which resources?", [], STEPS).carried is None


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("the NLP step", 5),
        ("deep learning", 4),
        ("machine learning basics", 3),
        ("reinforcement learning", 8),
        ("MLOps", 9),
        ("step 2 please", 2),
        ("baking bread", None),
    ],
)
def test_detect_step(text: str, step: int | None) -> None:
    assert detect_step(text, STEPS) == step


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("How should I serve models according to the deployment step?", True),
        ("What does step 3 cover?", True),
        ("Tips for computer vision", True),
        ("Write an AI poem", False),  # "AI" is in three step titles: not distinctive
        ("What is the capital of France?", False),
        ("Who won the football world cup in 2018?", False),
    ],
)
def test_names_a_step(text: str, named: bool) -> None:
    from assistant.answering.followup import names_a_step

    assert names_a_step(text, STEPS) is named
