"""Offline evaluation metrics: answers to the questions in, per-question results and metrics out.

``run_eval`` asks every question through any answerer with the
``Assistant.ask`` shape (ours, or the plain LangChain baseline), records what
was retrieved and cited, and ``summarise`` turns the results into metrics,
overall and per kind: retrieval hit@1/3/5, MRR and nDCG@5 against the gold
sources; keyword recall of answers; citation validity and precision;
unsupported-citation drops; decline precision/recall and the false-decline
rate; latency. Questions are read by ``questions.py``; reports and plots are written by
``report.py``. Nothing here reads files.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from tqdm import tqdm

from assistant.errors import AssistantError
from assistant.evaluation.questions import KINDS, Gold, Question
from assistant.text import MARKER

RANKS = (1, 3, 5)

#: Every metric ``metrics`` reports, in order: the names a thresholds file may gate.
METRICS = (
    "questions",
    *(f"hit@{k}" for k in RANKS),
    "mrr",
    "ndcg@5",
    "keyword_recall",
    "citation_validity",
    "citation_precision",
    "unsupported_citations",
    "cited_sources",
    "decline_precision",
    "decline_recall",
    "false_decline_rate",
    "latency_p50_ms",
    "latency_p95_ms",
    "errors",
)


@dataclass(frozen=True)
class Retrieved:
    """One retrieved or cited source, as the metrics see it."""

    title: str
    section: str
    url: str
    also: tuple[str, ...] = ()
    """Other section paths the text spans (baseline chunks cross headings)."""

    def label(self) -> str:
        return f"{self.title} › {self.section}" if self.section else self.title

    def relevant(self, gold: Sequence[Gold]) -> bool:
        """Whether any gold entry matches this source (under any section it spans)."""
        return any(
            g.matches(self.title, section, self.url)
            for g in gold
            for section in (self.section, *self.also)
        )


class Answerer(Protocol):
    """What the runner needs: ours (``Assistant``) and the baseline both fit."""

    name: str

    def answer(self, question: Question, k: int) -> AnswerRecord: ...


@dataclass(frozen=True)
class AnswerRecord:
    """What an answerer returned for one question."""

    text: str
    retrieved: tuple[Retrieved, ...]
    cited: tuple[Retrieved, ...]
    declined: bool
    unsupported_citations: int = 0
    markers_valid: bool = True
    seconds: float | None = None
    """Time to answer, when the answerer measured it itself (else the runner's wall time)."""


@dataclass
class Result:
    """One question's outcome."""

    id: str
    kind: str
    question: str
    seconds: float
    declined: bool
    expect_declined: bool
    relevant_ranks: list[int]
    retrieved: list[str]
    keyword_hits: list[str]
    keyword_misses: list[str]
    cited: int
    cited_relevant: int
    markers_valid: bool
    unsupported_citations: int
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def in_scope(self) -> bool:
        return not self.expect_declined


def score(question: Question, record: AnswerRecord, seconds: float) -> Result:
    """Compare one answer with its question's expectations."""
    relevant = [rank for rank, r in enumerate(record.retrieved, 1) if r.relevant(question.gold)]
    lowered = record.text.lower()
    hits = [k for k in question.expect_keywords if k.lower() in lowered]
    misses = [k for k in question.expect_keywords if k.lower() not in lowered]
    cited_relevant = sum(c.relevant(question.gold) for c in record.cited)
    return Result(
        id=question.id,
        kind=question.kind,
        question=question.question,
        seconds=seconds,
        declined=record.declined,
        expect_declined=question.expect_declined,
        relevant_ranks=relevant,
        retrieved=[r.label() for r in record.retrieved],
        keyword_hits=hits,
        keyword_misses=misses,
        cited=len(record.cited),
        cited_relevant=cited_relevant,
        markers_valid=record.markers_valid,
        unsupported_citations=record.unsupported_citations,
    )


def run_eval(
    answerer: Answerer,
    questions: Sequence[Question],
    k: int = 5,
    progress: bool = True,
    clock: Callable[[], float] = time.perf_counter,
) -> list[Result]:
    """Ask every question; an answerer error is recorded on the question, not raised."""
    results = []
    bar = tqdm(questions, desc=f"Evaluating {answerer.name}", unit="q", disable=not progress)
    for q in bar:
        started = clock()
        try:
            record = answerer.answer(q, k)
        except AssistantError as err:
            record = AnswerRecord("", (), (), False, markers_valid=True)
            result = score(q, record, clock() - started)
            result.error = str(err)
            results.append(result)
            continue
        elapsed = clock() - started
        results.append(score(q, record, record.seconds if record.seconds is not None else elapsed))
    return results


def markers_point_to_sources(text: str, n_sources: int) -> bool:
    """Every ``[n]`` in the text is between 1 and ``n_sources``."""
    return all(1 <= int(n) <= n_sources for n in MARKER.findall(text))


def _ndcg(ranks: list[int], n_gold: int, k: int = 5) -> float:
    """Binary-relevance nDCG@k; the ideal ranking has max(gold entries, relevant found)."""
    found = [r for r in ranks if r <= k]
    dcg = sum(1 / math.log2(r + 1) for r in found)
    ideal_count = min(k, max(n_gold, len(found), 1))
    ideal = sum(1 / math.log2(i + 1) for i in range(1, ideal_count + 1))
    return dcg / ideal if ideal else 0.0


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _pct(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def metrics(results: Sequence[Result], n_gold: dict[str, int]) -> dict[str, float | None]:
    """Metrics over a set of results (``n_gold``: gold entries per question id)."""
    graded = [r for r in results if r.in_scope and n_gold.get(r.id, 0) > 0]
    answered_in = [r for r in results if r.in_scope and not r.declined]
    keyworded = [r for r in answered_in if r.keyword_hits or r.keyword_misses]
    out_scope = [r for r in results if r.expect_declined]
    in_scope = [r for r in results if r.in_scope]
    declined = [r for r in results if r.declined]
    cited = sum(r.cited for r in results)
    m: dict[str, float | None] = {"questions": float(len(results))}
    for k in RANKS:
        m[f"hit@{k}"] = _mean([float(any(x <= k for x in r.relevant_ranks)) for r in graded])
    m["mrr"] = _mean([1 / min(r.relevant_ranks) if r.relevant_ranks else 0.0 for r in graded])
    m["ndcg@5"] = _mean([_ndcg(r.relevant_ranks, n_gold[r.id]) for r in graded])
    m["keyword_recall"] = _mean(
        [len(r.keyword_hits) / (len(r.keyword_hits) + len(r.keyword_misses)) for r in keyworded]
    )
    m["citation_validity"] = _mean([float(r.markers_valid) for r in results])
    m["citation_precision"] = (
        sum(r.cited_relevant for r in graded) / sum(r.cited for r in graded)
        if sum(r.cited for r in graded)
        else None
    )
    m["unsupported_citations"] = float(sum(r.unsupported_citations for r in results))
    m["cited_sources"] = float(cited)
    m["decline_precision"] = (
        sum(r.expect_declined for r in declined) / len(declined) if declined else None
    )
    m["decline_recall"] = sum(r.declined for r in out_scope) / len(out_scope) if out_scope else None
    m["false_decline_rate"] = (
        sum(r.declined for r in in_scope) / len(in_scope) if in_scope else None
    )
    seconds = [r.seconds for r in results]
    m["latency_p50_ms"] = None if not seconds else 1000 * (statistics.median(seconds))
    p95 = _pct(seconds, 95)
    m["latency_p95_ms"] = None if p95 is None else 1000 * p95
    m["errors"] = float(sum(bool(r.error) for r in results))
    return m


def summarise(results: Sequence[Result], questions: Sequence[Question]) -> dict[str, Any]:
    """Overall and per-kind metrics."""
    n_gold = {q.id: len(q.gold) for q in questions}
    per_kind = {
        kind: metrics([r for r in results if r.kind == kind], n_gold)
        for kind in KINDS
        if any(r.kind == kind for r in results)
    }
    return {"overall": metrics(results, n_gold), "per_kind": per_kind}


def failures(results: Sequence[Result]) -> list[dict[str, Any]]:
    """Questions that missed something, with what was retrieved and what was missing."""
    out = []
    for r in results:
        problems = []
        if r.error:
            problems.append(f"error: {r.error}")
        if r.declined != r.expect_declined:
            problems.append("declined an in-scope question" if r.declined else "not declined")
        if r.in_scope and not r.declined and not r.relevant_ranks and r.kind != "out_of_scope":
            problems.append("no relevant source in the top 5")
        if r.keyword_misses and not r.declined:
            problems.append("missing keywords: " + ", ".join(r.keyword_misses))
        if not r.markers_valid:
            problems.append("a citation marker points nowhere")
        if problems:
            out.append(
                {
                    "id": r.id,
                    "kind": r.kind,
                    "question": r.question,
                    "problems": problems,
                    "retrieved": r.retrieved[:3],
                }
            )
    return out


def result_dicts(results: Sequence[Result]) -> list[dict[str, Any]]:
    return [asdict(r) for r in results]
