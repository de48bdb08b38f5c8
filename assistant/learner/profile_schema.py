"""What a profile may hold, and the checked door an exported profile file comes back in by.

``Choices`` names what a profile may refer to (the roadmap graph's goals and
backgrounds, its step ids and the roadmap's topic ids). ``read_profile_file``
turns the bytes or text of an exported file into a ``ProfileFile`` (a pydantic
model with bounds) or raises ``ProfileError`` with one line: the size and the
nesting depth are checked before ``json.loads`` runs, a UTF-8 byte order mark is
accepted, and hours per week must lie in 1–80. The ``Profile`` record, storing
it and planning are elsewhere (``profile.py``, ``planner.py``).
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from assistant.errors import ProfileError
from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap

PROFILE_VERSION = 1
LEVELS = ("not started", "learning", "done")
Level = Literal["not started", "learning", "done"]
#: The goal every profile starts with (the graph file's track that leads to every step).
DEFAULT_GOAL = "general"
#: The background of a learner who has not said.
DEFAULT_BACKGROUND = "other"
DEFAULT_HOURS = 6.0
#: Hours per week a profile may hold (a value outside is refused on import, clamped elsewhere).
MIN_HOURS = 1.0
MAX_HOURS = 80.0
#: Largest profile file accepted for import (an export is about 1 KB).
MAX_IMPORT_BYTES = 256 * 1024
#: Deepest nesting of ``[`` and ``{`` accepted (an export is two levels deep).
MAX_DEPTH = 16
#: Longest profile id.
MAX_ID_CHARS = 128
_ITEM = re.compile(r"^step-\d+(/[a-z0-9-]+)?$")
_NAME = re.compile(r"^[a-z][a-z -]{0,39}$")
_STRUCTURE = re.compile(r'[\[\]{}"\\]')
_PLAIN = re.compile(r"^[\w./ -]{1,40}$")


@dataclass(frozen=True)
class Choices:
    """What a profile may name: the graph file's goals and backgrounds, the roadmap's ids."""

    goals: tuple[str, ...]
    """Goal track ids."""
    backgrounds: tuple[str, ...]
    """Backgrounds, ``other`` first."""
    steps: tuple[str, ...] = ()
    """Step ids (empty: any id that looks like a step)."""
    topics: frozenset[str] | None = None
    """Topic ids (``None``: any topic id of a known step that looks like one)."""

    @classmethod
    def of(cls, graph: RoadmapGraph, roadmap: Roadmap | None = None) -> Choices:
        """The choices in ``graph`` (``corpus/roadmap-graph.yaml``), with ``roadmap``'s topics."""
        topics = frozenset(t.id for s in roadmap.steps for t in s.topics) if roadmap else None
        return cls(
            tuple(graph.goals), (DEFAULT_BACKGROUND, *graph.backgrounds), tuple(graph.steps), topics
        )

    def knows(self, item: str) -> bool:
        """Whether ``item`` (already shaped like ``step-4`` or ``step-1/libraries``) exists."""
        step, _, topic = item.partition("/")
        if self.steps and step not in self.steps:
            return False
        return not topic or self.topics is None or item in self.topics


def shown(value: object, limit: int = 40) -> str:
    """``value`` for a one-line message: its repr, cut short (a hostile file may hold anything)."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + "…"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def check_item(item: object, level: object, choices: Choices | None = None) -> None:
    """``ProfileError`` unless ``item`` is a step or topic id (one of ``choices``) at a level."""
    if not isinstance(item, str) or not _ITEM.match(item):
        raise ProfileError(
            f"{shown(item)} is not a step or topic id (like step-4 or step-1/libraries)."
        )
    if choices is not None and not choices.knows(item):
        raise ProfileError(f"{shown(item)} is not a step or topic of the roadmap.")
    if level not in LEVELS:
        raise ProfileError(f"Level {shown(level)} for {item} is not one of: {', '.join(LEVELS)}.")


def check_name(what: str, value: object, allowed: tuple[str, ...] | None) -> str:
    """``value`` when it names a goal or background (one of ``allowed`` when given)."""
    if (
        not isinstance(value, str)
        or not _NAME.match(value)
        or (allowed is not None and value not in allowed)
    ):
        listed = f"; use one of: {', '.join(allowed)}" if allowed else ""
        raise ProfileError(f"Unknown {what} {shown(value)}{listed}.")
    return value


def check_profile_id(value: object) -> str:
    """``value`` when it can be a profile id: 1–128 printable characters, not all spaces."""
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= MAX_ID_CHARS
        or not value.strip()
        or not value.isprintable()
    ):
        raise ProfileError(
            f"The profile 'id' must be 1 to {MAX_ID_CHARS} printable characters, "
            f"not {shown(value)}."
        )
    return value


def check_hours(value: object) -> float:
    """``value`` as hours per week when it is a number from 1 to 80."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not MIN_HOURS <= value <= MAX_HOURS
    ):
        raise ProfileError(
            f"'hours_per_week' must be a number of hours from {MIN_HOURS:g} to {MAX_HOURS:g}, "
            f"not {shown(value)}."
        )
    return float(value)


def bounded_hours(value: object) -> float:
    """Finite hours per week moved into 1–80 (``ProfileError`` when not a finite number)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProfileError(f"'hours_per_week' must be a number of hours, not {shown(value)}.")
    return min(max(float(value), MIN_HOURS), MAX_HOURS)


class ProfileFile(BaseModel):
    """An exported profile as it is read back: the schema every import is checked against."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    version: Literal[1]
    """``PROFILE_VERSION``."""
    id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    """The profile's own id (an import may save it under another)."""
    progress: dict[str, Level] = Field(default_factory=dict)
    """Step or topic ids of the roadmap → one of ``LEVELS``."""
    goal: str = DEFAULT_GOAL
    """One of ``Choices.goals``."""
    background: str = DEFAULT_BACKGROUND
    """One of ``Choices.backgrounds``."""
    hours_per_week: float = Field(
        default=DEFAULT_HOURS, ge=MIN_HOURS, le=MAX_HOURS, allow_inf_nan=False
    )
    """Study time per week, 1–80."""

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: object) -> str:
        return check_profile_id(value)

    @field_validator("progress", mode="before")
    @classmethod
    def _progress(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, dict):
            for item, level in value.items():
                check_item(item, level, _choices(info))
        return value

    @field_validator("goal", mode="before")
    @classmethod
    def _goal(cls, value: object, info: ValidationInfo) -> str:
        choices = _choices(info)
        return check_name("goal", value, choices.goals if choices else None)

    @field_validator("background", mode="before")
    @classmethod
    def _background(cls, value: object, info: ValidationInfo) -> str:
        choices = _choices(info)
        return check_name("background", value, choices.backgrounds if choices else None)

    @field_validator("hours_per_week", mode="before")
    @classmethod
    def _hours(cls, value: object) -> float:
        return check_hours(value)


def _choices(info: ValidationInfo) -> Choices | None:
    context = info.context if isinstance(info.context, dict) else {}
    choices = context.get("choices")
    return choices if isinstance(choices, Choices) else None


def read_profile_file(raw: str | bytes, choices: Choices | None = None) -> ProfileFile:
    """The profile in an exported file's bytes (or text), checked; else ``ProfileError``."""
    too_big = ProfileError(
        f"That file is larger than {MAX_IMPORT_BYTES // 1024} KB; it is not an exported profile."
    )
    if isinstance(raw, bytes):
        if len(raw) > MAX_IMPORT_BYTES:
            raise too_big
        try:
            text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError:
            raise ProfileError(
                "That file is not text (an exported profile is UTF-8 JSON); "
                "choose a roadmap-profile.json exported here."
            ) from None
    else:
        if (
            len(raw) > MAX_IMPORT_BYTES
            or len(raw.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES
        ):
            raise too_big
        text = raw.removeprefix("\ufeff")
    _check_depth(text)
    data = _loads(text)
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string", bool: "true or false"}.get(type(data), "a number")
        raise ProfileError(
            f"A profile must be a JSON object, not {'null' if data is None else kind}."
        )
    version = data.get("version")
    if type(version) is not int or version != PROFILE_VERSION:
        raise ProfileError(
            f"Profile version {shown(version)} is not supported (expected {PROFILE_VERSION})."
        )
    try:
        return ProfileFile.model_validate(data, context={"choices": choices})
    except ValidationError as err:
        raise ProfileError(_problem(err)) from None


def read_profile_bytes(path: Path) -> bytes:
    """The start of the file at ``path``: one byte more than is allowed, enough to refuse it."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as err:
        raise ProfileError(f"Cannot read {shown(str(path), 200)}: {err.strerror or err}.") from None


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` (brackets inside strings do not count).

    ``json.loads`` recurses once per level, so 63,000 ``[`` would raise ``RecursionError``.
    """
    depth, in_string, escaped_at = 0, False, -1
    for match in _STRUCTURE.finditer(text):
        char, at = match.group(), match.start()
        if at == escaped_at:
            continue
        if in_string:
            if char == "\\":
                escaped_at = at + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ProfileError(
                    f"That file is nested more than {MAX_DEPTH} levels deep; "
                    "it is not an exported profile."
                )
        elif char in "]}":
            depth -= 1


def _loads(text: str) -> Any:
    def no_constant(name: str) -> Any:
        raise ProfileError(f"The profile file is not valid JSON: {name} is not a number.")

    def small_int(digits: str) -> int:
        if len(digits) > 30:
            raise ProfileError("The profile file has a number with too many digits.")
        return int(digits)

    try:
        return json.loads(text, parse_constant=no_constant, parse_int=small_int)
    except json.JSONDecodeError as err:
        raise ProfileError(
            f"The profile file is not valid JSON: {err.msg} "
            f"(line {err.lineno}, column {err.colno})."
        ) from None


def _problem(err: ValidationError) -> str:
    """The first problem pydantic found, as one line (our own messages as they are)."""
    problems = err.errors(include_url=False, include_context=False, include_input=False)
    first = problems[0]
    message = str(first["msg"])
    more = f" ({len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
    more = more if len(problems) > 1 else ""
    if message.startswith("Value error, "):
        return message.removeprefix("Value error, ") + more
    where = ".".join(
        p if isinstance(p, str) and _PLAIN.match(p) else shown(p) for p in first["loc"]
    )
    return f"'{where}': {message}{more}" if where else message + more
