"""The profile panel's handlers on the real roadmap: form ⇄ profile, save, import, delete."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from assistant.learner.profile import Profile
from assistant.settings import Settings
from assistant.web.profile_panel import (
    MAX_IMPORT_BYTES,
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
