"""The words CVs use that the roadmap does not spell out, read from ``corpus/cv-words.yaml``.

``load_cv_words`` checks the file against the parsed roadmap (every id must be a
step or topic; no word may name two ids, nor contradict the graph file's
aliases) and returns ``CVWords``: tool aliases ("Docker" → MLOps tools and
frameworks), words that say nothing in a CV ("CV", "projects"), phrases to
blank before lookup ("regression testing"), degree subjects that cover a
whole step ("BSc Mathematics" → Step 2) and the words objectives use for a goal
("chest X-rays" → computer vision). ``cv_vocabulary`` is the shared
``Vocabulary`` with those aliases added. A corpus without the file gets empty
``CVWords``. Reading a CV is ``learner/cv_reader.py``'s job; chat messages
never use these words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import GraphError
from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.knowledge.vocabulary import Vocabulary

CV_WORDS_FILE = "cv-words.yaml"
CV_WORDS_VERSION = 1


@dataclass(frozen=True)
class CVWords:
    """What a CV reader knows beyond the shared vocabulary."""

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Step or topic id → words CVs use for it."""
    ignore: frozenset[str] = frozenset()
    """Vocabulary words that name no skill in a CV (lower case)."""
    not_skills: tuple[str, ...] = ()
    """Phrases blanked before lookup, longest first (lower case)."""
    degrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Step id → degree subjects that cover it."""
    goal_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Goal track → words a CV's objective uses for it, beyond the graph file's."""


def build_cv_words(data: Any, roadmap: Roadmap, graph: RoadmapGraph, where: str) -> CVWords:
    """Validate the parsed file against the roadmap and the graph's aliases."""
    if not isinstance(data, dict) or data.get("version") != CV_WORDS_VERSION:
        raise GraphError(f"{where}: expected 'version: {CV_WORDS_VERSION}'.")
    steps = {s.id for s in roadmap.steps}
    items = steps | {t.id for s in roadmap.steps for t in s.topics}
    pinned = {w: item for item, words in graph.aliases.items() for w in words}
    aliases = _words(data, "aliases", where)
    seen: dict[str, str] = {}
    for item, words in aliases.items():
        if item not in items:
            raise GraphError(f"{where}: aliases name {item!r}, which is not a step or topic.")
        for word in words:
            other = seen.get(word) or pinned.get(word)
            if other is not None and other != item:
                raise GraphError(f"{where}: {word!r} names both {other} and {item}.")
            seen[word] = item
    degrees = _words(data, "degrees", where)
    for step in degrees:
        if step not in steps:
            raise GraphError(f"{where}: degrees name {step!r}, which is not a roadmap step.")
    goal_words = _words(data, "goal_words", where)
    for goal in goal_words:
        if goal not in graph.goal_details:
            raise GraphError(f"{where}: goal_words name {goal!r}, which is not a goal track.")
    return CVWords(
        aliases,
        frozenset(_list(data, "ignore", where)),
        tuple(sorted(_list(data, "not_skills", where), key=len, reverse=True)),
        degrees,
        goal_words,
    )


def _list(data: dict[str, Any], key: str, where: str) -> list[str]:
    raw = data.get(key) or []
    if not isinstance(raw, list):
        raise GraphError(f"{where}: '{key}' must be a list of words.")
    return [str(w).lower().strip() for w in raw if str(w).strip()]


def _words(data: dict[str, Any], key: str, where: str) -> dict[str, tuple[str, ...]]:
    raw = data.get(key) or {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise GraphError(f"{where}: '{key}' must map ids to lists of words.")
    return {str(k): tuple(str(w).lower().strip() for w in v) for k, v in raw.items()}


def load_cv_words(corpus_dir: Path, roadmap: Roadmap, graph: RoadmapGraph) -> CVWords:
    """``corpus_dir/cv-words.yaml``, checked; empty ``CVWords`` when the file is absent."""
    path = corpus_dir / CV_WORDS_FILE
    if not path.is_file():
        return CVWords()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise GraphError(f"Cannot read {path}: {err}") from None
    return build_cv_words(data, roadmap, graph, str(path))


def cv_vocabulary(roadmap: Roadmap, graph: RoadmapGraph, words: CVWords) -> Vocabulary:
    """The shared vocabulary plus the CV aliases and goal words (the graph file's own words
    come first)."""
    merged = {item: tuple(ws) for item, ws in graph.aliases.items()}
    for item, ws in words.aliases.items():
        merged[item] = (*merged.get(item, ()), *ws)
    goals = {
        goal: replace(details, words=(*details.words, *words.goal_words.get(goal, ())))
        for goal, details in graph.goal_details.items()
    }
    return Vocabulary(roadmap, replace(graph, aliases=merged, goal_details=goals))
