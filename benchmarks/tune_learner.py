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
    plan_first_step,
    score_learners,
)
from assistant.knowledge.graph import load_graph
from assistant.knowledge.roadmap import load_roadmap
from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.planner import plan_next_steps
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-embedder", action="store_true", help="goal words only")
    parser.add_argument("--quiet", action="store_true", help="metrics only")
    parser.add_argument("--file", help="one dev file only, e.g. learners-dev2.yaml")
    args = parser.parse_args()
    settings = Settings.from_env()
    roadmap = load_roadmap(settings.corpus_dir)
    graph = load_graph(settings.corpus_dir, roadmap)
    embedder = None
    if not args.no_embedder:
        enforce_offline()
        from assistant.knowledge.embeddings import SentenceEmbedder

        embedder = SentenceEmbedder(settings)
    reader = LearnerReader(Vocabulary(roadmap, graph), embedder)
    files = learner_files(PROJECT_ROOT / "eval", "dev")
    if args.file:
        files = [f for f in files if f.name == args.file]
    cases = [c for f in files for c in load_learner_cases(f, "dev", purpose="tuning")]
    first = plan_first_step(lambda p: plan_next_steps(p, roadmap, graph), apply_statement)
    metrics, results = score_learners(cases, reader.read, first)
    if not args.quiet:
        for f in failures(results):
            print(f"{f['id']}: {f['message'][:110]}")
            for w in f["wrong"]:
                print(f"    {w}")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
