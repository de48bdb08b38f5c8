"""Reading a learner's self-description, and the planner answering through Assistant.ask."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import Assistant
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.learner.profile import Profile
from assistant.learner.reader import apply_update, read_learner, wants_plan
from assistant.search.index import open_retriever
from assistant.settings import Settings
from assistant.text import MARKER

PHRASINGS = [
    (
        "I know Python and pandas and want to get into computer vision — what next?",
        {"step-1/python-basics": "done", "step-1/libraries": "done"},
        "computer-vision",
    ),
    ("I finished step 4", {"step-4": "done"}, None),
    ("I'm done with deep learning", {"step-4": "done"}, None),
    (
        "I know steps 1-4 and want to do computer vision",
        {f"step-{n}": "done" for n in (1, 2, 3, 4)},
        "computer-vision",
    ),
    (
        "I already know Python, NumPy and pandas. My goal is NLP.",
        {"step-1/python-basics": "done", "step-1/libraries": "done"},
        "nlp",
    ),
    (
        "I know sklearn, pytorch and stats; I want to deploy models in production",
        {
            "step-1/libraries": "done",
            "step-4/frameworks": "done",
            "step-2/probability-and-statistics": "done",
        },
        "mlops",
    ),
    (
        "I'm learning deep learning right now, I'd like to work with images",
        {"step-4": "learning"},
        "computer-vision",
    ),
    ("I have done steps 1 to 9, what now?", {f"step-{n}": "done" for n in range(1, 10)}, None),
    (
        "I am familiar with linear algebra and calculus",
        {"step-2/linear-algebra": "done", "step-2/calculus": "done"},
        None,
    ),
    (
        "I'm comfortable with machine learning and I'm interested in reinforcement learning",
        {"step-3": "done"},
        "reinforcement-learning",
    ),
    ("I've completed the maths step, I want to build chatbots", {"step-2": "done"}, "nlp"),
]


@pytest.mark.parametrize(("text", "levels", "goal"), PHRASINGS, ids=[p[0][:30] for p in PHRASINGS])
def test_self_descriptions_are_read(text: str, levels: dict[str, str], goal: str | None) -> None:
    update = read_learner(text)
    assert update.levels == levels
    assert update.goal == goal
    assert wants_plan(text, update)


@pytest.mark.parametrize(
    "text",
    [
        "What should I learn in the NLP step?",
        "Which tools does the roadmap list for reinforcement learning?",
        "Why should I learn MLOps?",
        "What math do I need for AI?",
    ],
)
def test_roadmap_questions_are_not_self_descriptions(text: str) -> None:
    assert not wants_plan(text, read_learner(text))


def test_hours_background_and_beginner() -> None:
    update = read_learner("I'm a software engineer, complete beginner in AI, 5 hours a week")
    assert (update.background, update.hours_per_week, update.beginner) == (
        "software engineer",
        5.0,
        True,
    )
    merged = apply_update(Profile("p", {"step-1": "done"}, goal="nlp"), update)
    assert merged.progress == {"step-1": "done"} and merged.goal == "nlp"
    assert merged.hours_per_week == 5.0 and merged.background == "software engineer"


@pytest.fixture(scope="module")
def bot(offline_bot: Assistant) -> Assistant:
    return offline_bot


def test_ask_routes_a_self_description_to_the_planner(bot: Assistant) -> None:
    answer = bot.ask("I know Python, NumPy and pandas and my goal is NLP. What next?")
    assert answer.text.startswith("I understood: you know Python, NumPy, pandas; goal: NLP")
    assert "**1. Step 2: Mathematics for AI** [1]" in answer.text
    assert [s.section for s in answer.sources] == ["Step 2: Mathematics for AI"]
    assert answer.sources[0].url.endswith("#step-2-mathematics-for-ai")
    assert {int(n) for n in MARKER.findall(answer.text)} == {1}
    beginner = bot.ask("I'm a complete beginner, where should I start?")
    assert "**1. Step 1: Programming Fundamentals** [1]" in beginner.text


def test_progress_from_chat_persists_and_profiles_stay_apart(
    bot: Assistant, real_index: Settings
) -> None:
    bot.ask("I know steps 1-4 and want to do computer vision", profile_id="browser-a")
    bot.ask("I'm a complete beginner and want to do MLOps", profile_id="browser-b")
    answer = bot.ask("I finished step 6, what next?", profile_id="browser-a")
    assert "Step 11: Projects" in answer.text
    # A new assistant on the same home (an app restart) sees the same profiles.
    embedder = SentenceEmbedder(real_index)
    again = Assistant(
        real_index, open_retriever(real_index, embedder, build_if_missing=False), embedder, None
    )
    a, b = again.profiles.get("browser-a"), again.profiles.get("browser-b")
    assert a is not None and b is not None
    assert a.goal == "computer-vision" and a.level("step-6") == "done"
    assert b.goal == "mlops" and b.progress == {}


def test_a_saved_profile_is_not_overwritten_by_earlier_chat_turns(bot: Assistant) -> None:
    said = "I know steps 1-4 and want to do computer vision. What next?"
    first = bot.ask(said, profile_id="browser-form")
    saved = bot.profiles.get("browser-form")
    assert saved is not None and saved.goal == "computer-vision"
    bot.profiles.put(replace(saved, goal="reinforcement-learning"))  # changed in the panel
    history = [{"role": "user", "content": said}, {"role": "assistant", "content": first.text}]
    answer = bot.ask("What should I learn next?", history, profile_id="browser-form")
    assert "goal: reinforcement learning" in answer.text
    assert "**1. Step 8: Reinforcement Learning (RL)** [1]" in answer.text
    # Without a saved profile, the conversation itself is the profile.
    session = bot.ask("What should I learn next?", history)
    assert "goal: computer vision" in session.text
