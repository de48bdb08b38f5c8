"""Hybrid retrieval over the real corpus with the real MiniLM model and embedded Chroma."""

from __future__ import annotations

import pytest

from assistant.errors import EmptyQueryError
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.search.index import open_retriever
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings
from tests.conftest import MIRROR


@pytest.fixture(scope="module")
def retriever(real_index: Settings) -> HybridRetriever:
    return open_retriever(real_index, SentenceEmbedder(real_index), build_if_missing=False)


def test_rl_tools_question_ranks_step_8_first(retriever: HybridRetriever) -> None:
    result = retriever.retrieve(
        "Which tools does the roadmap list for reinforcement learning?", k=5
    )
    top = result.hits[0].chunk
    assert top.source_id == "ai-engineer-roadmap" and top.step == 8
    assert top.url.split("#")[1] in {  # the anchor of its own subsection
        "why-learn-reinforcement-learning",
        "what-to-learn-7",
        "tools-and-frameworks",
        "resources-7",
    }
    tools = [h for h in result.hits if h.chunk.section.endswith("Tools and Frameworks")]
    assert tools and tools[0].chunk.step == 8 and "Stable-Baselines3" in tools[0].chunk.text
    assert result.in_scope
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("What should I learn in the NLP step?", 5),
        ("Which resources does the roadmap recommend for computer vision?", 6),
        ("What math do I need for AI?", 2),
        ("Which cloud platforms should I know for deploying models?", 9),
        ("Where can I find datasets for my projects?", 11),
    ],
)
def test_roadmap_section_comes_first(retriever: HybridRetriever, question: str, step: int) -> None:
    top = retriever.retrieve(question, k=5).hits[0].chunk
    assert (top.source_id, top.step) == ("ai-engineer-roadmap", step)


@pytest.mark.skipif(MIRROR is None, reason="needs the mirror pages")
def test_linked_pages_answer_their_own_questions(retriever: HybridRetriever) -> None:
    venv = retriever.retrieve("How do I create a virtual environment with venv?", k=3)
    assert venv.hits[0].chunk.url == "https://docs.python.org/3/tutorial/venv.html"
    policy = retriever.retrieve(
        "What is the difference between deterministic and stochastic policies?", k=3
    )
    assert policy.hits[0].chunk.url.startswith("https://spinningup.openai.com/")


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "best pizza in naples",
        "What will the weather be tomorrow?",
        "Who won the football world cup in 2014?",
    ],
)
def test_out_of_scope_questions_are_flagged(retriever: HybridRetriever, question: str) -> None:
    assert not retriever.retrieve(question).in_scope


def test_filters_and_duplicates(retriever: HybridRetriever) -> None:
    only_roadmap = retriever.retrieve("python libraries", k=5, source="ai-engineer-roadmap")
    assert only_roadmap.hits and {h.chunk.source_id for h in only_roadmap.hits} == {
        "ai-engineer-roadmap"
    }
    step = retriever.retrieve("what to learn", k=4, step=3)
    assert {h.chunk.step for h in step.hits} == {3}
    texts = [
        " ".join(h.chunk.text.split())
        for h in retriever.retrieve("Python Basics variables loops", k=8).hits
    ]
    assert len(texts) == len(set(texts)), "identical chunks from several roadmaps are collapsed"
    with pytest.raises(EmptyQueryError):
        retriever.retrieve("   \n ")
