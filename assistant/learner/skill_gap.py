"""The skill-gap view: per roadmap step, the topics a learner has covered and those missing.

``skill_gap(profile, roadmap, graph)`` gives one ``StepGap`` per step, in
roadmap order: its state (done, done by implication, partly covered, being
learned, not started), the topics covered, being learned and missing, and
whether the step is on the way to the learner's goal. A step done (marked, all
its required topics done, or implied by a later step) counts all its topics,
except those the learner says they are still learning: the ones shown one by one
as ``covered``, the rest as ``counted`` with the step (a CV that shows working
Python counts Step 1 without showing its libraries).
``describe_gap`` writes it as a Markdown list and ``gap_lines`` as plain text
for the terminal. The counting of done steps is the planner's
(``satisfied_steps``); nothing here plans or stores.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import goal_path, satisfied_steps
from assistant.learner.profile import DEFAULT_GOAL, Profile

#: How each state is shown.
STATE_LABELS = {
    "done": "✓ done",
    "implied": "✓ done (a later step is done)",
    "partial": "◑ partly covered",
    "learning": "◐ learning",
    "not started": "○ not started",
}


@dataclass(frozen=True)
class StepGap:
    """What one step still asks of the learner."""

    step_id: str
    """``step-4``."""
    title: str
    """``Step 4: Deep Learning``."""
    state: str
    """``done``, ``implied``, ``partial``, ``learning`` or ``not started``."""
    covered: tuple[str, ...]
    """Topic names the learner has covered."""
    learning: tuple[str, ...]
    """Topic names the learner is learning."""
    missing: tuple[str, ...]
    """Topic names still to learn."""
    on_path: bool
    """On the way to the learner's specific goal (never for the general goal)."""
    counted: tuple[str, ...] = ()
    """Topic names counted because their whole step is done, not shown one by one."""


def _name(text: str) -> str:
    return text.rstrip(".").strip()


def skill_gap(profile: Profile, roadmap: Roadmap, graph: RoadmapGraph) -> tuple[StepGap, ...]:
    """One ``StepGap`` per roadmap step, in order."""
    done = satisfied_steps(profile, roadmap, graph)
    path = goal_path(graph, profile.goal) if profile.goal != DEFAULT_GOAL else set()
    out = []
    for step in roadmap.steps:
        learning = tuple(_name(t.name) for t in step.topics if profile.level(t.id) == "learning")
        counted: tuple[str, ...] = ()
        covered = tuple(_name(t.name) for t in step.topics if profile.level(t.id) == "done")
        if step.id in done:
            counted = tuple(
                _name(t.name)
                for t in step.topics
                if profile.level(t.id) not in ("done", "learning")
            )
            missing: tuple[str, ...] = ()
            marked = profile.level(step.id) == "done" or all(
                profile.level(t.id) == "done" for t in step.topics if "optional" not in t.id
            )
            state = "done" if marked else "implied"
        else:
            missing = tuple(
                _name(t.name)
                for t in step.topics
                if profile.level(t.id) not in ("done", "learning")
            )
            if profile.level(step.id) == "learning" or learning:
                state = "learning"
            elif covered:
                state = "partial"
            else:
                state = "not started"
        out.append(
            StepGap(
                step.id, step.heading, state, covered, learning, missing, step.id in path, counted
            )
        )
    return tuple(out)


def _parts(gap: StepGap) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (
        ("covered", gap.covered),
        ("counted with the step", gap.counted),
        ("learning", gap.learning),
        ("missing", gap.missing),
    )


def describe_gap(gaps: tuple[StepGap, ...], only_path: bool = False) -> str:
    """The gap view as a Markdown list: per step its state, then the topics covered, being
    learned and missing (narrow enough for a side panel); steps towards the goal marked."""
    lines = []
    for gap in gaps:
        if only_path and not gap.on_path:
            continue
        towards = " · *towards your goal*" if gap.on_path else ""
        lines.append(f"- **{gap.title}** — {STATE_LABELS[gap.state]}{towards}")
        for label, names in _parts(gap):
            if names:
                lines.append(f"    - {label}: {', '.join(names)}")
    return "\n".join(lines)


def gap_lines(gaps: tuple[StepGap, ...]) -> list[str]:
    """The gap view as plain text for the terminal, one block per step."""
    out = []
    for gap in gaps:
        mark = " (on the way to your goal)" if gap.on_path else ""
        out.append(f"{gap.title} — {STATE_LABELS[gap.state]}{mark}")
        for label, names in _parts(gap):
            if names:
                out.append(f"    {label}: {', '.join(names)}")
    return out
