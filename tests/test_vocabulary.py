"""The roadmap vocabulary is derived from the roadmap and its graph file, not written in code."""

from __future__ import annotations

import pytest

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.knowledge.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary(roadmap: Roadmap, graph: RoadmapGraph) -> Vocabulary:
    return Vocabulary(roadmap, graph)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # topic names and the tools listed under them, as the roadmap writes them
        ("XGBoost and LightGBM", ["step-3/supervised-learning", "step-3/supervised-learning"]),
        ("OpenCV", ["step-6/basics-of-image-processing-opencv"]),
        ("Word2Vec", ["step-5/word-embeddings-word2vec-glove"]),
        ("Bellman equations", ["step-8/core-concepts"]),
        # step titles, and the longest phrase wins: "deep learning" is not "learning"
        ("Machine Learning Basics then Deep Learning", ["step-3", "step-4"]),
        # a plural or singular form of a listed name
        ("a CNN", ["step-4/architectures"]),
        # the graph file pins a tool listed twice (Step 1 libraries, Step 4 frameworks)
        ("PyTorch", ["step-4/frameworks"]),
        # aliases from the graph file
        ("stats and sklearn", ["step-2/probability-and-statistics", "step-1/libraries"]),
        # descriptions in parentheses are not names: "(images)" names no topic
        ("images", []),
        ("linear", []),
    ],
)
def test_phrases_find_their_steps_and_topics(
    vocabulary: Vocabulary, text: str, items: list[str]
) -> None:
    assert [m.item for m in vocabulary.find(text)] == items


def test_titles_goals_and_backgrounds_come_from_the_data(vocabulary: Vocabulary) -> None:
    assert vocabulary.title("step-4") == "Step 4: Deep Learning"
    assert vocabulary.title("step-2/linear-algebra") == "Linear Algebra"
    assert vocabulary.title("step-4/basics") == "Basics (Step 4: Deep Learning)"
    assert vocabulary.goal("mlops").name == "MLOps and deployment"
    assert set(vocabulary.goals) == {
        "general",
        "nlp",
        "computer-vision",
        "generative-ai",
        "reinforcement-learning",
        "mlops",
    }
    assert "Object detection" not in vocabulary.goal_description("computer-vision")
    assert "facial recognition" in vocabulary.goal_description("computer-vision")
    assert vocabulary.backgrounds_in("I'm a backend developer") == ["software engineer"]
