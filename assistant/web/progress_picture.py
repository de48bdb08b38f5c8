"""The learner's progress as a picture: the roadmap's steps as a graph, coloured by state.

``progress_svg(roadmap, graph, profile, plan)`` draws every step as a box,
top to bottom in prerequisite order (a step sits on the row just above the
first step that needs it, so Step 9 sits beside the specialisations it leads
to alongside), with arrows for the edges of ``corpus/roadmap-graph.yaml``
(dashed where any one prerequisite is enough). Each box is coloured as done,
done by implication (a later step is done), learning, next (in the plan,
numbered) or not started, and shows how many of its topics are done. The SVG
is self-contained, scales to its container, carries a text description for
screen readers and a tooltip per step. Deciding the states is the planner's
job; this module only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from assistant.knowledge.graph import RoadmapGraph
from assistant.knowledge.roadmap import Roadmap, Step
from assistant.learner.planner import Plan
from assistant.learner.profile import Profile

WIDTH = 500
BOX_W, BOX_H = 94, 62
ROW_H = 88
TOP = 12
LEGEND_H = 46
#: State → (fill, stroke, text colour, words for the legend and tooltips).
STYLES = {
    "done": ("#16a34a", "#15803d", "#ffffff", "done"),
    "implied": ("#bbf7d0", "#16a34a", "#14532d", "done (implied)"),
    "learning": ("#fde68a", "#d97706", "#78350f", "learning"),
    "next": ("#dbeafe", "#2563eb", "#1e3a8a", "next"),
    "todo": ("#f3f4f6", "#9ca3af", "#374151", "not started"),
}


#: Names too long for a box.
SHORT_NAMES = {
    "Mathematics for AI": "Mathematics",
    "Machine Learning Basics": "Machine Learning",
    "Natural Language Processing": "NLP",
    "MLOps and AI Deployment": "MLOps & Deployment",
}


@dataclass(frozen=True)
class Node:
    """One step's box."""

    step: Step
    state: str
    """A key of ``STYLES``."""
    rank: int
    """Position in the plan (1–3), 0 when not suggested."""
    topics_done: int
    x: float
    y: float


def step_states(roadmap: Roadmap, profile: Profile, plan: Plan) -> dict[str, tuple[str, int]]:
    """Step id → (state, rank in the plan); see ``STYLES`` for the states."""
    ranks = {s.step_id: i for i, s in enumerate(plan.steps, 1)}
    states = {}
    for step in roadmap.steps:
        level = profile.level(step.id)
        if level == "done":
            state = "done"
        elif step.id in plan.done:
            state = "implied"
        elif step.id in ranks:
            state = "next"
        elif level == "learning" or any(profile.level(t.id) != "not started" for t in step.topics):
            state = "learning"
        else:
            state = "todo"
        states[step.id] = (state, ranks.get(step.id, 0))
    return states


def layers(graph: RoadmapGraph) -> dict[str, int]:
    """Row of each step: as late as possible, so a step sits just above what needs it."""
    after: dict[str, set[str]] = {s: set() for s in graph.steps}
    for edge in graph.edges:
        after[edge.before].add(edge.after)
    for group in graph.any_of:
        for option in group.options:
            after[option].add(group.after)
    below: dict[str, int] = {}

    def height(step: str) -> int:  # longest path from ``step`` down to a last step
        if step not in below:
            below[step] = 1 + max((height(n) for n in after[step]), default=-1)
        return below[step]

    deepest = max(height(s) for s in graph.steps)
    return {s: deepest - height(s) for s in graph.steps}


def _wrap(text: str, width: int = 12) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [line if len(line) <= width + 2 else line[: width + 1] + "…" for line in lines]


def _short_name(step: Step) -> str:
    name = step.title.split("(")[0].strip()
    return SHORT_NAMES.get(name, name)


def _nodes(
    roadmap: Roadmap, graph: RoadmapGraph, profile: Profile, states: dict[str, tuple[str, int]]
) -> list[Node]:
    rows = layers(graph)
    nodes = []
    for row in sorted(set(rows.values())):
        steps = [s for s in roadmap.steps if rows.get(s.id) == row]
        gap = (WIDTH - len(steps) * BOX_W) / (len(steps) + 1)
        for i, step in enumerate(steps):
            state, rank = states[step.id]
            done = sum(1 for t in step.topics if profile.level(t.id) == "done")
            x = gap + i * (BOX_W + gap)
            nodes.append(Node(step, state, rank, done, x, TOP + row * ROW_H))
    return nodes


def describe_progress(roadmap: Roadmap, profile: Profile, plan: Plan) -> str:
    """The picture in words (its accessible description)."""
    return _describe(roadmap, step_states(roadmap, profile, plan))


def _describe(roadmap: Roadmap, states: dict[str, tuple[str, int]]) -> str:
    parts = []
    for step in roadmap.steps:
        state, rank = states[step.id]
        words = STYLES[state][3] + (f" {rank}" if rank else "")
        parts.append(f"Step {step.number} {_short_name(step)}: {words}")
    return "; ".join(parts) + "."


def progress_svg(roadmap: Roadmap, graph: RoadmapGraph, profile: Profile, plan: Plan) -> str:
    """The roadmap steps as an SVG graph with done / learning / next highlighted."""
    states = step_states(roadmap, profile, plan)
    nodes = _nodes(roadmap, graph, profile, states)
    by_id = {n.step.id: n for n in nodes}
    height = max(n.y for n in nodes) + BOX_H + 16 + LEGEND_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="progress-title progress-desc" '
        f'class="progress-picture" font-family="system-ui, sans-serif">',
        '<title id="progress-title">Your progress on the AI Engineer Roadmap</title>',
        f'<desc id="progress-desc">{escape(_describe(roadmap, states))}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#6b7280"/></marker></defs>',
    ]
    links = [(e.before, e.after, False) for e in graph.edges]
    links += [(o, g.after, True) for g in graph.any_of for o in g.options]
    for before, after, dashed in links:
        a, b = by_id[before], by_id[after]
        done = a.state in ("done", "implied")
        colour = "#16a34a" if done else "#9ca3af"
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        out.append(
            f'<line x1="{a.x + BOX_W / 2:.1f}" y1="{a.y + BOX_H:.1f}" x2="{b.x + BOX_W / 2:.1f}" '
            f'y2="{b.y - 2:.1f}" stroke="{colour}" stroke-width="1.5"{dash} '
            f'marker-end="url(#arrow)"/>'
        )
    for node in nodes:
        out.append(_box(node))
    out.append(_legend(height - LEGEND_H + 14))
    out.append("</svg>")
    return "".join(out)


def _box(node: Node) -> str:
    fill, stroke, ink, words = STYLES[node.state]
    step = node.step
    width = 3 if node.state == "next" else 1.5
    mark = {"done": "✓ ", "implied": "✓ ", "learning": "◐ "}.get(node.state, "")
    tip = f"{step.heading} — {words}" + (f" (suggestion {node.rank})" if node.rank else "")
    parts = [
        f'<g class="step step-{node.state}" data-step="{step.id}" data-state="{node.state}">',
        f"<title>{escape(tip)}</title>",
        f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="8" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>',
        f'<text x="{node.x + BOX_W / 2:.1f}" y="{node.y + 15:.1f}" text-anchor="middle" '
        f'font-size="12.5" font-weight="700" fill="{ink}">{mark}Step {step.number}</text>',
    ]
    for i, line in enumerate(_wrap(_short_name(step))):
        parts.append(
            f'<text x="{node.x + BOX_W / 2:.1f}" y="{node.y + 31 + i * 12.5:.1f}" '
            f'text-anchor="middle" font-size="11.5" fill="{ink}">{escape(line)}</text>'
        )
    if step.topics and node.topics_done and node.state not in ("done", "implied"):
        parts.append(
            f'<text x="{node.x + BOX_W / 2:.1f}" y="{node.y + BOX_H - 4:.1f}" '
            f'text-anchor="middle" font-size="9.5" fill="{ink}">'
            f"{node.topics_done}/{len(step.topics)} topics</text>"
        )
    if node.rank:
        cx, cy = node.x + BOX_W - 2, node.y + 2
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="#2563eb"/>'
            f'<text x="{cx:.1f}" y="{cy + 3.5:.1f}" text-anchor="middle" font-size="10" '
            f'font-weight="700" fill="#ffffff">{node.rank}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _legend(y: float) -> str:
    parts = []
    x = 8.0
    for state in ("done", "implied", "learning", "next", "todo"):
        fill, stroke, _, words = STYLES[state]
        parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="12" height="12" rx="3" fill="{fill}" '
            f'stroke="{stroke}"/><text x="{x + 16:.0f}" y="{y + 10:.0f}" font-size="10.5" '
            f'fill="#374151">{words}</text>'
        )
        x += 24 + len(words) * 5.6
    parts.append(
        f'<text x="8" y="{y + 30:.0f}" font-size="10.5" fill="#6b7280">Dashed: any one is '
        "enough. Numbered: your suggested next steps.</text>"
    )
    return "".join(parts)
