"""The evaluation question set: the YAML schema of ``eval/questions.yaml`` as typed records.

``load_questions`` reads a question file into ``Question`` records with their
gold sources (``Gold``); a malformed file raises ``EvalError`` naming the
entry. Nothing here asks or scores anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import EvalError

KINDS = ("factual", "resources", "page", "followup", "next_step", "out_of_scope")


@dataclass(frozen=True)
class Gold:
    """What makes a source relevant: every given field must match."""

    title: str | None = None
    """Regex searched in the source's title."""
    section: str | None = None
    """Regex searched in the source's section path."""
    url: str | None = None
    """Prefix of the source's URL."""

    def matches(self, title: str, section: str, url: str) -> bool:
        return (
            (self.title is None or re.search(self.title, title) is not None)
            and (self.section is None or re.search(self.section, section) is not None)
            and (self.url is None or url.startswith(self.url))
        )


@dataclass(frozen=True)
class Question:
    """One evaluation question."""

    id: str
    """Unique id."""
    kind: str
    """One of ``KINDS``."""
    question: str
    """What the learner asks."""
    history: tuple[dict[str, str], ...] = ()
    """Earlier turns (``followup``)."""
    gold: tuple[Gold, ...] = ()
    """Relevant sources; a source matching any entry is relevant."""
    expect_keywords: tuple[str, ...] = ()
    """Words the answer must contain (case-insensitive)."""
    expect_declined: bool = False
    """True when the assistant should decline."""


def load_questions(path: Path) -> list[Question]:
    """Questions from a YAML file in the documented schema."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise EvalError(f"Cannot read the question file {path}: {err}") from None
    entries = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise EvalError(f"{path} has no 'questions' list.")
    out: list[Question] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = f"{path.name} entry {i + 1}"
        if not isinstance(entry, dict) or not entry.get("question") or not entry.get("id"):
            raise EvalError(f"{where}: needs at least 'id' and 'question'.")
        kind = entry.get("kind", "factual")
        if kind not in KINDS:
            raise EvalError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}.")
        if entry["id"] in seen:
            raise EvalError(f"{where}: duplicate id {entry['id']!r}.")
        seen.add(entry["id"])
        try:
            gold = tuple(Gold(**g) for g in entry.get("gold") or [])
            history = tuple(
                {"role": str(h["role"]), "content": str(h["content"])}
                for h in entry.get("history") or []
            )
        except (TypeError, KeyError) as err:
            raise EvalError(f"{where}: bad 'gold' or 'history' ({err}).") from None
        out.append(
            Question(
                id=str(entry["id"]),
                kind=kind,
                question=str(entry["question"]),
                history=history,
                gold=gold,
                expect_keywords=tuple(str(k) for k in entry.get("expect_keywords") or []),
                expect_declined=bool(entry.get("expect_declined", kind == "out_of_scope")),
            )
        )
    return out
