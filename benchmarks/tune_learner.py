"""Tune the learner reader on the DEV split only: metrics and every failure, printed.

    python benchmarks/tune_learner.py [--no-embedder]

It refuses the held-out split (``load_learner_cases(..., purpose="tuning")``): rules and
thresholds are chosen from dev alone, and held-out is read only by ``roadmap-assistant eval``.
"""

from __future__ import annotations

import argparse
import json

from assistant.evaluation.learners import (
    failures,
    learner_files,
    load_learner_cases,
    offline_learner,
    score_learners,
)
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-embedder", action="store_true", help="goal words only")
    parser.add_argument("--quiet", action="store_true", help="metrics only")
    parser.add_argument("--file", help="one dev file only, e.g. learners-dev2.yaml")
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = None
    if not args.no_embedder:
        enforce_offline()
        from assistant.knowledge.embeddings import SentenceEmbedder

        embedder = SentenceEmbedder(settings)
    read, first = offline_learner(settings.corpus_dir, embedder)
    files = learner_files(PROJECT_ROOT / "eval", "dev")
    if args.file:
        files = [f for f in files if f.name == args.file]
    cases = [c for f in files for c in load_learner_cases(f, "dev", purpose="tuning")]
    metrics, results = score_learners(cases, read, first)
    if not args.quiet:
        for f in failures(results):
            print(f"{f['id']}: {f['message'][:110]}")
            for w in f["wrong"]:
                print(f"    {w}")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
