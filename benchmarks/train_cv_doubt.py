"""Fit the CV reader's second opinion on "done" (``corpus/cv-doubt.json``) on the dev CVs only.

    .venv/bin/python benchmarks/train_cv_doubt.py [--write] [--max-flip 0.01] [--hidden 128]
        [--skip PREFIX:LO:HI]

Every sentence in which the rules name a step or topic of a dev CV, labelled by that CV's
gold (``learning`` or ``done``), is a training row, unless it is names alone (``has_wording``:
the reader never asks about those); the roadmap's names are blanked (``CVReader.plain``), so
the model judges the wording, not the skill. The threshold is chosen
from out-of-fold scores (folds are whole helper batches of 12 CVs, so a fold's phrasings were
written by people the model has not read): the lowest one at which at most ``--max-flip``
of the sentences the rules read as done, and gold says are done, would be turned into
learning. It prints that trade-off per threshold. ``--skip`` leaves CVs out of training (to
measure on them as if they were new). ``load_cv_cases(..., purpose="tuning")`` refuses the
held-out split, so this script cannot read it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation.cvs import CVCase, cv_folder, load_cv_cases  # noqa: E402
from assistant.knowledge.cv_words import cv_vocabulary, load_cv_words  # noqa: E402
from assistant.knowledge.embeddings import SentenceEmbedder  # noqa: E402
from assistant.knowledge.graph import load_roadmap_and_graph  # noqa: E402
from assistant.learner.cv_doubt import (  # noqa: E402
    DOUBT_FILE,
    DOUBT_VERSION,
    DoubtParams,
    DoubtWeights,
    fit_doubt,
    probability,
)
from assistant.learner.cv_reader import CVReader, has_wording  # noqa: E402
from assistant.learner.cv_text import extract_cv_text  # noqa: E402
from assistant.learner.reader import LearnerReader  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

FOLDS = 10
THRESHOLDS = [round(0.5 + 0.01 * i, 2) for i in range(50)]


def gold_of(case: CVCase, item: str) -> str | None:
    """``learning``/``done`` as the CV's gold says of ``item`` (or of its whole step)."""
    step = item.partition("/")[0]
    for label, ids in (("learning", case.learning), ("done", case.done)):
        if item in ids:
            return label
    for label, ids in (("learning", case.learning), ("done", case.done)):
        if step in ids:
            return label
    return None


def batch_of(case_id: str) -> str:
    """The helper batch a CV came from (12 CVs each): the fold it trains or tests in."""
    prefix, _, number = case_id.rpartition("-")
    return f"{prefix}-{(int(number) - 1) // 12}"


def skipped(case_id: str, ranges: list[str]) -> bool:
    for spec in ranges:
        prefix, lo, hi = spec.split(":")
        if case_id.startswith(prefix) and int(lo) <= int(case_id[len(prefix) :]) <= int(hi):
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write corpus/{DOUBT_FILE}")
    parser.add_argument("--max-flip", type=float, default=0.01)
    parser.add_argument("--hidden", type=int, default=128, help="units of the hidden layer")
    parser.add_argument("--weight-decay", type=float, default=1e-2)
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument(
        "--skip", action="append", default=[], help="PREFIX:LO:HI, e.g. cv-ho-:109:588"
    )
    parser.add_argument("--out", type=Path, help="write the weights here instead")
    args = parser.parse_args()
    settings = Settings.from_env()
    roadmap, graph = load_roadmap_and_graph(settings.corpus_dir)
    words = load_cv_words(settings.corpus_dir, roadmap, graph)
    vocabulary = cv_vocabulary(roadmap, graph, words)
    reader = CVReader(vocabulary, words, LearnerReader(vocabulary))  # the rules alone
    cases = load_cv_cases(cv_folder(PROJECT_ROOT / "eval", "dev"), "dev", purpose="tuning")
    cases = [c for c in cases if not skipped(c.id, args.skip)]

    rows: dict[tuple[str, str, str], tuple[str, bool]] = {}  # (cv, plain, gold) → (rules, sure)
    for case in cases:
        text = extract_cv_text(case.path.read_bytes(), case.path.name).text
        for m in reader.mentions(text):
            label = gold_of(case, m.item)
            if m.inferred or label is None or m.polarity not in ("done", "learning"):
                continue
            if not has_wording(m.plain):  # names alone: the reader never asks about these
                continue
            rows[(case.id, m.plain, label)] = (m.polarity, m.sure)
    keys = sorted(rows)
    embedder = SentenceEmbedder(settings)
    plains = sorted({k[1] for k in keys})
    vector_of = dict(zip(plains, np.asarray(embedder.embed_documents(plains)), strict=True))
    x = np.stack([vector_of[k[1]] for k in keys])
    y = np.array([k[2] == "learning" for k in keys])
    rules_done = np.array([rows[k][0] == "done" for k in keys])
    groups = sorted({batch_of(k[0]) for k in keys})
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    fold = np.array([fold_of[batch_of(k[0])] for k in keys])

    def fit(rows: np.ndarray) -> DoubtParams:
        return fit_doubt(
            x[rows],
            y[rows],
            args.hidden,
            weight_decay=args.weight_decay,
            dropout=args.dropout,
            epochs=args.epochs,
        )

    oof = np.zeros(len(keys))
    for f in range(FOLDS):
        oof[fold == f] = probability(x[fold == f], fit(fold != f))
    sure = np.array([rows[k][1] for k in keys])
    cost = rules_done & ~y & ~sure  # right as done, and open to the second opinion
    print(
        f"{len(cases)} dev CVs, {len(keys)} sentences ({int(y.sum())} learning), "
        f"{len(groups)} batches in {FOLDS} folds; out-of-fold:"
    )
    print("threshold  done→learning flips (of gold-done the rules read done)  learning caught")
    chosen = None
    for t in THRESHOLDS:
        flips = float((oof[cost] >= t).mean())
        caught = float((oof[y] >= t).mean())
        if chosen is None and flips <= args.max_flip:
            chosen = t
        if int(round(t * 100)) % 5 == 0 or t == chosen:
            mark = "  ← chosen" if t == chosen else ""
            print(
                f"  {t:.2f}     {flips:.4f} ({int((oof[cost] >= t).sum())})"
                f"        {caught:.3f}{mark}"
            )
    if chosen is None:
        raise SystemExit(f"No threshold keeps the flips at or under {args.max_flip}.")
    params = fit(np.ones(len(keys), dtype=bool))
    weights = DoubtWeights(
        version=DOUBT_VERSION,
        model=settings.embedding_model.rpartition("/")[2],
        dimension=x.shape[1],
        hidden=args.hidden,
        packed=params.packed(),
        threshold=chosen,
        trained_on=(
            f"{len(cases)} dev CVs of eval/cvs/dev, {len(keys)} sentences "
            f"({int(y.sum())} learning); {args.hidden} hidden units, weight decay "
            f"{args.weight_decay}, dropout {args.dropout}, {args.epochs} epochs; threshold "
            f"out-of-fold, at most {args.max_flip:.1%} done sentences flipped"
        ),
    )
    out = args.out or (settings.corpus_dir / DOUBT_FILE if args.write else None)
    if out is not None:
        out.write_text(json.dumps(weights.model_dump(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out} (threshold {chosen})")


if __name__ == "__main__":
    main()
