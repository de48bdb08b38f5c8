"""Properties of profile import, the one door outside data comes in by.

Whatever arrives (arbitrary bytes, arbitrary text, arbitrary JSON, or a profile with
arbitrary values in its fields), importing it either raises ``ProfileError`` with one
line, or returns a profile inside the bounds: hours 1–80, only the roadmap's step and
topic ids, known levels, goal and background, and a printable id. A profile that was
imported exports to a file that imports again to the same profile.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.errors import ProfileError
from assistant.knowledge.graph import load_roadmap_and_graph
from assistant.learner.profile import (
    LEVELS,
    MAX_HOURS,
    MIN_HOURS,
    Choices,
    Profile,
    ProfileStore,
    parse_profile,
)
from assistant.settings import PROJECT_ROOT

ROADMAP, GRAPH = load_roadmap_and_graph(PROJECT_ROOT / "corpus")
CHOICES = Choices.of(GRAPH, ROADMAP)
ITEMS = sorted({*GRAPH.steps, *(t.id for s in ROADMAP.steps for t in s.topics)})

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
#: Near misses of real values next to the real ones.
IDS = st.one_of(
    st.sampled_from(ITEMS),
    st.sampled_from(["step-0", "step-10", "step-1/", "step-1/x"]),
    st.text(max_size=12),
)
PROFILES = st.fixed_dictionaries(
    {},
    optional={
        "version": st.one_of(st.just(1), JSONISH),
        "id": st.one_of(st.text(max_size=140), JSONISH),
        "progress": st.one_of(
            st.dictionaries(IDS, st.one_of(st.sampled_from(LEVELS), JSONISH), max_size=6),
            JSONISH,
        ),
        "goal": st.one_of(st.sampled_from(CHOICES.goals), JSONISH),
        "background": st.one_of(st.sampled_from(CHOICES.backgrounds), JSONISH),
        "hours_per_week": st.one_of(
            st.floats(allow_nan=True, allow_infinity=True), st.integers(), JSONISH
        ),
        "extra": JSONISH,
    },
)


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # NaN and Infinity are written as such


def check(raw: str | bytes) -> Profile | None:
    """Import ``raw``; the profile when it was accepted (and it keeps every bound)."""
    try:
        profile = parse_profile(raw, CHOICES)
    except ProfileError as err:
        message = str(err)
        assert message and "\n" not in message and len(message) < 400, message
        return None
    assert isinstance(profile.hours_per_week, float) and math.isfinite(profile.hours_per_week)
    assert MIN_HOURS <= profile.hours_per_week <= MAX_HOURS
    assert set(profile.progress) <= set(ITEMS)
    assert set(profile.progress.values()) <= set(LEVELS)
    assert profile.goal in CHOICES.goals and profile.background in CHOICES.backgrounds
    assert profile.id.isprintable() and 1 <= len(profile.id) <= 128
    return profile


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300))
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\xef\xbb\xbf\xef\xbb\xbf{}")
@example(raw=b'{"version": 1, "id": "a", "hours_per_week": 1e-310}')
def test_any_bytes(raw: bytes) -> None:
    check(raw)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
@example(text="\ud800")
@example(text='{"version": 1, "id": "\\ud800"}')
def test_any_text(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(value=JSONISH)
def test_any_json(value: object) -> None:
    check(json_text(value))


@settings(max_examples=500, deadline=None)
@given(data=PROFILES, bom=st.booleans())
@example(data={"version": 1, "id": "a", "hours_per_week": 1e-310}, bom=False)
@example(data={"version": 1, "id": "a", "hours_per_week": 80}, bom=True)
def test_any_profile_shaped_object(data: dict[str, object], bom: bool) -> None:
    text = json_text(data)
    check(("\ufeff" if bom else "") + text)


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(min_value=0, max_value=20_000), opener=st.sampled_from(["[", '{"a":']))
def test_any_nesting_depth(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    check(opener * depth + "1" + closer * depth)
    check(opener * depth)  # unclosed


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ProfileStore:
    """One store for every example (module-scoped: hypothesis runs many examples per test)."""
    return ProfileStore(tmp_path_factory.mktemp("properties") / "profiles.sqlite3", CHOICES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=PROFILES)
@example(data={"version": 1, "id": "a", "progress": {"step-1/libraries": "done"}})
def test_what_is_imported_is_saved_and_exports_to_the_same_profile(
    store: ProfileStore, data: dict[str, object]
) -> None:
    try:
        profile = store.import_json(json_text(data))
    except ProfileError:
        return
    assert check(json_text(data)) == profile
    assert store.get(profile.id) == profile
    again = store.import_json(store.export_json(profile.id).encode("utf-8"))
    assert again == profile
