"""A learner's profile and where it is kept: one SQLite record per profile id.

``Profile`` is the typed record the planner reads: the level of each roadmap
step or topic the learner mentioned (``not started`` / ``learning`` /
``done``), a goal track, a background and hours per week (kept within 1–80).
``ProfileStore`` keeps profiles in ``ASSISTANT_HOME/profiles.sqlite3`` (WAL
mode, one row per id, each row versioned). A row that does not parse, has
another version or another id inside is moved to a ``quarantine`` table and
reported with ``ProfileCorruptError``; it is never silently overwritten. A file
SQLite cannot read at all is moved aside under a timestamped name and a new one
is started (``recovered_from`` says where the old one went). ``update`` reads,
changes and writes a profile in one transaction, so the chat and the panel never
lose each other's change. Imports are checked by ``profile_schema``; inferring a
profile from chat text and planning are elsewhere.
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from assistant.errors import ProfileCorruptError, ProfileError
from assistant.learner.profile_schema import (
    DEFAULT_BACKGROUND,
    DEFAULT_GOAL,
    DEFAULT_HOURS,
    LEVELS,
    MAX_HOURS,
    MAX_IMPORT_BYTES,
    MIN_HOURS,
    PROFILE_VERSION,
    Choices,
    bounded_hours,
    check_item,
    check_name,
    check_profile_id,
    read_profile_bytes,
    read_profile_file,
    shown,
)

__all__ = [
    "DEFAULT_BACKGROUND",
    "DEFAULT_GOAL",
    "DEFAULT_HOURS",
    "LEVELS",
    "MAX_HOURS",
    "MAX_IMPORT_BYTES",
    "MIN_HOURS",
    "PROFILE_VERSION",
    "Choices",
    "Profile",
    "ProfileStore",
    "parse_profile",
    "read_profile_bytes",
    "usable_hours",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds a write waits for another writer before ``ProfileError`` says the store is busy.
BUSY_SECONDS = 10.0
#: SQLite's primary result codes for a damaged file and for a file that is not a database.
_DAMAGED = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_RECOVERY = threading.Lock()


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
    """Study time available per week; any finite number is moved into 1–80."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours_per_week", bounded_hours(self.hours_per_week))

    def level(self, item: str) -> str:
        """The level of a step or topic (``not started`` when never mentioned)."""
        return self.progress.get(item, "not started")

    def done_steps(self) -> set[str]:
        """Step ids marked done."""
        return {k for k, v in self.progress.items() if v == "done" and "/" not in k}

    def with_level(self, item: str, level: str) -> Profile:
        """A copy with one item's level changed."""
        check_item(item, level)
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
            check_item(item, level)
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
        """A profile from its stored JSON form; ``ProfileError`` says what is wrong.

        With ``choices`` the goal, background, steps and topics must be among them; without,
        they must at least look like names and ids. Hours per week above 0 are moved into
        1–80 (a stored ``1e-310`` must not break the planner); imports are checked more
        strictly by ``parse_profile``.
        """
        if not isinstance(data, dict):
            raise ProfileError("A profile must be a JSON object.")
        version = data.get("version")
        if type(version) is not int or version != PROFILE_VERSION:
            raise ProfileError(
                f"Profile version {shown(version)} is not supported (expected {PROFILE_VERSION})."
            )
        pid = data.get("id")
        if not isinstance(pid, str) or not pid.strip():
            raise ProfileError("A profile needs a non-empty 'id'.")
        progress = data.get("progress", {})
        if not isinstance(progress, dict):
            raise ProfileError("'progress' must map step or topic ids to levels.")
        for item, level in progress.items():
            check_item(item, level, choices)
        goals, backgrounds = (choices.goals, choices.backgrounds) if choices else (None, None)
        goal = check_name("goal", data.get("goal", DEFAULT_GOAL), goals)
        background = check_name(
            "background", data.get("background", DEFAULT_BACKGROUND), backgrounds
        )
        hours = data.get("hours_per_week", DEFAULT_HOURS)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 100:
            raise ProfileError("'hours_per_week' must be a number between 0 and 100.")
        return cls(pid, dict(progress), goal, background, hours)


def parse_profile(raw: str | bytes, choices: Choices | None = None) -> Profile:
    """The profile in an exported file (bytes or text), checked by ``read_profile_file``."""
    data = read_profile_file(raw, choices)
    return Profile(data.id, dict(data.progress), data.goal, data.background, data.hours_per_week)


def usable_hours(value: object) -> float:
    """Hours per week safe to divide by: within 1–80, ``DEFAULT_HOURS`` when not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return DEFAULT_HOURS
    return min(max(float(value), MIN_HOURS), MAX_HOURS)


class _Unreadable(Exception):
    """SQLite's own check found the file damaged."""


class ProfileStore:
    """Profiles in one SQLite file; safe to use from several threads (a connection per call)."""

    def __init__(self, path: Path, choices: Choices | None = None) -> None:
        self.path = path
        self.choices = choices
        self.recovered_from: Path | None = None
        """Where an unreadable store file was moved (``None``: it never was)."""
        self.recovery_note: str | None = None
        """The one line that tells the learner so."""
        self._told: set[str] = set()
        self._told_lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ProfileError(
                f"The folder for saved profiles, {path.parent}, cannot be created: "
                f"{err.strerror or err}."
            ) from None
        self._run(self._create, None)

    # -- connections ----------------------------------------------------------------------

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS profiles "
            "(id TEXT PRIMARY KEY, version INTEGER, data TEXT NOT NULL, updated REAL)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS quarantine "
            "(id TEXT, version INTEGER, data TEXT, reason TEXT, moved_at REAL)"
        )
        (check,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if check != "ok":
            raise _Unreadable(str(check))

    def _once(self, op: Callable[[sqlite3.Connection], T], begin: str | None) -> T:
        """``op`` on a new connection, inside ``begin`` … COMMIT (closing rolls back on error)."""
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            if begin:
                db.execute(begin)
            result = op(db)
            if begin:
                db.execute("COMMIT")
            return result
        finally:
            db.close()

    def _run(self, op: Callable[[sqlite3.Connection], T], begin: str | None = "BEGIN") -> T:
        """``op`` in a transaction; an unreadable file is moved aside once and ``op`` retried."""
        try:
            return self._once(op, begin)
        except (sqlite3.DatabaseError, _Unreadable) as err:
            if not _damaged(err):
                raise self._unusable(err) from None
            self._move_aside(err)
        try:
            self._once(self._create, None)
            return self._once(op, begin)
        except (sqlite3.DatabaseError, _Unreadable) as err:
            raise self._unusable(err) from None

    def _unusable(self, err: Exception) -> ProfileError:
        return ProfileError(f"The profile store {self.path} cannot be used: {_one_line(err)}.")

    def _move_aside(self, err: Exception) -> None:
        """Rename the unreadable file (and its -wal, -shm) to ``….unreadable-<time>``."""
        reason = _one_line(err)
        with _recovery_lock(self.path):
            if not self._damaged_now():
                return  # another store moved it aside already
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
            n = 1
            while target.exists():
                n += 1
                target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{n}")
            try:
                os.replace(self.path, target)
                for suffix in ("-wal", "-shm"):
                    side = self.path.with_name(self.path.name + suffix)
                    if side.exists():
                        os.replace(side, target.with_name(target.name + suffix))
            except OSError as move:
                raise ProfileError(
                    f"The profile store {self.path} cannot be read ({reason}) and could not be "
                    f"moved aside: {move.strerror or move}."
                ) from None
        self.recovered_from = target
        self.recovery_note = (
            f"The saved profiles could not be read ({reason}); the file was moved to {target} "
            "and a new, empty profile store was started."
        )
        log.info("%s", self.recovery_note)  # the callers tell the learner

    def _damaged_now(self) -> bool:
        try:
            (check,) = self._once(lambda db: db.execute("PRAGMA quick_check(1)").fetchone(), None)
        except (sqlite3.DatabaseError, _Unreadable) as err:
            return _damaged(err)
        return check != "ok"

    # -- rows -----------------------------------------------------------------------------

    def _parse(self, profile_id: str, data: object) -> Profile:
        """A stored row's profile; ``ProfileError`` (or ``ValueError``) when it cannot be used."""
        try:
            loaded = json.loads(data)  # type: ignore[arg-type]
        except RecursionError:
            raise ProfileError("it is nested too deeply") from None
        profile = Profile.from_json(loaded, self.choices)
        if profile.id != profile_id:
            raise ProfileError(f"it has another id inside, {shown(profile.id)}")
        return profile

    def _quarantine(self, db: sqlite3.Connection, profile_id: str, data: object, why: str) -> None:
        """Move the row of ``profile_id`` aside when it still holds ``data``."""
        row = db.execute(
            "SELECT version, data FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is not None and row[1] == data:
            db.execute(
                "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)",
                (profile_id, row[0], data, why, time.time()),
            )
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    def _corrupt(self, profile_id: str, problem: str) -> ProfileCorruptError:
        return ProfileCorruptError(
            f"The saved profile {shown(profile_id)} could not be read ({problem}); it was kept "
            f"aside in {self.path.name} (table quarantine) and a new one will be started."
        )

    def _write(self, db: sqlite3.Connection, profile: Profile) -> None:
        """Save ``profile``; what could not be read back is refused (``ProfileError``)."""
        check_profile_id(profile.id)
        data = json.dumps(profile.to_json(), ensure_ascii=False)
        Profile.from_json(json.loads(data), self.choices)
        db.execute(
            "INSERT INTO profiles VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "version = excluded.version, data = excluded.data, updated = excluded.updated",
            (profile.id, PROFILE_VERSION, data, time.time()),
        )

    # -- public ---------------------------------------------------------------------------

    def recovery_note_for(self, profile_id: str) -> str | None:
        """``recovery_note`` the first time it is asked for ``profile_id`` (each learner is
        told once), else ``None``."""
        with self._told_lock:
            if self.recovery_note is None or profile_id in self._told:
                return None
            self._told.add(profile_id)
            return self.recovery_note

    def journal_mode(self) -> str:
        return self._run(lambda db: str(db.execute("PRAGMA journal_mode").fetchone()[0]), None)

    def get(self, profile_id: str) -> Profile | None:
        """The stored profile, ``None`` if there is none; a bad row is quarantined and reported."""
        check_profile_id(profile_id)
        row = self._run(
            lambda db: db.execute(
                "SELECT version, data FROM profiles WHERE id = ?", (profile_id,)
            ).fetchone()
        )
        if row is None:
            return None
        try:
            return self._parse(profile_id, row[1])
        except (ValueError, TypeError) as err:
            problem = str(err)
        self._run(lambda db: self._quarantine(db, profile_id, row[1], problem), "BEGIN IMMEDIATE")
        raise self._corrupt(profile_id, problem)  # after the quarantine move is committed

    def put(self, profile: Profile) -> None:
        """Save (insert or replace) a profile."""
        self._run(lambda db: self._write(db, profile), "BEGIN IMMEDIATE")

    def update(self, profile_id: str, change: Callable[[Profile], Profile]) -> Profile:
        """Read, ``change`` and save one profile in one transaction; the saved profile.

        No other writer can come in between (``BEGIN IMMEDIATE``), so a change made by the
        chat and one made in the panel at the same time are both kept. A profile that is not
        saved yet starts as ``Profile(profile_id)``; a bad row is quarantined first and
        reported with ``ProfileCorruptError`` (calling again starts afresh). ``change`` may
        be called twice if the file had to be moved aside, so it must not have side effects.
        """
        check_profile_id(profile_id)

        def step(db: sqlite3.Connection) -> Profile | str:
            row = db.execute("SELECT data FROM profiles WHERE id = ?", (profile_id,)).fetchone()
            if row is None:
                current = Profile(profile_id)
            else:
                try:
                    current = self._parse(profile_id, row[0])
                except (ValueError, TypeError) as err:
                    self._quarantine(db, profile_id, row[0], str(err))
                    return str(err)
            changed = change(current)
            if changed.id != profile_id:
                raise ProfileError(f"A change gave profile {shown(profile_id)} another id.")
            self._write(db, changed)
            return changed

        result = self._run(step, "BEGIN IMMEDIATE")
        if isinstance(result, str):
            raise self._corrupt(profile_id, result)
        return result

    def delete(self, profile_id: str) -> bool:
        """Remove a profile; True when there was one."""
        check_profile_id(profile_id)
        return self._run(
            lambda db: db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,)).rowcount > 0,
            "BEGIN IMMEDIATE",
        )

    def quarantined(self, profile_id: str) -> list[str]:
        """Reasons recorded for rows of this id that were kept aside."""
        rows = self._run(
            lambda db: db.execute(
                "SELECT reason FROM quarantine WHERE id = ?", (profile_id,)
            ).fetchall()
        )
        return [r[0] for r in rows]

    def export_json(self, profile_id: str) -> str:
        """The profile as pretty JSON (``ProfileError`` when there is none)."""
        profile = self.get(profile_id)
        if profile is None:
            raise ProfileError(f"There is no saved profile {shown(profile_id)}.")
        return profile.export_text()

    def import_json(self, text: str | bytes, profile_id: str | None = None) -> Profile:
        """Save a profile from an exported file (bytes or text), checked by ``parse_profile``.

        With ``profile_id`` the file becomes that profile (a copy from another browser). But
        a file that names another profile never replaces one already saved under
        ``profile_id``: nothing changes, the file is kept in the quarantine table, and
        ``ProfileError`` says so.
        """
        profile = parse_profile(text, self.choices)
        target = check_profile_id(profile.id if profile_id is None else profile_id)
        refused = (
            f"import of a file that holds profile {shown(profile.id)} refused: "
            f"{shown(target)} already has a saved profile"
        )

        def step(db: sqlite3.Connection) -> Profile | None:
            taken = db.execute("SELECT 1 FROM profiles WHERE id = ?", (target,)).fetchone()
            if profile.id != target and taken is not None:
                db.execute(
                    "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)",
                    (target, PROFILE_VERSION, profile.export_text(), refused, time.time()),
                )
                return None
            saved = replace(profile, id=target)
            self._write(db, saved)
            return saved

        saved = self._run(step, "BEGIN IMMEDIATE")
        if saved is None:
            raise ProfileError(
                f"That file holds the profile {shown(profile.id)}, but {shown(target)} already "
                "has a saved profile, so nothing was changed (the file was kept aside in the "
                f"quarantine table). Delete {shown(target)} first to replace it."
            )
        return saved


def _damaged(err: Exception) -> bool:
    """Whether ``err`` says the file is damaged or not a database (not busy, not read-only)."""
    if isinstance(err, _Unreadable):
        return True
    code = getattr(err, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _DAMAGED


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:160] or type(err).__name__


@contextmanager
def _recovery_lock(path: Path) -> Iterator[None]:
    """One recovery at a time, in this process (a lock) and across processes (a lock file)."""
    with _RECOVERY:
        try:
            handle = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115
        except OSError as err:
            raise ProfileError(
                f"The profile store {path} cannot be read, and {path.parent} is not writable: "
                f"{err.strerror or err}."
            ) from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
