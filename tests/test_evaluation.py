"""The evaluation: question schema, metrics with exact numbers, reports, the CLI and the gate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant.errors import EvalError
from assistant.evaluation.metrics import (
    METRICS,
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
from tests.conftest import MIRROR

QUESTIONS = PROJECT_ROOT / "eval" / "questions.yaml"
FULL_GATE = PROJECT_ROOT / "eval" / "thresholds.yaml"
ROADMAP_GATE = PROJECT_ROOT / "eval" / "thresholds-roadmap.yaml"
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


def mirror_for_the_full_gate(mirror: Path | None, ci: str) -> Path:
    """The mirror; without it the full gate fails under CI, and is skipped with a reason locally."""
    if mirror is not None:
        return mirror
    if ci:
        pytest.fail(
            "The mirror is required under CI: the full evaluation gate (eval/thresholds.yaml) "
            "cannot run without ../shared/mirror or ASSISTANT_MIRROR.",
            pytrace=False,
        )
    pytest.skip("../shared/mirror is not present: only the roadmap-only gate ran")


def test_the_full_gate_fails_under_ci_without_the_mirror(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="mirror is required under CI"):
        mirror_for_the_full_gate(None, "true")
    with pytest.raises(pytest.skip.Exception, match="roadmap-only gate ran"):
        mirror_for_the_full_gate(None, "")
    assert mirror_for_the_full_gate(tmp_path, "true") == tmp_path


def test_the_roadmap_only_gate_always_runs(
    roadmap_index: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No mirror: the real question set over the roadmap alone, gated by its own thresholds."""
    monkeypatch.setenv("ASSISTANT_HOME", str(roadmap_index.home))
    out = tmp_path / "reports"
    code = main(["eval", "--out", str(out), "--gate", str(ROADMAP_GATE)])
    printed = capsys.readouterr()
    print(printed.out)
    assert code == 0, printed.err
    report = json.loads((out / "latest" / "report.json").read_text())
    assert report["gate"] == {"thresholds": str(ROADMAP_GATE), "problems": []}
    titles = {label.split(" › ")[0] for r in report["ours"]["results"] for label in r["retrieved"]}
    assert titles == {R}  # the roadmap alone: no mirrored page was indexed
    assert report["ours"]["summary"]["overall"]["citation_precision"] >= 0.29
    # the learner and CV reading, per split, in the output and the report
    assert report["cvs"]["heldout"]["cvs"] == 2328 and report["cvs"]["dev"]["cvs"] >= 12
    assert "| first-step accuracy |" in printed.out and "| item F1 |" in printed.out
    markdown = (out / "latest" / "report.md").read_text(encoding="utf-8")
    assert "## CVs (proposed profile, hedges, first step)" in markdown


def test_eval_cli_with_baseline_and_the_ci_gate(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The real question set through the real index; fails the build below the thresholds."""
    mirror_for_the_full_gate(MIRROR, os.environ.get("CI", ""))
    real_index: Settings = request.getfixturevalue("real_index")
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
            str(FULL_GATE),
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


# ---------------------------------------------------------------------------------------------
# Hostile inputs: each is refused before any question is answered, in one line with exit 2.

GOOD_QUESTIONS = (
    "questions:\n"
    "  - id: a\n"
    "    question: What should I learn first\n"
    "    gold: [{title: '^AI Engineer'}]\n"
)
JUNK = bytes(range(128, 256)) * 8 + b"\x00\xff\xfe"


def _question(**fields: str) -> str:
    entry = {"id": "a", "question": "What should I learn first", "gold": "[{title: '^AI'}]"}
    entry.update(fields)
    return "questions:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in entry.items()) + "\n"


#: (case, files written into tmp_path, extra CLI arguments, words the one error line must hold).
HOSTILE: list[tuple[str, dict[str, str | bytes], list[str], list[str]]] = [
    # --questions
    ("q-binary", {"q.yaml": JUNK}, ["--questions", "q.yaml"], ["q.yaml", "not UTF-8 text"]),
    (
        "q-id-list",
        {"q.yaml": _question(id="[1, 2]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "id", "string"],
    ),
    (
        "q-id-mapping",
        {"q.yaml": _question(id="{a: 1}")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "id", "string"],
    ),
    (
        "q-id-date",
        {"q.yaml": _question(id="2024-01-01")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "id", "string"],
    ),
    (
        "q-title-regex",
        {"q.yaml": _question(gold="[{title: '^AI ('}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "'^AI ('", "not a valid regular expression"],
    ),
    (
        "q-section-regex",
        {"q.yaml": _question(gold="[{section: 'Step [1-'}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "section", "not a valid regular expression"],
    ),
    (
        "q-gold-empty-entry",
        {"q.yaml": _question(gold="[{}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "gold"],
    ),
    (
        "q-gold-not-list",
        {"q.yaml": _question(gold="'^AI'")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "gold"],
    ),
    (
        "q-gold-url-number",
        {"q.yaml": _question(gold="[{url: 5}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "url"],
    ),
    (
        "q-keywords-number",
        {"q.yaml": _question(expect_keywords="5")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "expect_keywords"],
    ),
    (
        "q-keyword-empty",
        {"q.yaml": _question(expect_keywords="['']")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "expect_keywords"],
    ),
    (
        "q-declined-text",
        {"q.yaml": _question(expect_declined="maybe")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "expect_declined"],
    ),
    (
        "q-typo-field",
        {"q.yaml": _question(expect_keyword="[x]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "expect_keyword"],
    ),
    (
        "q-history-role",
        {"q.yaml": _question(history="[{role: bot, content: hi}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "history"],
    ),
    (
        "q-history-text",
        {"q.yaml": _question(history="hello")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "history"],
    ),
    (
        "q-question-list",
        {"q.yaml": _question(question="[a, b]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "entry 1", "question"],
    ),
    (
        "q-top-list",
        {"q.yaml": "- a\n- b\n"},
        ["--questions", "q.yaml"],
        ["q.yaml", "no 'questions' list"],
    ),
    ("q-empty", {"q.yaml": ""}, ["--questions", "q.yaml"], ["q.yaml", "no 'questions' list"]),
    (
        "q-nul",
        {"q.yaml": "questions:\n  - id: a\x00\n"},
        ["--questions", "q.yaml"],
        ["q.yaml", "Cannot read"],
    ),
    (
        "q-deep",
        {"q.yaml": "questions: " + "[" * 5000 + "]" * 5000 + "\n"},
        ["--questions", "q.yaml"],
        ["q.yaml"],
    ),
    (
        "q-repeated-key",
        {"q.yaml": _question(gold="[{title: '^AI', title: '^Py'}]")},
        ["--questions", "q.yaml"],
        ["q.yaml", "the key 'title' is repeated", "line 4"],
    ),
    ("q-folder", {"q.yaml/x": "x"}, ["--questions", "q.yaml"], ["q.yaml", "Cannot read"]),
    ("q-dev-zero", {}, ["--questions", "/dev/zero"], ["/dev/zero", "not a regular file"]),
    ("q-missing", {}, ["--questions", "q.yaml"], ["q.yaml", "Cannot read"]),
    # --gate
    ("gate-list", {"t.yaml": "- hit@5\n- mrr\n"}, ["--gate", "t.yaml"], ["t.yaml", "mapping"]),
    ("gate-scalar", {"t.yaml": "0.9\n"}, ["--gate", "t.yaml"], ["t.yaml", "mapping"]),
    ("gate-empty", {"t.yaml": "# nothing\n"}, ["--gate", "t.yaml"], ["t.yaml", "no thresholds"]),
    (
        "gate-text-min",
        {"t.yaml": "hit@5: {min: high}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "hit@5", "number"],
    ),
    (
        "gate-bool-min",
        {"t.yaml": "hit@5: {min: true}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "hit@5", "number"],
    ),
    (
        "gate-nan-min",
        {"t.yaml": "hit@5: {min: .nan}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "hit@5", "finite"],
    ),
    (
        "gate-unknown-metric",
        {"t.yaml": "hit@50: {min: 0.5}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "unknown metric 'hit@50'"],
    ),
    ("gate-rule-number", {"t.yaml": "hit@5: 0.9\n"}, ["--gate", "t.yaml"], ["t.yaml", "hit@5"]),
    (
        "gate-rule-typo",
        {"t.yaml": "hit@5: {minimum: 0.9}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "hit@5", "minimum"],
    ),
    (
        "gate-rule-nothing",
        {"t.yaml": "hit@5: {}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "hit@5", "min"],
    ),
    (
        "gate-min-over-max",
        {"t.yaml": "mrr: {min: 0.9, max: 0.5}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "mrr"],
    ),
    (
        "gate-repeated-metric",
        {"t.yaml": "mrr: {min: 0.9}\nhit@5: {min: 0.9}\nmrr: {min: 0}\n"},
        ["--gate", "t.yaml"],
        ["t.yaml", "the key 'mrr' is repeated", "line 3"],
    ),
    ("gate-binary", {"t.yaml": JUNK}, ["--gate", "t.yaml"], ["t.yaml", "not UTF-8 text"]),
    ("gate-missing", {}, ["--gate", "t.yaml"], ["t.yaml", "Cannot read"]),
    # --out
    ("out-is-a-file", {"outfile": "x"}, ["--out", "outfile"], ["--out", "outfile", "writable"]),
    (
        "out-under-a-file",
        {"outfile": "x"},
        ["--out", "outfile/reports"],
        ["--out", "outfile/reports", "writable"],
    ),
    (
        "out-latest-is-a-folder",
        {"reports/latest/x": "x"},
        ["--out", "reports"],
        ["--out", "latest", "is a folder"],
    ),
    (
        "out-read-only-fs",
        {},
        ["--out", "/proc/roadmap-eval-reports"],
        ["--out", "/proc/roadmap-eval-reports", "writable"],
    ),
    # --against
    ("against-binary", {"r.json": JUNK}, ["--against", "r.json"], ["r.json", "Cannot read"]),
    ("against-list", {"r.json": "[1, 2]"}, ["--against", "r.json"], ["r.json", "not a report"]),
    (
        "against-ours-number",
        {"r.json": '{"ours": 1}'},
        ["--against", "r.json"],
        ["r.json", "not a report"],
    ),
    (
        "against-overall-list",
        {"r.json": '{"ours": {"summary": {"overall": []}}}'},
        ["--against", "r.json"],
        ["r.json", "not a report"],
    ),
    (
        "against-overall-text",
        {"r.json": '{"ours": {"summary": {"overall": {"mrr": "x"}}}}'},
        ["--against", "r.json"],
        ["r.json", "not a report"],
    ),
    ("against-folder", {"r.json/x": "{}"}, ["--against", "r.json"], ["r.json", "Cannot read"]),
    ("against-dev-urandom", {}, ["--against", "/dev/urandom"], ["/dev/urandom", "not a regular"]),
    ("gate-empty-flag", {}, ["--gate", ""], ["--gate is empty"]),
    ("out-empty-flag", {}, ["--out", ""], ["--out is empty"]),
    ("against-empty-flag", {}, ["--against", " "], ["--against is empty"]),
    ("against-missing", {}, ["--against", "r.json"], ["r.json", "Cannot read"]),
]


@pytest.mark.parametrize(
    ("files", "args", "words"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE]
)
def test_bad_eval_inputs_are_refused_before_any_question_is_answered(
    files: dict[str, str | bytes],
    args: list[str],
    words: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One line naming the file and the problem, exit 2; no index, corpus or report needed."""
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    # No index in ASSISTANT_HOME and no corpus to build one from: answering a question would
    # fail with a corpus error, so the refusal below must come from validating first.
    monkeypatch.setenv("ASSISTANT_CORPUS", str(tmp_path / "no-corpus"))
    monkeypatch.chdir(tmp_path)
    default_out = ["--out", str(tmp_path / "reports")] if "--out" not in args else []
    code = main(["eval", *args, *default_out])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "no-corpus" not in err and "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]
    assert not list(tmp_path.rglob("report.json"))
    assert not (tmp_path / "home" / "index").exists()


def test_check_thresholds_rejects_an_unknown_metric(tmp_path: Path) -> None:
    questions = [Question("a", "factual", "q", gold=(Gold(section="x"),))]
    rec = {"a": AnswerRecord("k [1]", (Retrieved(R, "x", "u"),), (Retrieved(R, "x", "u"),), False)}
    summary = summarise(run_eval(Scripted(rec), questions, progress=False), questions)
    rules = tmp_path / "t.yaml"
    rules.write_text("hit@5: {min: 0.5}\ncitation_precison: {min: 0.4}\n")  # a typo
    with pytest.raises(EvalError, match="unknown metric 'citation_precison'"):
        check_thresholds(summary, rules)


@pytest.mark.parametrize("name", ["thresholds.yaml", "thresholds-roadmap.yaml"])
def test_both_gates_hold_citation_precision_not_validity(name: str) -> None:
    text = (PROJECT_ROOT / "eval" / name).read_text(encoding="utf-8")
    rules = yaml.safe_load(text)
    assert "citation_precision" in rules and "min" in rules["citation_precision"]
    assert "citation_validity" not in rules
    assert set(rules) <= set(METRICS)


def test_metric_names_are_the_ones_summarise_reports() -> None:
    questions = [Question("a", "factual", "q", gold=(Gold(section="x"),))]
    rec = {"a": AnswerRecord("k", (), (), False)}
    summary = summarise(run_eval(Scripted(rec), questions, progress=False), questions)
    assert tuple(summary["overall"]) == METRICS


@pytest.mark.parametrize(
    "flags",
    [
        ["--gate", "eval/thresholds.yaml"],
        ["--against", "r.json"],
        ["--compare-baseline"],
        ["--questions", "q.yaml"],
        ["--out", "elsewhere"],
    ],
)
def test_eval_learners_refuses_flags_it_would_ignore(
    flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--learners --gate X`` would skip the question gate without a word: refused instead."""
    code = main(["eval", "--learners", *flags])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"does not use {flags[0]}" in err and "Drop --learners" in err


def test_metrics_that_were_not_measured_print_as_a_dash_and_fail_the_gate(
    roadmap_index: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only out-of-scope questions: no retrieval metric exists; nothing may crash on a None."""
    monkeypatch.setenv("ASSISTANT_HOME", str(roadmap_index.home))
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "questions:\n  - {id: o, kind: out_of_scope, question: What is the capital of France}\n"
    )
    gate = tmp_path / "t.yaml"
    gate.write_text("hit@5: {min: 0.5}\ndecline_recall: {min: 1.0}\n")
    args = ["eval", "--questions", str(questions), "--out", str(tmp_path / "r")]
    code = main([*args, "--gate", str(gate)])
    out, err = capsys.readouterr()
    assert "1 questions: hit@5 –, MRR –" in out and "decline recall 1.000" in out
    assert code == 1 and "gate failed: hit@5: not measured" in err
    assert "Traceback" not in err


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@hypothesis_settings(max_examples=150, deadline=None)
def test_any_bytes_as_input_files_give_data_or_an_eval_error(raw: bytes) -> None:
    """Whatever a questions, thresholds or report file holds: a result or ``EvalError``."""
    import tempfile

    from assistant.evaluation.report import load_report, load_thresholds

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f"
        path.write_bytes(raw)
        for load in (load_questions, load_thresholds, load_report):
            try:
                load(path)
            except EvalError as err:
                assert "\n" not in str(err)


YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "question",
                    "kind",
                    "gold",
                    "title",
                    "section",
                    "url",
                    "history",
                    "role",
                    "content",
                    "expect_keywords",
                    "expect_declined",
                    "min",
                    "max",
                    "hit@5",
                    "mrr",
                    "questions",
                    "ours",
                    "summary",
                    "overall",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(YAMLISH)
@hypothesis_settings(max_examples=300, deadline=None)
def test_any_structure_gives_data_or_an_eval_error(data: object) -> None:
    """Well-formed YAML/JSON of any shape: a result or ``EvalError``, never another error."""
    import tempfile

    from assistant.evaluation.report import load_report, load_thresholds

    with tempfile.TemporaryDirectory() as folder:
        as_yaml = Path(folder) / "f.yaml"
        as_yaml.write_text(yaml.safe_dump(data), encoding="utf-8")
        as_json = Path(folder) / "f.json"
        as_json.write_text(json.dumps(data), encoding="utf-8")
        for load, path in (
            (load_questions, as_yaml),
            (load_thresholds, as_yaml),
            (load_report, as_json),
        ):
            try:
                load(path)
            except EvalError as err:
                assert "\n" not in str(err)
