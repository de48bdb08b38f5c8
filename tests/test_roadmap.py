from __future__ import annotations

import pytest

from assistant.knowledge.roadmap import Roadmap, parse_roadmap
from assistant.knowledge.sections import heading_anchors
from assistant.knowledge.textfix import repair_mojibake
from assistant.settings import PROJECT_ROOT
from tests.conftest import ROADMAP_URL


def test_header_fields(roadmap: Roadmap) -> None:
    assert roadmap.title == "AI Engineer Roadmap 2025/26"
    assert roadmap.job_category == "Very High"
    assert roadmap.audience == ("Software Engineers", "Data Scientists", "Robotics Enthusiasts")
    assert "≈" in roadmap.role_overview and "What does an AI Engineer do?" in roadmap.role_overview
    assert roadmap.final_workflow[0] == "Extract and preprocess data using SQL and Python."
    assert len(roadmap.final_workflow) == 4


def test_steps_keep_the_authors_numbers(roadmap: Roadmap) -> None:
    assert [s.number for s in roadmap.steps] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]
    assert [s.id for s in roadmap.steps][-1] == "step-11"
    with pytest.raises(KeyError):
        roadmap.step(10)


# (number, title, topic names, tools, resource titles)
EXPECTED = [
    (
        1,
        "Programming Fundamentals",
        ["Python Basics", "Libraries", "Additional Languages (Optional)"],
        [],
        ["Official Python Docs", "Python Playlist", "Python for AI Engineers"],
    ),
    (
        2,
        "Mathematics for AI",
        ["Linear Algebra", "Calculus", "Probability and Statistics", "Optimization"],
        [],
        ["3Blue1Brown", "Khan - Linear Algebra"],
    ),
    (
        3,
        "Machine Learning Basics",
        ["Supervised Learning", "Unsupervised Learning", "Model Optimization"],
        [],
        ["Machine Learning Playlist", "Machine Learning Module"],
    ),
    (
        4,
        "Deep Learning",
        ["Basics", "Architectures", "Advanced Topics", "Frameworks"],
        ["TensorFlow", "PyTorch"],
        [
            "Deep Learning Playlist",
            "Another DL Playlist",
            "Another DL Playlist",
            "Basic to Advanced Deep Learning",
        ],
    ),
    (
        5,
        "Natural Language Processing (NLP)",
        [
            "Tokenization, Stemming, Lemmatization.",
            "Word Embeddings (Word2Vec, GloVe).",
            "Advanced Models (BERT, GPT, T5).",
            "Fine-tuning Pretrained Models.",
        ],
        [],
        ["Hugging Face Tutorials", "NLP with Python"],
    ),
    (
        6,
        "Computer Vision",
        [
            "Basics of Image Processing (OpenCV).",
            "CNNs and Advanced Architectures (YOLO, Faster R-CNN).",
            "Generative Models for Vision (StyleGAN, BigGAN).",
        ],
        [],
        ["Learn OpenCV", "Deep Learning Playlist", "Deep Learning and Generative AI"],
    ),
    (
        7,
        "Generative AI",
        [
            "GANs (Generative Adversarial Networks).",
            "Variational Autoencoders (VAEs).",
            "Transformers (DALL-E, GPT-3/4).",
        ],
        [],
        ["Generative AI Guide", "Generative AI Course"],
    ),
    (
        8,
        "Reinforcement Learning (RL)",
        ["Core Concepts", "Basic Algorithms", "Advanced Techniques", "Applications"],
        ["OpenAI Gym", "Stable-Baselines3", "Ray RLlib"],
        ["Spinning Up in Deep RL", "Reinforcement Learning Playlist"],
    ),
    (
        9,
        "MLOps and AI Deployment",
        ["Tools and Frameworks", "Deployment", "Cloud Platforms", "Monitoring and Retraining"],
        ["MLflow", "DVC", "Kubeflow"],
        ["Deploying AI Systems", "MLOps on AWS"],
    ),
    (11, "Projects", [], [], []),
]


@pytest.mark.parametrize(("number", "title", "topics", "tools", "resources"), EXPECTED)
def test_each_step(
    roadmap: Roadmap,
    number: int,
    title: str,
    topics: list[str],
    tools: list[str],
    resources: list[str],
) -> None:
    step = roadmap.step(number)
    assert step.title == title
    assert step.heading == f"Step {number}: {title}"
    assert [t.name for t in step.topics] == topics
    assert list(step.tools) == tools
    assert [r.title for r in step.resources] == resources
    assert all(r.url.startswith("https://") for r in step.resources)
    assert step.why, "every step says why"
    ids = [t.id for t in step.topics]
    assert len(set(ids)) == len(ids) and all(i.startswith(f"step-{number}/") for i in ids)


def test_nested_topics_and_step_11(roadmap: Roadmap) -> None:
    core = roadmap.step(8).topics[0]
    assert core.id == "step-8/core-concepts"
    assert core.subtopics == (
        "Markov Decision Processes (MDPs)",
        "Rewards, States, Actions, and Policies",
        "Bellman Equations",
    )
    libraries = roadmap.step(1).topics[1]
    assert "Scikit-learn (sklearn): Machine learning models." in libraries.subtopics
    assert roadmap.step(8).anchor == "step-8-reinforcement-learning-rl"
    assert (
        roadmap.anchor_url("step-8-reinforcement-learning-rl")
        == ROADMAP_URL + "#step-8-reinforcement-learning-rl"
    )
    assert len(roadmap.project_ideas) == 5
    assert roadmap.project_ideas[2].startswith("Generative AI: Design a text-to-image generator")
    assert [d.title for d in roadmap.data_sources] == ["Kaggle", "UCI Repository"]


def test_ids_are_stable_across_parses(roadmap: Roadmap) -> None:
    raw = (PROJECT_ROOT / "corpus" / "ai-engineer-roadmap-2025-26.md").read_text(encoding="utf-8")
    again = parse_roadmap(repair_mojibake(raw), ROADMAP_URL)
    assert [t.id for s in again.steps for t in s.topics] == [
        t.id for s in roadmap.steps for t in s.topics
    ]


def test_anchors_of_the_real_roadmap_headings_follow_github() -> None:
    """The anchors GitHub gives the roadmap's headings, repeats numbered in document order."""
    raw = (PROJECT_ROOT / "corpus" / "ai-engineer-roadmap-2025-26.md").read_text(encoding="utf-8")
    pairs = heading_anchors(repair_mojibake(raw))
    assert [a for h, a in pairs if h == "What to Learn?"] == [
        "what-to-learn",  # Step 1
        *(f"what-to-learn-{i}" for i in range(1, 9)),  # Steps 2-9
    ]
    assert [a for h, a in pairs if h == "Resources"] == [
        "resources",
        *(f"resources-{i}" for i in range(1, 9)),
    ]
    assert pairs[0] == ("AI Engineer Roadmap 2025/26", "ai-engineer-roadmap-202526")
    assert ("Tools and Frameworks", "tools-and-frameworks") in pairs  # "**…:**" in the file
    assert ("Step 11: Projects", "step-11-projects") in pairs
    assert len(pairs) == 48
    anchors = [a for _, a in pairs]
    assert len(set(anchors)) == len(anchors), "two headings share an anchor"


def test_step_anchors_come_from_the_same_computation(roadmap: Roadmap) -> None:
    raw = (PROJECT_ROOT / "corpus" / "ai-engineer-roadmap-2025-26.md").read_text(encoding="utf-8")
    anchors = dict(heading_anchors(repair_mojibake(raw)))
    for step in roadmap.steps:
        assert step.anchor == anchors[step.heading]
