"""The learner eval: messages with gold readings, scored per split (dev and held-out).

``load_learner_cases`` reads ``eval/learners-<split>.yaml`` (written by helpers
from a persona brief before any tuning; see ``eval/learners-brief.md``).
``score_learners`` reads every message with a statement reader, plans from the
reading, and reports route accuracy, done-set F1 (micro, over step and topic
ids said outright), negation errors (an item the learner said they do not
know, read as done), goal accuracy and first-step accuracy. ``LEARNER_GATE``
is the CI gate, applied to the held-out split only. Tuning code must read the
dev split only: ``load_learner_cases(..., purpose="tuning")`` refuses held-out.
Nothing here changes how the assistant reads learners.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import EvalError
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.graph import load_roadmap_and_graph
from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.planner import plan_next_steps
from assistant.learner.profile import Profile
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.learner.statement import LearnerStatement

SPLITS = ("dev", "heldout")
ROUTES = ("plan", "answer", "both")
#: The CI gate on the held-out split (issue: first step ≥ 0.90, route ≥ 0.95, goal ≥ 0.90,
#: no negation error).
LEARNER_GATE = {"first_step": 0.90, "route": 0.95, "goal": 0.90, "negation_errors": 0}


@dataclass(frozen=True)
class LearnerCase:
    """One message and its gold reading."""

    id: str
    """Unique id (``dev-001``, ``ho-042``)."""
    split: str
    """``dev`` or ``heldout``."""
    persona: str
    """Who wrote it, in a few words."""
    message: str
    """Exactly what the learner typed."""
    route: str
    """``plan``, ``answer`` or ``both``."""
    done: frozenset[str]
    """Step and topic ids stated as done."""
    not_known: frozenset[str]
    """Step and topic ids stated as not known."""
    goal: str | None
    """Goal track id, or ``None`` when not stated."""
    first_step: str | None
    """The first step a plan should recommend (``None`` for route ``answer``)."""
    hours_per_week: float | None = None
    """The stated time budget per week."""


def learner_files(eval_dir: Path, split: str) -> list[Path]:
    """Where a split's messages live: ``learners-dev.yaml``, ``learners-dev2.yaml``, …"""
    return sorted(eval_dir.glob(f"learners-{split}*.yaml"))


def load_learner_cases(path: Path, split: str, *, purpose: str = "evaluation") -> list[LearnerCase]:
    """The cases of one split; ``purpose="tuning"`` refuses the held-out split."""
    if split not in SPLITS:
        raise EvalError(f"Unknown split {split!r}; use one of: {', '.join(SPLITS)}.")
    if purpose == "tuning" and split != "dev":
        raise EvalError("The held-out split is never used to choose rules or thresholds.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise EvalError(f"Cannot read the learner file {path}: {err}") from None
    if not isinstance(data, list) or not data:
        raise EvalError(f"{path} must be a non-empty list of messages.")
    out = []
    for i, entry in enumerate(data):
        where = f"{path.name} entry {i + 1}"
        gold = entry.get("gold") if isinstance(entry, dict) else None
        if not isinstance(gold, dict) or not entry.get("message") or not entry.get("id"):
            raise EvalError(f"{where}: needs 'id', 'message' and 'gold'.")
        if gold.get("route") not in ROUTES:
            raise EvalError(f"{where}: route must be one of {', '.join(ROUTES)}.")
        out.append(
            LearnerCase(
                id=str(entry["id"]),
                split=split,
                persona=str(entry.get("persona", "")),
                message=str(entry["message"]),
                route=str(gold["route"]),
                done=frozenset(map(str, gold.get("done") or [])),
                not_known=frozenset(map(str, gold.get("not_known") or [])),
                goal=gold.get("goal"),
                first_step=gold.get("first_step"),
                hours_per_week=gold.get("hours_per_week"),
            )
        )
    return out


@dataclass(frozen=True)
class LearnerResult:
    """How one message was read."""

    case: LearnerCase
    statement: LearnerStatement
    first_step: str | None
    """The first step of the plan made from the reading."""
    negation_errors: tuple[str, ...] = field(default=())
    """Gold not-known items read as done."""

    @property
    def route_ok(self) -> bool:
        return self.statement.route == self.case.route

    @property
    def goal_ok(self) -> bool:
        return self.statement.goal == self.case.goal

    @property
    def first_step_ok(self) -> bool:
        return self.first_step == self.case.first_step


def _negation_errors(case: LearnerCase, statement: LearnerStatement) -> tuple[str, ...]:
    done = set(statement.ids("done"))
    errors = []
    for item in case.not_known:
        step = item.partition("/")[0]
        if item in done or step in done and "/" in item and item not in case.done:
            errors.append(item)
    return tuple(errors)


def score_learners(
    cases: Sequence[LearnerCase],
    read: Callable[[str], LearnerStatement],
    first_step: Callable[[LearnerStatement], str | None],
) -> tuple[dict[str, Any], list[LearnerResult]]:
    """Metrics for ``cases`` read by ``read``; ``first_step`` plans from a reading."""
    results = []
    tp = fp = fn = 0
    for case in cases:
        statement = read(case.message)
        predicted = set(statement.ids("done", inferred=False))
        tp += len(predicted & case.done)
        fp += len(predicted - case.done)
        fn += len(case.done - predicted)
        step = first_step(statement) if case.route != "answer" else None
        results.append(LearnerResult(case, statement, step, _negation_errors(case, statement)))
    planned = [r for r in results if r.case.route != "answer"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {
        "messages": len(results),
        "route": sum(r.route_ok for r in results) / len(results),
        "done_f1": round(f1, 4),
        "negation_errors": sum(len(r.negation_errors) for r in results),
        "goal": sum(r.goal_ok for r in results) / len(results),
        "first_step": (sum(r.first_step_ok for r in planned) / len(planned) if planned else 1.0),
    }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}, results


def missed_bounds(
    metrics: Mapping[str, Any], gate: Mapping[str, float], at_most: Sequence[str], what: str
) -> list[str]:
    """Where metrics miss a gate's bounds (maximums for ``at_most``, else minimums), one
    line each ("learner route 0.9 (needs ≥ 0.95)"); empty when they pass."""
    problems = []
    for name, bound in gate.items():
        value = metrics[name]
        ok = value <= bound if name in at_most else value >= bound
        if not ok:
            relation = "≤" if name in at_most else "≥"
            problems.append(f"{what} {name} {value} (needs {relation} {bound})")
    return problems


def split_report(
    score: Callable[[str], tuple[dict[str, Any], list[dict[str, Any]]]],
    gate: Mapping[str, float],
    problems: Callable[[dict[str, Any]], list[str]],
) -> dict[str, Any]:
    """Both splits scored by ``score(split)`` (metrics, mistakes), side by side, with the
    held-out gate applied. Dev mistakes are listed; held-out ones are only counted: nobody
    should tune rules by reading them. The learner and the CV evals report with it."""
    out: dict[str, Any] = {"gate": dict(gate)}
    for split in SPLITS:
        metrics, wrong = score(split)
        out[split] = metrics
        if split == "dev":
            out["dev_failures"] = wrong
        else:
            out["heldout_wrong"] = len(wrong)
    out["problems"] = problems(out["heldout"])
    return out


def gate_problems(metrics: dict[str, Any], gate: dict[str, float] = LEARNER_GATE) -> list[str]:
    """Where held-out metrics miss the gate (empty when they pass)."""
    return missed_bounds(metrics, gate, ("negation_errors",), "learner")


def failures(results: Sequence[LearnerResult]) -> list[dict[str, Any]]:
    """What went wrong per message, for the report."""
    out = []
    for r in results:
        s = r.statement
        wrong = []
        if not r.route_ok:
            wrong.append(f"route {s.route} (gold {r.case.route})")
        if not r.goal_ok:
            wrong.append(f"goal {s.goal} (gold {r.case.goal})")
        if r.case.route != "answer" and not r.first_step_ok:
            wrong.append(f"first step {r.first_step} (gold {r.case.first_step})")
        if r.negation_errors:
            wrong.append(f"negation errors {', '.join(r.negation_errors)}")
        done = set(s.ids("done", inferred=False))
        if done != set(r.case.done):
            wrong.append(f"done +{sorted(done - r.case.done)} -{sorted(r.case.done - done)}")
        if wrong:
            out.append({"id": r.case.id, "message": r.case.message, "wrong": wrong})
    return out


def plan_first_step(
    plan: Callable[[Profile], Any], apply: Callable[[Profile, LearnerStatement], Profile]
) -> Callable[[LearnerStatement], str | None]:
    """First step of the plan for an empty profile updated with a statement."""

    def first(statement: LearnerStatement) -> str | None:
        made = plan(apply(Profile("eval"), statement))
        return made.steps[0].step_id if made.steps else None

    return first


def run_learner_eval(
    eval_dir: Path,
    read: Callable[[str], LearnerStatement],
    first_step: Callable[[LearnerStatement], str | None],
) -> dict[str, Any]:
    """Both splits scored side by side, the held-out gate applied, dev failures listed."""

    def score(split: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        cases = [c for f in learner_files(eval_dir, split) for c in load_learner_cases(f, split)]
        metrics, results = score_learners(cases, read, first_step)
        return metrics, failures(results)

    return split_report(score, LEARNER_GATE, gate_problems)


def learner_table(report: dict[str, Any]) -> list[str]:
    """The Markdown table of a learner eval: dev beside held-out, and the gate."""
    names = {
        "messages": "messages",
        "route": "route accuracy",
        "done_f1": "done-set F1",
        "negation_errors": "negation errors",
        "goal": "goal accuracy",
        "first_step": "first-step accuracy",
    }
    return split_table(report, names, "metric", at_most=("negation_errors",))


def split_table(
    report: Mapping[str, Any], names: Mapping[str, str], first: str, at_most: Sequence[str]
) -> list[str]:
    """Dev beside held-out for each metric in ``names``, with the held-out gate's bound.

    ``at_most`` names the metrics whose bound is a maximum (error counts); the rest are
    minimums. The learner and the CV evals print their reports with it.
    """
    gate = report.get("gate", {})
    lines = [f"| {first} | dev | held-out | gate (held-out) |", "|---|---|---|---|"]
    for key, label in names.items():
        bound = gate.get(key)
        rule = "" if bound is None else (f"≤ {bound}" if key in at_most else f"≥ {bound}")
        lines.append(f"| {label} | {report['dev'][key]} | {report['heldout'][key]} | {rule} |")
    return lines


def offline_learner(
    corpus_dir: Path, embedder: Embedder | None
) -> tuple[Callable[[str], LearnerStatement], Callable[[LearnerStatement], str | None]]:
    """The offline reader and the first step of its plan, from a corpus alone (no index)."""
    roadmap, graph = load_roadmap_and_graph(corpus_dir)
    reader = LearnerReader(Vocabulary(roadmap, graph), embedder)
    first = plan_first_step(lambda p: plan_next_steps(p, roadmap, graph), apply_statement)
    return reader.read, first
