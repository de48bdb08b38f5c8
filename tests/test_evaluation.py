"""The evaluation: question schema, metrics with exact numbers, reports, the CLI and the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import EvalError
from assistant.evaluation.metrics import (
    AnswerRecord,
    Retrieved,
    failures,
    result_dicts,
    run_eval,
    summarise,
)
from assistant.evaluation.questions import KINDS, Gold, Question, load_questions
from assistant.evaluation.report import check_thresholds, deltas, write_report
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import needs_mirror

QUESTIONS = PROJECT_ROOT / "eval" / "questions.yaml"
R = "AI Engineer Roadmap 2025/26"


def test_the_shipped_question_set_follows_the_schema() -> None:
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 80
    assert {q.kind for q in questions} == set(KINDS)
    assert all(q.gold for q in questions if q.kind != "out_of_scope")
    assert all(q.expect_declined == (q.kind == "out_of_scope") for q in questions)
    assert all(q.history for q in questions if q.kind == "followup")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("questions: []", "no 'questions' list"),
        ("questions: [{id: a}]", "needs at least 'id' and 'question'"),
        ("questions: [{id: a, question: q, kind: quiz}]", "kind 'quiz' is not one of"),
        ("questions: [{id: a, question: q}, {id: a, question: r}]", "duplicate id 'a'"),
        ("questions: [{id: a, question: q, gold: [{nope: 1}]}]", "bad 'gold'"),
        ("questions: [{", "Cannot read"),
    ],
)
def test_malformed_question_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(text)
    with pytest.raises(EvalError, match=message):
        load_questions(path)


def test_gold_matching() -> None:
    gold = Gold(title="^AI Engineer", section=r"^Step 8: .*Tools", url="https://github.com/")
    assert gold.matches(R, "Step 8: RL › Tools and Frameworks", "https://github.com/x#step-8")
    assert not gold.matches(R, "Step 8: RL › Resources", "https://github.com/x")
    assert not gold.matches("Spinning Up", "Step 8: RL › Tools", "https://github.com/x")
    assert Gold(url="https://spinningup.openai.com/").matches(
        "x", "", "https://spinningup.openai.com/en"
    )


class Scripted:
    """An answerer with fixed records, to check the metrics exactly."""

    name = "scripted"

    def __init__(self, records: dict[str, AnswerRecord]) -> None:
        self.records = records

    def answer(self, question: Question, k: int) -> AnswerRecord:
        return self.records[question.id]


def test_metrics_exact_numbers() -> None:
    tools = Retrieved(R, "Step 8: RL › Tools", "u8")
    why = Retrieved(R, "Step 8: RL › Why", "u8")
    other = Retrieved("Page", "", "p")
    questions = [
        Question(
            "a", "factual", "q1", gold=(Gold(section="Tools"),), expect_keywords=("Gym", "RLlib")
        ),
        Question("b", "factual", "q2", gold=(Gold(section="Tools"),), expect_keywords=("Gym",)),
        Question("c", "page", "q3", gold=(Gold(title="^Page"),), expect_keywords=("x",)),
        Question("d", "out_of_scope", "q4", expect_declined=True),
        Question("e", "out_of_scope", "q5", expect_declined=True),
    ]
    records = {
        "a": AnswerRecord("Gym [1] and RLlib [1]", (tools, why), (tools,), False, seconds=0.01),
        "b": AnswerRecord(
            "Gym [2]", (why, other, tools), (why,), False, markers_valid=False, seconds=0.02
        ),
        "c": AnswerRecord("", (why,), (), True, seconds=0.03),  # a false decline
        "d": AnswerRecord("no", (), (), True, seconds=0.04),
        "e": AnswerRecord("Paris", (other,), (other,), False, seconds=0.05),
    }
    results = run_eval(Scripted(records), questions, progress=False)
    summary = summarise(results, questions)
    m = summary["overall"]
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["hit@3"] == pytest.approx(2 / 3) and m["hit@5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert m["ndcg@5"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["keyword_recall"] == pytest.approx(1.0)  # c was declined: not scored
    assert m["citation_validity"] == pytest.approx(4 / 5)
    assert m["citation_precision"] == pytest.approx(1 / 2)  # graded: a (1 of 1), b (0 of 1)
    assert m["decline_precision"] == pytest.approx(1 / 2)
    assert m["decline_recall"] == pytest.approx(1 / 2)
    assert m["false_decline_rate"] == pytest.approx(1 / 3)
    assert m["latency_p50_ms"] == pytest.approx(30.0)
    assert summary["per_kind"]["page"]["hit@5"] == 0.0
    fails = {f["id"]: f["problems"] for f in failures(results)}
    assert set(fails) == {"b", "c", "e"}
    assert "a citation marker points nowhere" in fails["b"]
    assert fails["c"] == ["declined an in-scope question"]
    assert fails["e"] == ["not declined"]


def test_report_files_latest_link_deltas_and_gate(tmp_path: Path) -> None:
    questions = [Question("a", "factual", "q", gold=(Gold(section="x"),), expect_keywords=("k",))]
    rec = {"a": AnswerRecord("k [1]", (Retrieved(R, "x", "u"),), (Retrieved(R, "x", "u"),), False)}
    results = run_eval(Scripted(rec), questions, progress=False)
    summary = summarise(results, questions)
    report = {
        "created": "now",
        "questions_file": "q.yaml",
        "k": 5,
        "ours": {"name": "t", "summary": summary, "results": result_dicts(results), "failures": []},
        "baseline": None,
        "against": None,
    }
    first = write_report(report, tmp_path)
    second = write_report(report, tmp_path)
    assert first != second and (tmp_path / "latest").resolve() == second.resolve()
    for name in ("report.json", "report.md", "hit_at_5_per_kind.png", "latency_histogram.png"):
        assert (second / name).stat().st_size > 0
    assert (second / "keyword_recall_per_kind.png").read_bytes()[:4] == b"\x89PNG"
    md = (second / "report.md").read_text()
    assert "| hit@5 | 1.000 |" in md and "None." in md
    earlier = json.loads((first / "report.json").read_text())
    earlier["ours"]["summary"]["overall"]["hit@5"] = 0.5
    assert deltas(report, earlier)["hit@5"] == pytest.approx(0.5)
    rules = tmp_path / "t.yaml"
    rules.write_text("hit@5: {min: 0.9}\nfalse_decline_rate: {max: 0.0}\nmrr: {min: 1.1}\n")
    assert check_thresholds(summary, rules) == ["mrr = 1.000 is below the minimum 1.1"]


@needs_mirror
def test_eval_cli_with_baseline_and_the_ci_gate(
    real_index: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The real question set through the real index; fails the build below the thresholds."""
    monkeypatch.setenv("ASSISTANT_HOME", str(real_index.home))
    assert real_index.mirror is not None
    out = tmp_path / "reports"
    code = main(
        [
            "eval",
            "--mirror",
            str(real_index.mirror),
            "--out",
            str(out),
            "--compare-baseline",
            "--gate",
            str(PROJECT_ROOT / "eval" / "thresholds.yaml"),
        ]
    )
    printed = capsys.readouterr()
    print(printed.out)
    assert code == 0, printed.err
    report = json.loads((out / "latest" / "report.json").read_text())
    ours = report["ours"]["summary"]["overall"]
    base = report["baseline"]["summary"]["overall"]
    assert report["gate"]["problems"] == []
    assert ours["hit@5"] > base["hit@5"] and ours["decline_recall"] > base["decline_recall"]
    assert report["baseline"]["chunks"] > 300  # the baseline saw the mirror too
    # --against shows the change since that report; a failing gate exits 1.
    strict = tmp_path / "strict.yaml"
    strict.write_text("hit@1: {min: 0.99}\n")
    code = main(
        [
            "eval",
            "--out",
            str(out),
            "--against",
            str(out / "latest" / "report.json"),
            "--gate",
            str(strict),
            "--questions",
            str(QUESTIONS),
        ]
    )
    assert code == 1
    again = json.loads((out / "latest" / "report.json").read_text())
    assert again["against"]["deltas"]["hit@5"] == pytest.approx(0.0)
    assert "is below the minimum 0.99" in capsys.readouterr().err
