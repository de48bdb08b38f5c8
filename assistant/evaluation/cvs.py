"""The CV eval: synthetic CVs with gold readings, scored per split (dev and held-out).

``load_cv_cases`` reads ``eval/cvs/<split>/gold.yaml`` (written by helpers from
a persona brief, ``eval/cvs/brief.md``, before any CV reader existed). Each CV
file (PDF, DOCX or MD) goes through the same extraction and reader as an upload;
``score_cvs`` reports:

- item F1 over the proposed ``done`` and ``learning`` items said outright (an item
  counts only with its polarity). Gold lists a step id alone when the whole step is
  done, so a proposed topic of a gold step is credited (neither right nor wrong), and a
  proposed step recalls the gold topics under it;
- hedge errors: a gold ``learning`` item proposed as done (or its step proposed done
  when gold does not say the step is done): the error a learner must never see;
- goal accuracy and first-step accuracy (the plan made from the reading alone).

``CV_GATE`` is the CI gate, on the held-out split only. Tuning code must read the
dev split only: ``load_cv_cases(..., purpose="tuning")`` refuses held-out.
Nothing here changes how CVs are read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import AssistantError, EvalError
from assistant.evaluation.learners import SPLITS, missed_bounds, split_report, split_table
from assistant.knowledge.cv_words import cv_vocabulary, load_cv_words
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.graph import load_roadmap_and_graph
from assistant.learner.cv_doubt import load_doubt
from assistant.learner.cv_reader import CVReader, CVReading
from assistant.learner.cv_text import extract_cv_text
from assistant.learner.planner import plan_next_steps
from assistant.learner.profile import Profile
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.learner.statement import Polarity

#: The CI gate on the held-out split (issue #16: first step ≥ 0.85, item F1 ≥ 0.80, no hedge
#: error).
CV_GATE: dict[str, float] = {"first_step": 0.85, "item_f1": 0.80, "hedge_errors": 0}
POLARITIES: tuple[Polarity, ...] = ("done", "learning")


@dataclass(frozen=True)
class CVCase:
    """One CV file and its gold reading."""

    id: str
    """``cv-dev-01``, ``cv-ho-07``."""
    split: str
    """``dev`` or ``heldout``."""
    persona: str
    """Who the CV is, in a few words."""
    path: Path
    """The CV file (PDF, DOCX or MD)."""
    hard_cases: tuple[str, ...]
    """``skills-table``, ``two-column``, ``hedged`` …"""
    done: frozenset[str]
    """Step and topic ids the CV shows done (a step alone when all of it is done)."""
    learning: frozenset[str]
    """Step and topic ids the CV hedges or shows in progress."""
    goal: str | None
    """Goal track id, or ``None`` when the CV states no AI goal."""
    first_step: str
    """The first step a plan should recommend."""


def cv_folder(eval_dir: Path, split: str) -> Path:
    """Where a split's CVs live: ``eval/cvs/dev``, ``eval/cvs/heldout``."""
    return eval_dir / "cvs" / split


def load_cv_cases(folder: Path, split: str, *, purpose: str = "evaluation") -> list[CVCase]:
    """The CVs of one split; ``purpose="tuning"`` refuses the held-out split."""
    if split not in SPLITS:
        raise EvalError(f"Unknown split {split!r}; use one of: {', '.join(SPLITS)}.")
    if purpose == "tuning" and split != "dev":
        raise EvalError("The held-out split is never used to choose rules or thresholds.")
    path = folder / "gold.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise EvalError(f"Cannot read the CV gold file {path}: {err}") from None
    if not isinstance(data, list) or not data:
        raise EvalError(f"{path} must be a non-empty list of CVs.")
    out = []
    for i, entry in enumerate(data):
        where = f"{path.name} entry {i + 1}"
        gold = entry.get("gold") if isinstance(entry, dict) else None
        if not isinstance(gold, dict) or not entry.get("id") or not entry.get("file"):
            raise EvalError(f"{where}: needs 'id', 'file' and 'gold'.")
        if not gold.get("first_step"):
            raise EvalError(f"{where}: gold needs a 'first_step'.")
        out.append(
            CVCase(
                id=str(entry["id"]),
                split=split,
                persona=str(entry.get("persona", "")),
                path=folder / str(entry["file"]),
                hard_cases=tuple(map(str, entry.get("hard_cases") or ())),
                done=frozenset(map(str, gold.get("done") or [])),
                learning=frozenset(map(str, gold.get("learning") or [])),
                goal=gold.get("goal"),
                first_step=str(gold["first_step"]),
            )
        )
    return out


@dataclass(frozen=True)
class CVResult:
    """How one CV was read."""

    case: CVCase
    reading: CVReading
    first_step: str | None
    """The first step of the plan made from the reading."""
    hedge_errors: tuple[str, ...] = field(default=())
    """Gold learning items proposed as done."""
    false: tuple[str, ...] = ()
    """Proposed ``polarity:id`` items gold does not support."""
    missed: tuple[str, ...] = ()
    """Gold ``polarity:id`` items not proposed."""
    error: str = ""
    """Why the CV could not be read (then nothing was proposed)."""

    @property
    def goal_ok(self) -> bool:
        return self.reading.goal == self.case.goal

    @property
    def first_step_ok(self) -> bool:
        return self.first_step == self.case.first_step


def _step(item: str) -> str:
    return item.partition("/")[0]


def compare(
    case: CVCase, reading: CVReading, required: Mapping[str, Sequence[str]]
) -> tuple[int, list[str], int, list[str], list[str]]:
    """(right, false, recalled, missed, hedge errors) of one reading against its gold.

    ``required``: step id → its required topics (a step counts as recalled when all of
    them are proposed with the step's polarity).
    """
    gold = {p: case.done if p == "done" else case.learning for p in POLARITIES}
    proposed = {p: set(reading.ids(p, inferred=False)) for p in POLARITIES}
    right, false = 0, []
    for p in POLARITIES:
        for item in sorted(proposed[p]):
            if item in gold[p]:
                right += 1
            elif "/" in item and _step(item) in gold[p]:
                continue  # a topic of a step gold lists whole: credited, neither right nor wrong
            else:
                false.append(f"{p}:{item}")
    recalled, missed = 0, []
    for p in POLARITIES:
        for item in sorted(gold[p]):
            topics = required.get(item, ())
            if (
                item in proposed[p]
                or ("/" in item and _step(item) in proposed[p])
                or ("/" not in item and topics and all(t in proposed[p] for t in topics))
            ):
                recalled += 1
            else:
                missed.append(f"{p}:{item}")
    done, learning = set(reading.ids("done")), set(reading.ids("learning"))
    hedges = [  # a topic proposed as learning is not read as done by its step's inference
        item
        for item in sorted(case.learning)
        if item in done
        or (
            "/" in item
            and _step(item) in done
            and _step(item) not in case.done
            and item not in learning
        )
    ]
    return right, false, recalled, missed, hedges


def score_cvs(
    cases: Sequence[CVCase],
    read: Callable[[CVCase], CVReading],
    first_step: Callable[[CVReading], str | None],
    required: Mapping[str, Sequence[str]],
) -> tuple[dict[str, Any], list[CVResult]]:
    """Metrics for ``cases`` read by ``read``; ``first_step`` plans from a reading."""
    results = []
    right = false_n = recalled = gold_n = 0
    for case in cases:
        error = ""
        try:
            reading = read(case)
        except AssistantError as err:  # an unreadable CV proposes nothing; scored as such
            reading, error = CVReading(), str(err)
        r, false, rec, missed, hedges = compare(case, reading, required)
        right, false_n, recalled = right + r, false_n + len(false), recalled + rec
        gold_n += len(case.done) + len(case.learning)
        step = first_step(reading)
        results.append(
            CVResult(case, reading, step, tuple(hedges), tuple(false), tuple(missed), error)
        )
    precision = right / (right + false_n) if right + false_n else 1.0
    recall = recalled / gold_n if gold_n else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(results) or 1
    metrics = {
        "cvs": len(results),
        "item_precision": round(precision, 4),
        "item_recall": round(recall, 4),
        "item_f1": round(f1, 4),
        "hedge_errors": sum(len(r.hedge_errors) for r in results),
        "goal": round(sum(r.goal_ok for r in results) / n, 4),
        "first_step": round(sum(r.first_step_ok for r in results) / n, 4),
    }
    return metrics, results


def cv_failures(results: Sequence[CVResult]) -> list[dict[str, Any]]:
    """What went wrong per CV, for the dev report."""
    out = []
    for r in results:
        wrong = [f"cannot read: {r.error}"] if r.error else []
        if not r.goal_ok:
            wrong.append(f"goal {r.reading.goal} (gold {r.case.goal})")
        if not r.first_step_ok:
            wrong.append(f"first step {r.first_step} (gold {r.case.first_step})")
        if r.hedge_errors:
            wrong.append(f"hedge errors {', '.join(r.hedge_errors)}")
        if r.false:
            wrong.append(f"not in gold {', '.join(r.false)}")
        if r.missed:
            wrong.append(f"missed {', '.join(r.missed)}")
        if wrong:
            out.append({"id": r.case.id, "wrong": wrong})
    return out


def gate_problems(metrics: dict[str, Any], gate: Mapping[str, float] = CV_GATE) -> list[str]:
    """Where held-out metrics miss the gate (empty when they pass)."""
    return missed_bounds(metrics, gate, ("hedge_errors",), "CV")


def run_cv_eval(
    eval_dir: Path,
    read: Callable[[CVCase], CVReading],
    first_step: Callable[[CVReading], str | None],
    required: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """Both splits side by side, the held-out gate applied, dev failures listed."""

    def score(split: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        cases = load_cv_cases(cv_folder(eval_dir, split), split)
        metrics, results = score_cvs(cases, read, first_step, required)
        return metrics, cv_failures(results)

    return split_report(score, CV_GATE, gate_problems)


def cv_table(report: dict[str, Any]) -> list[str]:
    """The Markdown table of a CV eval: dev beside held-out, and the gate."""
    names = {
        "cvs": "CVs",
        "item_precision": "item precision",
        "item_recall": "item recall",
        "item_f1": "item F1",
        "hedge_errors": "hedge errors (learning read as done)",
        "goal": "goal accuracy",
        "first_step": "first-step accuracy",
    }
    return split_table(report, names, "CVs", at_most=("hedge_errors",))


def offline_cv_reader(
    corpus_dir: Path, embedder: Embedder | None, *, doubt: bool = True
) -> tuple[
    Callable[[CVCase], CVReading], Callable[[CVReading], str | None], dict[str, tuple[str, ...]]
]:
    """The offline CV reader, the first step of its plan and each step's required topics,
    from a corpus alone (no index): what ``eval --cvs`` and the gate test score. With an
    embedder, the reader has its second opinion (``cv_doubt``) unless ``doubt`` is false."""
    roadmap, graph = load_roadmap_and_graph(corpus_dir)
    words = load_cv_words(corpus_dir, roadmap, graph)
    vocabulary = cv_vocabulary(roadmap, graph, words)
    reader = CVReader(
        vocabulary,
        words,
        LearnerReader(vocabulary, embedder),
        load_doubt(corpus_dir, embedder) if doubt else None,
    )

    def read(case: CVCase) -> CVReading:
        try:
            data = case.path.read_bytes()
        except OSError as err:
            raise EvalError(f"{case.id}: cannot read {case.path}: {err.strerror}") from None
        return reader.read(extract_cv_text(data, case.path.name).text)

    def first(reading: CVReading) -> str | None:
        plan = plan_next_steps(
            apply_statement(Profile("eval"), reading.statement()), roadmap, graph
        )
        return plan.steps[0].step_id if plan.steps else None

    required = {
        s.id: tuple(t.id for t in s.topics if "optional" not in t.id) for s in roadmap.steps
    }
    return read, first, required
