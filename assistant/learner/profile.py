"""A learner's profile and where it is kept: one SQLite record per profile id.

``Profile`` is the typed record the planner reads: the level of each roadmap
step or topic the learner mentioned (``not started`` / ``learning`` /
``done``), a goal track, a background and hours per week. ``ProfileStore``
keeps profiles in ``ASSISTANT_HOME/profiles.sqlite3`` (WAL mode, one row per
id, each row versioned). A row that does not parse, or has another version, is
moved to a ``quarantine`` table and reported with ``ProfileCorruptError``; it is
never silently overwritten. Inferring a profile from chat text and planning
are elsewhere.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import ProfileCorruptError, ProfileError
from assistant.knowledge.graph import RoadmapGraph

PROFILE_VERSION = 1
LEVELS = ("not started", "learning", "done")
#: The goal every profile starts with (the graph file's track that leads to every step).
DEFAULT_GOAL = "general"
#: The background of a learner who has not said.
DEFAULT_BACKGROUND = "other"
DEFAULT_HOURS = 6.0
_ITEM = re.compile(r"^step-\d+(/[a-z0-9-]+)?$")
_NAME = re.compile(r"^[a-z][a-z -]{0,39}$")


@dataclass(frozen=True)
class Choices:
    """The goals and backgrounds a profile may name: the roadmap graph file's."""

    goals: tuple[str, ...]
    """Goal track ids."""
    backgrounds: tuple[str, ...]
    """Backgrounds, ``other`` first."""

    @classmethod
    def of(cls, graph: RoadmapGraph) -> Choices:
        """The choices in ``graph`` (``corpus/roadmap-graph.yaml``)."""
        return cls(tuple(graph.goals), (DEFAULT_BACKGROUND, *graph.backgrounds))


@dataclass(frozen=True)
class Profile:
    """What a learner knows and wants."""

    id: str
    """Profile id (the browser keeps its own)."""
    progress: Mapping[str, str] = field(default_factory=dict)
    """Step or topic id (``step-4``, ``step-1/libraries``) → one of ``LEVELS``."""
    goal: str = DEFAULT_GOAL
    """A goal track of the roadmap graph file (``Choices.goals``)."""
    background: str = DEFAULT_BACKGROUND
    """One of the roadmap's audiences (``Choices.backgrounds``)."""
    hours_per_week: float = DEFAULT_HOURS
    """Study time available per week."""

    def level(self, item: str) -> str:
        """The level of a step or topic (``not started`` when never mentioned)."""
        return self.progress.get(item, "not started")

    def done_steps(self) -> set[str]:
        """Step ids marked done."""
        return {k for k, v in self.progress.items() if v == "done" and "/" not in k}

    def with_level(self, item: str, level: str) -> Profile:
        """A copy with one item's level changed."""
        _check_item(item, level)
        return replace(self, progress={**self.progress, item: level})

    def corrected(self, item: str, level: str | None) -> Profile:
        """A learner's correction: ``item`` set to ``level`` (``None`` forgets it).

        A topic that is not done means its step is not done either, so a step marked done
        (perhaps read from "I use Python daily") is forgotten with it.
        """
        progress = dict(self.progress)
        if level is None:
            progress.pop(item, None)
        else:
            _check_item(item, level)
            progress[item] = level
        step = item.partition("/")[0]
        if "/" in item and level != "done" and progress.get(step) == "done":
            del progress[step]
        return replace(self, progress=progress)

    def export_text(self) -> str:
        """The profile as the pretty JSON a learner downloads (and can import again)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": PROFILE_VERSION,
            "id": self.id,
            "progress": dict(sorted(self.progress.items())),
            "goal": self.goal,
            "background": self.background,
            "hours_per_week": self.hours_per_week,
        }

    @classmethod
    def from_json(cls, data: object, choices: Choices | None = None) -> Profile:
        """A profile from its JSON form; ``ProfileError`` says what is wrong.

        With ``choices`` the goal and background must be among them; without, they must at
        least look like names.
        """
        if not isinstance(data, dict):
            raise ProfileError("A profile must be a JSON object.")
        if data.get("version") != PROFILE_VERSION:
            raise ProfileError(
                f"Profile version {data.get('version')!r} is not supported "
                f"(expected {PROFILE_VERSION})."
            )
        pid = data.get("id")
        if not isinstance(pid, str) or not pid.strip():
            raise ProfileError("A profile needs a non-empty 'id'.")
        progress = data.get("progress", {})
        if not isinstance(progress, dict):
            raise ProfileError("'progress' must map step or topic ids to levels.")
        for item, level in progress.items():
            _check_item(item, level)
        goal = data.get("goal", DEFAULT_GOAL)
        background = data.get("background", DEFAULT_BACKGROUND)
        for what, value, allowed in (
            ("goal", goal, choices.goals if choices else None),
            ("background", background, choices.backgrounds if choices else None),
        ):
            if (
                not isinstance(value, str)
                or not _NAME.match(value)
                or (allowed is not None and value not in allowed)
            ):
                listed = f"; use one of: {', '.join(allowed)}" if allowed else ""
                raise ProfileError(f"Unknown {what} {value!r}{listed}.")
        hours = data.get("hours_per_week", DEFAULT_HOURS)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 100:
            raise ProfileError("'hours_per_week' must be a number between 0 and 100.")
        return cls(pid, dict(progress), goal, background, float(hours))


def _check_item(item: object, level: object) -> None:
    if not isinstance(item, str) or not _ITEM.match(item):
        raise ProfileError(f"{item!r} is not a step or topic id (like step-4 or step-1/libraries).")
    if level not in LEVELS:
        raise ProfileError(f"Level {level!r} for {item} is not one of: {', '.join(LEVELS)}.")


class ProfileStore:
    """Profiles in one SQLite file; safe to use from several threads (a connection per call)."""

    def __init__(self, path: Path, choices: Choices | None = None) -> None:
        self.path = path
        self.choices = choices
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS profiles "
                "(id TEXT PRIMARY KEY, version INTEGER, data TEXT NOT NULL, updated REAL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS quarantine "
                "(id TEXT, version INTEGER, data TEXT, reason TEXT, moved_at REAL)"
            )

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def journal_mode(self) -> str:
        with self._connect() as db:
            return str(db.execute("PRAGMA journal_mode").fetchone()[0])

    def get(self, profile_id: str) -> Profile | None:
        """The stored profile, ``None`` if there is none; a bad row is quarantined and reported."""
        problem = None
        with self._connect() as db:
            row = db.execute(
                "SELECT version, data FROM profiles WHERE id = ?", (profile_id,)
            ).fetchone()
            if row is None:
                return None
            version, data = row
            try:
                profile = Profile.from_json(json.loads(data), self.choices)
            except (ValueError, TypeError) as err:
                problem = str(err)
                db.execute(
                    "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)",
                    (profile_id, version, data, problem, time.time()),
                )
                db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))
        if problem is not None:  # raised after the quarantine move is committed
            raise ProfileCorruptError(
                f"The saved profile {profile_id!r} could not be read ({problem}); it was kept "
                f"aside in {self.path.name} (table quarantine) and a new one will be started."
            )
        if profile.id != profile_id:
            raise ProfileCorruptError(f"The saved profile {profile_id!r} has another id inside.")
        return profile

    def put(self, profile: Profile) -> None:
        """Save (insert or replace) a profile."""
        data = json.dumps(profile.to_json(), ensure_ascii=False)
        with self._connect() as db:
            db.execute(
                "INSERT INTO profiles VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "version = excluded.version, data = excluded.data, updated = excluded.updated",
                (profile.id, PROFILE_VERSION, data, time.time()),
            )

    def delete(self, profile_id: str) -> bool:
        """Remove a profile; True when there was one."""
        with self._connect() as db:
            return db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,)).rowcount > 0

    def quarantined(self, profile_id: str) -> list[str]:
        """Reasons recorded for rows of this id that were kept aside."""
        with self._connect() as db:
            rows = db.execute("SELECT reason FROM quarantine WHERE id = ?", (profile_id,))
            return [r[0] for r in rows.fetchall()]

    def export_json(self, profile_id: str) -> str:
        """The profile as pretty JSON (``ProfileError`` when there is none)."""
        profile = self.get(profile_id)
        if profile is None:
            raise ProfileError(f"There is no saved profile {profile_id!r}.")
        return profile.export_text()

    def import_json(self, text: str, profile_id: str | None = None) -> Profile:
        """Save a profile from exported JSON (optionally under another id)."""
        try:
            data = json.loads(text)
        except ValueError as err:
            raise ProfileError(f"The profile file is not valid JSON: {err}") from None
        if profile_id is not None and isinstance(data, dict):
            data = {**data, "id": profile_id}
        profile = Profile.from_json(data, self.choices)
        self.put(profile)
        return profile
