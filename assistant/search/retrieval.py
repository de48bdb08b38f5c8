"""Hybrid retrieval: dense (Chroma, cosine) + BM25, fused by reciprocal rank.

``HybridRetriever.retrieve`` embeds the query, asks Chroma for the nearest
chunks and bm25s for the best keyword matches, fuses both rankings with
reciprocal-rank fusion (the AI Engineer roadmap's own chunks get a small boost
when they are on topic, so its section comes before a page saying the same),
collapses near-duplicates and returns scored ``Hit`` records, best first. The
result also carries a relevance signal (the best cosine similarity) that the
answer layer uses to decline questions the corpus does not cover. This module
does not build the index and does not compose answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import bm25s
import numpy as np

from assistant.errors import EmptyQueryError
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.store import Generation
from assistant.records import PATH_SEPARATOR, Chunk, Hit

#: Reciprocal-rank-fusion constant (the usual 60).
RRF_K = 60
#: Weight of the BM25 ranking relative to the dense one in the fusion.
KEYWORD_WEIGHT = 1.0
#: Candidates each ranker contributes before fusion.
CANDIDATES = 30
#: Multiplier on a roadmap chunk's fused score when its cosine similarity is on topic.
ROADMAP_BOOST = 1.3
#: Cosine similarity from which a roadmap chunk counts as "on topic" for the boost.
ROADMAP_ON_TOPIC = 0.30
#: Below this best cosine similarity a question is out of the corpus's scope.
#: Calibrated by benchmarks/calibrate_relevance.py (see the closing note / README).
RELEVANCE_THRESHOLD = 0.32
#: A question that names a roadmap step is in scope from this lower similarity on
#: (the answer layer combines both signals; see ``answering.py``).
SOFT_RELEVANCE_THRESHOLD = 0.2
#: Token-set Jaccard similarity above which two chunks count as duplicates.
DUPLICATE_JACCARD = 0.85
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Retrieval:
    """The answer to one query: hits best first, and whether the corpus covers it."""

    query: str
    """The query as searched."""
    hits: tuple[Hit, ...]
    """Best first."""
    best_similarity: float
    """Highest cosine similarity among all dense candidates."""
    in_scope: bool
    """``best_similarity >= RELEVANCE_THRESHOLD``."""


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


class HybridRetriever:
    """Searches one index generation. Loads the chunks once for BM25."""

    def __init__(
        self,
        generation: Generation,
        embedder: Embedder,
        synonyms: Mapping[str, str] | None = None,
        acronyms: Sequence[str] = (),
    ) -> None:
        """``synonyms``: learners' abbreviations spelled out for the keyword ranker ("math" →
        "mathematics"); those in ``acronyms`` also for the dense query (MiniLM knows
        "reinforcement learning" far better than "RL"). Both come from the roadmap graph file.
        """
        self._collection = generation.open_collection()
        self._embedder = embedder
        self._synonyms = dict(synonyms or {})
        self._acronyms = tuple(a for a in acronyms if a in self._synonyms)
        got = self._collection.get(include=["documents", "metadatas"])
        self._ids: list[str] = list(got["ids"])
        docs = got["documents"] or []
        metas = got["metadatas"] or []
        self._chunks = {
            cid: Chunk.from_metadata(doc or "", dict(meta or {}))
            for cid, doc, meta in zip(self._ids, docs, metas, strict=False)
        }
        self._bm25 = bm25s.BM25()
        corpus_tokens = bm25s.tokenize(list(docs), stopwords="en", show_progress=False)
        self._bm25.index(corpus_tokens, show_progress=False)

    @property
    def size(self) -> int:
        """Number of chunks searched."""
        return len(self._ids)

    @cached_property
    def known_urls(self) -> frozenset[str]:
        """Every roadmap section and page URL in the index: links an answer may always keep."""
        return frozenset(c.url for c in self._chunks.values())

    @property
    def page_titles(self) -> dict[str, str]:
        """URL → title of every linked page in the index."""
        return {c.url: c.title for c in self._chunks.values() if c.kind == "page"}

    @property
    def step_titles(self) -> dict[int, str]:
        """Roadmap step numbers and their headings (``5`` → ``Step 5: Natural Language …``)."""
        titles: dict[int, str] = {}
        for chunk in self._chunks.values():
            if chunk.kind == "roadmap" and chunk.step is not None and chunk.section:
                titles.setdefault(chunk.step, chunk.section.split(PATH_SEPARATOR)[0])
        return dict(sorted(titles.items()))

    def _dense(self, query: str, where: dict | None) -> list[tuple[str, float]]:
        words = set(_WORD.findall(query.lower()))
        spelled = [self._synonyms[w] for w in self._acronyms if w in words]
        vector = self._embedder.embed_query(f"{query} ({', '.join(spelled)})" if spelled else query)
        n = min(CANDIDATES, self.size)
        if n == 0:
            return []
        got = self._collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32),
            n_results=n,
            where=where,
            include=["distances"],
        )
        ids = got["ids"][0]
        distances = (got["distances"] or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=False)]

    def _keyword(self, query: str, allowed: set[str] | None) -> list[tuple[str, float]]:
        words = _WORD.findall(query.lower())
        expanded = " ".join([*words, *(self._synonyms[w] for w in words if w in self._synonyms)])
        tokens = bm25s.tokenize([expanded], stopwords="en", show_progress=False)
        if not tokens.vocab or self.size == 0:
            return []
        k = min(self.size, CANDIDATES * 4 if allowed is not None else CANDIDATES)
        docs, scores = self._bm25.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        out = []
        for idx, score in zip(docs[0], scores[0], strict=False):
            cid = self._ids[int(idx)]
            if score > 0 and (allowed is None or cid in allowed):
                out.append((cid, float(score)))
        return out[:CANDIDATES]

    def retrieve(
        self, query: str, k: int = 5, source: str | None = None, step: int | None = None
    ) -> Retrieval:
        """The ``k`` best chunks for ``query``, optionally only from ``source`` / ``step``."""
        query = " ".join(query.split())
        if not query:
            raise EmptyQueryError("The query is empty: type a question or some keywords.")
        filters: list[dict[str, str | int]] = [{"source_id": source}] if source else []
        filters += [{"step": step}] if step is not None else []
        where = filters[0] if len(filters) == 1 else ({"$and": filters} if filters else None)
        allowed = None
        if where is not None:
            allowed = {
                cid
                for cid, c in self._chunks.items()
                if (source is None or c.source_id == source) and (step is None or c.step == step)
            }
        dense = self._dense(query, where)
        keyword = self._keyword(query, allowed)
        similarity = dict(dense)
        bm25 = dict(keyword)
        fused: dict[str, float] = {}
        for ranking, weight in ((dense, 1.0), (keyword, KEYWORD_WEIGHT)):
            for rank, (cid, _) in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
        for cid in fused:
            if self._chunks[cid].kind == "roadmap" and similarity.get(cid, 0.0) >= ROADMAP_ON_TOPIC:
                fused[cid] *= ROADMAP_BOOST
        ordered = sorted(fused, key=lambda cid: fused[cid], reverse=True)
        hits: list[Hit] = []
        kept_tokens: list[set[str]] = []
        for cid in ordered:
            chunk = self._chunks[cid]
            tokens = _tokens(chunk.text)
            if any(_jaccard(tokens, other) >= DUPLICATE_JACCARD for other in kept_tokens):
                continue
            kept_tokens.append(tokens)
            hits.append(Hit(chunk, fused[cid], similarity.get(cid, 0.0), bm25.get(cid, 0.0)))
            if len(hits) >= k:
                break
        best = float(np.max([s for _, s in dense])) if dense else 0.0
        return Retrieval(query, tuple(hits), best, best >= RELEVANCE_THRESHOLD)


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
