"""The planner on the real roadmap and graph: the issue's learner cases, with exact steps."""

from __future__ import annotations

import re

import pytest

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import (
    HOURS_PER_TOPIC,
    describe_plan,
    plan_next_steps,
    project_idea,
    satisfied_steps,
)
from assistant.learner.profile import Profile
from tests.conftest import ROADMAP_URL


def done(*numbers: int) -> dict[str, str]:
    return {f"step-{n}": "done" for n in numbers}


@pytest.mark.parametrize(
    ("progress", "goal", "first", "ids"),
    [
        ({}, "general", "step-1", ["step-1"]),
        (done(1), "nlp", "step-2", ["step-2"]),
        (done(1, 2, 3, 4), "computer-vision", "step-6", ["step-6"]),
        (done(1, 2, 3), "mlops", "step-9", ["step-9"]),
        (done(1, 2, 3), "general", "step-4", ["step-4", "step-9"]),
        (done(1, 2, 3, 4), "general", "step-5", ["step-5", "step-6", "step-7"]),
        (done(1, 2, 3, 4, 5, 6, 7, 8, 9), "nlp", "step-11", ["step-11"]),
    ],
)
def test_next_steps_for_the_issue_cases(
    roadmap: Roadmap,
    graph: RoadmapGraph,
    progress: dict[str, str],
    goal: str,
    first: str,
    ids: list[str],
) -> None:
    plan = plan_next_steps(Profile("p", progress, goal=goal), roadmap, graph)
    assert [s.step_id for s in plan.steps] == ids
    assert plan.steps[0].step_id == first


def test_a_step_explains_itself_and_cites_its_section(
    roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    profile = Profile(
        "p",
        {**done(1, 2, 3, 4), "step-6/basics-of-image-processing-opencv": "done"},
        goal="computer-vision",
        hours_per_week=5,
    )
    (step,) = plan_next_steps(profile, roadmap, graph).steps
    assert step.title == "Step 6: Computer Vision"
    assert step.why[0].startswith("You have done Step 4: Deep Learning. Computer vision relies")
    assert step.why[-1] == "It is the step your goal (computer vision) leads to."
    assert [t.split(" (")[0] for t in step.topics] == [
        "CNNs and Advanced Architectures",
        "Generative Models for Vision",
    ]  # the known OpenCV topic is skipped
    assert step.project is not None and step.project.startswith("Computer Vision: Create")
    assert step.weeks == 4 and "assuming ~10 h per topic, 2 topics" in step.estimate
    assert [r.title for r in step.resources][0] == "Learn OpenCV"
    assert step.source.url == f"{ROADMAP_URL}#step-6-computer-vision" and step.source.n == 1


def test_beginner_estimate_and_linked_pages(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    pages = {
        "https://spinningup.openai.com/en/latest/user/introduction.html": "Introduction",
        "https://docs.python.org/3/tutorial/venv.html": "12. Virtual Environments",
    }
    (step,) = plan_next_steps(Profile("p", hours_per_week=6), roadmap, graph, pages).steps
    assert step.step_id == "step-1" and step.why == (
        "It is where the roadmap starts; it needs nothing before it.",
    )
    assert step.weeks == -(-3 * HOURS_PER_TOPIC // 6)
    titles = [r.title for r in step.resources]
    assert "12. Virtual Environments" in titles and "Introduction" not in titles
    rl = plan_next_steps(
        Profile("q", done(1, 2, 3, 4), goal="reinforcement-learning"), roadmap, graph, pages
    ).steps[0]
    assert rl.step_id == "step-8" and "Introduction" in [r.title for r in rl.resources]


def test_required_topics_done_count_as_the_step_done(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    topics = {t.id: "done" for t in roadmap.step(1).topics if "optional" not in t.id}
    assert len(topics) == 2  # Python basics and libraries; other languages are optional
    assert satisfied_steps(Profile("p", topics), roadmap, graph) == {"step-1"}
    one = dict(list(topics.items())[:1])
    assert satisfied_steps(Profile("p", one), roadmap, graph) == set()


def test_a_finished_step_implies_what_it_needs(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    assert satisfied_steps(Profile("p", done(4)), roadmap, graph) == {
        "step-1",
        "step-2",
        "step-3",
        "step-4",
    }
    plan = plan_next_steps(Profile("p", done(4), goal="computer-vision"), roadmap, graph)
    assert [s.step_id for s in plan.steps] == ["step-6"]


def test_everything_done_means_no_steps(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    plan = plan_next_steps(Profile("p", done(1, 2, 3, 4, 5, 6, 7, 8, 9, 11)), roadmap, graph)
    assert plan.steps == ()


def progress_states(roadmap: Roadmap) -> list[dict[str, str]]:
    """No progress, every prefix of the steps done, and every single topic done."""
    numbers = [s.number for s in roadmap.steps]
    states: list[dict[str, str]] = [done(*numbers[:k]) for k in range(len(numbers))]
    states += [{t.id: "done"} for s in roadmap.steps for t in s.topics]
    return states


def test_no_plan_for_any_goal_repeats_punctuation(roadmap: Roadmap, graph: RoadmapGraph) -> None:
    """Topic names end with "." in the roadmap ("… cleaning.", "Clustering (K-means, DBSCAN)."):
    joined into a plan, they must not read "cleaning., Matplotlib" or "DBSCAN).,"."""
    doubled = re.compile(r"\.,|\.;|\)\.,|\.\.")
    shown: set[str] = set()
    for goal in graph.goals:
        for progress in progress_states(roadmap):
            plan = plan_next_steps(Profile("p", progress, goal=goal), roadmap, graph)
            for text in (describe_plan(plan, ""), *(s.source.snippet for s in plan.steps)):
                assert not doubled.search(text), (goal, progress, doubled.search(text), text)
            shown |= {s.step_id for s in plan.steps}
    assert shown == set(graph.steps)  # every step's topics were written out somewhere
    (step,) = plan_next_steps(Profile("p", goal="nlp"), roadmap, graph).steps
    assert "Pandas & Polars: Data manipulation and cleaning, Matplotlib/Seaborn" in step.topics[1]
    ml = plan_next_steps(Profile("p", done(2), goal="mlops"), roadmap, graph).steps[0]
    assert ml.topics[1] == (
        "Unsupervised Learning (Clustering (K-means, DBSCAN), "
        "Dimensionality Reduction (PCA, t-SNE))"
    )


TRACK_PROJECT = {
    5: "NLP:",
    6: "Computer Vision:",
    7: "Generative AI:",
    8: "Reinforcement Learning:",
    9: "MLOps:",
}
#: Each goal track and the step it leads to.
TRACK_PROJECT_GOALS = {
    "nlp": 5,
    "computer-vision": 6,
    "generative-ai": 7,
    "reinforcement-learning": 8,
    "mlops": 9,
}


@pytest.mark.parametrize("goal", ["general", *TRACK_PROJECT_GOALS])
@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6, 7, 8, 9, 11])
def test_each_step_offers_its_own_tracks_project(
    roadmap: Roadmap, graph: RoadmapGraph, goal: str, number: int
) -> None:
    idea = project_idea(roadmap, graph, roadmap.step(number), goal)
    if number in TRACK_PROJECT:  # a specialisation: its own track, whatever the goal
        assert idea is not None and idea.startswith(TRACK_PROJECT[number])
    elif number == 11 or goal == "general":  # no beginner project in the roadmap; no track
        assert idea is None
    else:  # a foundation step: the project of the learner's goal, to aim for
        assert idea is not None and idea.startswith(TRACK_PROJECT[TRACK_PROJECT_GOALS[goal]])


def test_a_general_plan_gives_each_specialisation_its_own_project(
    roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    plan = plan_next_steps(Profile("p", done(1, 2, 3, 4)), roadmap, graph)
    projects = {s.step_id: s.project for s in plan.steps}
    assert projects == {
        "step-5": "NLP: Build a chatbot or sentiment analysis system.",
        "step-6": "Computer Vision: Create an object detection model or face recognition system.",
        "step-7": "Generative AI: Design a text-to-image generator using Stable Diffusion.",
    }
    text = describe_plan(plan, "")
    assert text.count("Build a chatbot") == 1  # not offered for Steps 6 and 7 as well
    beginner = plan_next_steps(Profile("p"), roadmap, graph)
    assert beginner.steps[0].project is None
    assert "Project idea" not in describe_plan(beginner, "")
