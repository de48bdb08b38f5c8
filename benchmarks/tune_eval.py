"""Tune retrieval and answer settings with the evaluation runner; prints one row per setting.

Each row changes one knob from the shipped defaults (fusion weights, the roadmap
boost, the decline thresholds, how many chunks the assistant reads, the offline
section ratio) and runs eval/questions.yaml through the offline mode on the
index under ASSISTANT_HOME (built with --mirror / ASSISTANT_MIRROR if missing).
``--chunks`` also re-indexes into temporary homes at other chunk sizes (slow:
about a minute each). Run: .venv/bin/python benchmarks/tune_eval.py [--chunks]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.answering import assistant as answering
from assistant.answering import offline
from assistant.answering.assistant import Assistant
from assistant.evaluation.answerers import AssistantAnswerer
from assistant.evaluation.metrics import run_eval, summarise
from assistant.evaluation.questions import load_questions
from assistant.search import retrieval
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline

QUESTIONS = PROJECT_ROOT / "eval" / "questions.yaml"
KNOBS: list[tuple[str, Any, str, Any]] = [
    ("defaults", None, "", None),
    ("KEYWORD_WEIGHT", retrieval, "KEYWORD_WEIGHT", 0.5),
    ("KEYWORD_WEIGHT", retrieval, "KEYWORD_WEIGHT", 1.5),
    ("ROADMAP_BOOST", retrieval, "ROADMAP_BOOST", 1.0),
    ("ROADMAP_BOOST", retrieval, "ROADMAP_BOOST", 1.6),
    ("RELEVANCE_THRESHOLD", retrieval, "RELEVANCE_THRESHOLD", 0.28),
    ("RELEVANCE_THRESHOLD", retrieval, "RELEVANCE_THRESHOLD", 0.36),
    ("SOFT_RELEVANCE (off)", answering, "SOFT_RELEVANCE_THRESHOLD", 1.0),
    ("SOFT_RELEVANCE", answering, "SOFT_RELEVANCE_THRESHOLD", 0.25),
    ("SCORE_RATIO", offline, "SCORE_RATIO", 0.7),
    ("SCORE_RATIO", offline, "SCORE_RATIO", 0.9),
    ("k (chunks read)", "k", "", 4),
    ("k (chunks read)", "k", "", 8),
]
COLUMNS = ["hit@1", "hit@5", "mrr", "keyword_recall", "decline_recall", "false_decline_rate"]


@contextmanager
def patched(module: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def row(label: str, bot: Assistant, questions: list[Any]) -> str:
    m = summarise(run_eval(AssistantAnswerer(bot), questions, progress=False), questions)
    cells = " | ".join(f"{m['overall'][c]:.3f}" for c in COLUMNS)
    return f"| {label} | {cells} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path)
    parser.add_argument("--chunks", action="store_true", help="also try other chunk sizes")
    args = parser.parse_args()
    enforce_offline()
    settings = Settings.from_env().with_(backend="offline")
    if args.mirror:
        settings = settings.with_(mirror=args.mirror.resolve())
    questions = load_questions(QUESTIONS)
    bot = Assistant.open(settings, progress=False)
    print("| setting | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    default_k = bot.k
    for label, module, name, value in KNOBS:
        if module is None:
            print(row("shipped defaults", bot, questions))
        elif module == "k":
            bot.k = value
            print(row(f"{label} = {value}", bot, questions))
            bot.k = default_k
        else:
            with patched(module, name, value):
                print(row(f"{label} = {value}", bot, questions))
    if args.chunks:
        from assistant import chunking
        from assistant.knowledge.ingest import ingest

        for size, overlap in ((600, 60), (1600, 150)):
            with tempfile.TemporaryDirectory() as tmp:
                home = Path(tmp)
                (home / "models").symlink_to(settings.models_dir, target_is_directory=True)
                other = settings.with_(home=home, index_dir=home / "index")
                with (
                    patched(chunking, "DEFAULT_CHUNK_SIZE", size),
                    patched(chunking, "DEFAULT_CHUNK_OVERLAP", overlap),
                ):
                    ingest(other, bot.embedder, chunk_size=size, chunk_overlap=overlap)
                    tuned = Assistant.open(other, progress=False)
                    print(row(f"chunks {size}/{overlap}", tuned, questions))


if __name__ == "__main__":
    main()
