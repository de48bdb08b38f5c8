"""The CV reader's second opinion on "done" (``cv_doubt``): the stored weights, the fit, and
what it changes in a reading with the real MiniLM."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import CorpusError
from assistant.knowledge.cv_words import cv_vocabulary, load_cv_words
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.knowledge.graph import load_roadmap_and_graph
from assistant.learner.cv_doubt import (
    DOUBT_FILE,
    Doubt,
    DoubtWeights,
    fit_doubt,
    load_doubt,
    probability,
)
from assistant.learner.cv_reader import CVReader
from assistant.learner.reader import LearnerReader
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import link_models
from tests.fakes import FakeEmbedder


def test_the_shipped_weights_fit_minilm_and_say_how_they_were_made() -> None:
    stored = json.loads((PROJECT_ROOT / "corpus" / DOUBT_FILE).read_text(encoding="utf-8"))
    assert stored["model"] == "all-MiniLM-L6-v2" and stored["dimension"] == 384
    weights = DoubtWeights.model_validate(stored)
    params = weights.params()
    assert params.first.shape == (384, weights.hidden) and params.out.shape == (weights.hidden,)
    assert len(base64.b64decode(stored["packed"])) == 4 * weights.size()
    assert 0.5 <= stored["threshold"] < 1.0
    assert "dev CVs" in stored["trained_on"]


def test_no_embedder_or_another_model_means_the_rules_alone(corpus_dir: Path) -> None:
    assert load_doubt(corpus_dir, None) is None
    assert load_doubt(corpus_dir, FakeEmbedder("fake-hash-64")) is None
    named = load_doubt(corpus_dir, FakeEmbedder("sentence-transformers/all-MiniLM-L6-v2", 384))
    assert isinstance(named, Doubt)


@pytest.mark.parametrize(
    "content",
    ["{not json", json.dumps({"version": 1}), "", json.dumps({"version": 9, "model": "x"})],
)
def test_a_damaged_weights_file_is_one_clear_error(corpus_dir: Path, content: str) -> None:
    (corpus_dir / DOUBT_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=DOUBT_FILE):
        load_doubt(corpus_dir, FakeEmbedder("all-MiniLM-L6-v2", 384))


def test_an_old_layout_names_the_script_that_rebuilds_it(corpus_dir: Path) -> None:
    stored = json.loads((corpus_dir / DOUBT_FILE).read_text(encoding="utf-8"))
    (corpus_dir / DOUBT_FILE).write_text(json.dumps({**stored, "version": 0}), encoding="utf-8")
    with pytest.raises(CorpusError, match="train_cv_doubt.py"):
        load_doubt(corpus_dir, FakeEmbedder("all-MiniLM-L6-v2", 384))


def test_the_fit_learns_what_no_line_can_split_and_is_deterministic() -> None:
    """ "Learning" is either far end of the first component, "done" the middle: no single
    weighted sum tells them apart, the hidden layer does."""
    rng = np.random.default_rng(7)
    middle = rng.normal(0.0, 0.3, (120, 8))
    ends = rng.normal(0.0, 0.3, (80, 8)) + np.outer(np.repeat([3.0, -3.0], 40), np.eye(8)[0])
    x = np.vstack([ends, middle])
    y = np.array([True] * 80 + [False] * 120)
    params = fit_doubt(x, y, hidden=16, dropout=0.0)
    again = fit_doubt(x, y, hidden=16, dropout=0.0)
    assert all(np.array_equal(a, b) for a, b in zip(params, again, strict=True))
    p = probability(x, params)
    assert (p[:80] > 0.5).mean() > 0.95 and (p[80:] < 0.5).mean() > 0.95
    stored = DoubtWeights(
        version=2, model="m", dimension=8, hidden=16, packed=params.packed(), threshold=0.5
    )
    assert np.allclose(probability(x, stored.params()), p, atol=1e-5)  # float32 round trip
    with pytest.raises(ValueError, match="both kinds"):
        fit_doubt(middle, np.zeros(120, dtype=bool))


def test_a_packed_file_of_the_wrong_size_is_refused(corpus_dir: Path) -> None:
    stored = json.loads((corpus_dir / DOUBT_FILE).read_text(encoding="utf-8"))
    short = {**stored, "packed": base64.b64encode(b"\0" * 400).decode()}
    (corpus_dir / DOUBT_FILE).write_text(json.dumps(short), encoding="utf-8")
    with pytest.raises(CorpusError, match="train_cv_doubt.py"):
        load_doubt(corpus_dir, FakeEmbedder("all-MiniLM-L6-v2", 384))


@pytest.fixture(scope="module")
def readers(
    models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CVReader, CVReader]:
    """(the rules alone, the rules with the second opinion), with the real MiniLM."""
    home = tmp_path_factory.mktemp("doubt-home")
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)})
    corpus = PROJECT_ROOT / "corpus"
    roadmap, graph = load_roadmap_and_graph(corpus)
    words = load_cv_words(corpus, roadmap, graph)
    vocabulary = cv_vocabulary(roadmap, graph, words)
    doubt = load_doubt(corpus, SentenceEmbedder(settings))
    assert doubt is not None
    return (
        CVReader(vocabulary, words, LearnerReader(vocabulary)),
        CVReader(vocabulary, words, LearnerReader(vocabulary), doubt),
    )


def _said(reader: CVReader, text: str) -> dict[str, str]:
    return {i.id: i.polarity for i in reader.read(text).items if not i.inferred}


def test_a_hedge_the_rules_do_not_know_is_learning_with_the_second_opinion(
    readers: tuple[CVReader, CVReader],
) -> None:
    rules, both = readers
    cv = "## Skills\nDocker: I watched a colleague set it up one afternoon\n"
    assert _said(rules, cv) == {"step-9/tools-and-frameworks": "done"}  # the rules miss it
    assert _said(both, cv) == {"step-9/tools-and-frameworks": "learning"}
    item = both.read(cv).items[0]
    assert item.evidence == "Docker: I watched a colleague set it up one afternoon"


@pytest.mark.parametrize(
    "line",
    [
        "Python, PyTorch, Docker, AWS",
        "Built and deployed a churn model with scikit-learn and FastAPI on AWS",
        "Completed the Deep Learning Specialization (Coursera, 2023)",
        "Python: 6 years, daily at work",
    ],
)
def test_plain_skills_work_and_completions_stay_done(
    readers: tuple[CVReader, CVReader], line: str
) -> None:
    rules, both = readers
    cv = f"## Skills\n{line}\n"
    assert _said(both, cv) == _said(rules, cv)
    assert set(_said(both, cv).values()) == {"done"}


def test_a_plain_mention_elsewhere_keeps_an_item_done(readers: tuple[CVReader, CVReader]) -> None:
    _, both = readers
    doubted = "Docker: I watched a colleague set it up one afternoon\n"
    assert _said(both, f"## Skills\n{doubted}")["step-9/tools-and-frameworks"] == "learning"
    cv = f"## Skills\nPython, Docker, AWS\n{doubted}"
    assert _said(both, cv)["step-9/tools-and-frameworks"] == "done"


def test_the_rules_see_every_mention_for_training(readers: tuple[CVReader, CVReader]) -> None:
    rules, _ = readers
    mentions = rules.mentions(
        "## Skills\nPython (basic), Docker\n## Education\nCompleted Python for Everybody (2022)\n"
    )
    said = {(m.item, m.polarity, m.sure) for m in mentions if not m.inferred}
    assert ("step-1/python-basics", "learning", False) in said
    assert ("step-9/tools-and-frameworks", "done", False) in said
    assert ("step-1/python-basics", "done", True) in said
    assert all("Python" not in m.plain and "Docker" not in m.plain for m in mentions)


class _DoubtsAll:
    """A second opinion that doubts every sentence it is shown (and records them)."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def doubts(self, sentences: list[str]) -> list[bool]:
        self.shown += sentences
        return [True] * len(sentences)


def test_a_list_of_names_alone_is_not_judged_by_the_second_opinion(
    readers: tuple[CVReader, CVReader],
) -> None:
    rules, _ = readers
    doubt = _DoubtsAll()
    reader = CVReader(rules.vocabulary, rules.words, rules.reader, doubt)  # type: ignore[arg-type]
    watched = "Docker: I watched a colleague set it up one afternoon"
    cv = f"## Skills\nNumPy, SimpleITK, OpenCV\n{watched}\n"
    assert _said(reader, cv) == {
        "step-1/libraries": "done",
        "step-6/basics-of-image-processing-opencv": "done",
        "step-9/tools-and-frameworks": "learning",
    }
    assert doubt.shown == [rules.plain(watched)]
