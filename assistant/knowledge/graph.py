"""The roadmap's steps as a graph of prerequisites, read from ``corpus/roadmap-graph.yaml``.

The file is reviewable data: each edge says why one step comes before another,
and an ``any_of`` entry says that one of several steps is enough (Step 11
projects follow any specialisation or MLOps). ``load_graph`` checks every id
against the parsed roadmap, refuses cycles and unknown goals with a
``GraphError`` naming the entry, and returns a ``RoadmapGraph`` that answers
"what is unlocked once these steps are done?". Planning (ordering by goal,
topics, resources) is not done here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import GraphError
from assistant.knowledge.roadmap import Roadmap, load_roadmap

GRAPH_VERSION = 1
GRAPH_FILE = "roadmap-graph.yaml"


@dataclass(frozen=True)
class Edge:
    """``before`` must be done before ``after``."""

    before: str
    """Step id that comes first."""
    after: str
    """Step id that needs it."""
    why: str
    """One line of reasoning, shown to learners."""


@dataclass(frozen=True)
class AnyOf:
    """``after`` needs any one of ``options``."""

    after: str
    """Step id that needs one of the options."""
    options: tuple[str, ...]
    """Step ids; one done is enough."""
    why: str
    """One line of reasoning."""


@dataclass(frozen=True)
class GoalDetails:
    """How a goal track is named."""

    name: str
    """Shown to learners ("computer vision")."""
    project: str
    """The word that starts its Step 11 project idea ("Computer Vision"); empty for none."""
    words: tuple[str, ...]
    """Words that name the goal (lower case)."""


@dataclass(frozen=True)
class RoadmapGraph:
    """Steps in roadmap order with their prerequisites and the goal tracks."""

    steps: tuple[str, ...]
    """Step ids in the order the roadmap lists them."""
    edges: tuple[Edge, ...]
    """All-of prerequisites."""
    any_of: tuple[AnyOf, ...]
    """Any-of prerequisites."""
    goals: Mapping[str, tuple[str, ...]]
    """Goal track name → the steps it leads to."""
    goal_details: Mapping[str, GoalDetails] = field(default_factory=dict)
    """Goal track name → how it is named and the words that name it."""
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Step or topic id → learners' words for it that the roadmap does not spell out."""
    backgrounds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Background (the roadmap's audiences) → words that name it."""
    search_synonyms: Mapping[str, str] = field(default_factory=dict)
    """Abbreviation → words added to keyword search."""
    dense_acronyms: tuple[str, ...] = ()
    """Abbreviations spelled out for the dense query too."""
    core_topics: Mapping[str, str] = field(default_factory=dict)
    """Step id → the topic whose working-level use counts as the whole step."""
    background_hints: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Background → topics it suggests the learner knows (proposed, never applied)."""

    def requires(self, step: str) -> tuple[Edge, ...]:
        """The all-of prerequisites of ``step``."""
        return tuple(e for e in self.edges if e.after == step)

    def requires_any(self, step: str) -> tuple[AnyOf, ...]:
        """The any-of prerequisites of ``step``."""
        return tuple(a for a in self.any_of if a.after == step)

    def missing(self, step: str, done: Iterable[str]) -> list[str]:
        """Prerequisites of ``step`` not yet done (any-of groups listed when none is done)."""
        finished = set(done)
        out = [e.before for e in self.requires(step) if e.before not in finished]
        for group in self.requires_any(step):
            if not finished & set(group.options):
                out.extend(o for o in group.options if o not in out)
        return out

    def unlocked(self, done: Iterable[str]) -> list[str]:
        """Steps not done whose prerequisites are all met, in roadmap order."""
        finished = set(done)
        return [s for s in self.steps if s not in finished and not self.missing(s, finished)]


def _check_acyclic(steps: tuple[str, ...], edges: list[tuple[str, str]]) -> None:
    after: dict[str, list[str]] = {s: [] for s in steps}
    for before, nxt in edges:
        after[before].append(nxt)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == 1:
            cycle = " → ".join([*trail[trail.index(node) :], node])
            raise GraphError(f"The roadmap graph has a cycle: {cycle}")
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in after[node]:
            visit(nxt, [*trail, node])
        state[node] = 2

    for step in steps:
        visit(step, [])


def build_graph(data: Any, roadmap: Roadmap, where: str = GRAPH_FILE) -> RoadmapGraph:
    """Validate parsed YAML against the roadmap."""
    if not isinstance(data, dict) or data.get("version") != GRAPH_VERSION:
        raise GraphError(f"{where}: expected 'version: {GRAPH_VERSION}'.")
    steps = tuple(s.id for s in roadmap.steps)
    known = set(steps)

    def check(step_id: object, entry: str) -> str:
        if step_id not in known:
            raise GraphError(f"{where}: {entry} names {step_id!r}, which is not a roadmap step.")
        return str(step_id)

    edges = []
    for i, raw in enumerate(data.get("edges") or []):
        entry = f"edge {i + 1}"
        if not isinstance(raw, dict) or not raw.get("why"):
            raise GraphError(f"{where}: {entry} needs 'before', 'after' and 'why'.")
        edges.append(
            Edge(check(raw.get("before"), entry), check(raw.get("after"), entry), str(raw["why"]))
        )
    any_of = []
    for i, raw in enumerate(data.get("any_of") or []):
        entry = f"any_of {i + 1}"
        if not isinstance(raw, dict) or not raw.get("why") or not raw.get("after_any"):
            raise GraphError(f"{where}: {entry} needs 'after', 'after_any' and 'why'.")
        options = tuple(check(o, entry) for o in raw["after_any"])
        any_of.append(AnyOf(check(raw.get("after"), entry), options, str(raw["why"])))
    goals: dict[str, tuple[str, ...]] = {}
    for name, targets in (data.get("goals") or {}).items():
        goals[str(name)] = tuple(check(t, f"goal {name!r}") for t in targets or [])
    details = _goal_details(data, where)
    if details and set(goals) != set(details):
        raise GraphError(f"{where}: 'goal_details' must name exactly the goals in 'goals'.")
    items = known | {t.id for s in roadmap.steps for t in s.topics}
    aliases = _words_by_key(data, "aliases", where)
    for item in aliases:
        if item not in items:
            raise GraphError(f"{where}: aliases name {item!r}, which is not a step or topic.")
    hints = _words_by_key(data, "background_hints", where)
    for hinted in hints.values():
        for item in hinted:
            if item not in items:
                raise GraphError(f"{where}: background_hints name {item!r}, not a step or topic.")
    core = {str(k): str(v) for k, v in (data.get("core_topics") or {}).items()}
    for step_id, topic in core.items():
        if step_id not in known or not topic.startswith(step_id + "/") or topic not in items:
            raise GraphError(f"{where}: core_topics {step_id!r} must name one of its own topics.")
    synonyms = data.get("search_synonyms") or {}
    if not isinstance(synonyms, dict):
        raise GraphError(f"{where}: 'search_synonyms' must map words to words.")
    pairs = [(e.before, e.after) for e in edges] + [(o, a.after) for a in any_of for o in a.options]
    _check_acyclic(steps, pairs)
    return RoadmapGraph(
        steps,
        tuple(edges),
        tuple(any_of),
        goals,
        details,
        aliases,
        _words_by_key(data, "backgrounds", where),
        {str(k).lower(): str(v) for k, v in synonyms.items()},
        tuple(str(w).lower() for w in data.get("dense_acronyms") or []),
        core,
        hints,
    )


def _words_by_key(data: dict[str, Any], key: str, where: str) -> dict[str, tuple[str, ...]]:
    """``key: {name: [word, …]}`` as lower-case tuples."""
    raw = data.get(key) or {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise GraphError(f"{where}: '{key}' must map names to lists of words.")
    return {str(k): tuple(str(w).lower() for w in v) for k, v in raw.items()}


def _goal_details(data: dict[str, Any], where: str) -> dict[str, GoalDetails]:
    raw = data.get("goal_details") or {}
    if not isinstance(raw, dict):
        raise GraphError(f"{where}: 'goal_details' must map goals to name, project and words.")
    out = {}
    for goal, entry in raw.items():
        if not isinstance(entry, dict) or not entry.get("name"):
            raise GraphError(f"{where}: goal_details {goal!r} needs a 'name'.")
        words = tuple(str(w).lower() for w in entry.get("words") or [])
        out[str(goal)] = GoalDetails(str(entry["name"]), str(entry.get("project") or ""), words)
    return out


def load_graph(corpus_dir: Path, roadmap: Roadmap) -> RoadmapGraph:
    """The graph in ``corpus_dir/roadmap-graph.yaml``, checked against ``roadmap``."""
    path = corpus_dir / GRAPH_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise GraphError(f"Cannot read {path}: {err}") from None
    return build_graph(data, roadmap, str(path))


def load_roadmap_and_graph(corpus_dir: Path) -> tuple[Roadmap, RoadmapGraph]:
    """The parsed roadmap and its checked graph (``CorpusError`` when either is unreadable)."""
    roadmap = load_roadmap(corpus_dir)
    return roadmap, load_graph(corpus_dir, roadmap)
