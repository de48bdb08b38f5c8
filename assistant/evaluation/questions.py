"""The evaluation question set: the YAML schema of ``eval/questions.yaml`` as typed records.

``load_questions`` reads a question file into ``Question`` records with their
gold sources (``Gold``). Every field is checked for its type before anything is
asked: a wrong type, an unknown field (a typo), a gold entry with no field or a
regex that does not compile raises ``EvalError`` naming the file and the entry.
Nothing here asks or scores anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import EvalError
from assistant.evaluation.files import one_line, read_yaml, short_repr

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _GoldEntry(_Strict):
    title: str | None = None
    section: str | None = None
    url: str | None = None

    @field_validator("title", "section")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as err:
                raise ValueError(f"{value!r} is not a valid regular expression ({err})") from None
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> _GoldEntry:
        if self.title is None and self.section is None and self.url is None:
            raise ValueError("a gold entry needs at least one of title, section, url")
        return self


class _Turn(_Strict):
    role: str = Field(pattern="^(user|assistant)$")
    content: str


class _Entry(_Strict):
    id: str = Field(min_length=1)
    kind: str = "factual"
    question: str = Field(min_length=1)
    history: list[_Turn] = []
    gold: list[_GoldEntry] = []
    expect_keywords: list[str] = []
    expect_declined: bool | None = None

    @field_validator("expect_keywords")
    @classmethod
    def _no_blank_keyword(cls, value: list[str]) -> list[str]:
        if any(not k.strip() for k in value):
            raise ValueError("an empty keyword would be found in every answer")
        return value


def _first_problem(err: ValidationError) -> str:
    """``bad 'gold' (gold 1 title: ...)`` from pydantic's first error, on one line."""
    first = err.errors()[0]
    loc = [str(part + 1) if isinstance(part, int) else str(part) for part in first["loc"]]
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field (a typo?)"
    elif "input" in first and first["type"] not in ("value_error", "string_pattern_mismatch"):
        message += f", got {short_repr(first['input'])}"
    field = loc[0] if loc else "entry"
    if len(loc) <= 1:
        return one_line(f"bad '{field}': {message}")
    return one_line(f"bad '{field}' ({' '.join(loc)}: {message})")


def load_questions(path: Path) -> list[Question]:
    """Questions from a YAML file in the documented schema."""
    data = read_yaml(path, "the question file")
    entries = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise EvalError(f"{path} has no 'questions' list.")
    out: list[Question] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = f"{path.name} entry {i + 1}"
        if not isinstance(entry, dict) or not entry.get("question") or not entry.get("id"):
            raise EvalError(f"{where}: needs at least 'id' and 'question'.")
        given = {key: value for key, value in entry.items() if value is not None}
        try:
            parsed = _Entry.model_validate(given)
        except ValidationError as err:
            raise EvalError(f"{where}: {_first_problem(err)}.") from None
        if parsed.kind not in KINDS:
            raise EvalError(f"{where}: kind {parsed.kind!r} is not one of {', '.join(KINDS)}.")
        if parsed.id in seen:
            raise EvalError(f"{where}: duplicate id {parsed.id!r}.")
        seen.add(parsed.id)
        out.append(
            Question(
                id=parsed.id,
                kind=parsed.kind,
                question=parsed.question,
                history=tuple({"role": t.role, "content": t.content} for t in parsed.history),
                gold=tuple(Gold(g.title, g.section, g.url) for g in parsed.gold),
                expect_keywords=tuple(parsed.expect_keywords),
                expect_declined=(
                    parsed.expect_declined
                    if parsed.expect_declined is not None
                    else parsed.kind == "out_of_scope"
                ),
            )
        )
    return out
