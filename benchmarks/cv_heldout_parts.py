"""The CV held-out split's metrics per part, as counts only (no CV is listed or shown).

    .venv/bin/python benchmarks/cv_heldout_parts.py [--rules-only]

The held-out split holds five sets, each written batch by batch (12 CVs a batch, a fresh
helper each) from the persona brief before the reader was tuned on anything that came after
them: set 3 (cv-ho-589 .. cv-ho-1716, twelve waves of 96, the last of 72), set 4 (cv-ho-1717 ..
cv-ho-2196, five parts of 96), set 5 (cv-ho-2197 .. cv-ho-2436), set 6 (cv-ho-2437 ..
cv-ho-2676) and set 7 (cv-ho-2677 .. cv-ho-2916), each in two parts of 96 and one of 48. The
gate (``eval --cvs``) is on all of it; this prints each set, each wave or part, and the whole,
with hedge errors also the earlier way (a topic the reading proposes as learning still
counted against its step's inference).
``--rules-only`` reads without the second opinion (``cv_doubt``), to show what it changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation.cvs import (  # noqa: E402
    CVCase,
    CVResult,
    cv_folder,
    load_cv_cases,
    offline_cv_reader,
    score_cvs,
)
from assistant.knowledge.embeddings import SentenceEmbedder  # noqa: E402
from assistant.learner.cv_reading import CVReading  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

#: (set, first id, last id, what its pieces of 96 are called)
SETS = (
    (3, 589, 1716, "wave"),
    (4, 1717, 2196, "part"),
    (5, 2197, 2436, "part"),
    (6, 2437, 2676, "part"),
    (7, 2677, 2916, "part"),
)


def earlier_hedges(result: CVResult) -> int:
    """Hedge errors as first defined: a gold-learning topic under a step read as done."""
    done = set(result.reading.ids("done"))
    case = result.case
    return sum(
        1
        for item in case.learning
        if item in done
        or (
            "/" in item
            and item.partition("/")[0] in done
            and item.partition("/")[0] not in case.done
        )
    )


def number(case_id: str) -> int:
    """``cv-ho-117`` → 117."""
    return int(case_id.rsplit("-", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rules-only", action="store_true", help="no second opinion")
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = SentenceEmbedder(settings)
    reader, first, required = offline_cv_reader(
        settings.corpus_dir, embedder, doubt=not args.rules_only
    )
    readings: dict[str, CVReading] = {}  # each CV is read once, though it is in two rows

    def read(case: CVCase) -> CVReading:
        if case.id not in readings:
            readings[case.id] = reader(case)
        return readings[case.id]

    cases = load_cv_cases(cv_folder(PROJECT_ROOT / "eval", "heldout"), "heldout")

    def between(lo: int, hi: int) -> list[CVCase]:
        return [c for c in cases if lo <= number(c.id) <= hi]

    parts: dict[str, list[CVCase]] = {}
    for set_no, first_id, last_id, piece in SETS:
        parts[f"set {set_no} (cv-ho-{first_id}..{last_id})"] = between(first_id, last_id)
        for n, lo in enumerate(range(first_id, last_id + 1, 96), 1):
            hi = min(lo + 95, last_id)
            parts[f"  set {set_no} {piece} {n} (cv-ho-{lo}..{hi})"] = between(lo, hi)
    parts["all"] = cases
    for name, part in parts.items():
        metrics, results = score_cvs(part, read, first, required)
        metrics["hedge_errors_earlier_way"] = sum(earlier_hedges(r) for r in results)
        metrics["first_step_right"] = f"{sum(r.first_step_ok for r in results)}/{len(results)}"
        print(f"{name}: {metrics}")


if __name__ == "__main__":
    main()
