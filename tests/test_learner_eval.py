"""The learner eval: the shipped message files, the held-out rule, exact metrics, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import EvalError
from assistant.evaluation.learners import (
    LearnerCase,
    gate_problems,
    learner_files,
    load_learner_cases,
    score_learners,
)
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.statement import LearnerStatement, StatedItem
from assistant.settings import PROJECT_ROOT, Settings

EVAL = PROJECT_ROOT / "eval"


def test_the_shipped_learner_files_follow_the_schema(roadmap: Roadmap) -> None:
    known = {s.id for s in roadmap.steps} | {t.id for s in roadmap.steps for t in s.topics}
    dev = [c for f in learner_files(EVAL, "dev") for c in load_learner_cases(f, "dev")]
    (heldout_file,) = learner_files(EVAL, "heldout")
    heldout = load_learner_cases(heldout_file, "heldout")
    assert len(dev) + len(heldout) >= 120 and len(heldout) >= 60
    ids = [c.id for c in dev + heldout]
    assert len(ids) == len(set(ids))
    for case in dev + heldout:
        assert case.done | case.not_known <= known, case.id
        assert (case.first_step is None) == (case.route == "answer"), case.id


def test_tuning_code_cannot_read_the_held_out_split() -> None:
    (heldout_file,) = learner_files(EVAL, "heldout")
    with pytest.raises(EvalError, match="never used to choose rules"):
        load_learner_cases(heldout_file, "heldout", purpose="tuning")
    assert load_learner_cases(learner_files(EVAL, "dev")[0], "dev", purpose="tuning")


def case(route: str, done: set[str], not_known: set[str], goal: str | None) -> LearnerCase:
    first = None if route == "answer" else "step-2"
    return LearnerCase(
        "x", "dev", "", "m", route, frozenset(done), frozenset(not_known), goal, first
    )


def test_metrics_worked_example() -> None:
    cases = [
        case("plan", {"step-1/python-basics"}, {"step-4"}, "nlp"),
        case("answer", set(), set(), None),
        case("both", {"step-2", "step-3"}, set(), None),
    ]
    readings = {
        0: LearnerStatement(
            items=(
                StatedItem(id="step-1/python-basics", polarity="done"),
                StatedItem(id="step-4", polarity="done"),  # a negation error and a false positive
                StatedItem(id="step-1", polarity="done", inferred=True),  # not counted for F1
            ),
            goal="nlp",
            asks_plan=True,
        ),
        1: LearnerStatement(asks_question=True),
        2: LearnerStatement(items=(StatedItem(id="step-2", polarity="done"),), asks_plan=True),
    }
    order = iter(range(3))
    metrics, results = score_learners(
        cases, lambda _: readings[next(order)], lambda s: "step-2" if s.goal else "step-5"
    )
    # done: tp 2 (python-basics, step-2), fp 1 (step-4), fn 1 (step-3): P = R = 2/3
    assert metrics == {
        "messages": 3,
        "route": round(2 / 3, 4),  # the third is read as plan, not both
        "done_f1": round(2 / 3, 4),
        "negation_errors": 1,
        "goal": 1.0,
        "first_step": 0.5,
    }
    assert results[0].negation_errors == ("step-4",)
    assert gate_problems(metrics) == [
        "learner first_step 0.5 (needs ≥ 0.9)",
        f"learner route {round(2 / 3, 4)} (needs ≥ 0.95)",
        "learner negation_errors 1 (needs ≤ 0)",
    ]


def test_eval_learners_prints_dev_beside_held_out(
    real_index: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_HOME", str(real_index.home))  # the extracted model
    code = main(["eval", "--learners"])
    out, err = capsys.readouterr()
    assert "| metric | dev | held-out | gate (held-out) |" in out
    assert "| negation errors | 0 | 0 | ≤ 0 |" in out
    assert code == (1 if "gate failed" in err else 0)


def test_malformed_learner_files_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "learners-dev.yaml"
    bad.write_text("- id: a\n  message: hi\n  gold: {route: maybe}\n", encoding="utf-8")
    with pytest.raises(EvalError, match="entry 1: route must be one of plan, answer, both"):
        load_learner_cases(bad, "dev")


def test_the_held_out_gate_holds(real_index: Settings) -> None:
    """The CI gate (issue: first step ≥ 0.90, route ≥ 0.95, goal ≥ 0.90, no negation error),
    on messages no rule was tuned on, read with the real MiniLM; the mirror is not needed."""
    from assistant.evaluation.learners import offline_learner, run_learner_eval
    from assistant.knowledge.embeddings import SentenceEmbedder

    read, first = offline_learner(real_index.corpus_dir, SentenceEmbedder(real_index))
    report = run_learner_eval(EVAL, read, first)
    assert report["problems"] == [], report["heldout"]
    assert report["heldout"]["messages"] == 97
