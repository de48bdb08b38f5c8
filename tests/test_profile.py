"""Learner profiles: the typed record, SQLite storage (WAL), isolation, corrupt rows, export."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.errors import ProfileCorruptError, ProfileError
from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import plan_next_steps
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


# -- import is a validated boundary ---------------------------------------------------------


@pytest.fixture
def strict(settings: Settings, roadmap: Roadmap, graph: RoadmapGraph) -> ProfileStore:
    """A store that knows the roadmap's step and topic ids (as the app and the CLI open it)."""
    return ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))


def exported(**fields: object) -> str:
    return json.dumps({"version": PROFILE_VERSION, "id": "a", **fields})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (exported(hours_per_week=1e-310), "hours_per_week"),
        (exported(hours_per_week=0.5), "hours_per_week"),
        (exported(hours_per_week=80.5), "hours_per_week"),
        (exported(hours_per_week=-3), "hours_per_week"),
        (exported(hours_per_week="6"), "hours_per_week"),
        (exported(hours_per_week=None), "hours_per_week"),
        (exported(hours_per_week=False), "hours_per_week"),
        (exported().replace("}", ', "hours_per_week": NaN}'), "not valid JSON"),
        (exported().replace("}", ', "hours_per_week": Infinity}'), "not valid JSON"),
        (exported().replace("}", ', "hours_per_week": 1e999}'), "hours_per_week"),
        (exported(progress={"step-99": "done"}), "'step-99' is not a step or topic"),
        (exported(progress={"step-1/no-such-topic": "done"}), "no-such-topic"),
        (exported(progress={"step-10": "done"}), "'step-10' is not a step or topic"),
        (exported(progress={"python": "done"}), "'python' is not a step or topic"),
        (exported(progress={"step-1": "mastered"}), "Level 'mastered'"),
        (exported(progress=["step-1"]), "progress"),
        (exported(goal="astrology"), "Unknown goal 'astrology'"),
        (exported(background=7), "Unknown background"),
        (exported(id=""), "id"),
        (exported(id="a\nb"), "id"),
        (exported(id="\ud800"), "id"),
        (exported(id="x" * 300), "id"),
        (exported(id=["a"]), "id"),
        (exported(extra=1), "extra"),
        (json.dumps({"version": 2, "id": "a"}), "version 2 is not supported"),
        (json.dumps({"id": "a"}), "version None is not supported"),
    ],
)
def test_import_checks_bounds_and_ids(strict: ProfileStore, text: str, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)) as caught:
        strict.import_json(text)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400
    assert strict.get("a") is None  # nothing was saved


def test_import_accepts_the_bounds_and_a_byte_order_mark(strict: ProfileStore) -> None:
    low = strict.import_json(exported(hours_per_week=1, progress={"step-1/libraries": "done"}))
    assert low.hours_per_week == 1.0 and low.progress == {"step-1/libraries": "done"}
    high = strict.import_json(("\ufeff" + exported(id="b", hours_per_week=80)).encode())
    assert high.id == "b" and high.hours_per_week == 80.0
    text = strict.import_json("\ufeff" + exported(id="c", goal="nlp"))
    assert text.goal == "nlp" and strict.get("c") == text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe{\x00}\x00", "not text"),
        (b'{"version": 1, "id": "a\xe9"}', "UTF-8"),
        (b"", "not valid JSON"),
        (b"   ", "not valid JSON"),
        (b"{not json", "not valid JSON"),
        (b"null", "JSON object"),
        (b"3.5", "JSON object"),
        (b'"a profile"', "JSON object"),
        (b"[]", "JSON object"),
        (b"true", "JSON object"),
        (b"[" * 63_000, "nested"),
        (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "nested"),
        (b"{" + b" " * (256 * 1024) + b"}", "larger than 256 KB"),
        (b"1" * 5_000, "digits"),
        (
            b'{"version": 1, "id": "a", "version": 1, "progress": {"' + b"9" * 5000 + b'": 1}}',
            "not a step",
        ),
    ],
)
def test_hostile_files_give_one_clear_line(strict: ProfileStore, raw: bytes, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)) as caught:
        strict.import_json(raw)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


def test_brackets_inside_strings_do_not_count_as_nesting(strict: ProfileStore) -> None:
    # Only the id's characters are brackets: the file itself is two levels deep.
    with pytest.raises(ProfileError, match="'id'"):
        strict.import_json(exported(id="[" * 200 + "{" * 200 + '\\"' + "]" * 5))
    profile = strict.import_json(exported(id='a[{"\\]'))
    assert profile.id == 'a[{"\\]'


# -- an import never silently replaces another profile ---------------------------------------


def test_an_import_with_another_id_inside_never_replaces_a_saved_profile(
    strict: ProfileStore,
) -> None:
    mine = Profile("browser-x", {"step-1": "done"}, goal="nlp", hours_per_week=4)
    strict.put(mine)
    other = Profile("browser-y", {"step-4": "done"}, goal="mlops").export_text()
    with pytest.raises(ProfileError, match="nothing was changed") as caught:
        strict.import_json(other, profile_id="browser-x")
    assert "'browser-y'" in str(caught.value) and "kept aside" in str(caught.value)
    assert strict.get("browser-x") == mine  # X intact
    (reason,) = strict.quarantined("browser-x")  # the file is kept, not lost
    assert "browser-y" in reason
    # Into an id with no saved profile (another browser) it is a copy; its own id replaces it.
    assert strict.import_json(other, profile_id="browser-z").id == "browser-z"
    same = strict.import_json(mine.export_text().replace('"nlp"', '"mlops"'), "browser-x")
    assert same.goal == "mlops" and strict.get("browser-x") == same


def test_a_row_with_another_id_inside_is_kept_aside(strict: ProfileStore) -> None:
    with sqlite3.connect(strict.path) as db:
        db.execute("INSERT INTO profiles VALUES ('x', 1, ?, 0)", (Profile("y").export_text(),))
    with pytest.raises(ProfileCorruptError, match="kept aside"):
        strict.get("x")
    assert len(strict.quarantined("x")) == 1
    assert strict.get("x") is None and strict.get("y") is None


# -- a stored bad value cannot break planning -------------------------------------------------


def test_a_stored_tiny_hours_value_still_plans(
    strict: ProfileStore, roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    raw = json.dumps({"version": 1, "id": "t", "progress": {}, "hours_per_week": 1e-310})
    with sqlite3.connect(strict.path) as db:
        db.execute("INSERT INTO profiles VALUES ('t', 1, ?, 0)", (raw,))
    stored = strict.get("t")
    assert stored is not None and stored.hours_per_week == 1.0
    (first, *_) = plan_next_steps(stored, roadmap, graph).steps
    assert "at 1 h/week" in first.estimate


def test_the_planner_guards_against_hours_that_escaped_validation(
    roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    for bad in (1e-310, 0.0, -5.0, float("nan"), float("inf"), 1e308):
        profile = Profile("p")
        object.__setattr__(profile, "hours_per_week", bad)  # e.g. built by a future code path
        steps = plan_next_steps(profile, roadmap, graph).steps
        assert steps and all(1 <= s.weeks < 10_000 for s in steps), bad


def test_a_profile_keeps_hours_within_the_bounds() -> None:
    assert Profile("p", hours_per_week=0.25).hours_per_week == 1.0  # "15 min a week" from chat
    assert Profile("p", hours_per_week=100).hours_per_week == 80.0
    for bad in (float("nan"), float("inf"), True, "6"):
        with pytest.raises(ProfileError, match="hours_per_week"):
            Profile("p", hours_per_week=bad)  # type: ignore[arg-type]


# -- an unreadable store file is moved aside ---------------------------------------------------


def test_an_unreadable_store_file_is_moved_aside_and_a_new_one_started(
    settings: Settings, roadmap: Roadmap, graph: RoadmapGraph
) -> None:
    path = settings.profiles_path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00junk, not SQLite\xff" * 300)
    store = ProfileStore(path, Choices.of(graph, roadmap))
    moved = store.recovered_from
    assert moved is not None and moved.read_bytes() == b"\x00junk, not SQLite\xff" * 300
    assert re.fullmatch(r"profiles\.sqlite3\.unreadable-\d{8}-\d{6}(-\d+)?", moved.name)
    assert store.recovery_note is not None and str(moved) in store.recovery_note
    assert "\n" not in store.recovery_note
    assert store.get("a") is None
    store.put(Profile("a", {"step-1": "done"}))
    assert ProfileStore(path).get("a") == Profile("a", {"step-1": "done"})
    assert ProfileStore(path).recovered_from is None  # the new file is fine


@pytest.mark.parametrize("damage", ["half", "header", "random pages"])
def test_a_damaged_sqlite_file_is_moved_aside_too(
    settings: Settings, roadmap: Roadmap, graph: RoadmapGraph, damage: str
) -> None:
    good = ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))
    with sqlite3.connect(good.path) as db:  # 200 profiles: several pages to damage
        rows = [(f"p{i}", Profile(f"p{i}", {"step-1": "done"}).export_text()) for i in range(200)]
        db.executemany("INSERT INTO profiles VALUES (?, 1, ?, 0)", rows)
    with sqlite3.connect(good.path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = good.path.read_bytes()
    cut = {"half": data[: len(data) // 2], "header": data[:100]}
    good.path.write_bytes(cut.get(damage, data[:4096] + bytes(range(256)) * (len(data) // 256)))
    store = ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))
    assert store.recovered_from is not None and store.recovered_from.exists()
    assert store.get("p5") is None
    store.put(Profile("p5"))
    assert store.get("p5") == Profile("p5")


def test_a_store_file_that_breaks_while_in_use_is_moved_aside(strict: ProfileStore) -> None:
    strict.put(Profile("a", {"step-1": "done"}))
    assert strict.recovered_from is None
    for side in strict.path.parent.glob("profiles.sqlite3-*"):
        side.unlink()
    strict.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # a header, then junk
    assert strict.get("a") is None
    assert strict.recovered_from is not None and strict.recovered_from.exists()
    strict.put(Profile("b"))
    assert strict.get("b") == Profile("b")


# -- update is one transaction -----------------------------------------------------------------


def test_update_changes_the_saved_profile_or_starts_one(strict: ProfileStore) -> None:
    strict.put(Profile("u", {"step-1": "done"}))
    updated = strict.update("u", lambda p: p.with_level("step-2", "learning"))
    assert updated == strict.get("u") == Profile("u", {"step-1": "done", "step-2": "learning"})
    assert strict.update("new", lambda p: replace(p, goal="nlp")) == Profile("new", goal="nlp")
    with pytest.raises(ProfileError, match="another id"):
        strict.update("u", lambda p: replace(p, id="v"))
    with pytest.raises(ProfileError, match="Level"):
        strict.update("u", lambda p: p.with_level("step-3", "mastered"))
    assert strict.get("u") == updated and strict.get("v") is None  # a failed change saves nothing


# -- the CLI: profile import / export -----------------------------------------------------------


def cli_store() -> ProfileStore:
    from assistant.knowledge.graph import load_roadmap_and_graph

    settings = Settings.from_env()
    roadmap, graph = load_roadmap_and_graph(settings.corpus_dir)
    return ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_cli_exports_and_imports_a_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    store = cli_store()
    saved = Profile("learner-1", {"step-3": "done"}, goal="mlops", hours_per_week=10)
    store.put(saved)
    assert main(["profile", "export", "learner-1"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == saved.to_json()
    file = tmp_path / "mine.json"
    assert main(["profile", "export", "learner-1", "--out", str(file)]) == 0
    assert json.loads(file.read_text(encoding="utf-8")) == saved.to_json()
    capsys.readouterr()
    assert main(["profile", "import", str(file), "--id", "learner-2"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "'learner-2'" in printed[0] and str(file) in printed[0]
    assert store.get("learner-2") == replace(saved, id="learner-2")
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())  # a BOM, as some editors save
    assert main(["profile", "import", str(file)]) == 0
    assert "'learner-1'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (exported(hours_per_week=1e-310), "hours_per_week"),
        (b"[" * 63_000, "nested"),
        (b"\xff\xfe\x00", "not text"),
        (b"null", "JSON object"),
        (None, "Cannot read"),
        (exported(progress={"step-42": "done"}), "step-42"),
    ],
)
def test_cli_import_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None, message: str
) -> None:
    from assistant.cli import main

    file = tmp_path / "bad.json"
    if content is not None:
        file.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["profile", "import", str(file)]) == 2
    assert message in one_error_line(capsys.readouterr().err)
    assert main(["profile", "import", str(file), "--id", "bad\x00id"]) == 2
    capsys.readouterr()


def test_cli_export_of_a_missing_profile_and_an_unreadable_store(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assistant.cli import main

    assert main(["profile", "export", "nobody"]) == 2
    assert "no saved profile" in one_error_line(capsys.readouterr().err)
    path = Settings.from_env().profiles_path
    path.write_bytes(b"not a database at all " * 50)
    assert main(["profile", "export", "nobody"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "moved to" in err[0] and "unreadable-" in err[0]
    assert err[1].startswith("error: ") and "no saved profile" in err[1]
