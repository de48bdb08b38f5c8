"""The roadmap graph: the shipped prerequisites, and refusal of bad graph files."""

from __future__ import annotations

import pytest
import yaml

from assistant.errors import GraphError
from assistant.knowledge.graph import build_graph, load_graph
from assistant.knowledge.roadmap import Roadmap
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"


def steps(*numbers: int) -> set[str]:
    return {f"step-{n}" for n in numbers}


@pytest.mark.parametrize(
    ("done", "unlocked"),
    [
        (set(), ["step-1"]),
        (steps(1), ["step-2"]),
        (steps(1, 2), ["step-3"]),
        (steps(1, 2, 3), ["step-4", "step-9"]),
        (steps(1, 2, 3, 4), ["step-5", "step-6", "step-7", "step-8", "step-9"]),
        (steps(1, 2, 3, 9), ["step-4", "step-11"]),
        (steps(1, 2, 3, 4, 5, 6, 7, 8, 9), ["step-11"]),
        (steps(1, 2, 3, 4, 5, 6, 7, 8, 9, 11), []),
    ],
)
def test_shipped_graph_unlocks_the_default_reading(
    roadmap: Roadmap, done: set[str], unlocked: list[str]
) -> None:
    assert load_graph(CORPUS, roadmap).unlocked(done) == unlocked


def test_every_edge_has_a_reason_and_goals_cover_the_tracks(roadmap: Roadmap) -> None:
    graph = load_graph(CORPUS, roadmap)
    assert all(len(e.why) > 20 for e in graph.edges)
    assert graph.steps[0] == "step-1" and graph.steps[-1] == "step-11"
    assert set(graph.goals) == {
        "nlp",
        "computer-vision",
        "generative-ai",
        "reinforcement-learning",
        "mlops",
        "general",
    }
    assert graph.missing("step-6", steps(1, 2)) == ["step-4"]
    assert graph.missing("step-11", steps(1)) == ["step-5", "step-6", "step-7", "step-8", "step-9"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 2}, "expected 'version: 1'"),
        ({"edges": [{"before": "step-1", "after": "step-10", "why": "x"}]}, "'step-10'"),
        ({"edges": [{"before": "step-1", "after": "step-2"}]}, "needs 'before', 'after' and 'why'"),
        (
            {
                "edges": [
                    {"before": "step-1", "after": "step-2", "why": "a"},
                    {"before": "step-2", "after": "step-1", "why": "b"},
                ]
            },
            "cycle: step-1 → step-2 → step-1",
        ),
        ({"goals": {"nlp": ["step-12"]}}, "goal 'nlp' names 'step-12'"),
        ({"aliases": {"step-4/nope": ["x"]}}, "aliases name 'step-4/nope'"),
        ({"aliases": {"step-4": "dl"}}, "'aliases' must map names to lists"),
        ({"goal_details": {"nlp": {"name": "NLP"}}}, "exactly the goals in 'goals'"),
        ({"core_topics": {"step-1": "step-2/calculus"}}, "core_topics 'step-1'"),
        (
            {"background_hints": {"pilot": ["step-4/flying"]}},
            "background_hints name 'step-4/flying'",
        ),
    ],
)
def test_bad_graph_files_are_refused(roadmap: Roadmap, change: dict, message: str) -> None:
    data = yaml.safe_load((CORPUS / "roadmap-graph.yaml").read_text())
    data.update(change)
    with pytest.raises(GraphError, match=message):
        build_graph(data, roadmap)
