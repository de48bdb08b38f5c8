"""Read a learner's message offline into a ``LearnerStatement``: what they know, lack and want.

The message is cut into clauses (sentences, then "but", "though", ", and I …",
", none …"), and each clause gets one polarity from its own cue words, so a
negation never reaches past its clause: "I know Python but never touched neural
networks" marks Python done and Step 4's basics not known. Steps and topics are
found with the roadmap ``Vocabulary``; ranges and lists of steps ("steps 2, 3
and 5", "the first three steps", "1-4"), positions ("past step 3", "up to and
including deep learning", "everything before MLOps") and time budgets ("2h a
day" → 14 h/week) are read here. The goal is read from the words after a goal
cue ("I want to …", "my aim is …"): by the graph file's goal words, else by
meaning (the phrase is compared with each goal track's steps — titles, why,
topics, project idea — using the embedder); when the words name two tracks,
meaning picks between them. Whether the message asks for next steps, asks a
roadmap question, or both, is decided per sentence.

The cue words below are English grammar (negation, tense, question forms), not
roadmap vocabulary: no step number, topic or goal name is written here. Nothing
here plans, stores or answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.vocabulary import Match, Vocabulary
from assistant.learner.cues import (
    BEGINNER,
    CLAUSE,
    COMMA_CUT,
    CONTENT_REQUEST,
    DONE,
    FIRST_PERSON,
    GOAL_CUE,
    GOAL_NEUTRAL,
    LEARNING,
    LIST_CUT,
    NEGATIVE,
    NOW,
    NUM,
    PERSONAL,
    POINTS_BACK,
    QUESTION_WISH,
    SENTENCE,
    WORKING,
    Positions,
    asks_for_plan,
    is_question,
    normalise,
    number,
    split_sentences,
    weekly_hours,
)
from assistant.learner.profile import DEFAULT_GOAL, Profile
from assistant.learner.statement import LearnerStatement, Polarity, StatedItem
from assistant.text import content_words

#: When no goal word is in the phrase: the cosine similarity (goal phrase vs a goal track's
#: steps) needed to read a goal by meaning, and the margin over the second-best track.
#: Chosen by hand from the similarities of the dev split's goal phrases (printed by a one-off
#: script, not kept): it keeps "teach a bot to play Mario" (0.31, margin 0.14) and refuses
#: "switch careers into AI" (margin 0.11, one content word) and "AI;" (margin 0.03).
GOAL_SIMILARITY = 0.30
GOAL_MARGIN = 0.10


#: Nouns that make a step name a modifier: "online ML courses (regression, k-means)".
_COURSE_NOUNS = r"\b(?:course|courses|class|classes|bootcamp|module|modules|tutorials?|books?)\b"


class LearnerReader:
    """The offline reader; ``read(text)`` gives a ``LearnerStatement``."""

    def __init__(self, vocabulary: Vocabulary, embedder: Embedder | None = None) -> None:
        self.vocabulary = vocabulary
        self.embedder = embedder
        self._goal_vectors: dict[str, np.ndarray] | None = None
        numbers = {s.number: s.id for s in vocabulary.steps}
        self._step_by_number = numbers
        self._order = list(vocabulary.step_ids)

    # -- steps by number, range and position -----------------------------------------------

    def _step(self, n: int | None) -> str | None:
        return self._step_by_number.get(n) if n is not None else None

    def _steps_between(self, first: int, last: int) -> list[str]:
        lo, hi = min(first, last), max(first, last)
        return [sid for n, sid in sorted(self._step_by_number.items()) if lo <= n <= hi]

    def _steps_before(self, step_id: str, *, inclusive: bool) -> list[str]:
        idx = self._order.index(step_id)
        return self._order[: idx + 1 if inclusive else idx]

    def _named_step(self, text: str) -> str | None:
        """The first step named in ``text`` by number ("step 4") or by name ("deep learning")."""
        m = re.match(rf"\s*(?:the\s+)?steps?\s*({NUM})\b", text, re.I)
        if m:
            return self._step(number(m.group(1)))
        for match in self.vocabulary.find(text[:60]):
            return match.item.partition("/")[0]
        return None

    def _positions(
        self, clause: str, steps_said: bool = False, previous: Sequence[str] = ()
    ) -> Positions:
        """Positions ("past step 3", "up to MLOps") and steps named by number in one clause.

        A position says what is done by itself; steps named by number ("steps 1 to 3",
        "steps two and five", "1-4") take the clause's polarity ("… done", "… not yet").
        """
        out = Positions()

        def mark(m: re.Match[str], steps: list[str], into: list[str]) -> None:
            into.extend(s for s in steps if s not in into)
            out.spans.append((m.start(), m.end()))
            out.said = m.group(0).strip()[:60]

        for m in re.finditer(
            r"\b(?:up\s*to|up\s+through|until|till|(?:everything|all)\s+(?:through|thru))\s+"
            r"(?P<incl>and\s+including\s+|including\s+)?(?P<rest>.*)",
            clause,
        ):
            if re.match(r"\s*\d+(?:\.\d+)?\s*(?:h|hours?|mins?|minutes?)\b", m.group("rest")):
                continue
            step = self._named_step(m.group("rest"))
            if step:
                inclusive = (
                    bool(m.group("incl"))
                    or "through" in m.group(0)[:30]
                    or bool(re.search(r"\binclusive(?:ly)?\b|\bincluding it\b", clause))
                )
                mark(m, self._steps_before(step, inclusive=inclusive), out.done)
        for m in re.finditer(
            r"\b(?:everything|all|anything)\s+(?:before|prior to)\s+(?P<rest>.*)", clause
        ):
            step = self._named_step(m.group("rest"))
            if step:
                mark(m, self._steps_before(step, inclusive=False), out.done)
        for m in re.finditer(
            rf"\b(?:past|beyond|passed)\s+steps?\s*({NUM})\b|"
            rf"\bafter\s+steps?\s*({NUM})\b(?=[^.?!]*\bfor\s+me\b)",
            clause,
        ):
            step = self._step(number(m.group(1) or m.group(2)))
            if step:
                mark(m, self._steps_before(step, inclusive=True), out.done)
        for m in re.finditer(
            rf"\b(?:(?:i'm|i am|currently|now|right now)\s+(?:at|on|in|doing)|reached|got to|"
            rf"gotten to|arrived at)\s+(?:the\s+)?"
            rf"step\s*({NUM})\b",
            clause,
        ):
            step = self._step(number(m.group(1)))
            if step:
                mark(m, self._steps_before(step, inclusive=False), out.done)
                out.learning.append(step)
        for m in re.finditer(
            rf"\b(?:the\s+)?first\s+({NUM})\s+steps\b|\bsteps?\s*({NUM})\s*(?:-|–|to|through|"
            rf"until|till)\s*(?:step\s*)?({NUM})\b|^\s*(\d{{1,2}})\s*(?:-|–)\s*(\d{{1,2}})\b"
            rf"(?!\s*(?:h\b|hours?|min|%))",
            clause,
        ):
            first = 1 if m.group(1) else number(m.group(2) or m.group(4))
            last = number(m.group(1) or m.group(3) or m.group(5))
            if first and last and self._overlaps(m, out.spans) is False:
                mark(m, self._steps_between(first, last), out.named)
        for m in re.finditer(
            r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?steps?\b|"
            r"\b(?:the\s+)?(?:whole|entire|full)\s+roadmap\b",
            clause,
        ):
            # every learning step; the projects step (needed only any-of) comes after them
            projects = {group.after for group in self.vocabulary.graph.any_of}
            mark(m, [s for s in self._order if s not in projects], out.named)
        for m in re.finditer(
            rf"\bsteps?\s*({NUM}(?:\s*(?:,|and|&|\+|or)\s*(?:steps?\s*)?{NUM})*)\b", clause
        ):
            if self._overlaps(m, out.spans):
                continue
            steps = [self._step(number(w)) for w in re.findall(rf"\b{NUM}\b", m.group(1))]
            mark(m, [s for s in steps if s], out.named)
        for m in re.finditer(  # "done 1 through 9"
            rf"\b(?:finished|done|did|completed|through)(?:\s+with)?\s+({NUM})\s*(?:-|–|to|through)\s*"
            rf"({NUM})"
            rf"\b(?!\s*(?:h\b|hrs?|hours?|min|mins|minutes?|years?|yrs?|%|weeks?|months?|days?))",
            clause,
        ):
            first, last = number(m.group(1)), number(m.group(2))
            if first and last and not self._overlaps(m, out.spans):
                mark(m, self._steps_between(first, last), out.named)
        for m in re.finditer(  # "after finishing deep learning"
            r"\bafter\s+(?:finishing|completing|doing|getting through)\s+(?P<rest>.*)", clause
        ):
            step = self._named_step(m.group("rest"))
            if step:
                mark(m, [step], out.done)
        for m in re.finditer(  # "everything before it": the step named just before
            r"\b(?:everything|all|anything)\s+(?:before|prior to|up to)\s+(?:it|that|this)\b",
            clause,
        ):
            named = [x.item for x in self.vocabulary.find(clause[: m.start()]) if "/" not in x.item]
            named = named or [s for s in previous if "/" not in s]
            if named:
                mark(m, self._steps_before(named[-1], inclusive=False), out.done)
        for m in re.finditer(  # "… but 1 and 3 are done"
            rf"(?:^|\bbut\s+)({NUM}(?:\s*(?:,|and|&)\s*{NUM})*)\s+(?:are|is)\s+(?:done|finished|"
            rf"complete|completed)\b",
            clause,
        ):
            if steps_said and not self._overlaps(m, out.spans):
                steps = [self._step(number(w)) for w in re.findall(rf"\b{NUM}\b", m.group(1))]
                mark(m, [s for s in steps if s], out.named)
        for m in re.finditer(  # "steps 1 to 5 and 7": a range, then more steps
            rf"\bsteps?\s*{NUM}\s*(?:-|–|to|through|until|till)\s*{NUM}((?:\s*(?:,|and|&|\+)\s*"
            rf"(?:step\s*)?{NUM}\b)+)",
            clause,
        ):
            extra = [self._step(number(w)) for w in re.findall(rf"\b{NUM}\b", m.group(1))]
            out.named.extend(s for s in extra if s and s not in out.named)
        for m in re.finditer(  # "steps 1-2 done, 3 in progress"
            rf"^\s*({NUM})\s+(?:is\s+)?(?:in progress|halfway|ongoing|underway)\b", clause
        ):
            step = self._step(number(m.group(1)))
            if step and steps_said:
                mark(m, [step], out.learning)
        if steps_said:  # "Haven't done step 2 yet but finished 1."
            for m in re.finditer(
                rf"\b(?:finished|done|did|completed|passed|through|skipped)\s+({NUM})\b(?!\s*(?:h\b|"
                rf"hrs?|hours?|min|mins|minutes?|years?|yrs?|%|weeks?|months?|days?|times?))",
                clause,
            ):
                step = self._step(number(m.group(1)))
                if step and not self._overlaps(m, out.spans):
                    mark(m, [step], out.named)
        return out

    @staticmethod
    def _overlaps(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
        return any(m.start() < end and start < m.end() for start, end in spans)

    # -- clauses and their polarity -----------------------------------------------------------

    def _mask(self, text: str) -> str:
        """``text`` with roadmap names blanked, so "deep learning" is not a "learning" cue."""
        for m in reversed(self.vocabulary.find(text)):
            text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
        return text

    def _cues(self, text: str) -> set[str]:
        masked = self._mask(text)
        return {
            name
            for name, rx in (("no", NEGATIVE), ("learning", LEARNING), ("done", DONE))
            if rx.search(masked)
        }

    def _clauses(self, text: str) -> list[tuple[str, bool, str, str]]:
        """Clauses, whether each continues a list ("…, DL, …"), their part and sentence.

        A clause with two kinds of cue ("finished deep learning and know a bit of OpenCV",
        "Python yes, maths no") is cut further at commas and "and".
        """
        out: list[tuple[str, bool, str, str]] = []
        for sentence in SENTENCE.split(text):
            for part in CLAUSE.split(sentence):
                if not part or not part.strip(" ,.;:!?"):
                    continue
                part = part.strip()
                if len(self._cues(part)) >= 2 and re.search(r",|\band\b|&", part):
                    pieces = []
                    for piece in COMMA_CUT.split(part):  # commas first, then "and" if still mixed
                        if len(self._cues(piece)) >= 2:
                            pieces += LIST_CUT.split(piece)
                        else:
                            pieces.append(piece)
                    pieces = [x.strip() for x in pieces if x.strip(" .;:!?")]
                    out += [(x, i > 0, part, sentence) for i, x in enumerate(pieces)]
                else:
                    out.append((part, False, part, sentence))
        return out

    @staticmethod
    def _polarity(clause: str) -> Polarity | None:
        if NEGATIVE.search(clause):
            return "not_known"
        if LEARNING.search(clause):
            return "learning"
        if DONE.search(clause):
            return "done"
        return None

    def _items(self, clause: str) -> list[Match]:
        """Steps and topics named in a clause.

        "Never coded in Python": a step's generic word ("coded") gives way to its topic.
        "The maths side (linear algebra, calculus) is fine", "ML pretty well (random forests)":
        topics in parentheses after their step only detail it, so the step is kept and they are
        not, unless the step only qualifies a noun ("online ML courses (regression, k-means)").
        """
        found = self.vocabulary.find(clause)
        topics_of = {m.item.partition("/")[0] for m in found if "/" in m.item}
        out = []
        for m in found:
            step = m.item.partition("/")[0]
            detailed = "/" not in m.item and self._claims_step(m, clause)
            if "/" not in m.item and m.item in topics_of and not detailed:
                continue  # "NLP PhD, fine-tuned BERT": the topics say what is known
            if "/" in m.item and any(
                s.item == step
                and s.end <= m.start
                and "(" in clause[s.end : m.start]
                and ")" not in clause[s.end : m.start]
                and self._claims_step(s, clause)
                for s in found
            ):
                continue
            out.append(m)
        return out

    # -- goals ---------------------------------------------------------------------------

    def _goal_by_meaning(self, phrase: str, among: set[str] | None = None) -> str | None:
        if self.embedder is None or len(content_words(phrase) - GOAL_NEUTRAL) < 2:
            return None
        if self._goal_vectors is None:
            goals = [g for g in self.vocabulary.goals if len(self.vocabulary.goals[g]) == 1]
            vectors = self.embedder.embed_documents(
                [self.vocabulary.goal_description(g) for g in goals]
            )
            self._goal_vectors = {g: _unit(v) for g, v in zip(goals, vectors, strict=True)}
        q = _unit(self.embedder.embed_query(phrase))
        scores = sorted(
            (
                (float(q @ v), g)
                for g, v in self._goal_vectors.items()
                if among is None or g in among
            ),
            reverse=True,
        )
        if among is not None:
            return scores[0][1] if scores else None  # the words named these: meaning picks one
        if len(scores) < 2:
            return scores[0][1] if scores else None
        (best, goal), (second, _) = scores[0], scores[1]
        if best >= GOAL_SIMILARITY and best - second >= GOAL_MARGIN:
            return goal
        return None

    def _goal_words(self, phrase: str) -> list[tuple[tuple[int, int, int], str]]:
        """Every goal word in ``phrase`` (with its verb and plural forms), ranked: a specific
        goal before "general", then the longer word, then the earlier one."""
        found = []
        for goal in self.vocabulary.goals:
            for word in self.vocabulary.goal(goal).words:
                pattern = rf"(?<![\w-]){re.escape(word)}(?:s|es|ed|ing)?(?![\w-])"
                for m in re.finditer(pattern, phrase, re.I):
                    found.append(((int(goal != DEFAULT_GOAL), len(word), -m.start()), goal))
        return found

    def goal_of(self, phrase: str) -> str | None:
        """The goal track a goal phrase names: by the goal words, else by meaning.

        When the words name two tracks ("sign language from video"), meaning decides between
        them.
        """
        words = self._goal_words(phrase)
        named = {goal for _, goal in words if goal != DEFAULT_GOAL}
        if len(named) > 1:
            meaning = self._goal_by_meaning(phrase, among=named)
            if meaning is not None:
                return meaning
        if words:
            return max(words)[1]
        return self._goal_by_meaning(phrase)

    # -- the whole message ---------------------------------------------------------------

    def read(self, text: str) -> LearnerStatement:
        """The statement in one message (never raises on odd input; unknown words are skipped)."""
        low = normalise(text)[:4000]
        items: dict[str, StatedItem] = {}
        goal: str | None = None
        position: str | None = None

        def put(
            item: str,
            polarity: Polarity,
            words: str,
            inferred: bool = False,
            override: bool = False,
        ) -> None:
            old = items.get(item)
            if override:
                items[item] = StatedItem(id=item, polarity=polarity, words=words[:200])
                return
            if old is not None and old.polarity == "not_known" and polarity != "not_known":
                return  # a negative said anywhere wins over an inferred or implied positive
            if old is not None and old.polarity == "done" and polarity == "learning":
                return  # "a pandas course, plus a bit of matplotlib": the topic is still done
            if old is not None and not old.inferred and inferred:
                return
            items[item] = StatedItem(
                id=item, polarity=polarity, words=words[:200], inferred=inferred
            )

        steps_said = bool(re.search(r"\bsteps?\b", low))
        last_items: list[str] = []
        last_sentence = ""
        last_polarity: Polarity | None = None
        for clause, continues, whole, sentence in self._clauses(low):
            working = None  # whether the clause's part says "daily", "at work" … (read once)
            body = clause
            cue = GOAL_CUE.search(clause)
            if cue and re.match(r"\W*why\b", clause):
                cue = None  # "why should I care about RL?" asks the roadmap's reasons
            mine = cue and re.search(r"\bmy\s+(?:thing|passion|jam)\b", cue.group(0))
            if cue and mine and self.goal_of(clause[: cue.start()]) is None:
                cue = None  # "python's my thing" says what is known, not a goal
            if cue:
                phrase = clause[cue.end() :]
                if not QUESTION_WISH.match(phrase):
                    found = self.goal_of(phrase) if phrase.strip(" .!?,") else None
                    before = clause[: cue.start()]
                    pointer = POINTS_BACK.search(before)
                    if found is None and (
                        pointer or len(content_words(phrase) - GOAL_NEUTRAL) < 1
                    ):  # "production is exactly what I want to get good at"
                        found = self.goal_of(before[: pointer.start()] if pointer else before)
                    goal = found or goal
                body = clause[: cue.start()]  # a wish or a question about the roadmap
            if CONTENT_REQUEST.search(body) or (
                is_question(body) and not FIRST_PERSON.search(body)
            ):
                continue  # "what does step 2 cover?" names a step but says nothing about me
            where = self._positions(body, steps_said, last_items)
            matches = [
                m
                for m in self._items(body)
                if not any(m.start < end and start < m.end for start, end in where.spans)
            ]
            masked = self._mask(body)  # "deep learning" is a name, not a "learning" cue
            polarity = self._polarity(masked)
            if polarity is None and continues:
                polarity = last_polarity  # "I did ML, DL and NLP": the list goes on
            positions = where.named or where.done or where.learning
            if polarity is not None and not matches and not positions:
                plural = re.search(r"\b(?:them|those|these|both|all of them)\b", masked)
                pronoun = plural or re.search(r"\b(?:it|that|this|which)\b", masked)
                carry = pronoun or sentence == last_sentence
                if last_items and carry and not is_question(clause):
                    # "passed linear algebra but forgot it all"; "a Python course but rusty now"
                    for item in last_items if plural else last_items[-1:]:
                        put(item, polarity, item, override=True)
                last_polarity = polarity
                continue
            if matches or where.named:
                last_items, last_sentence = [m.item for m in matches] + where.named, sentence
            if where.said:
                position = where.said
            for step in where.done:
                put(step, "not_known" if polarity == "not_known" else "done", where.said or step)
            for step in where.learning:
                put(step, "learning", where.said or step)
            if polarity is None:
                continue
            for step in where.named:
                put(step, polarity, where.said or step)
            last_polarity = polarity
            for match in matches:
                put(match.item, polarity, match.words)
                core = self._core_step(match.item)
                if polarity == "done" and core:
                    if working is None:
                        working = bool(WORKING.search(self._mask(whole)))
                    if working:
                        put(core, "done", match.words, inferred=True)
        hours = weekly_hours(low)
        backgrounds = self.vocabulary.backgrounds_in(low[:200])
        sentences = split_sentences(low)
        plans = [asks_for_plan(s) and not self._about_an_area(s) for s in sentences]
        asks_plan = any(plans)
        asks_question = any(
            is_question(s) and not plan for s, plan in zip(sentences, plans, strict=True)
        ) or bool(
            re.search(
                r"\b(?:i'd|i would|i)\s+(?:love|like|want)\s+to\s+(?:see|know|"
                r"understand)\b|\bcurious\b",
                low,
            )
        )
        return LearnerStatement(
            items=tuple(items.values()),
            goal=goal,
            background=backgrounds[0] if backgrounds else None,
            hours_per_week=hours,
            position=position,
            beginner=bool(BEGINNER.search(low)),
            asks_plan=asks_plan,
            asks_question=asks_question,
        )

    def _about_an_area(self, sentence: str) -> bool:
        """ "What should I learn for computer vision?" asks what a step covers, not what's next."""
        if NOW.search(sentence) or PERSONAL.search(sentence):
            return False
        return any(
            re.search(r"\b(?:for|about|in|on|from|of)\s+(?:the\s+)?$", sentence[: m.start])
            for m in self.vocabulary.find(sentence)
        )

    def question_part(self, text: str) -> str:
        """The sentences of ``text`` that ask about the roadmap (for retrieval), else all of it."""
        asked = []
        for sentence in split_sentences(text):
            low = normalise(sentence)
            if is_question(low) and not asks_for_plan(low):
                asked.append(sentence)
        return " ".join(asked) if asked else text

    @staticmethod
    def _claims_step(step: Match, clause: str) -> bool:
        """A step named just before a parenthesis of examples, not as a modifier ("ML courses")."""
        paren = clause.find("(", step.end)
        between = clause[step.end : paren]
        return 0 <= paren - step.end <= 25 and not re.search(_COURSE_NOUNS, between)

    def _core_step(self, item: str) -> str | None:
        for step, topic in self.vocabulary.graph.core_topics.items():
            if topic == item:
                return step
        return None


def _unit(vector: Sequence[float]) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else v


def apply_statement(profile: Profile, statement: LearnerStatement) -> Profile:
    """``profile`` with the statement's facts merged in (later statements win).

    A negative is stored as ``not started`` on purpose: it overrides an earlier "done", and
    the planner never counts that step as done because a later step implied it.
    """
    progress = dict(profile.progress)
    for item in statement.items:
        progress[item.id] = {"done": "done", "learning": "learning"}.get(
            item.polarity, "not started"
        )
    return replace(
        profile,
        progress=progress,
        goal=statement.goal or profile.goal,
        background=statement.background or profile.background,
        hours_per_week=statement.hours_per_week or profile.hours_per_week,
    )
