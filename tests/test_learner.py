"""Reading a learner's self-description, and the planner answering through Assistant.ask."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import Assistant
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.planner import plan_next_steps
from assistant.learner.profile import Profile
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.learner.statement import LearnerStatement
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


@pytest.fixture(scope="module")
def reader(roadmap: Roadmap, graph: RoadmapGraph) -> LearnerReader:
    return LearnerReader(Vocabulary(roadmap, graph))


def levels_of(statement: LearnerStatement) -> dict[str, str]:
    return {i.id: i.polarity for i in statement.items if not i.inferred}


@pytest.mark.parametrize(("text", "levels", "goal"), PHRASINGS, ids=[p[0][:30] for p in PHRASINGS])
def test_self_descriptions_are_read(
    reader: LearnerReader, text: str, levels: dict[str, str], goal: str | None
) -> None:
    statement = reader.read(text)
    assert levels_of(statement) == levels
    assert statement.goal == goal
    assert statement.route == "plan"


@pytest.mark.parametrize(
    "text",
    [
        "What should I learn in the NLP step?",
        "Which tools does the roadmap list for reinforcement learning?",
        "Why should I learn MLOps?",
        "What math do I need for AI?",
        "I'd love to see the project ideas the roadmap gives for NLP",
        "I want to know which resources step 2 has",
        "What comes after step 6 in the roadmap?",
    ],
)
def test_roadmap_questions_are_answered_not_planned(reader: LearnerReader, text: str) -> None:
    statement = reader.read(text)
    assert statement.route == "answer", statement
    assert statement.items == ()


# The cases the learner-understanding issue reproduced on main, each read right now.
ISSUE_CASES = [
    ("I have never touched neural networks", {"step-4/basics": "not_known"}, None, "step-1"),
    (
        "I finished steps 2, 3 and 5",
        {"step-2": "done", "step-3": "done", "step-5": "done"},
        None,
        "step-6",  # Steps 1 and 4 come before Step 5, so they count as done too
    ),
    (
        "Steps 2 through 5 are done",
        {f"step-{n}": "done" for n in (2, 3, 4, 5)},
        None,
        "step-6",
    ),
    (
        "Python and pandas: done. Next?",
        {"step-1/python-basics": "done", "step-1/libraries": "done"},
        None,
        "step-2",
    ),
    ("I want to build systems that recognise faces", {}, "computer-vision", "step-1"),
    (
        "I finished step 4 and want to do text-to-image",
        {"step-4": "done"},
        "generative-ai",
        "step-7",
    ),
    (
        "I'm past step 3 and my goal is MLOps",
        {f"step-{n}": "done" for n in (1, 2, 3)},
        "mlops",
        "step-9",
    ),
    (
        "What comes after step 6 for me?",
        {f"step-{n}": "done" for n in range(1, 7)},
        None,
        "step-7",
    ),
    (
        "Backend developer, Python and SQL every day, weak at maths",
        {"step-1/python-basics": "done", "step-2": "not_known"},
        None,
        "step-2",
    ),
    (
        "I know Python but I have no experience with deep learning, and I'm learning statistics",
        {
            "step-1/python-basics": "done",
            "step-4": "not_known",
            "step-2/probability-and-statistics": "learning",
        },
        None,
        "step-1",
    ),
]


@pytest.mark.parametrize(
    ("text", "levels", "goal", "first"), ISSUE_CASES, ids=[c[0][:30] for c in ISSUE_CASES]
)
def test_issue_phrasings_are_read_and_planned(
    reader: LearnerReader,
    roadmap: Roadmap,
    graph: RoadmapGraph,
    text: str,
    levels: dict[str, str],
    goal: str | None,
    first: str,
) -> None:
    statement = reader.read(text)
    assert levels_of(statement) == levels
    assert statement.goal == goal
    plan = plan_next_steps(apply_statement(Profile("p"), statement), roadmap, graph)
    assert plan.steps[0].step_id == first


def test_a_negative_never_marks_a_step_done(
    reader: LearnerReader, roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    statement = reader.read("I did steps two, three and five. Step one I haven't done.")
    profile = apply_statement(Profile("p"), statement)
    assert profile.level("step-1") == "not started"
    plan = plan_next_steps(profile, roadmap, graph)
    assert "step-1" not in plan.done and plan.steps[0].step_id == "step-1"
    # A correction in chat overrides an earlier "done".
    corrected = apply_statement(
        apply_statement(Profile("p"), reader.read("I know deep learning")),
        reader.read("no, I don't know deep learning"),
    )
    assert corrected.level("step-4") == "not started"


def test_working_level_python_counts_as_step_1_and_says_why(
    reader: LearnerReader, roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    statement = reader.read("I write Python every day at work")
    assert [(i.id, i.inferred) for i in statement.items] == [
        ("step-1/python-basics", False),
        ("step-1", True),
    ]
    assert reader.read("I finished an intro Python course").ids("done") == ["step-1/python-basics"]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("2h a day", 14.0),
        ("10 hours weekly", 10.0),
        ("weekends only, ~6h", 6.0),
        ("45 min a day", 5.25),
        ("about an hour every day", 7.0),
        ("5 hrs/week", 5.0),
        ("I have 3 kids", None),
    ],
)
def test_time_budgets_become_hours_per_week(
    reader: LearnerReader, text: str, hours: float | None
) -> None:
    assert reader.read(text).hours_per_week == hours


def test_hours_background_and_beginner(reader: LearnerReader) -> None:
    statement = reader.read("I'm a software engineer, complete beginner in AI, 5 hours a week")
    assert (statement.background, statement.hours_per_week, statement.beginner) == (
        "software engineer",
        5.0,
        True,
    )
    merged = apply_statement(Profile("p", {"step-1": "done"}, goal="nlp"), statement)
    assert merged.progress == {"step-1": "done"} and merged.goal == "nlp"
    assert merged.hours_per_week == 5.0 and merged.background == "software engineer"


def test_goals_by_meaning_with_the_real_model(
    roadmap: Roadmap, graph: RoadmapGraph, real_index: Settings
) -> None:
    reader = LearnerReader(Vocabulary(roadmap, graph), SentenceEmbedder(real_index))
    # No goal word in either phrase: only the meaning can tell.
    assert reader.read("I'd like to eventually teach a bot to play Mario").goal == (
        "reinforcement-learning"
    )
    assert reader.read("I want to switch careers into AI").goal is None


@pytest.fixture(scope="module")
def bot(offline_bot: Assistant) -> Assistant:
    return offline_bot


def test_ask_routes_a_self_description_to_the_planner(bot: Assistant) -> None:
    answer = bot.ask("I know Python, NumPy and pandas and my goal is NLP. What next?")
    assert answer.text.startswith(
        "I understood: done: Python Basics, Libraries (Step 1: Programming Fundamentals); goal: NLP"
    )
    assert "step-" not in answer.text.split("\n")[0]
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


def test_a_background_is_proposed_as_evidence_not_applied(bot: Assistant) -> None:
    answer = bot.ask("I'm a backend developer. What should I learn first?")
    assert "As a software engineer, you may already know Python Basics: say so" in answer.text
    assert answer.extra["plan"].steps[0].step_id == "step-1"  # proposed, not counted
