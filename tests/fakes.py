"""Deterministic stand-ins used by the tests (importable by subprocesses too)."""

from __future__ import annotations

import hashlib
import math
import re
import time

from assistant.knowledge.embeddings import Embedder

_WORD = re.compile(r"\w+")


class FakeEmbedder(Embedder):
    """Hashed bag-of-words vectors: fixed, fast, and similar texts stay similar.

    Each lower-cased word adds 1 to one of ``dim`` buckets chosen by its
    blake2b hash; the vector is L2-normalised. ``delay`` seconds are slept per
    call so that a test can kill a build while it embeds.
    """

    def __init__(self, model_id: str = "fake-hash-64", dim: int = 64, delay: float = 0.0) -> None:
        self.model_id = model_id
        self._dim = dim
        self._delay = delay
        self.texts_embedded = 0
        self.calls: list[list[str]] = []

    @property
    def dimension(self) -> int:
        return self._dim

    def vector(self, text: str) -> list[float]:
        vec = [0.0] * self._dim
        for word in _WORD.findall(text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
            vec[int.from_bytes(digest, "big") % self._dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self._delay:
            time.sleep(self._delay)
        self.texts_embedded += len(texts)
        self.calls.append(list(texts))
        return [self.vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.vector(text)
