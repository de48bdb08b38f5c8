"""The AI Engineer roadmap as a typed model: steps, topics, tools, resources.

``parse_roadmap`` reads the roadmap's (already repaired) Markdown and returns a
``Roadmap``. Steps keep the numbers the author wrote (1-9, then 11: there is no
step 10). Every step and topic gets a stable id derived from its text, so the
chunk metadata and, later, the planner can refer to them; every step keeps the
anchor GitHub gives its heading (``sections.py`` computes the anchors of the
whole file at once). This module does not read files, repair text or decide
what to learn next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import GraphError
from assistant.knowledge.corpus import load_corpus_sources, load_document
from assistant.knowledge.sections import Section, clean_heading, github_anchor, split_markdown
from assistant.records import step_id

_STEP = re.compile(r"^Step\s+(\d+)\s*:\s*(.+)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_LABEL = re.compile(r"^\*\*(.+?):?\*\*:?\s*(.*)$")


@dataclass(frozen=True)
class Resource:
    """A link the roadmap recommends."""

    title: str
    """Link text as the author wrote it."""
    url: str
    """Target URL."""


@dataclass(frozen=True)
class Topic:
    """One item of a step's "What to Learn?" list, with its nested items."""

    id: str
    """Stable id: ``step-<n>/<slug of name>``."""
    name: str
    """Topic label, markup removed (``Python Basics``, ``Fine-tuning Pretrained Models.``)."""
    subtopics: tuple[str, ...]
    """Nested bullets (or the inline text after the label), markup removed."""


@dataclass(frozen=True)
class Step:
    """A numbered step of the roadmap."""

    id: str
    """Stable id: ``step-<n>``."""
    number: int
    """The number the author wrote (there is no step 10)."""
    title: str
    """Title without the ``Step n:`` prefix."""
    heading: str
    """The full heading, e.g. ``Step 8: Reinforcement Learning (RL)``."""
    anchor: str
    """GitHub anchor of the heading, e.g. ``step-8-reinforcement-learning-rl``."""
    why: tuple[str, ...]
    """Bullets of the "Why …?" subsection."""
    topics: tuple[Topic, ...]
    """The "What to Learn?" list."""
    tools: tuple[str, ...]
    """Tools and frameworks the step names."""
    resources: tuple[Resource, ...]
    """Links of the "Resources" subsection."""
    project_ideas: tuple[str, ...] = ()
    """"Ideas for Projects" items (Step 11)."""
    data_sources: tuple[Resource, ...] = ()
    """"Where to Find Data?" links (Step 11)."""


@dataclass(frozen=True)
class Roadmap:
    """The whole roadmap."""

    title: str
    """Document title."""
    url: str
    """Where the roadmap is published; anchors are appended to it."""
    job_category: str
    """The "Job Category" line."""
    audience: tuple[str, ...]
    """Who it is best for (``Software Engineers``, ...)."""
    role_overview: str
    """The "Understand the Role of AI Engineer" section as text."""
    steps: tuple[Step, ...]
    """Steps in document order."""
    final_workflow: tuple[str, ...]
    """Items of the "Final Note: Workflow Integration" section."""

    def step(self, number: int) -> Step:
        """The step with the author's ``number``; ``KeyError`` if there is none."""
        for step in self.steps:
            if step.number == number:
                return step
        raise KeyError(f"the roadmap has no step {number}")

    @property
    def project_ideas(self) -> tuple[str, ...]:
        """All project ideas (they live in Step 11)."""
        return tuple(idea for step in self.steps for idea in step.project_ideas)

    @property
    def data_sources(self) -> tuple[Resource, ...]:
        """All "Where to Find Data?" links."""
        return tuple(src for step in self.steps for src in step.data_sources)

    def anchor_url(self, anchor: str) -> str:
        """The roadmap URL with ``#anchor``."""
        return f"{self.url}#{anchor}" if anchor else self.url


def slug(text: str) -> str:
    """Lower-case words joined by ``-``: ``Core Concepts:`` → ``core-concepts``."""
    words = re.findall(r"[a-z0-9]+", strip_markup(text).lower())
    return "-".join(words)[:60].rstrip("-")


def strip_markup(text: str) -> str:
    """Remove emphasis, code ticks and link syntax, keeping the link text."""
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"\*\*|__|`", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _bullets(body: str) -> list[tuple[int, str]]:
    """(indent, text) for each list item; continuation lines are ignored."""
    items = []
    for line in body.splitlines():
        if m := _BULLET.match(line):
            items.append((len(m.group(1).expandtabs(4)), m.group(2).strip()))
    return items


def _links(body: str) -> tuple[Resource, ...]:
    return tuple(Resource(strip_markup(t), u) for t, u in _LINK.findall(body))


def _split_list(text: str) -> tuple[str, ...]:
    """``MLflow, DVC, Kubeflow.`` → (``MLflow``, ``DVC``, ``Kubeflow``)."""
    text = strip_markup(text).rstrip(".")
    return tuple(p.strip() for p in re.split(r",\s*(?![^()]*\))", text) if p.strip())


def _topics(step_id: str, body: str) -> tuple[Topic, ...]:
    items = _bullets(body)
    if not items:
        return ()
    top = min(indent for indent, _ in items)
    topics: list[tuple[str, list[str]]] = []
    for indent, text in items:
        if indent == top:
            m = _LABEL.match(text)
            if m:
                name, inline = m.group(1).strip(), m.group(2).strip()
                topics.append((strip_markup(name), [strip_markup(inline)] if inline else []))
            else:
                topics.append((strip_markup(text), []))
        elif topics:
            topics[-1][1].append(strip_markup(text))
    seen: dict[str, int] = {}
    result = []
    for name, subs in topics:
        base = slug(name) or "topic"
        seen[base] = seen.get(base, 0) + 1
        tid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append(Topic(f"{step_id}/{tid}", name, tuple(subs)))
    return tuple(result)


def _tools_from_topics(topics: tuple[Topic, ...]) -> tuple[str, ...]:
    tools: list[str] = []
    for topic in topics:
        if re.search(r"\b(tools|frameworks)\b", topic.name, re.I):
            for sub in topic.subtopics:
                tools.extend(_split_list(sub))
    return tuple(tools)


def _parse_step(number: int, heading: str, anchor: str, subsections: list[Section]) -> Step:
    sid = step_id(number)
    why: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    tools: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    ideas: tuple[str, ...] = ()
    data: tuple[Resource, ...] = ()
    for sec in subsections:
        name = sec.heading.lower()
        if name.startswith("why"):
            why = tuple(strip_markup(t) for _, t in _bullets(sec.body))
        elif name.startswith("what to learn"):
            topics = _topics(sid, sec.body)
        elif "tools" in name or "frameworks" in name:
            tools = tuple(strip_markup(t) for _, t in _bullets(sec.body))
        elif name.startswith("resources"):
            resources = _links(sec.body)
        elif "ideas" in name and "project" in name:
            ideas = tuple(strip_markup(t) for _, t in _bullets(sec.body))
        elif "data" in name:
            data = _links(sec.body)
    if not tools:
        tools = _tools_from_topics(topics)
    m = _STEP.match(heading)
    title = m.group(2).strip() if m else heading
    return Step(
        sid,
        number,
        title,
        heading,
        anchor,
        why,
        topics,
        tools,
        resources,
        ideas,
        data,
    )


def parse_roadmap(text: str, url: str) -> Roadmap:
    """Parse the roadmap's repaired Markdown ``text``; ``url`` is where it is published."""
    sections = split_markdown(text)
    title_match = re.search(r"^#\s+(.+)$", text, re.M)
    title = clean_heading(title_match.group(1)) if title_match else "AI Engineer Roadmap"
    preamble = next((s.body for s in sections if s.level <= 1), "")
    category = re.search(r"Job Category:\s*(.+)", preamble)
    best_for = re.search(r"Best for\s+(.+)", preamble)
    audience = tuple(re.findall(r"`([^`]+)`", best_for.group(1))) if best_for else ()

    groups: dict[str, list[Section]] = {}
    order: list[str] = []
    for sec in sections:
        if not sec.path:
            continue
        top = sec.path[0]
        if top not in groups:
            groups[top] = []
            order.append(top)
        groups[top].append(sec)

    steps: list[Step] = []
    overview = ""
    workflow: tuple[str, ...] = ()
    for top in order:
        secs = groups[top]
        if m := _STEP.match(top):
            anchor = secs[0].anchor if secs[0].path == (top,) else github_anchor(top)
            subsections = [s for s in secs if len(s.path) > 1]
            steps.append(_parse_step(int(m.group(1)), top, anchor, subsections))
        elif top.lower().startswith("understand the role"):
            overview = "\n".join(
                (("### " + s.heading + "\n") if len(s.path) > 1 else "") + s.body.strip()
                for s in secs
            ).strip()
        elif "workflow" in top.lower():
            workflow = tuple(strip_markup(t) for _, t in _bullets(secs[0].body))
    return Roadmap(
        title=title,
        url=url,
        job_category=strip_markup(category.group(1)) if category else "",
        audience=audience,
        role_overview=overview,
        steps=tuple(steps),
        final_workflow=workflow,
    )


def load_roadmap(corpus_dir: Path) -> Roadmap:
    """The AI Engineer roadmap parsed from the corpus folder (``CorpusError`` if unreadable)."""
    roadmaps = [s for s in load_corpus_sources(corpus_dir) if s.kind == "roadmap"]
    if len(roadmaps) != 1:
        raise GraphError(f"{corpus_dir}/sources.toml must list exactly one roadmap.")
    try:
        document = load_document(roadmaps[0])
    except (OSError, ValueError) as err:
        raise GraphError(f"Cannot read the roadmap: {err}") from None
    return parse_roadmap(document.text, roadmaps[0].url)
