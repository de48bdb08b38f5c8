"""The planner on the real roadmap and graph: the issue's learner cases, with exact steps."""

from __future__ import annotations

import pytest

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import HOURS_PER_TOPIC, plan_next_steps, satisfied_steps
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
