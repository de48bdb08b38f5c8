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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import GraphError
from assistant.knowledge.roadmap import Roadmap

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
    pairs = [(e.before, e.after) for e in edges] + [(o, a.after) for a in any_of for o in a.options]
    _check_acyclic(steps, pairs)
    return RoadmapGraph(steps, tuple(edges), tuple(any_of), goals)


def load_graph(corpus_dir: Path, roadmap: Roadmap) -> RoadmapGraph:
    """The graph in ``corpus_dir/roadmap-graph.yaml``, checked against ``roadmap``."""
    path = corpus_dir / GRAPH_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise GraphError(f"Cannot read {path}: {err}") from None
    return build_graph(data, roadmap, str(path))
