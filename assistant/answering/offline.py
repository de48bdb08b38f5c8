"""The offline grounded mode: an answer made only of the retrieved text, cited.

No model writes anything here. ``compose_offline`` picks the sections that
answer the question (a section whose heading matches what is asked for —
tools, resources, projects, why, what to learn — comes first; the roadmap's
own sections are already ranked first by retrieval), keeps their structure
(list items with their nesting, labels, links) and, for long or prose
sections, only the items that share the most words with the question. Every
item ends with its marker ``[k]`` (1-based into the hits). The only words it
adds are the lead line, the section headings (taken from the chunk's own
heading path) and the note saying this is the offline mode. Lines that read
like instructions to an AI ("ignore previous instructions…") are left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.records import PATH_SEPARATOR, Hit
from assistant.text import content_words

#: Sections shown at most.
MAX_SECTIONS = 3
#: A hit joins the answer when its fused score is at least this share of the best hit's
#: (other sections of the best hit's roadmap step always qualify). 0.7 was chosen with
#: benchmarks/tune_eval.py: keyword recall 0.917 vs 0.889 at 0.8, for answers 12% longer.
SCORE_RATIO = 0.7
#: Items kept from one section; short sections are kept whole.
MAX_ITEMS = 8
#: Prose sentences kept from one section.
MAX_SENTENCES = 3
#: Longest item shown, in characters.
MAX_ITEM_CHARS = 400

INTENTS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    # name: (pattern on the question, pattern on the section's last heading)
    "tools": (
        re.compile(r"\b(tools?|frameworks?|librar(y|ies)|software|packages?|stack)\b", re.I),
        re.compile(r"tool|framework|librar", re.I),
    ),
    "resources": (
        re.compile(
            r"\b(resources?|courses?|books?|videos?|playlists?|tutorials?|links?|materials?|"
            r"read|watch|docs|documentation)\b",
            re.I,
        ),
        re.compile(r"resource|course|book|tutorial|reading", re.I),
    ),
    "projects": (
        re.compile(r"\b(projects?|build|portfolio|ideas?)\b", re.I),
        re.compile(r"project", re.I),
    ),
    "data": (
        re.compile(r"\b(datasets?|data sources?|where .* data)\b", re.I),
        re.compile(r"data", re.I),
    ),
    "why": (
        re.compile(r"^\s*why\b|\b(important|importance|matter|worth|benefits?)\b", re.I),
        re.compile(r"\bwhy\b", re.I),
    ),
    "learn": (
        re.compile(r"\b(learn|study|topics?|cover|covers|concepts?|skills?|syllabus)\b", re.I),
        re.compile(r"what to learn|topics|concepts|skills|core", re.I),
    ),
}
INSTRUCTION_LIKE = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|"
    r"your)\b[^.\n]{0,30}\b(instructions?|prompts?|rules|directions)\b|\bsystem prompt\b|"
    r"</?\s*(system|assistant|user|instructions?|source|sources)\s*>",
    re.I,
)
_LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-*_=]\s*){3,}$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(\[])")


@dataclass(frozen=True)
class Item:
    """One line of a section as it will be shown."""

    text: str
    """The line's own words (list marker and indentation removed)."""
    indent: int
    """Nesting depth (0 for top-level)."""
    label: bool
    """A label that introduces the items under it ("**Core Concepts:**")."""
    bullet: str = "-"
    """The list marker to render (``-`` or ``1.``)."""
    listed: bool = False
    """A list item in the source (else a prose sentence or a heading)."""


def wanted_intents(question: str) -> list[str]:
    """The kinds of section the question asks for, in ``INTENTS`` order."""
    return [name for name, (ask, _) in INTENTS.items() if ask.search(question)]


def _last_heading(hit: Hit) -> str:
    return hit.chunk.section.split(PATH_SEPARATOR)[-1] if hit.chunk.section else ""


def choose_sections(question: str, hits: Sequence[Hit]) -> list[int]:
    """Indexes of the hits to show, in the order to show them."""
    if not hits:
        return []
    top = hits[0]
    same_step = top.chunk.kind == "roadmap" and top.chunk.step is not None

    def qualifies(h: Hit) -> bool:
        if same_step and h.chunk.kind == "roadmap" and h.chunk.step == top.chunk.step:
            return True
        return h.score >= SCORE_RATIO * top.score

    eligible = [i for i, h in enumerate(hits) if i == 0 or qualifies(h)]
    intents = wanted_intents(question)

    def matches(i: int) -> bool:
        heading = _last_heading(hits[i])
        return any(INTENTS[name][1].search(heading) for name in intents)

    def key(i: int) -> tuple[int, int, int]:
        return (0 if matches(i) else 1, 0 if hits[i].chunk.kind == "roadmap" else 1, i)

    # Choose: sections of the kind asked for first, then the best-ranked; the best hit always.
    chosen = [i for i in eligible if matches(i)][: MAX_SECTIONS - 1]
    if 0 not in chosen:
        chosen.append(0)
    for i in eligible:
        if len(chosen) >= MAX_SECTIONS:
            break
        if i not in chosen:
            chosen.append(i)
    # Show: what was asked for, then the roadmap's own sections, then linked pages.
    return sorted(chosen, key=key)


def parse_items(text: str) -> list[Item]:
    """List items, labels and prose sentences of a chunk, in order; code and rules dropped."""
    items: list[Item] = []
    in_code = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or not stripped or _RULE.match(line) or stripped.startswith(("|", ">>>")):
            continue
        if INSTRUCTION_LIKE.search(stripped):
            continue
        heading = _HEADING.match(line)
        if heading:
            items.append(Item(f"**{heading.group(1).strip('* ')}**", 0, True, bullet=""))
            continue
        listed = _LIST.match(line)
        if listed:
            indent = len(listed.group(1).expandtabs(4)) // 2
            body = listed.group(3).strip()
            bullet = listed.group(2) if listed.group(2)[0].isdigit() else "-"
            items.append(Item(body, min(indent, 3), _is_label(body), bullet, listed=True))
            continue
        for sentence in _SENTENCE.split(stripped):
            if sentence.strip():
                items.append(Item(sentence.strip(), 0, _is_label(sentence)))
    return items


def _is_label(text: str) -> bool:
    bare = text.strip().strip("*_ ").strip()
    return bare.endswith(":") and len(bare) < 80


def select_items(question: str, items: list[Item]) -> list[Item]:
    """Short sections whole; long ones trimmed to the items closest to the question."""
    body = [i for i, it in enumerate(items) if not it.label]
    prose = [i for i in body if not items[i].listed]
    if len(body) <= MAX_ITEMS and len(prose) <= MAX_SENTENCES:
        return items
    query = content_words(question)
    label_of: dict[int, int] = {}
    for i in body:  # the nearest label above each item, at a lower indent or top level
        for j in range(i - 1, -1, -1):
            if items[j].label and (items[j].indent < items[i].indent or items[j].indent == 0):
                label_of[i] = j
                break

    def score(i: int) -> float:
        words = content_words(items[i].text)
        own = len(query & words) / math.sqrt(len(words) + 1)
        label = label_of.get(i)
        # An item under a label the question names ("advanced techniques") counts too.
        inherited = len(query & content_words(items[label].text)) if label is not None else 0
        return own + 0.5 * inherited - i * 1e-4

    limit = MAX_SENTENCES if len(prose) > len(body) / 2 else MAX_ITEMS
    keep = set(sorted(body, key=score, reverse=True)[:limit])
    keep |= {label_of[i] for i in keep if i in label_of}  # each kept item's label
    return [it for i, it in enumerate(items) if i in keep]


def render_section(hit: Hit, marker: int, items: list[Item]) -> list[str]:
    """The section heading and its items, each body item ending with ``[marker]``."""
    c = hit.chunk
    path = c.section.split(PATH_SEPARATOR) if c.section else []
    if c.kind == "roadmap":
        heading = PATH_SEPARATOR.join(path) or c.title
    else:
        inner = [p for p in path if p != c.title][-2:]
        heading = PATH_SEPARATOR.join([c.title, *inner])
    lines = [f"**{heading}**", ""]
    for it in items:
        text = it.text if len(it.text) <= MAX_ITEM_CHARS else it.text[:MAX_ITEM_CHARS] + " …"
        pad = "   " * it.indent
        bullet = f"{it.bullet} " if it.bullet else ""
        lines.append(f"{pad}{bullet}{text}" + ("" if it.label else f" [{marker}]"))
    return lines


def lead_line(hits: Sequence[Hit], order: Sequence[int]) -> str:
    """The opening sentence: where the answer comes from."""
    first = hits[order[0]].chunk
    if first.kind == "roadmap":
        where = first.section.split(PATH_SEPARATOR)[0] if first.section else ""
        if where.startswith("Step"):
            return f"The AI Engineer Roadmap covers this in **{where}** [{order[0] + 1}]:"
        return f"From the AI Engineer Roadmap [{order[0] + 1}]:"
    page = f"From **{first.title}** [{order[0] + 1}], a page the roadmap links to"
    if any(hits[i].chunk.kind == "roadmap" for i in order):
        return f"{page}, and from the roadmap:"
    return f"{page}:"


def compose_offline(question: str, hits: Sequence[Hit], note: str) -> str:
    """The offline answer in Markdown, with ``[k]`` markers into ``hits`` and ``note`` last."""
    order = choose_sections(question, hits)
    if not order:
        return note
    blocks = [lead_line(hits, order)]
    for i in order:
        items = select_items(question, parse_items(hits[i].chunk.text))
        if not any(not it.label for it in items):
            continue
        blocks.append("\n".join(render_section(hits[i], i + 1, items)))
    blocks.append(f"_{note}_")
    return "\n\n".join(blocks)
