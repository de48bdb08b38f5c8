"""The profile panel's handlers on the real roadmap: form ⇄ profile, save, import, delete."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.learner.profile import MAX_IMPORT_BYTES, Profile
from assistant.settings import Settings
from assistant.web.profile_panel import (
    ProfilePanel,
    new_profile_id,
    valid_profile_id,
)


@pytest.fixture
def panel(settings: Settings) -> ProfilePanel:
    return ProfilePanel(settings, _roadmap(settings))


def _roadmap(settings: Settings) -> Any:
    from assistant.knowledge.roadmap import load_roadmap

    return load_roadmap(settings.corpus_dir)


def form(panel: ProfilePanel, profile: Profile) -> list[Any]:
    return panel.form_values(profile)


def unpack(panel: ProfilePanel, out: list[Any]) -> dict[str, Any]:
    """Name the values of a full ``outputs`` list."""
    n = len(panel.roadmap.steps) * 2 + 3
    pid, values, shown = out[0], out[1 : 1 + n], out[1 + n :]
    return {"id": pid, "form": values, "plan": shown[0], "picture": shown[1], "file": shown[2]}


def test_first_visit_gets_an_unguessable_id_and_the_beginner_plan(panel: ProfilePanel) -> None:
    first = unpack(panel, panel.load(None))
    second = unpack(panel, panel.load("not-an-id-we-made"))
    assert valid_profile_id(first["id"]) and valid_profile_id(second["id"])
    assert first["id"] != second["id"] and len(first["id"]) >= 30
    assert "**1. Step 1: Programming Fundamentals** [\\[1\\]](" in first["plan"]
    assert "Done:** nothing yet" in first["plan"]
    assert 'data-step="step-1" data-state="next"' in first["picture"]
    assert first["form"][:3] == ["general", "other", 6.0]


def test_refresh_after_an_answer_needs_an_id(panel: ProfilePanel) -> None:
    skipped = panel.refresh(None)  # an API client without a browser profile
    assert len(skipped) == 1 + 3 + 2 * len(panel.roadmap.steps) + 3 + 1  # + the checklist
    assert all(v == {"__type__": "update"} for v in skipped)  # gr.skip(): left as shown
    pid = new_profile_id()
    panel.store.put(Profile(pid, {"step-3": "done"}, goal="mlops"))
    assert "1. Step 9: MLOps and AI Deployment" in unpack(panel, panel.refresh(pid))["plan"]


def test_saving_the_form_persists_and_replans(panel: ProfilePanel, settings: Settings) -> None:
    pid = new_profile_id()
    values = form(panel, Profile(pid))
    values[0] = "computer-vision"
    step4 = [s.id for s in panel.roadmap.steps].index("step-4")
    values[3 + 2 * step4] = "done"
    plan, picture, file = panel.save(pid, *values)
    assert "**1. Step 6: Computer Vision**" in plan
    assert "Done:** Step 1, Step 2, Step 3, Step 4" in plan
    assert 'data-step="step-6" data-state="next"' in picture
    exported = json.loads(Path(file).read_text(encoding="utf-8"))
    assert exported["progress"] == {"step-4": "done"} and exported["goal"] == "computer-vision"
    # A new panel over the same file (an app restart) shows the same profile.
    again = unpack(ProfilePanel(settings, panel.roadmap), panel.load(pid))
    assert again["form"][0] == "computer-vision" and again["form"][3 + 2 * step4] == "done"


def test_ticked_topics_are_saved_and_learning_topics_survive(panel: ProfilePanel) -> None:
    pid = new_profile_id()
    panel.store.put(Profile(pid, {"step-2/calculus": "learning"}))
    values = form(panel, panel.current(pid))
    values[4] = ["step-1/python-basics", "step-1/libraries"]  # Step 1's topic checklist
    panel.save(pid, *values)
    saved = panel.store.get(pid)
    assert saved is not None
    assert saved.progress == {
        "step-1/python-basics": "done",
        "step-1/libraries": "done",
        "step-2/calculus": "learning",
    }


def test_export_then_import_into_another_browser(panel: ProfilePanel, tmp_path: Path) -> None:
    a, b = new_profile_id(), new_profile_id()
    panel.store.put(Profile(a, {"step-3": "done"}, goal="mlops", hours_per_week=10))
    file = unpack(panel, panel.load(a))["file"]
    out = unpack(panel, panel.import_file(b, file))
    assert out["id"] == b
    assert "**1. Step 9: MLOps and AI Deployment**" in out["plan"]
    imported = panel.store.get(b)
    assert imported is not None and imported.id == b and imported.goal == "mlops"
    assert panel.store.get(a) == Profile(a, {"step-3": "done"}, "mlops", "other", 10.0)


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        (b"\x00\xff\xfe junk", "not text"),
        (b"{not json", "not valid JSON"),
        (b'{"version": 9, "id": "x"}', "version 9 is not supported"),
        (b'{"version": 1, "id": "x", "goal": "astrology"}', "Unknown goal"),
        (b" " * (MAX_IMPORT_BYTES + 1), "larger than"),
        (b'{"version": 1, "id": "x", "hours_per_week": 1e-310}', "hours_per_week"),
        (b'{"version": 1, "id": "x", "progress": {"step-99": "done"}}', "step-99"),
        (b"[" * 63_000, "nested"),
        (b"null", "JSON object"),
    ],
)
def test_a_bad_import_warns_and_changes_nothing(
    panel: ProfilePanel, tmp_path: Path, content: bytes, warning: str
) -> None:
    pid = new_profile_id()
    panel.store.put(Profile(pid, {"step-1": "done"}, goal="nlp"))
    path = tmp_path / "upload.json"
    path.write_bytes(content)
    with pytest.warns(UserWarning, match=warning):
        out = panel.import_file(pid, str(path))
    assert len(out) == 1 + 3 + 2 * len(panel.roadmap.steps) + 3 + 1  # + the checklist
    assert panel.store.get(pid) == Profile(pid, {"step-1": "done"}, goal="nlp")


def test_delete_forgets_the_profile_and_starts_over(panel: ProfilePanel) -> None:
    pid = new_profile_id()
    panel.store.put(Profile(pid, {"step-4": "done"}))
    out = unpack(panel, panel.delete(pid))
    assert panel.store.get(pid) is None
    assert out["id"] == pid and "**1. Step 1: Programming Fundamentals**" in out["plan"]


def test_a_corrupt_record_warns_is_kept_aside_and_a_new_profile_starts(
    panel: ProfilePanel,
) -> None:
    pid = new_profile_id()
    with sqlite3.connect(panel.store.path) as db:
        db.execute("INSERT INTO profiles VALUES (?, 1, ?, 0)", (pid, "{truncated"))
    with pytest.warns(UserWarning, match="kept aside"):
        out = unpack(panel, panel.load(pid))
    assert out["id"] == pid and "Step 1: Programming Fundamentals" in out["plan"]
    assert len(panel.store.quarantined(pid)) == 1


def test_two_browsers_never_see_each_other(panel: ProfilePanel) -> None:
    a, b = new_profile_id(), new_profile_id()
    values = form(panel, Profile(a))
    values[0] = "reinforcement-learning"
    panel.save(a, *values)
    assert unpack(panel, panel.load(b))["form"][0] == "general"
    assert unpack(panel, panel.load(a))["form"][0] == "reinforcement-learning"


def test_unticking_a_misread_item_corrects_the_profile_and_the_plan(
    offline_bot: Any, settings: Settings
) -> None:
    panel = ProfilePanel(offline_bot.settings, _roadmap(settings), lambda: offline_bot)
    pid = new_profile_id()
    offline_bot.ask("I write Python every day and my goal is NLP. What next?", profile_id=pid)
    shown = panel.understood(pid)
    assert shown["visible"] is True
    labels = dict(shown["choices"])
    assert set(labels.values()) == {"done|step-1/python-basics", "done|step-1"}
    assert any("you use Python at a working level" in label for label in labels)
    assert "**1. Step 2: Mathematics for AI**" in panel.load(pid)[-4]
    # Python is not really known: untick both readings.
    out = panel.correct(pid, [])
    plan, understood = out[-4], out[-1]
    assert "**1. Step 1: Programming Fundamentals**" in plan
    assert understood["visible"] is False
    saved = panel.store.get(pid)
    assert saved is not None and saved.level("step-1/python-basics") == "not started"
    assert saved.level("step-1") == "not started"


def test_an_exported_file_with_a_byte_order_mark_imports(
    panel: ProfilePanel, tmp_path: Path
) -> None:
    pid = new_profile_id()
    path = tmp_path / "bom.json"
    text = Profile("browser-elsewhere", {"step-2": "done"}, goal="nlp").export_text()
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Profile not imported" warning
        out = unpack(panel, panel.import_file(pid, str(path)))
    assert out["id"] == pid and "Step 2" in out["plan"]
    assert panel.store.get(pid) == Profile(pid, {"step-2": "done"}, goal="nlp")


def test_an_import_never_replaces_this_browsers_other_profile(
    panel: ProfilePanel, tmp_path: Path
) -> None:
    pid = new_profile_id()
    mine = Profile(pid, {"step-1": "done"}, goal="nlp")
    panel.store.put(mine)
    path = tmp_path / "other.json"
    path.write_text(Profile(new_profile_id(), {"step-6": "done"}).export_text(), "utf-8")
    with pytest.warns(UserWarning, match="nothing was changed"):
        out = panel.import_file(pid, str(path))
    assert all(v == {"__type__": "update"} for v in out)
    assert panel.store.get(pid) == mine and len(panel.store.quarantined(pid)) == 1


def test_a_stored_tiny_hours_value_does_not_break_the_page(panel: ProfilePanel) -> None:
    pid = new_profile_id()
    raw = json.dumps({"version": 1, "id": pid, "progress": {}, "hours_per_week": 1e-310})
    with sqlite3.connect(panel.store.path) as db:
        db.execute("INSERT INTO profiles VALUES (?, 1, ?, 0)", (pid, raw))
    out = unpack(panel, panel.load(pid))
    assert "**1 h/week**" in out["plan"] and "at 1 h/week" in out["plan"]
    assert out["form"][2] == 1.0


def test_an_unreadable_store_file_is_moved_aside_and_the_page_says_where(
    settings: Settings,
) -> None:
    settings.profiles_path.parent.mkdir(parents=True)
    settings.profiles_path.write_bytes(b"these bytes are not SQLite " * 40)
    panel = ProfilePanel(settings, _roadmap(settings))
    moved = panel.store.recovered_from
    assert moved is not None and moved.read_bytes() == b"these bytes are not SQLite " * 40
    pid = new_profile_id()
    with pytest.warns(UserWarning, match=f"moved to {re.escape(str(moved))}"):
        out = unpack(panel, panel.load(pid))
    assert "Step 1: Programming Fundamentals" in out["plan"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # told once per browser, not on every load
        panel.load(pid)
    panel.save(pid, *form(panel, Profile(pid, goal="nlp")))
    assert panel.store.get(pid) == Profile(pid, goal="nlp")


# -- chat and panel change one profile at the same time --------------------------------------


@pytest.fixture
def rendezvous(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], threading.Barrier]:
    """Make two threads both read a profile's row before either goes on (when they can).

    Every SQLite connection opened during the test reports its statements; the first
    ``SELECT … FROM profiles`` of the given id in each thread waits (at most 1.5 s) until the
    other thread reaches its own. Code that reads and writes in one transaction cannot be
    held that way (the second thread waits for the lock instead), so the wait runs out.
    """
    connect = sqlite3.connect
    barrier = threading.Barrier(2, timeout=1.5)
    watched: list[str] = []
    waited: set[int] = set()

    def trace(sql: str) -> None:
        me = threading.get_ident()
        if watched and "FROM profiles WHERE id" in sql and watched[0] in sql and me not in waited:
            waited.add(me)
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.set_trace_callback(trace)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)

    def watch(profile_id: str) -> threading.Barrier:
        watched.append(profile_id)
        return barrier

    return watch


def both(*calls: Callable[[], Any]) -> None:
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            call()
        except BaseException as err:  # re-raised below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors


def test_chat_and_panel_changes_at_the_same_time_are_both_kept(
    offline_bot: Any, settings: Settings, rendezvous: Callable[[str], threading.Barrier]
) -> None:
    panel = ProfilePanel(offline_bot.settings, _roadmap(settings), lambda: offline_bot)
    pid = new_profile_id()
    panel.store.put(Profile(pid, {"step-1": "done"}))
    values = form(panel, Profile(pid, {"step-1": "done"}))
    values[0] = "nlp"  # the learner picks a goal in the panel...
    rendezvous(pid)
    both(
        lambda: offline_bot.ask(
            "I am learning calculus. What next?", profile_id=pid
        ),  # ...and chats
        lambda: panel.save(pid, *values),
    )
    saved = panel.store.get(pid)
    assert saved is not None
    assert (saved.goal, saved.level("step-2/calculus"), saved.level("step-1")) == (
        "nlp",
        "learning",
        "done",
    )


def test_a_panel_field_change_keeps_what_the_chat_just_saved(
    offline_bot: Any, settings: Settings, rendezvous: Callable[[str], threading.Barrier]
) -> None:
    panel = ProfilePanel(offline_bot.settings, _roadmap(settings), lambda: offline_bot)
    pid = new_profile_id()
    values = form(panel, Profile(pid))  # the form as shown before the answer came back
    values[2] = 12  # hours per week
    rendezvous(pid)
    both(
        lambda: offline_bot.ask("I finished step 1, what next?", profile_id=pid),
        lambda: panel.save_field("hours", pid, *values),
    )
    saved = panel.store.get(pid)
    assert saved is not None and saved.hours_per_week == 12.0 and saved.level("step-1") == "done"
    # Later field changes keep it too: the form still shows Step 1 as not started.
    values[0] = "mlops"
    panel.save_field("goal", pid, *values)
    again = panel.store.get(pid)
    assert again == Profile(pid, {"step-1": "done"}, goal="mlops", hours_per_week=12.0)


def test_exports_are_private_to_this_user_and_never_in_shared_tmp(
    panel: ProfilePanel, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They used to go to /tmp/roadmap-assistant-exports/… as 0644 files anyone could read."""
    from assistant.settings import private_files

    path = Path(panel.export_file(Profile("browser-1")))
    assert path.is_relative_to(settings.home / "files" / "exports")
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    for folder in (path.parent, path.parent.parent):
        assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert json.loads(path.read_text())["id"] == "browser-1"
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    folder = private_files(settings)  # what `serve` does before Gradio starts
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    import os

    assert os.environ["GRADIO_TEMP_DIR"] == str(folder / "gradio")  # Gradio's copies too


def test_saves_at_the_same_moment_each_write_a_whole_export_file(panel: ProfilePanel) -> None:
    """Two form changes at once used to share one ".tmp" name: one rename found it gone
    (FileNotFoundError, seen in a browser test). Each write now has its own."""
    from concurrent.futures import ThreadPoolExecutor

    profile = Profile("race-0123456789abcdef")
    with ThreadPoolExecutor(8) as pool:
        paths = list(pool.map(lambda _: panel.export_file(profile), range(64)))
    path = Path(paths[0])
    assert set(paths) == {str(path)}
    assert json.loads(path.read_text(encoding="utf-8"))["id"] == profile.id
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
