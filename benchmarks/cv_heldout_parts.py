"""The CV held-out split's metrics per part, as counts only (no CV is listed or shown).

    .venv/bin/python benchmarks/cv_heldout_parts.py

Held-out set 3 (cv-ho-589 .. cv-ho-1716) was written in twelve waves of eight batches of 12
(the last of six), each batch by a fresh helper from the persona brief, all before any rule was
tuned on held-out set 2 (now dev). The gate (``eval --cvs``) is on all of it; this prints each
wave beside the whole, and hedge errors also the earlier way (a topic the reading proposes as
learning still counted against its step's inference), so that the change of definition can be
read.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation.cvs import (  # noqa: E402
    CVResult,
    cv_folder,
    load_cv_cases,
    offline_cv_reader,
    score_cvs,
)
from assistant.knowledge.embeddings import SentenceEmbedder  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402


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
    settings = Settings.from_env()
    read, first, required = offline_cv_reader(settings.corpus_dir, SentenceEmbedder(settings))
    cases = load_cv_cases(cv_folder(PROJECT_ROOT / "eval", "heldout"), "heldout")
    waves = [(589 + 96 * w, min(589 + 96 * w + 95, 1716)) for w in range(12)]
    parts = {
        f"wave {n} (cv-ho-{lo}..{hi})": [c for c in cases if lo <= number(c.id) <= hi]
        for n, (lo, hi) in enumerate(waves, 1)
    }
    parts["all"] = cases
    for name, part in parts.items():
        metrics, results = score_cvs(part, read, first, required)
        metrics["hedge_errors_earlier_way"] = sum(earlier_hedges(r) for r in results)
        metrics["first_step_right"] = f"{sum(r.first_step_ok for r in results)}/{len(results)}"
        print(f"{name}: {metrics}")


if __name__ == "__main__":
    main()
