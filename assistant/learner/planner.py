"""Plan a learner's next steps on the roadmap, deterministically, with reasons and citations.

``plan_next_steps(profile, roadmap, graph)`` returns the next one to three
steps whose prerequisites are met (``graph.py``), the steps on the way to the
learner's goal first. Each ``PlanStep`` says why now (which prerequisites are
done, the reason on each edge, how it serves the goal), the topics still to
learn (known ones skipped), the step's resources plus linked pages the index
holds for them, a Step 11 project idea from the step's own track (the goal's for
a foundation step), and a time estimate from the hours per week with its
assumption stated. Every step cites its roadmap section; ``describe_plan``
writes it as Markdown whose items join without doubled punctuation.
``phrasing_problem`` checks that a model's wording of a plan kept its steps,
citations and links. Inferring the profile from chat and calling the model are
not done here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Resource, Roadmap, Step
from assistant.learner.profile import DEFAULT_GOAL, Profile, usable_hours
from assistant.records import Source, step_number

#: Most steps suggested at once.
MAX_STEPS = 3
#: Assumed study hours per roadmap topic (stated with every estimate).
HOURS_PER_TOPIC = 10


@dataclass(frozen=True)
class PlanStep:
    """One suggested step."""

    step_id: str
    """``step-6``."""
    title: str
    """The step heading, ``Step 6: Computer Vision``."""
    why: tuple[str, ...]
    """Reasons: prerequisites done (with the edge's reason) and how it serves the goal."""
    topics: tuple[str, ...]
    """Topics still to learn, with their subtopics."""
    resources: tuple[Resource, ...]
    """The step's links, then linked pages the index holds for them."""
    project: str | None
    """The Step 11 idea of the step's own track (steps 5–9), else of the goal (see
    ``project_idea``)."""
    weeks: int
    """Estimated weeks at the learner's hours per week."""
    estimate: str
    """The estimate in words, with its assumption."""
    source: Source
    """The roadmap section this step cites."""


@dataclass(frozen=True)
class Plan:
    """The next steps for one profile."""

    profile_id: str
    """Whose plan."""
    goal: str
    """The goal track it is ordered by."""
    steps: tuple[PlanStep, ...]
    """Best first; empty when every step is done."""
    done: frozenset[str] = frozenset()
    """Steps counted as done: marked, all required topics done, or before a done step."""


def satisfied_steps(profile: Profile, roadmap: Roadmap, graph: RoadmapGraph) -> set[str]:
    """Steps marked done, or whose required topics are all done, and everything a step
    marked done needs.

    Optional topics ("Additional Languages (Optional)") are not required; a learner who
    finished Step 4 has, by the roadmap's order, finished Steps 1–3 as well, except a step
    the learner said they do not know (stored as ``not started``, or one of its topics) or
    are still learning (the step or one of its topics ``learning``).
    """
    denied = {
        item.partition("/")[0] for item, level in profile.progress.items() if level == "not started"
    }
    learning = {  # "still learning pandas": Step 1 is not behind them, whatever comes later
        item.partition("/")[0] for item, level in profile.progress.items() if level == "learning"
    }
    done = set(profile.done_steps())
    for step in roadmap.steps:
        required = [t for t in step.topics if "optional" not in t.id]
        if required and all(profile.level(t.id) == "done" for t in required):
            done.add(step.id)
    # Only a step said done puts its prerequisites behind the learner: knowing every MLOps
    # tool (Docker, Flask, AWS, CI/CD) is not having done machine learning.
    todo, seen = list(profile.done_steps()), set(profile.done_steps())
    while todo:  # everything before a done step, passing over (not adding) a denied one
        for edge in graph.requires(todo.pop()):
            if edge.before not in seen:
                seen.add(edge.before)
                todo.append(edge.before)
                if edge.before not in denied and edge.before not in learning:
                    done.add(edge.before)
    return done - (denied - profile.done_steps())


def goal_path(graph: RoadmapGraph, goal: str) -> set[str]:
    """The goal's steps, everything they need, and the projects step."""
    targets = list(graph.goals.get(goal, graph.goals.get(DEFAULT_GOAL, ())))
    path: set[str] = set()
    while targets:
        step = targets.pop()
        if step in path:
            continue
        path.add(step)
        targets.extend(e.before for e in graph.requires(step))
    return path | {s for s in graph.steps if graph.requires_any(s)}


def step_track(graph: RoadmapGraph, step_id: str) -> str | None:
    """The goal track a specialisation step belongs to (``step-6`` → ``computer-vision``).

    Read from the graph's goals: the one goal, other than the general one, that leads to the
    step. Foundation steps (1–4) and the projects step belong to no single track.
    """
    tracks = [g for g, steps in graph.goals.items() if g != DEFAULT_GOAL and step_id in steps]
    return tracks[0] if len(tracks) == 1 else None


def project_idea(roadmap: Roadmap, graph: RoadmapGraph, step: Step, goal: str) -> str | None:
    """The Step 11 project idea that fits ``step``: its own track's, else the learner's goal's.

    Steps 5–9 each have a track (NLP, computer vision, generative AI, RL, MLOps), and the
    roadmap's "Ideas for Projects" has one idea per track, so a step gets its own track's idea
    whatever the goal. The roadmap has no beginner project, so a foundation step (1–4) gets the
    idea of the goal it leads to, and none for the general goal (no track is chosen yet). The
    projects step itself gets none.
    """
    if step.number == 11:
        return None
    track = step_track(graph, step.id) or goal
    details = graph.goal_details.get(track)
    label = details.project if details else ""
    if not label:
        return None
    return next((i for i in roadmap.project_ideas if i.lower().startswith(label.lower())), None)


def _item(text: str) -> str:
    """One listed item without its closing full stop, so items join cleanly ("cleaning")."""
    return text.strip().rstrip(".;,").rstrip()


def topic_line(name: str, subtopics: tuple[str, ...]) -> str:
    """A topic with its subtopics: ``Unsupervised Learning (Clustering (K-means, DBSCAN), …)``."""
    subs = [_item(sub) for sub in subtopics if _item(sub)]
    return _item(name) + (f" ({', '.join(subs)})" if subs else "")


def _url_base(url: str) -> str:
    """A resource URL as a prefix for pages under it: ``…/tutorial/index.html`` → ``…/tutorial``."""
    return re.sub(r"index\.html?$", "", url).rstrip("/")


def _plan_step(
    step: Step,
    profile: Profile,
    roadmap: Roadmap,
    graph: RoadmapGraph,
    done: set[str],
    on_path: bool,
    pages: Mapping[str, str],
    n: int,
) -> PlanStep:
    why = []
    for edge in graph.requires(step.id):
        before = _item(roadmap.step(step_number(edge.before)).heading)
        why.append(f"You have done {before}. {edge.why}")
    for group in graph.requires_any(step.id):
        finished = [_item(roadmap.step(step_number(s)).heading) for s in group.options if s in done]
        why.append(f"You have done {', '.join(finished)}. {group.why}")
    if not why:
        why.append("It is where the roadmap starts; it needs nothing before it.")
    details = graph.goal_details.get(profile.goal)
    name = details.name if details else profile.goal
    if profile.goal != DEFAULT_GOAL and step.id in graph.goals.get(profile.goal, ()):
        why.append(f"It is the step your goal ({name}) leads to.")
    elif on_path and profile.goal != DEFAULT_GOAL:
        why.append(f"It is on the way to your goal ({name}).")
    topics = tuple(
        topic_line(t.name, t.subtopics) for t in step.topics if profile.level(t.id) != "done"
    )
    linked = tuple(
        Resource(title, url)
        for url, title in pages.items()
        if any(url.startswith(_url_base(r.url)) for r in step.resources)
        and url not in {r.url for r in step.resources}
    )
    resources = (*step.resources, *linked)
    count = max(1, len(topics))
    hours = usable_hours(profile.hours_per_week)  # never divide by 1e-310 (or NaN)
    weeks = max(1, math.ceil(count * HOURS_PER_TOPIC / hours))
    estimate = (
        f"about {weeks} week{'s' if weeks > 1 else ''} at {hours:g} h/week "
        f"(assuming ~{HOURS_PER_TOPIC} h per topic, {count} topic{'s' if count > 1 else ''})"
    )
    url = roadmap.anchor_url(step.anchor)
    snippet = "; ".join(_item(t.name) for t in step.topics) or step.heading
    return PlanStep(
        step.id,
        step.heading,
        tuple(why),
        topics,
        resources,
        project_idea(roadmap, graph, step, profile.goal),
        weeks,
        estimate,
        Source(
            n, roadmap.title, step.heading, url, snippet, 1.0, links=tuple(r.url for r in resources)
        ),
    )


def plan_next_steps(
    profile: Profile,
    roadmap: Roadmap,
    graph: RoadmapGraph,
    pages: Mapping[str, str] | None = None,
) -> Plan:
    """The next 1–3 unlocked steps for ``profile``, ordered by its goal."""
    done = satisfied_steps(profile, roadmap, graph)
    unlocked = graph.unlocked(done)
    projects = {group.after for group in graph.any_of}
    path = goal_path(graph, profile.goal)
    # A gap first (a prerequisite of a step done, or a step said not done: "skipped deep
    # learning"), then carry on from the furthest step done ("finished step 6" → Step 7).
    needed: set[str] = set()
    todo = list(done)
    while todo:
        for edge in graph.requires(todo.pop()):
            if edge.before not in needed:
                needed.add(edge.before)
                todo.append(edge.before)
    furthest = max((graph.steps.index(s) for s in done if s in graph.steps), default=-1)
    needed |= {
        s
        for s, level in profile.progress.items()
        if level == "not started" and s in graph.steps and graph.steps.index(s) < furthest
    }
    targets = set(graph.goals.get(profile.goal, ())) if profile.goal != DEFAULT_GOAL else set()
    toward = goal_path(graph, profile.goal) - projects if targets else set()
    unlocked.sort(
        key=lambda s: (
            s not in needed,
            s not in targets,
            s not in toward,
            graph.steps.index(s) < furthest,
        )
    )
    chosen = [s for s in unlocked if s in path] or unlocked
    steps = []
    for n, step_id in enumerate(chosen[:MAX_STEPS], 1):
        step = roadmap.step(step_number(step_id))
        steps.append(
            _plan_step(step, profile, roadmap, graph, done, step_id in path, pages or {}, n)
        )
    return Plan(profile.id, profile.goal, tuple(steps), frozenset(done))


_MARKER = re.compile(r"\[(\d{1,3})\](?!\()")
_URL = re.compile(r"https?://[^\s)>\]]+")


def phrasing_problem(phrased: str, plan: Plan, computed: str) -> str | None:
    """Why a model's wording of ``plan`` cannot be shown, or ``None`` when it keeps the plan.

    The wording must name every step ("Step 6") in order, keep each step's citation marker,
    cite nothing else, and link only to URLs in the ``computed`` text.
    """
    positions = []
    for step in plan.steps:
        number = step_number(step.step_id)
        found = re.search(rf"\bStep {number}\b", phrased)
        if found is None:
            return f"it left out Step {number}"
        positions.append(found.start())
    if positions != sorted(positions):
        return "it changed the order of the steps"
    cited = {int(m) for m in _MARKER.findall(phrased)}
    wanted = {step.source.n for step in plan.steps}
    if wanted - cited:
        return "it dropped a citation"
    if cited - wanted:
        return "it cited a source that is not in the plan"
    allowed = set(_URL.findall(computed))
    if any(url not in allowed for url in _URL.findall(phrased)):
        return "it added a link that is not in the plan"
    return None


def describe_plan(plan: Plan, understood: str) -> str:
    """The plan as Markdown with a ``[n]`` citation per step (n = the step's source number)."""
    lines = [understood, ""] if understood else []
    if not plan.steps:
        return "\n".join([*lines, "You have done every step of the roadmap. Well done!"])
    lines += ["**Your next steps**", ""]
    for i, step in enumerate(plan.steps, 1):
        lines.append(f"**{i}. {step.title}** [{step.source.n}]")
        lines.append(f"- *Why now:* {' '.join(step.why)}")
        if step.topics:
            lines.append(f"- *To learn:* {'; '.join(step.topics)}")
        if step.resources:
            links = ", ".join(f"[{r.title}]({r.url})" for r in step.resources[:5])
            lines.append(f"- *Resources:* {links}")
        if step.project:
            lines.append(f"- *Project idea (Step 11):* {step.project}")
        lines.append(f"- *Time:* {step.estimate}")
        lines.append("")
    return "\n".join(lines).strip()
