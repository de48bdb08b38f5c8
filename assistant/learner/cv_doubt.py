"""A second opinion on "done": does a CV sentence sound like work in progress or thin knowledge?

The CV reader's hedge rules (``cv_cues``) know the phrasings they were written from. People
write many more: "lecture 14 of 34", "a one-week taster", "started in January", "I only
dabble". ``Doubt`` reads a sentence's meaning instead: a small network (one hidden layer) over
the sentence's MiniLM vector, with the roadmap's names blanked out, trained on the dev CVs' gold
labels by ``benchmarks/train_cv_doubt.py`` and stored in ``corpus/cv-doubt.json``. When it doubts a
sentence the reader proposed as done, the items of that sentence are proposed as
``learning`` instead, so a learner is never told they have finished what they are still
learning; they confirm or correct the checklist either way.

It only ever turns ``done`` into ``learning``, never the other way, and it works only with
the embedding model it was trained with (``load_doubt`` gives ``None`` otherwise, and the
reader then uses its rules alone). Nothing here reads a CV's lines or decides an item; the
fit (``fit_doubt``, with torch) minimises a class-weighted log loss with dropout and weight
decay; scoring (``probability``) is plain numpy.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import CorpusError
from assistant.knowledge.embeddings import Embedder

DOUBT_FILE = "cv-doubt.json"
DOUBT_VERSION = 2


class DoubtWeights(BaseModel):
    """The stored model: what ``train_cv_doubt.py`` writes and ``load_doubt`` reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    """``DOUBT_VERSION`` of the file's layout."""
    model: str
    """The embedding model the weights were fitted on (``all-MiniLM-L6-v2``)."""
    dimension: int = Field(gt=0)
    """Length of that model's vectors."""
    hidden: int = Field(gt=0)
    """Units of the hidden layer."""
    packed: str
    """The parameters as base64 of little-endian float32, in order: the first layer
    (``dimension`` × ``hidden``, row by row), its biases (``hidden``), the output weights
    (``hidden``) and the output bias (1)."""
    threshold: float = Field(gt=0.0, lt=1.0)
    """A sentence is doubted when its probability of being "learning" reaches this."""
    trained_on: str = ""
    """Which dev CVs and how many sentences (for people reading the file)."""

    def size(self) -> int:
        """How many float32 values ``packed`` must hold."""
        return self.dimension * self.hidden + 2 * self.hidden + 1

    def params(self) -> DoubtParams:
        """The parameters unpacked; ``ValueError`` when ``packed`` is not base64 of exactly
        ``size()`` float32 values."""
        raw = base64.b64decode(self.packed, validate=True)
        if len(raw) != 4 * self.size():
            raise ValueError(f"{len(raw) // 4} parameters, not {self.size()}")
        flat = np.frombuffer(raw, dtype="<f4").astype(np.float64)
        d, h = self.dimension, self.hidden
        return DoubtParams(
            flat[: d * h].reshape(d, h),
            flat[d * h : d * h + h],
            flat[d * h + h : d * h + 2 * h],
            float(flat[-1]),
        )


class DoubtParams(NamedTuple):
    """One hidden layer: ``sigmoid(relu(v @ first + first_bias) @ out + out_bias)``."""

    first: np.ndarray
    first_bias: np.ndarray
    out: np.ndarray
    out_bias: float

    def packed(self) -> str:
        """The parameters as ``DoubtWeights.packed`` stores them."""
        flat = np.concatenate(
            [self.first.ravel(), self.first_bias, self.out, np.array([self.out_bias])]
        )
        return base64.b64encode(flat.astype("<f4").tobytes()).decode("ascii")


class Doubt:
    """Scores sentences with stored weights and the embedder they were fitted on."""

    def __init__(
        self, weights: DoubtWeights, embedder: Embedder, params: DoubtParams | None = None
    ) -> None:
        self.stored = weights
        self.embedder = embedder
        self._params = params if params is not None else weights.params()

    def scores(self, sentences: Sequence[str]) -> list[float]:
        """The probability that each sentence says "learning", not "done"."""
        if not sentences:
            return []
        vectors = np.asarray(self.embedder.embed_documents(list(sentences)), dtype=np.float64)
        return [float(p) for p in probability(vectors, self._params)]

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
    try:
        if weights.version != DOUBT_VERSION:
            raise ValueError(f"layout {weights.version}")
        params = weights.params()
    except ValueError as err:
        raise CorpusError(
            f"{path} does not fit ({err}); this version reads layout {DOUBT_VERSION} with "
            f"{weights.size()} parameters: run benchmarks/train_cv_doubt.py."
        ) from None
    if embedder.model_id.lower().rpartition("/")[2] != weights.model.lower():
        return None  # another embedding model: the rules alone
    return Doubt(weights, embedder, params)


def fit_doubt(
    vectors: np.ndarray,
    learning: np.ndarray,
    hidden: int = 128,
    *,
    weight_decay: float = 1e-2,
    dropout: float = 0.3,
    epochs: int = 300,
    seed: int = 0,
) -> DoubtParams:
    """A one-hidden-layer network: ``learning`` (bool per row) from ``vectors``.

    The two classes weigh the same in the loss (there are fewer "learning" sentences);
    dropout on the input and AdamW's ``weight_decay`` keep it from learning single CVs'
    wording. Full-batch steps from a seeded start: the same rows give the same parameters.
    """
    import torch  # only fitting needs it; reading uses numpy

    y = learning.astype(np.float32)
    pos = float(y.mean()) if len(y) else 0.0
    if not 0.0 < pos < 1.0:
        raise ValueError("Fitting needs sentences of both kinds.")
    generator = torch.Generator().manual_seed(seed)
    x_t, y_t = torch.tensor(vectors, dtype=torch.float32), torch.tensor(y)
    sample = torch.where(y_t > 0, 0.5 / pos, 0.5 / (1.0 - pos))
    first, out = torch.nn.Linear(x_t.shape[1], hidden), torch.nn.Linear(hidden, 1)
    with torch.no_grad():
        for layer in (first, out):
            bound = 1.0 / layer.in_features**0.5
            layer.weight.uniform_(-bound, bound, generator=generator)
            layer.bias.uniform_(-bound, bound, generator=generator)
    params = [*first.parameters(), *out.parameters()]
    optimiser = torch.optim.AdamW(params, lr=3e-3, weight_decay=weight_decay)
    for _ in range(epochs):
        optimiser.zero_grad()
        keep = torch.rand(x_t.shape, generator=generator) >= dropout
        dropped = x_t * keep / (1.0 - dropout)
        logits = out(torch.relu(first(dropped))).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y_t, weight=sample)
        loss.backward()
        optimiser.step()
    return DoubtParams(
        first.weight.detach().numpy().T.astype(np.float64),
        first.bias.detach().numpy().astype(np.float64),
        out.weight.detach().numpy()[0].astype(np.float64),
        float(out.bias.detach().numpy()[0]),
    )


def probability(vectors: np.ndarray, params: DoubtParams) -> np.ndarray:
    """The model's probability of "learning" for each row of ``vectors``."""
    hidden = np.maximum(vectors @ params.first + params.first_bias, 0.0)
    return _sigmoid(hidden @ params.out + params.out_bias)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
