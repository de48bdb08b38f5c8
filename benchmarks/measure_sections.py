"""Which sections the offline answer shows: the measurements behind the thresholds in offline.py.

Asks every question of eval/questions.yaml once (offline, on the index under
ASSISTANT_HOME, built with --mirror / ASSISTANT_MIRROR if missing), keeps the
hits the offline composer sees, then prints:

1. for every candidate section beside the main one (fused score at least
   SCORE_RATIO of the best), whether it is gold, its cosine gain over the main
   section and its BM25 ratio to it, split by how the main section was chosen
   (for the kind asked for, or as the best hit) — the distributions the rule
   is read from;
2. one row per setting (each constant of ``offline.py`` moved on its own):
   citation precision as the eval counts it, keyword recall, and how many
   sources were cited.

Precision and recall are computed as ``assistant/evaluation/metrics.py`` does
(plan answers count with their own citations). Run:
.venv/bin/python benchmarks/measure_sections.py [--mirror ../shared/mirror]
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.answering import offline
from assistant.answering.assistant import OFFLINE_NOTE, Assistant
from assistant.answering.citations import finalise_citations
from assistant.evaluation.questions import Question, load_questions
from assistant.records import Hit
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline

QUESTIONS = PROJECT_ROOT / "eval" / "questions.yaml"
SETTINGS: list[tuple[str, float]] = [
    ("SCORE_RATIO", 0.6),
    ("SCORE_RATIO", 0.8),
    ("SCORE_RATIO", 0.9),
    ("SIMILARITY_SLACK", 0.0),
    ("SIMILARITY_SLACK", 0.02),
    ("SIMILARITY_SLACK", 0.1),
    ("KEYWORD_GAIN", 1.0),
    ("KEYWORD_GAIN", 1.1),
    ("KEYWORD_GAIN", 1.3),
    ("KEYWORD_GAIN", math.inf),
    ("SIMILARITY_GAIN", 0.08),
    ("SIMILARITY_GAIN", 0.1),
    ("SIMILARITY_GAIN", 0.15),
    ("SIMILARITY_GAIN", 0.2),
    ("SIMILARITY_GAIN", math.inf),
    ("KEYWORD_DOMINANCE", 2.0),
    ("KEYWORD_DOMINANCE", math.inf),
]


@dataclass(frozen=True)
class Asked:
    """One question as the assistant answered it."""

    question: Question
    query: str
    """The standalone query that was searched."""
    hits: tuple[Hit, ...]
    """What the offline composer saw (empty for plans and declined questions)."""
    plan: tuple[str, list[tuple[str, str, str]]] | None
    """A plan answer's text and cited (title, section, url), which the composer does not touch."""


def ask_all(bot: Assistant, questions: Sequence[Question]) -> list[Asked]:
    asked = []
    for q in questions:
        answer = bot.ask(q.question, list(q.history))
        if answer.declined:
            continue
        if "plan" in answer.extra:
            cited = [(s.title, s.section, s.url) for s in answer.sources]
            asked.append(Asked(q, answer.query, (), (answer.text, cited)))
            continue
        hits = bot.retriever.retrieve(answer.query, k=bot.k).hits
        asked.append(Asked(q, answer.query, hits, None))
    return asked


def is_gold(q: Question, title: str, section: str, url: str) -> bool:
    return any(g.matches(title, section, url) for g in q.gold)


def score(asked: Sequence[Asked]) -> tuple[float, float, int]:
    """Citation precision, keyword recall and sources cited, as the eval counts them."""
    cited = relevant = 0
    recalls = []
    for a in asked:
        q = a.question
        if a.plan is not None:
            text, sources = a.plan
        else:
            composed = offline.compose_offline(a.query, a.hits, OFFLINE_NOTE)
            text, found = finalise_citations(composed, a.hits)
            sources = [(s.title, s.section, s.url) for s in found]
        if q.gold:
            cited += len(sources)
            relevant += sum(is_gold(q, *s) for s in sources)
        if q.expect_keywords:
            low = text.lower()
            found_words = sum(k.lower() in low for k in q.expect_keywords)
            recalls.append(found_words / len(q.expect_keywords))
    return relevant / cited, statistics.fmean(recalls), cited


@contextmanager
def patched(name: str, value: float) -> Iterator[None]:
    old = getattr(offline, name)
    setattr(offline, name, value)
    try:
        yield
    finally:
        setattr(offline, name, old)


def distributions(asked: Sequence[Asked]) -> None:
    """Candidates beside the main section: gold or not, cosine gain, BM25 ratio."""
    rows: dict[str, list[tuple[bool, float, float, bool]]] = {"kind": [], "best": []}
    for a in asked:
        if not a.hits or not a.question.gold:
            continue
        order = offline.choose_sections(a.query, a.hits)
        main = a.hits[order[0]]
        top = a.hits[0]
        by_kind = any(offline.answers_intent(main, i, top) for i in offline.wanted_intents(a.query))
        for i, h in enumerate(a.hits):
            if i == order[0] or h.score < offline.SCORE_RATIO * top.score:
                continue
            c = h.chunk
            gain = h.similarity - main.similarity
            ratio = h.keyword / main.keyword if main.keyword else float("inf")
            same_page = offline._same_page(h, main)
            rows["kind" if by_kind else "best"].append(
                (is_gold(a.question, c.title, c.section, c.url), gain, ratio, same_page)
            )
    for how, label in (("kind", "chosen for the kind asked for"), ("best", "the best hit")):
        group = rows[how]
        print(f"\nCandidates beside a main section {label}: {len(group)}")
        print("| cosine gain ≥ | BM25 ratio ≥ | sections | gold |")
        print("|---|---|---|---|")
        for gain in (-0.05, 0.0, 0.05, 0.10, 0.12, 0.15, 0.20):
            for ratio in (0.0, 1.0, 1.2, 1.5, 3.0):
                hit = [g for g, dg, r, page in group if not page and dg >= gain and r >= ratio]
                if hit:
                    print(f"| {gain:+.2f} | {ratio:.1f} | {len(hit)} | {sum(hit)} |")
        pages = [g for g, _, _, page in group if page]
        print(f"Other chunks of the main section's page: {len(pages)}, gold {sum(pages)}")
        dominant = sorted(((r, g) for g, _, r, page in group if not page), reverse=True)[:4]
        print("Largest BM25 ratios (ratio, gold):", [(round(r, 2), g) for r, g in dominant])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path)
    args = parser.parse_args()
    enforce_offline()
    settings = Settings.from_env().with_(backend="offline")
    if args.mirror:
        settings = settings.with_(mirror=args.mirror.resolve())
    bot = Assistant.open(settings, progress=False)
    asked = ask_all(bot, load_questions(QUESTIONS))
    distributions(asked)
    print("\n| setting | citation precision | keyword recall | cited |")
    print("|---|---|---|---|")
    p, kw, n = score(asked)
    print(f"| shipped | {p:.3f} | {kw:.3f} | {n} |")
    for name, value in SETTINGS:
        with patched(name, value):
            p, kw, n = score(asked)
        print(f"| {name} = {value:g} | {p:.3f} | {kw:.3f} | {n} |")


if __name__ == "__main__":
    main()
