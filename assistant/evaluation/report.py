"""Evaluation reports: report.json, report.md with tables, PNG plots, deltas and a gate.

``write_report`` puts everything for one run in ``OUT/<timestamp>/`` and points
``OUT/latest`` at it. The Markdown has the overall metrics (ours beside the
baseline when it ran, and the change since an earlier report with
``--against``), a per-kind table and the failures (question, top retrieved
sections, what was missing). ``load_thresholds`` reads a gate file
(``eval/thresholds.yaml``, ``eval/thresholds-roadmap.yaml``) and refuses an unknown
metric, a non-number or a rule that gates nothing; ``check_thresholds`` compares a
summary with it. ``load_report`` refuses a JSON file that is not a report. No metric
is computed here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.errors import EvalError
from assistant.evaluation.cvs import cv_table
from assistant.evaluation.files import one_line, read_json, read_yaml, short_repr
from assistant.evaluation.learners import learner_table
from assistant.evaluation.metrics import METRICS

#: Metrics shown in the tables, in order, with how to print them.
SHOWN = [
    ("hit@1", "{:.3f}"),
    ("hit@3", "{:.3f}"),
    ("hit@5", "{:.3f}"),
    ("mrr", "{:.3f}"),
    ("ndcg@5", "{:.3f}"),
    ("keyword_recall", "{:.3f}"),
    ("citation_validity", "{:.3f}"),
    ("citation_precision", "{:.3f}"),
    ("unsupported_citations", "{:.0f}"),
    ("decline_precision", "{:.3f}"),
    ("decline_recall", "{:.3f}"),
    ("false_decline_rate", "{:.3f}"),
    ("latency_p50_ms", "{:.1f}"),
    ("latency_p95_ms", "{:.1f}"),
]


def _fmt(value: Any, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def deltas(current: dict[str, Any], earlier: dict[str, Any]) -> dict[str, float]:
    """Overall metric changes since an earlier report.json (ours vs ours)."""
    now = current["ours"]["summary"]["overall"]
    before = earlier.get("ours", {}).get("summary", {}).get("overall", {})
    return {
        key: now[key] - before[key]
        for key, _ in SHOWN
        if isinstance(now.get(key), int | float) and isinstance(before.get(key), int | float)
    }


def load_report(path: Path) -> dict[str, Any]:
    """An earlier report.json (for ``--against``): its overall metrics must be numbers."""
    data = read_json(path, "the earlier report")
    not_report = f"{path} is not a report.json written by roadmap-assistant eval"
    ours = data.get("ours") if isinstance(data, dict) else None
    summary = ours.get("summary") if isinstance(ours, dict) else None
    overall = summary.get("overall") if isinstance(summary, dict) else None
    if not isinstance(overall, dict):
        raise EvalError(f"{not_report} (no ours.summary.overall mapping).")
    for key, value in overall.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise EvalError(f"{not_report} (metric {key!r} is {short_repr(value)}, not a number).")
    return data


class Threshold(BaseModel):
    """One metric's rule in a thresholds file: ``{min: x}``, ``{max: y}`` or both."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    min: float | None = None
    """The gate fails when the metric is below this."""
    max: float | None = None
    """The gate fails when the metric is above this."""

    @model_validator(mode="after")
    def _gates_something(self) -> Threshold:
        if self.min is None and self.max is None:
            raise ValueError("needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


@dataclass(frozen=True)
class Thresholds:
    """A gate file, checked: every name is a metric ``summarise`` reports."""

    path: Path
    """The file the rules came from."""
    rules: dict[str, Threshold]
    """Metric name → its rule, in file order."""


def load_thresholds(path: Path) -> Thresholds:
    """The rules of a thresholds file; anything that would not gate as written is refused."""
    data = read_yaml(path, "the thresholds file")
    shape = "a mapping of metric: {min: x} or {max: y}"
    if data is None:
        raise EvalError(f"The thresholds file {path} has no thresholds ({shape}).")
    if not isinstance(data, dict):
        raise EvalError(f"The thresholds file {path} must be {shape}, not a {type(data).__name__}.")
    rules: dict[str, Threshold] = {}
    for metric, rule in data.items():
        if metric not in METRICS:
            raise EvalError(
                f"The thresholds file {path} names an unknown metric {metric!r} "
                f"(known: {', '.join(METRICS)})."
            )
        if not isinstance(rule, dict):
            raise EvalError(
                f"The thresholds file {path}: {metric} must be {{min: x}} or {{max: y}}, "
                f"not {short_repr(rule)}."
            )
        try:
            rules[metric] = Threshold.model_validate(rule)
        except ValidationError as err:
            first = err.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            if first["type"] == "extra_forbidden":
                message = "unknown key (only min and max)"
            elif "input" in first and first["type"] != "value_error":
                message += f", got {short_repr(first['input'])}"
            where = f"{metric} {field}" if field else metric
            raise EvalError(one_line(f"The thresholds file {path}: {where}: {message}.")) from None
    return Thresholds(path, rules)


def check_thresholds(summary: dict[str, Any], thresholds: Thresholds | Path) -> list[str]:
    """Violations of ``{metric: {min: x} | {max: y}}``; empty when the gate passes."""
    if isinstance(thresholds, Path):
        thresholds = load_thresholds(thresholds)
    overall = summary["overall"]
    problems = []
    for metric, rule in thresholds.rules.items():
        value = overall.get(metric)
        if value is None:
            problems.append(f"{metric}: not measured")
            continue
        if rule.min is not None and value < rule.min:
            problems.append(f"{metric} = {value:.3f} is below the minimum {rule.min}")
        if rule.max is not None and value > rule.max:
            problems.append(f"{metric} = {value:.3f} is above the maximum {rule.max}")
    return problems


def summary_line(overall: dict[str, Any]) -> str:
    """The one-line summary the CLI prints ("–" for what was not measured)."""
    parts = [
        ("hit@5", "hit@5", "{:.3f}"),
        ("MRR", "mrr", "{:.3f}"),
        ("keyword recall", "keyword_recall", "{:.3f}"),
        ("citation precision", "citation_precision", "{:.3f}"),
        ("decline recall", "decline_recall", "{:.3f}"),
        ("false declines", "false_decline_rate", "{:.3f}"),
        ("p50", "latency_p50_ms", "{:.1f} ms"),
    ]
    shown = ", ".join(f"{name} {_fmt(overall.get(key), pattern)}" for name, key, pattern in parts)
    return f"{int(overall['questions'])} questions: {shown}"


def _markdown(report: dict[str, Any]) -> str:
    ours = report["ours"]["summary"]
    base = report.get("baseline")
    delta = report.get("against", {}).get("deltas") if report.get("against") else None
    lines = [
        f"# Evaluation report — {report['created']}",
        "",
        f"- questions: `{report['questions_file']}` ({int(ours['overall']['questions'])})",
        f"- answerer: `{report['ours']['name']}`, k = {report['k']}",
    ]
    if base:
        lines.append(
            f"- baseline: `RecursiveCharacterTextSplitter({base['chunk_size']}, "
            f"{base['chunk_overlap']})` + Chroma similarity top-{report['k']}, same embedder "
            f"and corpus ({base['chunks']} chunks)"
        )
    if report.get("against"):
        lines.append(f"- compared with: `{report['against']['report']}`")
    header = (
        "| metric | ours |" + (" baseline |" if base else "") + (" Δ vs earlier |" if delta else "")
    )
    rule = "|---|---|" + ("---|" if base else "") + ("---|" if delta else "")
    lines += ["", "## Overall", "", header, rule]
    for key, pattern in SHOWN:
        row = f"| {key} | {_fmt(ours['overall'].get(key), pattern)} |"
        if base:
            row += f" {_fmt(base['summary']['overall'].get(key), pattern)} |"
        if delta:
            row += f" {_fmt(delta.get(key), '{:+.3f}')} |"
        lines.append(row)
    lines += [
        "",
        "## Per kind (ours)",
        "",
        "| kind | n | hit@1 | hit@5 | MRR | keyword recall | citation precision | declined |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, m in ours["per_kind"].items():
        declined = (
            m.get("decline_recall") if kind == "out_of_scope" else m.get("false_decline_rate")
        )
        lines.append(
            f"| {kind} | {int(m['questions'])} | {_fmt(m['hit@1'], '{:.3f}')} | "
            f"{_fmt(m['hit@5'], '{:.3f}')} | {_fmt(m['mrr'], '{:.3f}')} | "
            f"{_fmt(m['keyword_recall'], '{:.3f}')} | {_fmt(m['citation_precision'], '{:.3f}')} | "
            f"{_fmt(declined, '{:.3f}')} |"
        )
    lines += ["", "![hit@5 per kind](hit_at_5_per_kind.png)", ""]
    lines += ["![keyword recall per kind](keyword_recall_per_kind.png)", ""]
    lines += ["![latency](latency_histogram.png)", "", "## Failures (ours)", ""]
    fails = report["ours"]["failures"]
    if not fails:
        lines.append("None.")
    for f in fails:
        lines.append(f"- **{f['id']}** ({f['kind']}) — {f['question']}")
        for problem in f["problems"]:
            lines.append(f"  - {problem}")
        if f["retrieved"]:
            lines.append("  - retrieved: " + " · ".join(f["retrieved"]))
    if report.get("gate"):
        lines += ["", "## Gate", ""]
        lines += [f"- {p}" for p in report["gate"]["problems"]] or ["- passed"]
    learners = report.get("learners")
    if learners:
        lines += ["", "## Learner messages (route, reading, plan)", ""]
        lines += learner_table(learners)
        lines += [
            "",
            f"Held-out is written before tuning and never read to choose rules: "
            f"{learners.get('heldout_wrong', 0)} of its messages have a mistake (not listed).",
        ]
        if learners.get("dev_failures"):
            lines += ["", "### Dev messages read wrong", ""]
            for f in learners["dev_failures"]:
                lines.append(f"- `{f['id']}` {f['message'][:120]} — {'; '.join(f['wrong'])}")
    cvs = report.get("cvs")
    if cvs:
        lines += ["", "## CVs (proposed profile, hedges, first step)", "", *cv_table(cvs), ""]
        lines.append(f"Held-out CVs with any mistake: {cvs.get('heldout_wrong', 0)} (not listed).")
        lines += [f"- dev `{f['id']}`: {'; '.join(f['wrong'])}" for f in cvs["dev_failures"]]
    return "\n".join(lines) + "\n"


def _plots(report: dict[str, Any], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ours = report["ours"]["summary"]["per_kind"]
    base = report["baseline"]["summary"]["per_kind"] if report.get("baseline") else None
    for metric, name, title in (
        ("hit@5", "hit_at_5_per_kind.png", "Retrieval hit@5 per kind"),
        ("keyword_recall", "keyword_recall_per_kind.png", "Keyword recall per kind"),
    ):
        kinds = [k for k, m in ours.items() if m.get(metric) is not None]
        fig, ax = plt.subplots(figsize=(7, 3.6), dpi=110)
        width = 0.38 if base else 0.6
        xs = range(len(kinds))
        ax.bar(
            [x - (width / 2 if base else 0) for x in xs],
            [ours[k][metric] for k in kinds],
            width,
            label="ours",
            color="#5a55e0",
        )
        if base:
            ax.bar(
                [x + width / 2 for x in xs],
                [(base.get(k, {}).get(metric) or 0.0) for k in kinds],
                width,
                label="baseline",
                color="#b0b0b8",
            )
            ax.legend(loc="lower right")
        ax.set_xticks(list(xs), kinds, rotation=0, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(folder / name)
        plt.close(fig)
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    ax.hist([1000 * r["seconds"] for r in report["ours"]["results"]], bins=30, color="#5a55e0")
    ax.set_xlabel("answer latency (ms)")
    ax.set_ylabel("questions")
    ax.set_title(f"Latency ({report['ours']['name']})")
    fig.tight_layout()
    fig.savefig(folder / "latency_histogram.png")
    plt.close(fig)


def write_report(report: dict[str, Any], out: Path) -> Path:
    """Write one run's folder under ``out`` and point ``out/latest`` at it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = out / stamp
    n = 1
    while folder.exists():
        n += 1
        folder = out / f"{stamp}-{n}"
    try:
        folder.mkdir(parents=True)
        report = {**report, "created": report.get("created") or stamp}
        (folder / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        _plots(report, folder)
        (folder / "report.md").write_text(_markdown(report), encoding="utf-8")
        latest = out / "latest"
        tmp = out / f".latest-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(folder.name, target_is_directory=True)
        os.replace(tmp, latest)
    except OSError as err:
        raise EvalError(f"Cannot write the report to {folder}: {err.strerror or err}.") from None
    return folder
