"""Learner profiles: the typed record, SQLite storage (WAL), isolation, corrupt rows, export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assistant.errors import ProfileCorruptError, ProfileError
from assistant.knowledge.graph import RoadmapGraph
from assistant.learner.profile import PROFILE_VERSION, Choices, Profile, ProfileStore
from assistant.settings import Settings


@pytest.fixture
def store(settings: Settings, graph: RoadmapGraph) -> ProfileStore:
    return ProfileStore(settings.profiles_path, Choices.of(graph))


def test_round_trip_and_persistence_across_a_restart(store: ProfileStore) -> None:
    assert store.journal_mode() == "wal"
    p = Profile("browser-a", goal="nlp", background="software engineer", hours_per_week=5)
    p = p.with_level("step-1", "done").with_level("step-1/libraries", "done")
    p = p.with_level("step-2", "learning")
    store.put(p)
    again = ProfileStore(store.path).get("browser-a")  # a new store: as after an app restart
    assert again == p
    assert again is not None and again.done_steps() == {"step-1"}
    assert again.level("step-2") == "learning" and again.level("step-9") == "not started"


def test_two_profiles_never_see_each_other(store: ProfileStore) -> None:
    store.put(Profile("a", {"step-4": "done"}, goal="computer-vision"))
    store.put(Profile("b", {"step-1": "learning"}, goal="mlops"))
    a, b = store.get("a"), store.get("b")
    assert a is not None and b is not None
    assert (a.progress, a.goal) == ({"step-4": "done"}, "computer-vision")
    assert (b.progress, b.goal) == ({"step-1": "learning"}, "mlops")
    assert store.delete("a") and store.get("a") is None and store.get("b") == b
    assert not store.delete("a")


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        json.dumps({"version": 99, "id": "x"}),
        json.dumps({"version": PROFILE_VERSION, "id": "x", "goal": "astronaut"}),
        json.dumps({"version": PROFILE_VERSION, "id": "x", "progress": {"step-1": "mastered"}}),
    ],
)
def test_corrupt_or_unknown_version_rows_are_kept_aside(store: ProfileStore, raw: str) -> None:
    with sqlite3.connect(store.path) as db:
        db.execute("INSERT INTO profiles VALUES ('x', 1, ?, 0)", (raw,))
    with pytest.raises(ProfileCorruptError, match="kept aside"):
        store.get("x")
    assert len(store.quarantined("x")) == 1  # the bad row is kept, not overwritten
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT data FROM quarantine WHERE id='x'").fetchone()[0] == raw
    assert store.get("x") is None  # a fresh profile can start
    store.put(Profile("x"))
    assert store.get("x") == Profile("x")


def test_export_and_import(store: ProfileStore, tmp_path: Path) -> None:
    store.put(Profile("a", {"step-3": "done"}, goal="mlops", hours_per_week=10))
    text = store.export_json("a")
    assert json.loads(text)["version"] == PROFILE_VERSION
    copy = store.import_json(text, profile_id="b")
    assert copy.id == "b" and copy.progress == {"step-3": "done"} and store.get("b") == copy
    with pytest.raises(ProfileError, match="not valid JSON"):
        store.import_json("{")
    with pytest.raises(ProfileError, match="no saved profile"):
        store.export_json("nobody")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"version": PROFILE_VERSION}, "non-empty 'id'"),
        ({"version": PROFILE_VERSION, "id": "a", "progress": {"python": "done"}}, "not a step"),
        ({"version": PROFILE_VERSION, "id": "a", "background": "pilot"}, "Unknown background"),
        ({"version": PROFILE_VERSION, "id": "a", "hours_per_week": 0}, "between 0 and 100"),
        ({"version": PROFILE_VERSION, "id": "a", "hours_per_week": True}, "between 0 and 100"),
    ],
)
def test_schema_errors_say_what_is_wrong(data: object, message: str, graph: RoadmapGraph) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile.from_json(data, Choices.of(graph))
