"""The roadmap's vocabulary: every phrase that names a step, topic or tool, derived from the data.

``Vocabulary`` is built from the parsed roadmap (step titles, topic names, the
tools and subtopics listed under them) plus the hand-written aliases, goal
words and backgrounds in ``corpus/roadmap-graph.yaml``. ``find`` returns the
step and topic ids named in a text, longest phrase first, with the words that
named them. The same goal tracks, names and search synonyms serve the profile,
the planner, the panel, retrieval and the learner reader, so no step number or
topic slug is written in code. Nothing here decides polarity or intent: that
is the reader's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from assistant.knowledge.graph import GoalDetails, RoadmapGraph
from assistant.knowledge.roadmap import Roadmap, Step, Topic, strip_markup

#: Words that name no particular topic on their own ("Basics", "Frameworks", "Linear").
_GENERIC = frozenset(
    [
        "basics",
        "architectures",
        "frameworks",
        "applications",
        "libraries",
        "topics",
        "concepts",
        "algorithms",
        "techniques",
        "tools",
        "platforms",
        "deployment",
        "languages",
        "linear",
        "polynomial",
        "states",
        "actions",
        "policies",
        "rewards",
        "functions",
        "variables",
        "advanced",
        "core",
        "basic",
        "models",
        "methods",
        "control",
        "additional",
        "optional",
        "and",
        "the",
        "of",
        "for",
        "in",
        "with",
    ]
)
_NAME_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*")


@dataclass(frozen=True)
class Term:
    """One phrase of the vocabulary."""

    phrase: str
    """Lower-case words as a learner may write them."""
    item: str
    """The step or topic id it names (``step-4``, ``step-1/libraries``)."""
    display: str
    """How the roadmap spells it ("NumPy", "Deep Learning")."""


@dataclass(frozen=True)
class Match:
    """A phrase found in a text."""

    item: str
    """Step or topic id."""
    words: str
    """The text's own words that named it."""
    display: str
    """The roadmap's spelling of those words."""
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset just past the last character."""


def _clean(text: str) -> str:
    return " ".join(strip_markup(text).replace("`", "").split()).strip(" .:")


def _names(text: str) -> list[str]:
    """Names in a roadmap line: ``Gradient Boosting (XGBoost, LightGBM)`` → three names.

    A parenthesis adds its contents when they look like names (a capital or a digit), not
    descriptions such as "(images)" or "(for enterprise applications)".
    """
    text = _clean(text.split(":")[0] if ":" in text and text.index(":") < 40 else text)
    out: list[str] = []
    for inner in re.findall(r"\(([^)]*)\)", text):
        if re.search(r"[A-Z0-9]", inner) and not inner.lower().startswith("for "):
            out.extend(_NAME_SPLIT.split(inner))
    outer = re.sub(r"\([^)]*\)", " ", text)
    out.extend(_NAME_SPLIT.split(outer))
    return [n.strip(" .") for n in out if n.strip(" .")]


def _usable(name: str) -> bool:
    words = name.lower().split()
    if not words or len(name) < 2:
        return False
    return not (len(words) == 1 and words[0] in _GENERIC)


class Vocabulary:
    """Phrases for steps, topics and tools; goal tracks; backgrounds; search synonyms."""

    def __init__(self, roadmap: Roadmap, graph: RoadmapGraph) -> None:
        self.roadmap = roadmap
        self.graph = graph
        self.steps: tuple[Step, ...] = roadmap.steps
        self.topics: dict[str, Topic] = {t.id: t for s in roadmap.steps for t in s.topics}
        pinned = {w: item for item, words in graph.aliases.items() for w in words}
        terms: dict[str, Term] = {}

        def add(phrase: str, item: str, display: str) -> None:
            key = phrase.lower().strip()
            if not _usable(key) or key in terms:
                return
            if key in pinned and pinned[key] != item:
                return  # the graph file says where this word belongs
            terms[key] = Term(key, item, display)

        for item, words in graph.aliases.items():
            display = self.title(item)
            for w in words:
                add(w, item, display)
        for step in roadmap.steps:
            add(step.title, step.id, self.title(step.id))
            for name in _names(step.title):
                add(name, step.id, self.title(step.id))
            for topic in step.topics:
                for name in _names(topic.name):
                    add(name, topic.id, name)
                for sub in topic.subtopics:
                    for name in _names(sub):
                        add(name, topic.id, name)
        self.terms = tuple(sorted(terms.values(), key=lambda t: -len(t.phrase)))
        variants: dict[str, Term] = {}
        for term in self.terms:
            variants.setdefault(term.phrase, term)
            if term.phrase.endswith("s") and len(term.phrase) >= 4:
                variants.setdefault(term.phrase[:-1], term)  # "CNNs" → "cnn"
        self._by_phrase = variants
        alternation = "|".join(re.escape(p) for p in sorted(variants, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w+#])(?:{alternation})(?:e?s)?(?![\w+#])", re.I)

    # -- ids and names ------------------------------------------------------------------

    @cached_property
    def step_ids(self) -> tuple[str, ...]:
        """Step ids in roadmap order."""
        return tuple(s.id for s in self.steps)

    def step_of(self, item: str) -> Step:
        """The step a step or topic id belongs to."""
        sid = item.partition("/")[0]
        return next(s for s in self.steps if s.id == sid)

    def order(self, item: str) -> tuple[int, int]:
        """Where a step or topic comes in the roadmap (for sorting)."""
        step = self.step_of(item)
        topics = [t.id for t in step.topics]
        return step.number, topics.index(item) + 1 if item in topics else 0

    def title(self, item: str) -> str:
        """A step as "Step 4: Deep Learning", a topic by its name ("Linear Algebra"), with its step
        when the name alone says nothing ("Basics (Step 4: Deep Learning)")."""
        if item in self.topics:
            name = _clean(self.topics[item].name)
            if all(w in _GENERIC for w in name.lower().split()):  # "Basics" of which step?
                step = self.step_of(item)
                return f"{name} (Step {step.number}: {step.title})"
            return name
        step = self.step_of(item)
        return f"Step {step.number}: {step.title}"

    @property
    def goals(self) -> Mapping[str, tuple[str, ...]]:
        """Goal track → the steps it leads to."""
        return self.graph.goals

    def goal(self, goal: str) -> GoalDetails:
        """How ``goal`` is named (its id as the name when the graph file has no details)."""
        return self.graph.goal_details.get(goal) or GoalDetails(goal, "", ())

    def goal_description(self, goal: str) -> str:
        """The goal's steps in the roadmap's words: titles, why, topics and its project idea."""
        details = self.goal(goal)
        parts = [details.name]
        for sid in self.graph.goals.get(goal, ()):
            step = self.step_of(sid)
            parts += [step.title, *step.why, *(_clean(t.name) for t in step.topics)]
        parts += [i for i in self.roadmap.project_ideas if details.project and details.project in i]
        return ". ".join(parts)

    # -- finding ------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Steps and topics named in ``text``, in order, longest phrase first where they overlap."""
        out = []
        for m in self._pattern.finditer(text):
            words = m.group(0)
            key = words.lower()
            # a plural: "transformers", "boxes"; not "states" read as "stat"
            term = self._by_phrase.get(key) or self._by_phrase.get(
                re.sub(r"(?:(?<=[sxz])|(?<=ch)|(?<=sh))es$|s$", "", key)
            )
            if term is None:
                continue
            out.append(Match(term.item, words, term.display, m.start(), m.end()))
        return out

    def backgrounds_in(self, text: str) -> list[str]:
        """Backgrounds named in ``text`` ("developer" → software engineer)."""
        lower = text.lower()
        return [
            name
            for name, words in self.graph.backgrounds.items()
            if any(re.search(rf"(?<![\w]){re.escape(w)}s?(?![\w])", lower) for w in words)
        ]


def load_vocabulary(roadmap: Roadmap, graph: RoadmapGraph) -> Vocabulary:
    """The vocabulary of a parsed roadmap and its graph."""
    return Vocabulary(roadmap, graph)
