"""A CV's goal: the objective, a closing "What I'm looking for", or any sentence with a cue.

``CVGoals.read(lines)`` gives the goal track and the sentence that states it, a
specific track before "general". A sentence with a goal cue ("I want to …",
"looking for …", "je souhaite …") names it by its words, else by meaning (the chat
reader's ``goal_of``), with two CV rules on top: a track about what is done with
models (MLOps, generative AI) wins when two or more of its words are there, and
what the learner moves beyond ("broaden beyond text") or a range ("from data to
models to serving") names nothing. An "Objective: …" line needs no cue; a "Goals"
section line is read by its words only.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner import cv_cues as cue
from assistant.learner import cv_goal_cues as goal_cue
from assistant.learner.cues import GOAL_CUE
from assistant.learner.profile import DEFAULT_GOAL
from assistant.learner.reader import LearnerReader

if TYPE_CHECKING:
    from assistant.learner.cv_lines import CVLine

#: Goal tracks about what is done with models, whatever the models are about.
META_GOALS = frozenset({"mlops", "generative-ai"})


class CVGoals:
    """Read the goal of a CV's lines."""

    def __init__(self, vocabulary: Vocabulary, reader: LearnerReader) -> None:
        self.vocabulary = vocabulary
        self.reader = reader

    def read(self, lines: list[CVLine]) -> tuple[str | None, str]:
        """The goal of the objective or summary (else of any sentence with a goal cue): a
        specific track before "general".

        A sentence with a goal cue ("I want to …", "looking for …") names it; an objective
        section or an "Objective: …" line names it by its goal words even without a cue.
        """
        heads = {"goal", "objective", "preamble"}
        places = heads if any(ln.section in heads - {"preamble"} for ln in lines) else None
        found: list[tuple[str, str]] = []
        for line in lines:
            if places is not None and line.section not in places:
                continue
            for said in cue.sentences(line.text):
                cued = GOAL_CUE.search(said) or goal_cue.CV_GOAL_CUE.search(said)
                if line.section in cue.UNREAD and not cued:
                    continue  # "Interests: chess, RL papers" is no goal; "I want to …" is
                sentence = goal_cue.RANGE.sub(" ", goal_cue.AWAY_FROM.sub(" ", said))
                sentence = goal_cue.GOAL_NOISE.sub(" ", sentence)
                goal = self._goal_in(sentence)
                if goal is None and goal_cue.GOAL_LABEL.match(sentence):
                    goal = self.reader.goal_of(goal_cue.GOAL_LABEL.sub("", sentence))
                elif goal is None and line.section == "goal":
                    goal = self._goal_by_words(sentence)
                    if goal is None and goal_cue.GOAL_VERB.match(sentence):  # "Build QA systems …"
                        goal = self._goal_of(sentence)
                if goal is not None:
                    found.append((goal, said))
        specific = [f for f in found if f[0] != DEFAULT_GOAL]
        named = [f for f in specific if self._goal_by_words(f[1]) == f[0]]  # not by meaning
        chosen = named or specific or found
        return chosen[0] if chosen else (None, "")

    def _goal_in(self, sentence: str) -> str | None:
        """The goal after a goal cue ("I want to …", a CV's "looking for …"): by its words,
        else by meaning; or, by its words, what "that is the work I want …" points back to."""
        said, cv_said = GOAL_CUE.search(sentence), goal_cue.CV_GOAL_CUE.search(sentence)
        first = said or cv_said
        if first is not None:
            sought = sentence[first.end() :]
            if goal_cue.OTHER_ROLE.search(sought) and not goal_cue.AI_NAMED.search(sought):
                return None  # "looking for a senior frontend role in a team that ships often"
            role = goal_cue.ROLE_SOUGHT.search(sentence, first.start())
            goal = self._goal_by_words(role.group(0)) if role else None
            if role and goal == DEFAULT_GOAL:  # "an AI engineer building chatbots": NLP
                goal = self._specific(sentence[role.end() :]) or goal
            if goal is not None:
                return goal
        m = None if said and goal_cue.VALUES.match(said.group(0).strip()) else said  # "I care"
        goal = self._goal_of(sentence[m.end() :]) if m else None
        before = sentence[: m.start()] if m else ""
        subject = goal_cue.GOAL_SUBJECT.search(before)
        if m and goal is None and subject:  # "RL is the area I want to master"
            goal = self._goal_by_words(subject.group("clause"))
        if m and goal is None and goal_cue.POINTS_BACK.search(before):
            goal = self._goal_by_words(before)
        m = cv_said if goal is None else None
        return self._goal_of(sentence[m.end() :]) if m else goal

    def _goal_of(self, phrase: str) -> str | None:
        """The chat reader's goal (words, then meaning), unless a track about what is done
        with models (MLOps, generative AI) has two words or more: "package, deploy and
        monitor language models" is MLOps, whatever the models read. When the chat reader
        finds none, the CV's goal words (also inside "Computer-Vision-Ingenieurin") name it."""
        goal = self.reader.goal_of(phrase) or self._goal_by_words(phrase)
        meta = [
            g
            for g, words in self._goal_words(phrase).items()
            if g in META_GOALS and len(words) >= 2
        ]
        return meta[0] if len(meta) == 1 and goal not in META_GOALS else goal

    def _specific(self, phrase: str) -> str | None:
        """A specific track ``phrase`` names after a general role; one about what is done with
        models (MLOps, generative AI) needs two of its words ("ship" alone is any engineer's)."""
        goal = self._goal_of(phrase)
        if goal is None or goal == DEFAULT_GOAL:
            return None
        if goal in META_GOALS and len(self._goal_words(phrase).get(goal, ())) < 2:
            return None
        return goal

    def _words_in(self, phrase: str) -> list[tuple[str, str]]:
        """(track, goal word) for each track's goal word in ``phrase`` (and its plural and
        verb forms, also inside a hyphenated compound: "Computer-Vision-Ingenieurin"); a word
        inside a longer one found ("image" in "text-to-image") is not one more."""
        return list(dict.fromkeys((goal, word) for _, goal, word in self._found(phrase)))

    def _found(self, phrase: str) -> list[tuple[tuple[int, int], str, str]]:
        """Each place a goal word stands in ``phrase``: (span, track, word), none inside
        another's span."""
        texts = (phrase, phrase.replace("-", " "))  # the same length: spans agree
        found = {
            (m.span(), goal, word)
            for goal in self.vocabulary.goals
            for word in self.vocabulary.goal(goal).words
            for text in texts
            for m in _word_pattern(word).finditer(text)
        }
        return sorted(
            (span, goal, word)
            for span, goal, word in found
            if not any(
                o[0] <= span[0] and span[1] <= o[1] and o[1] - o[0] > span[1] - span[0]
                for o, _, _ in found
            )
        )

    def _goal_words(self, phrase: str) -> dict[str, set[tuple[int, int]]]:
        """Where each specific track's goal words stand in ``phrase`` ("monitoring" once, though
        "monitor" names it too)."""
        out: dict[str, set[tuple[int, int]]] = {}
        for span, goal, _ in self._found(phrase):
            if goal != DEFAULT_GOAL:
                out.setdefault(goal, set()).add(span)
        return out

    def _goal_by_words(self, phrase: str) -> str | None:
        """A goal named by its words only (a "Goals" section line with no cue): no guess by meaning;
        a specific track before "general", then the longer word."""
        ranked = [(goal != DEFAULT_GOAL, len(word), goal) for goal, word in self._words_in(phrase)]
        return max(ranked)[2] if ranked else None


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    """A goal word, or its plural or verb form, standing alone."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?:s|es|ed|ing)?(?![\w-])", re.I)
