"""Print the CV reader's metrics and mistakes on the dev split (never the held-out one).

    .venv/bin/python benchmarks/tune_cv.py [--show ID] [--rules-only]

Rules and words are tuned on what this prints; ``load_cv_cases(..., purpose="tuning")``
refuses the held-out split, so this script cannot read it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation.cvs import (  # noqa: E402
    cv_failures,
    cv_folder,
    load_cv_cases,
    offline_cv_reader,
    score_cvs,
)
from assistant.knowledge.embeddings import SentenceEmbedder  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", help="print the whole reading of one dev CV")
    parser.add_argument("--rules-only", action="store_true", help="no second opinion (cv_doubt)")
    args = parser.parse_args()
    settings = Settings.from_env()
    read, first, required = offline_cv_reader(
        settings.corpus_dir, SentenceEmbedder(settings), doubt=not args.rules_only
    )
    cases = load_cv_cases(cv_folder(PROJECT_ROOT / "eval", "dev"), "dev", purpose="tuning")
    metrics, results = score_cvs(cases, read, first, required)
    print(metrics)
    for failure in cv_failures(results):
        print(f"- {failure['id']}: " + "; ".join(failure["wrong"]))
    for r in results:
        if r.case.id == args.show:
            for item in r.reading.items:
                flag = " (inferred)" if item.inferred else ""
                print(f"  {item.polarity:9} {item.id}{flag} ← {item.evidence}")
            print(f"  goal {r.reading.goal} ← {r.reading.goal_evidence}")


if __name__ == "__main__":
    main()
