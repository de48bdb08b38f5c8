"""The offline grounded mode: an answer made only of the retrieved text, cited.

No model writes anything here. ``choose_sections`` picks the section that
answers the question: the one whose heading (or, within the best hit's own
roadmap step, a label such as "**Tools and Frameworks:**") matches what is
asked for — tools, resources, data, projects, why, what to learn — else the best
hit. A section of the kind asked for stands alone; beside a best hit, another
section (of the same step or any other step or page) joins only when the
retrieval scores say it clearly answers the question too (thresholds measured by
``benchmarks/measure_sections.py``), and so do more pieces of a linked page
shown. ``compose_offline`` shows the pieces of one section under one heading,
keeps each section's structure (list items with their nesting, labels, links;
hard-wrapped lines joined) and, for long or prose sections, only the items that
share the most words with the question. Every item ends with its marker ``[k]``
(1-based into the hits). The only words it adds are the lead line, the section
headings (taken from the chunk's own heading path) and the note saying this is
the offline mode. Lines that read like instructions to an AI
("ignore previous instructions…") are left out. Retrieval and citation
numbering are not done here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.records import PATH_SEPARATOR, Hit
from assistant.text import content_words

# The rule below was read from benchmarks/measure_sections.py on eval/questions.yaml (84
# questions, real MiniLM; "mirror" = roadmap + linked pages, "roadmap" = roadmap only). Beside
# a main section chosen for the kind asked for, another section is gold 2 times in 117 (within
# 0.05 in cosine), so none is added there. Beside a main section that is just the best hit
# (133 candidates with the mirror), what the constants admit is mostly gold.

#: A hit is a candidate only when its fused score is at least this share of the best hit's.
#: 0.6 gives the same answers; 0.8 loses keyword recall (mirror 0.958 → 0.931), 0.9 more.
SCORE_RATIO = 0.7
#: Another section joins a best-hit main section when it is about as close in meaning (cosine
#: at most SIMILARITY_SLACK below) and shares clearly more of the question's words (BM25 at
#: least KEYWORD_GAIN times). Mirror: 21 such sections, 14 gold. A slack of 0.02 loses keyword
#: recall in the roadmap index (0.912 → 0.897), 0.1 adds 2 non-gold sections; a gain of 1.1
#: adds 3 non-gold (precision 0.794 → 0.773), 1.3 loses keywords (mirror 0.958 → 0.931).
SIMILARITY_SLACK = 0.05
KEYWORD_GAIN = 1.2
#: … or when it is clearly closer in meaning: a linked page that explains what the roadmap only
#: links to. Mirror: 13 sections at least 0.12 closer, 12 gold. 0.10 adds a non-gold section in
#: the roadmap index (0.707 → 0.697); 0.15 loses a question's keyword (mirror 0.958 → 0.944).
SIMILARITY_GAIN = 0.12
#: … or when it shares many times more of the question's words (the main one then matched by
#: meaning only: "who wrote the roadmap?"). The largest ratio of a non-gold section is 2.12
#: (mirror) and 1.88 (roadmap), apart from one at 328 beside a gold one at 142; 2.0 adds a
#: non-gold section, and without it the roadmap index loses the author question (0.912 → 0.897).
KEYWORD_DOMINANCE = 3.0
#: Items kept from one section; short sections are kept whole.
MAX_ITEMS = 8
#: Prose sentences kept from one section.
MAX_SENTENCES = 3
#: Longest item shown, in characters.
MAX_ITEM_CHARS = 400

#: What a question can ask for, in order of precedence: the first one asked that some section
#: matches picks the main section ("why should I learn MLOps?" asks why, not what to learn;
#: "datasets for my projects" asks for data). "learn" is the most general, so it is last.
INTENTS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    # name: (pattern on the question, pattern on the section's last heading or a label in it)
    "tools": (
        re.compile(r"\b(tools?|frameworks?|librar(y|ies)|software|packages?|stack)\b", re.I),
        re.compile(r"tool|framework|librar", re.I),
    ),
    "resources": (
        re.compile(
            r"\b(resources?|courses?|books?|videos?|playlists?|tutorials?|links?|materials?|"
            r"read|watch|docs|documentation)\b|\bwhere (can|should|do|could) (i|you|one) "
            r"(learn|study)\b|\bwhere to (learn|study)\b",
            re.I,
        ),
        re.compile(r"resource|course|book|tutorial|reading", re.I),
    ),
    "data": (
        re.compile(r"\b(datasets?|data sources?|where .* data)\b", re.I),
        re.compile(r"data", re.I),
    ),
    "projects": (
        re.compile(r"\b(projects?|build|portfolio|ideas?)\b", re.I),
        re.compile(r"project", re.I),
    ),
    "why": (
        re.compile(r"^\s*why\b|\b(important|importance|matter|worth|benefits?)\b", re.I),
        re.compile(r"\bwhy\b", re.I),
    ),
    "learn": (
        re.compile(
            r"\b(learn|study|topics?|cover|covers|concepts?|skills?|syllabus|need|know|"
            r"techniques?|algorithms?|methods?|architectures?)\b",
            re.I,
        ),
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
_LABEL = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\*\*(.+?)\*\*", re.M)


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
    marker: int = 0
    """The citation marker of the hit it comes from (1-based into the hits)."""


def wanted_intents(question: str) -> list[str]:
    """The kinds of section the question asks for, in ``INTENTS`` order."""
    return [name for name, (ask, _) in INTENTS.items() if ask.search(question)]


def _last_heading(hit: Hit) -> str:
    return hit.chunk.section.split(PATH_SEPARATOR)[-1] if hit.chunk.section else ""


def _same_step(a: Hit, b: Hit) -> bool:
    return a.chunk.kind == b.chunk.kind == "roadmap" and a.chunk.step == b.chunk.step is not None


def answers_intent(hit: Hit, intent: str, top: Hit) -> bool:
    """Whether ``hit`` is the kind of section ``intent`` asks for.

    Its last heading says so ("Tools and Frameworks"), or, in the best hit's own roadmap
    step, one of its labels does (Step 9's tools are under "**Tools and Frameworks:**" in
    "What to Learn?"). A label elsewhere does not count: Step 1's "**Libraries:**" is not
    an answer to a question about Hugging Face's library.
    """
    pattern = INTENTS[intent][1]
    if pattern.search(_last_heading(hit)):
        return True
    return _same_step(hit, top) and any(pattern.search(m) for m in _LABEL.findall(hit.chunk.text))


def answers_too(hit: Hit, main: Hit) -> bool:
    """Whether ``hit`` clearly answers the question as well as ``main`` (see the constants).

    A hit that keyword search missed (BM25 0) never joins for its words.
    """
    closer = hit.similarity >= main.similarity + SIMILARITY_GAIN
    as_close = hit.similarity >= main.similarity - SIMILARITY_SLACK
    more_words = hit.keyword > 0 and hit.keyword >= KEYWORD_GAIN * main.keyword
    many_more_words = hit.keyword > 0 and hit.keyword >= KEYWORD_DOMINANCE * main.keyword
    return closer or (as_close and more_words) or many_more_words


def _same_page(a: Hit, b: Hit) -> bool:
    return a.chunk.kind == b.chunk.kind == "page" and a.chunk.url == b.chunk.url


def choose_sections(question: str, hits: Sequence[Hit]) -> list[int]:
    """Indexes of the hits to show, in the order to show them: the main section first.

    The main section is the best-ranked one of the kind asked for (the roadmap's own before a
    linked page), else the best hit. When it was chosen for its kind, no other kind of section
    is added (a resources question gets the resources, not the step's "Why"); otherwise a
    section joins only when ``answers_too``, and so do the other chunks of a linked page shown
    (measured: 35 of 35 gold).
    """
    if not hits:
        return []
    top = hits[0]
    eligible = [i for i, h in enumerate(hits) if h.score >= SCORE_RATIO * top.score]
    main, by_intent = 0, False
    for intent in wanted_intents(question):
        matching = [i for i in eligible if answers_intent(hits[i], intent, top)]
        if matching:
            main = min(matching, key=lambda i: (hits[i].chunk.kind != "roadmap", i))
            by_intent = True
            break
    chosen = [main]
    if not by_intent:
        chosen += [i for i in eligible if i != main and answers_too(hits[i], hits[main])]
        chosen += [
            i
            for i in eligible
            if i not in chosen and any(_same_page(hits[i], hits[j]) for j in chosen)
        ]
    # Show: the main section, then the roadmap's own sections, then linked pages.
    return sorted(chosen, key=lambda i: (i != main, hits[i].chunk.kind != "roadmap", i))


def parse_items(text: str) -> list[Item]:
    """List items, labels and prose sentences of a chunk, in order; code and rules dropped.

    A line that continues the list item or paragraph above it (hard-wrapped text, as in the
    Python docs) is joined to it, so an item or sentence is never cut at a line end.
    """
    lines: list[Item] = []
    in_code = False
    joinable = False  # the line above was text that this one may continue
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code, joinable = not in_code, False
            continue
        if in_code or not stripped or _RULE.match(line) or stripped.startswith(("|", ">>>")):
            joinable = False
            continue
        if INSTRUCTION_LIKE.search(stripped):
            joinable = False
            continue
        heading = _HEADING.match(line)
        if heading:
            lines.append(Item(f"**{heading.group(1).strip('* ')}**", 0, True, bullet=""))
            joinable = False
            continue
        listed = _LIST.match(line)
        if listed:
            indent = len(listed.group(1).expandtabs(4)) // 2
            body = listed.group(3).strip()
            bullet = listed.group(2) if listed.group(2)[0].isdigit() else "-"
            lines.append(Item(body, min(indent, 3), _is_label(body), bullet, listed=True))
        elif joinable and not lines[-1].label:
            joined = f"{lines[-1].text} {stripped}"
            lines[-1] = replace(lines[-1], text=joined, label=_is_label(joined))
        else:
            lines.append(Item(stripped, 0, _is_label(stripped)))
        joinable = True
    items: list[Item] = []
    for item in lines:
        if item.listed or item.label:
            parts = [item]
        else:
            parts = [Item(t.strip(), 0, _is_label(t)) for t in _SENTENCE.split(item.text)]
        # Checked again once joined: an order split over two lines is caught here.
        items += [p for p in parts if p.text and not INSTRUCTION_LIKE.search(p.text)]
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
    for i in body:  # the nearest label above each item (same chunk), lower indent or top level
        for j in range(i - 1, -1, -1):
            if items[j].marker != items[i].marker:
                break
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


def render_section(hit: Hit, items: list[Item]) -> list[str]:
    """The section heading and its items, each body item ending with its ``[marker]``."""
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
        if not it.bullet and lines[-1]:  # a heading inside the section starts a new block
            lines.append("")
        lines.append(f"{pad}{bullet}{text}" + ("" if it.label else f" [{it.marker}]"))
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


def _by_section(hits: Sequence[Hit], order: Sequence[int]) -> list[list[int]]:
    """``order`` grouped by section: pieces of one long section (same URL and heading path)
    are shown as one section, under one heading, in the order first shown."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i in order:
        groups.setdefault((hits[i].chunk.url, hits[i].chunk.section), []).append(i)
    return list(groups.values())


def compose_offline(question: str, hits: Sequence[Hit], note: str) -> str:
    """The offline answer in Markdown, with ``[k]`` markers into ``hits`` and ``note`` last."""
    order = choose_sections(question, hits)
    if not order:
        return note
    blocks = [lead_line(hits, order)]
    for group in _by_section(hits, order):
        pieces = [
            replace(it, marker=i + 1) for i in group for it in parse_items(hits[i].chunk.text)
        ]
        items = select_items(question, pieces)
        if not any(not it.label for it in items):
            continue
        blocks.append("\n".join(render_section(hits[group[0]], items)))
    blocks.append(f"_{note}_")
    return "\n\n".join(blocks)
