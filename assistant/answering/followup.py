"""Turn a follow-up question into one that can be searched on its own.

Offline this is deterministic: a question with no subject of its own ("And
which resources does it recommend for that?") borrows the subject of the last
user turn that had one, named by its roadmap step when one matches ("… (Step 5:
Natural Language Processing (NLP))"); a question that opens with "what
about"/"and" but names a new subject ("What about computer vision?") borrows
the previous turn's intent ("tools"). ``followup_forms`` lists the question as
asked and its carried forms; offline, the answer layer retrieves each and keeps
a carried one only when it fits clearly better. With a model, the answer layer
asks it to condense instead. Nothing here retrieves.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.answering.backends import Message
from assistant.text import content_words, wordset

#: Words that say what kind of thing is wanted, not what it is about (plurals folded).
INTENT_WORDS = wordset(
    """resource tool framework librarie library project idea topic course book video link
    dataset prerequisite why learn study cover concept skill application algorithm
    technique exercise paper"""
)
#: Words that carry no subject in a follow-up.
GENERIC_WORDS = INTENT_WORDS | wordset(
    """roadmap step section part recommend recommended suggest suggested list listed mention
    mentioned include included covered need
    good best else tell give show explain please ok okay what about which there that it
    this then next first after before start begin learning know wanted want mean also
    important required require requires useful help more less anything something
    thing things stuff say says said does do ones"""
)
_CONTINUATION = re.compile(
    r"^\s*(and|also|plus|what about|how about|and what about|same for|what else|ok and|"
    r"okay and|and for|and in)\b",
    re.IGNORECASE,
)
_STEP_NUMBER = re.compile(r"\bstep\s*(\d{1,2})\b", re.IGNORECASE)
#: A question or a request, by its form: ends with "?", or opens like one.
_ASKS = re.compile(
    r"^.*\?\s*$|^\s*(?:and|also|so|ok|okay|what|which|why|how|where|when|who|are|is|do|does|did|"
    r"can|could|should|would|will|tell|explain|show|list|describe|give|more|any)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Standalone:
    """A question ready to search, and what was carried over from the conversation."""

    query: str
    """The text to search with."""
    carried: str | None = None
    """What was borrowed from earlier turns, or ``None`` when the question stood alone."""


def subject_words(text: str) -> set[str]:
    """Content words that name a subject (not an intent, not filler)."""
    return {w for w in content_words(text) if w not in GENERIC_WORDS and not w.isdigit()}


def has_subject(text: str) -> bool:
    """Whether a question names what it is about (a subject word or "step N")."""
    return bool(subject_words(text) or _STEP_NUMBER.search(text))


def names_a_step(text: str, step_titles: Mapping[int, str]) -> bool:
    """Whether the text says "step N" or uses a word found in at most two step titles.

    Words shared by many titles ("learning", "AI") do not count, so "Write an AI poem"
    does not name a step but "the deployment step" does.
    """
    if _STEP_NUMBER.search(text):
        return True
    titles = [content_words(re.sub(r"^Step\s+\d+\s*:", "", t)) for t in step_titles.values()]
    frequency: dict[str, int] = {}
    for words in titles:
        for w in words:
            frequency[w] = frequency.get(w, 0) + 1
    return any(frequency.get(w, 0) in (1, 2) for w in content_words(text))


def detect_step(text: str, step_titles: Mapping[int, str]) -> int | None:
    """The roadmap step a text is about: an explicit "step N", else the best title match."""
    explicit = _STEP_NUMBER.search(text)
    if explicit and int(explicit.group(1)) in step_titles:
        return int(explicit.group(1))
    words = content_words(text)
    titles = {n: content_words(re.sub(r"^Step\s+\d+\s*:", "", t)) for n, t in step_titles.items()}
    frequency: dict[str, int] = {}
    for title_words in titles.values():
        for w in title_words:
            frequency[w] = frequency.get(w, 0) + 1
    best, best_score = None, 0.0
    for n, title_words in titles.items():
        score = sum(math.log(1 + len(titles) / frequency[w]) for w in words & title_words)
        if score > best_score:
            best, best_score = n, score
    return best


def rewrite_followup(
    question: str, history: Sequence[Message], step_titles: Mapping[int, str]
) -> Standalone:
    """The deterministic standalone form of ``question`` given earlier turns."""
    earlier = [m.content for m in history if m.role == "user" and m.content.strip()]
    if not earlier:
        return Standalone(question)
    own_subject = has_subject(question)
    continues = bool(_CONTINUATION.match(question))
    if own_subject and not continues:
        return Standalone(question)
    if own_subject:
        asked = next((t for t in reversed(earlier) if content_words(t) & INTENT_WORDS), None)
        if asked is None:
            return Standalone(question)
        intent = " ".join(sorted(content_words(asked) & INTENT_WORDS))
        return Standalone(f"{question} ({intent})", intent)
    subject = earlier_subject(question, earlier, step_titles)
    if subject is None:
        return Standalone(question)
    return Standalone(f"{question} ({subject})", subject)


def earlier_subject(
    question: str, earlier: Sequence[str], step_titles: Mapping[int, str]
) -> str | None:
    """The subject of the last user turn that had one: its roadmap step, else its words."""
    previous = next((t for t in reversed(earlier) if has_subject(t)), None)
    if previous is None:
        return None
    step = detect_step(previous, step_titles)
    if step is not None and step_titles[step].lower() not in question.lower():
        return step_titles[step]
    return " ".join(sorted(subject_words(previous)))


def followup_forms(
    question: str, history: Sequence[Message], step_titles: Mapping[int, str]
) -> list[Standalone]:
    """The question as asked, then the form that carries the conversation's subject.

    The caller retrieves each and keeps the carried form only when it fits clearly better
    ("Are they free?" after a question about Step 2's resources), so no word list decides.
    A continuation that names its own subject ("What about computer vision?") carries the
    earlier intent instead, by its form alone.
    """
    forms = [Standalone(question)]
    earlier = [m.content for m in history if m.role == "user" and m.content.strip()]
    if not earlier or not _ASKS.match(question):
        return forms  # only a question or a request can lean on what came before
    if has_subject(question) and _CONTINUATION.match(question):
        return [rewrite_followup(question, history, step_titles)]  # "What about CV?": the intent
    carried = earlier_subject(question, earlier, step_titles)
    if carried:
        forms.append(Standalone(f"{question} ({carried})", carried))
    return forms
