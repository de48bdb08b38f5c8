"""A second opinion on "done": does a CV sentence sound like work in progress or thin knowledge?

The CV reader's hedge rules (``cv_cues``) know the phrasings they were written from. People
write many more: "lecture 14 of 34", "a one-week taster", "started in January", "I only
dabble". ``Doubt`` reads a sentence's meaning instead: a logistic model over the sentence's
MiniLM vector, with the roadmap's names blanked out, trained on the dev CVs' gold labels by
``benchmarks/train_cv_doubt.py`` and stored in ``corpus/cv-doubt.json``. When it doubts a
sentence the reader proposed as done, the items of that sentence are proposed as
``learning`` instead, so a learner is never told they have finished what they are still
learning; they confirm or correct the checklist either way.

It only ever turns ``done`` into ``learning``, never the other way, and it works only with
the embedding model it was trained with (``load_doubt`` gives ``None`` otherwise, and the
reader then uses its rules alone). Nothing here reads a CV's lines or decides an item; the
fit (``fit_doubt``) is plain Newton steps on a weighted, L2-penalised log loss.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import CorpusError
from assistant.knowledge.embeddings import Embedder

DOUBT_FILE = "cv-doubt.json"
DOUBT_VERSION = 1


class DoubtWeights(BaseModel):
    """The stored model: what ``train_cv_doubt.py`` writes and ``load_doubt`` reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    """``DOUBT_VERSION`` of the file's layout."""
    model: str
    """The embedding model the weights were fitted on (``all-MiniLM-L6-v2``)."""
    dimension: int = Field(gt=0)
    """Length of that model's vectors."""
    weights: tuple[float, ...]
    """One weight per vector component."""
    bias: float
    threshold: float = Field(gt=0.0, lt=1.0)
    """A sentence is doubted when its probability of being "learning" reaches this."""
    trained_on: str = ""
    """Which dev CVs and how many sentences (for people reading the file)."""


class Doubt:
    """Scores sentences with stored weights and the embedder they were fitted on."""

    def __init__(self, weights: DoubtWeights, embedder: Embedder) -> None:
        self.stored = weights
        self.embedder = embedder
        self._w = np.asarray(weights.weights, dtype=np.float64)

    def scores(self, sentences: Sequence[str]) -> list[float]:
        """The probability that each sentence says "learning", not "done"."""
        if not sentences:
            return []
        vectors = np.asarray(self.embedder.embed_documents(list(sentences)), dtype=np.float64)
        return [float(p) for p in probability(vectors, self._w, self.stored.bias)]

    def doubts(self, sentences: Sequence[str]) -> list[bool]:
        """Whether each sentence sounds like work in progress or thin knowledge."""
        return [p >= self.stored.threshold for p in self.scores(sentences)]


def load_doubt(corpus_dir: Path, embedder: Embedder | None) -> Doubt | None:
    """The stored second opinion for ``embedder``; ``None`` without an embedder, or for an
    embedding model the weights were not fitted on. A damaged file is a ``CorpusError``."""
    if embedder is None:
        return None
    path = corpus_dir / DOUBT_FILE
    try:
        weights = DoubtWeights.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not a valid weights file"
        raise CorpusError(f"Cannot read {path}: {reason}.") from None
    if weights.version != DOUBT_VERSION or len(weights.weights) != weights.dimension:
        raise CorpusError(
            f"{path} has layout {weights.version} with {len(weights.weights)} weights; "
            f"this version reads layout {DOUBT_VERSION}: run benchmarks/train_cv_doubt.py."
        )
    if embedder.model_id.lower().rpartition("/")[2] != weights.model.lower():
        return None  # another embedding model: the rules alone
    return Doubt(weights, embedder)


def fit_doubt(
    vectors: np.ndarray, learning: np.ndarray, l2: float = 1e-4, steps: int = 25
) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic model: ``learning`` (bool per row) from ``vectors``.

    The two classes weigh the same in the loss (there are fewer "learning" sentences);
    ``l2`` penalises the weights (not the bias). Deterministic: Newton steps from zero.
    """
    x = np.hstack([vectors.astype(np.float64), np.ones((len(vectors), 1))])
    y = learning.astype(np.float64)
    pos = y.mean()
    if not 0.0 < pos < 1.0:
        raise ValueError("Fitting needs sentences of both kinds.")
    sample = np.where(y > 0, 0.5 / pos, 0.5 / (1.0 - pos)) / len(y)
    penalty = np.full(x.shape[1], 2.0 * l2)
    penalty[-1] = 0.0
    theta = np.zeros(x.shape[1])
    for _ in range(steps):
        p = _sigmoid(x @ theta)
        gradient = x.T @ (sample * (p - y)) + penalty * theta
        hessian = (x * (sample * p * (1.0 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        move = np.linalg.solve(hessian, gradient)
        theta -= move
        if np.abs(move).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def probability(vectors: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    """The model's probability of "learning" for each row of ``vectors``."""
    return _sigmoid(vectors @ weights + bias)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
