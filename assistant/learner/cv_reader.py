"""Read a CV's text into a proposed profile: ``CVReading``, every item with its evidence line.

A CV is read line by line, within its sections (titles in English, German,
Dutch, Spanish, Portuguese, French or Italian; ``cv_sections.SECTION_WORDS``). Each line is cut into
sentences and each sentence into list segments, so a level stays with its skill:
"Python (10 years), PyTorch (basic)" reads Python done and PyTorch learning,
while a lead ("Familiar with pandas, NumPy") or a level cell ("Docker | Beginner")
covers the whole list. Hedges ("basic knowledge of", "exposure to", "familiar
with", "currently learning", "took it but have not used it since") and a
"Currently learning" section give ``learning``, never ``done``; a hedge anywhere
in the CV wins over a plain mention elsewhere. Interests and contact lines are
not read, and what follows a goal cue ("I want to move into RL") is the goal,
not a skill.

Steps and topics are found with the shared ``Vocabulary`` plus the CV words of
``corpus/cv-words.yaml``. A whole step is proposed as done only on evidence that
covers it: a completed course or a degree ("BSc Mathematics"), "the whole/complete
…", or a profession with its years ("machine learning engineer with three
years"); a step merely named ("research assistant in NLP", a job title) is not.
Python used at a working level (years, daily, at work, "advanced") marks Step 1
done by inference, as the chat reader does. The goal comes from the objective or
summary section, read by the ``LearnerReader``'s goal words and meaning. With an
embedder, a second opinion (``cv_doubt``) reads sentences the rules took as done for
wording that sounds in progress or thin, and proposes their items as learning. Nothing
here extracts text from files (``cv_text.py``, ``cv_lines``), calls a language model,
plans or saves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.knowledge.cv_words import CVWords
from assistant.knowledge.vocabulary import Match, Vocabulary
from assistant.learner import cv_cues as cue
from assistant.learner import cv_goal_cues as goal_cue
from assistant.learner.cues import GOAL_CUE, WORKING, weekly_hours
from assistant.learner.cv_doubt import Doubt
from assistant.learner.cv_goal import CVGoals
from assistant.learner.cv_lines import EVIDENCE_CHARS, CVLine, cv_lines, evidence_of
from assistant.learner.cv_reading import WHY_CHARS, CVItem, CVReading
from assistant.learner.cv_subjects import clause_at, clauses, in_parentheses, segments, subjects
from assistant.learner.reader import LearnerReader
from assistant.learner.statement import Polarity

#: Longest level cell joined back to its skill (``CVReader._levels_joined``), in words.
LEVEL_WORDS = 14
NO_SKILLS = "I found no skills I can map to the roadmap in this text; is it a CV?"
OTHER_LANGUAGES = "step-1/additional-languages-optional"


@dataclass
class _Seen:
    polarity: Polarity
    evidence: str
    inferred: bool = False
    listed: bool = False
    """Said in a skills section (the best evidence for a skill)."""
    studied: bool = False
    """Said in an education or courses section (a course's content)."""
    sentence: str = ""
    """The sentence it was said in (the evidence may be the whole line)."""
    doubted: bool = False
    """Read as done by the rules, as learning by the second opinion (``cv_doubt``)."""


@dataclass(frozen=True)
class CVMention:
    """One place a CV names a step or topic, as the rules read it."""

    item: str
    polarity: Polarity
    sentence: str
    """The sentence it was said in."""
    plain: str
    """The sentence with the roadmap's names blanked (what the second opinion reads)."""
    inferred: bool
    sure: bool
    """The sentence says outright that something is done (``CVReader.sure``)."""


_POLARITY_RANK = {"learning": 3, "not_known": 2, "done": 1}
#: Words a sentence needs, its names blanked, for the second opinion to judge its wording.
DOUBT_WORDS = 3


def has_wording(plain: str) -> bool:
    """Whether a sentence with its names blanked still has words for the second opinion to
    judge: not "NumPy, SimpleITK, OpenCV" (what ``train_cv_doubt.py`` trains on, too)."""
    return len(re.findall(r"[^\W\d_]{2,}", plain)) >= DOUBT_WORDS


class CVReader:
    """The offline CV reader; ``read(text)`` gives a ``CVReading``."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        words: CVWords,
        reader: LearnerReader,
        doubt: Doubt | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.doubt = doubt
        """A second opinion on sentences read as done (``cv_doubt``); rules alone without."""
        self.words = words
        self.reader = reader  # goals by words and meaning
        self.goals = CVGoals(vocabulary, reader)
        self._not_skills = (
            re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in words.not_skills), re.I)
            if words.not_skills
            else None
        )
        self._degree_subjects = [
            (step, re.compile(rf"(?<![\w-]){re.escape(s)}(?![\w-])", re.I))
            for step, subjects in words.degrees.items()
            for s in subjects
        ]

    # -- finding names ----------------------------------------------------------------------

    def _blank(self, text: str, pattern: re.Pattern[str] | None) -> str:
        if pattern is None:
            return text
        return pattern.sub(lambda m: " " * len(m.group(0)), text)

    def find(self, text: str) -> list[Match]:
        """Steps and topics named in ``text``: CV words included, contact details and the
        CV's "not a skill" phrases ignored; "machine-learning" is read as "machine learning"."""
        masked = self._blank(self._blank(text, cue.CONTACT), self._not_skills)
        masked = self._blank(self._blank(masked, cue.COURSE_CODE), cue.NOT_ABOUT)
        if not cue.MODEL_CONTEXT.search(masked):  # "nurse, now retraining in AI"
            masked = self._blank(masked, cue.CAREER_RETRAINING)
        found = self.vocabulary.find(masked)
        spaced = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", masked)
        if spaced != masked:
            taken = [(m.start, m.end) for m in found]
            for m in self.vocabulary.find(spaced):
                if not any(m.start < end and start < m.end for start, end in taken):
                    found.append(Match(m.item, text[m.start : m.end], m.display, m.start, m.end))
            found.sort(key=lambda m: m.start)
        for r in cue.R_LANGUAGE.finditer(masked):  # "R", the language: never in lower case
            if not any(m.start < r.end() and r.start() < m.end for m in found):
                found.append(Match(OTHER_LANGUAGES, "R", "R", r.start(), r.end()))
        found.sort(key=lambda m: m.start)
        return [m for m in found if m.words.lower() not in self.words.ignore]

    def _unnamed(self, text: str) -> str:
        """``text`` with roadmap names blanked, so "deep learning" is not a "learning" cue."""
        parts, at = [], 0
        for m in self.find(text):
            parts += [text[at : m.start], " " * (m.end - m.start)]
            at = m.end
        return "".join([*parts, text[at:]])

    def _cue(self, text: str, section: str, graded: bool = False) -> Polarity | None:
        """The level ``text`` says; ``graded``: its line gives a grade ("… (B+)"), so a course
        level in a title ("Elementary Statistics") is not a hedge (nor is it when an education or
        course line says it was completed: "Elementary Statistics — completed")."""
        plain = self._unnamed(text)
        intro = (  # "Intro to Python (Coursera)"; not one passed with a grade
            section in cue.STUDY_SECTIONS
            and cue.INTRO.search(plain)
            and not cue.GRADED.search(plain)
            and not cue.COMPLETED.search(plain)
            and not graded
        )
        hedges = [h.group(0).strip(" :;(—–|") for h in cue.HEDGE.finditer(plain)]
        graded = graded or bool(cue.GRADED.search(plain))
        if (
            hedges
            and graded
            and all(cue.COURSE_LEVEL.fullmatch(h) for h in hedges)
            and not cue.OWN_WORDS.search(plain)  # not "… — completed. I'm still a beginner."
        ):
            hedges = []  # a course's level passed with a grade: "Elementary Statistics (B+)"
        if hedges or (intro and not cue.TEACHING.search(plain)):
            return "learning"
        rated = cue.rating(plain) if section == "skills" else None
        if rated is not None:
            return "learning" if rated <= cue.RATING_LEARNING else "done"
        if cue.NEGATIVE.search(plain):
            return "not_known"
        if cue.DONE.search(plain):
            return "done"
        return None

    def _spread(self, text: str, section: str, graded: bool = False) -> Polarity | None:
        """The level ``text`` gives the other names of its clause: not an "Intro to" of one
        course's title ("Coursework: Intro to Programming (Python), Calculus I and II")."""
        said, plain = self._cue(text, section, graded), self._unnamed(text)
        if said == "learning" and cue.INTRO.search(plain) and not cue.HEDGE.search(plain):
            return None
        return said

    @staticmethod
    def _goes_on(skills: str, start: int, end: int, found: list[Match]) -> bool:
        """Whether a list segment goes on about the one before it: "writing my first pandas
        scripts", "chapters 1–4 (MDPs, …)" (lower case, not a name of its own: a list item
        starts with its name)."""
        text = skills[start:end]
        lead = len(text) - len(text.lstrip())
        begins_named = any(m.start == start + lead for m in found)
        return bool(cue.GOES_ON.match(text)) or (not begins_named and bool(cue.LOWER.match(text)))

    def _own_level(self, text: str) -> bool:
        """A list item with a level of its own, not the list's: "basic OOP", "a little
        HTML/CSS", "SQL (basic)"."""
        aside = cue.LEVEL_ASIDE.fullmatch(text)
        return bool(cue.BASIC_THING.match(text)) or bool(
            aside and self._cue(aside.group("thing"), "skills") is None
        )

    def hedges(self, text: str) -> bool:
        """Whether ``text`` carries a hedge ("basic", "exposure to", "not used since")."""
        return self._cue(text, "skills") == "learning" or bool(cue.STALE.search(text))

    # -- one line -----------------------------------------------------------------------------

    def _line_items(self, line: CVLine) -> list[tuple[Match, Polarity, bool, str]]:
        """(match, polarity, strong step evidence, sentence) for each name in one line."""
        sentences = []
        for sentence in cue.sentences(line.text):
            goal = GOAL_CUE.search(sentence) or goal_cue.CV_GOAL_CUE.search(sentence)
            skills = sentence[: goal.start()] if goal else sentence  # the rest is the goal
            subject = goal_cue.GOAL_SUBJECT.search(skills) if goal else None
            skills = skills[: subject.start("clause")] if subject else skills  # "RL is the area"
            sentences.append((sentence, skills, subjects(skills, self.find(skills))))
        # teaching an "Intro to Python" course shows Python: read the line as work, not study
        teaching = bool(cue.TEACHING.search(line.text))
        section = "experience" if teaching else line.section
        hedged = self._hedged_clauses(sentences, section)
        # a course still running ("Coursera (2025 – present)"): all of its line is learning
        ongoing = line.section == "courses" and bool(cue.ONGOING.search(line.text))
        graded = bool(  # "… (B+)", "… — completed": a title's level is no hedge
            cue.GRADED.search(line.text)
            or (line.section in cue.COURSE_SECTIONS and cue.COMPLETED.search(line.text))
        )
        out = []
        for number, (sentence, skills, found) in enumerate(sentences):
            if not found:
                continue
            if teaching:  # "basic", "intro": the course's level, not the teacher's
                skills = cue.COURSE_LEVEL.sub(lambda m: " " * len(m.group(0)), skills)
            lead = self._spread(skills[: found[0].start], section, graded)
            if lead is None and " | " in skills:
                lead = self._row_level(skills.split(" | ")[1:], section, graded)
            spans = segments(skills)
            inside = in_parentheses(skills)  # a name there ("Beginner (… Python …)") is an aside
            named = [any(s <= m.start < e and not inside[m.start] for m in found) for s, e in spans]
            cues = [self._cue(skills[s:e], section, graded) for s, e in spans]
            spread = [self._spread(skills[s:e], section, graded) for s, e in spans]
            # the strongest level of a clause's segments without a name: "Python — advanced;
            # Go — basic" keeps each level in its clause; "…, basic OOP" is OOP's own
            rest: dict[int, Polarity] = {}
            for (s, e), has, said in zip(spans, named, spread, strict=True):
                if said and not has and not self._own_level(skills[s:e]):
                    clause = clause_at(skills, s)
                    rest[clause] = max(rest.get(clause, said), said, key=_POLARITY_RANK.__getitem__)
            before: Polarity | None = None  # the level of the segment before
            for (s, e), own in zip(spans, cues, strict=True):
                if own is None and before is not None and self._goes_on(skills, s, e, found):
                    own = before  # "Python: beginner, writing my first pandas scripts"
                before = own
                if not any(s <= m.start < e for m in found):
                    continue
                default = lead or rest.get(clause_at(skills, s))
                polarity: Polarity = own or default or "done"
                for m in found:
                    if s <= m.start < e:
                        stale = (number, clause_at(skills, m.start)) in hedged
                        if stale or ongoing or line.section == "learning":
                            polarity = "learning"
                        out.append((m, polarity, self._covers_step(m, sentence, line), sentence))
        return self._steps_or_topics(out)

    def _row_level(self, cells: list[str], section: str, graded: bool) -> Polarity | None:
        """The level of a table row whose level cell names more ("PyTorch | Beginner — an
        intro ML course"): the strongest cell that starts with a level, when one such cell
        names something (otherwise each cell's level is read as a list's)."""
        levels = [c for c in cells if cue.LEVEL_FIRST.match(c)]
        if not any(self.find(c) for c in levels):
            return None
        best: Polarity | None = None
        for cell in levels:
            said = self._cue(cell, section, graded)
            if said is not None and (best is None or _POLARITY_RANK[said] > _POLARITY_RANK[best]):
                best = said
        return best

    def _hedged_clauses(
        self, sentences: list[tuple[str, str, list[Match]]], section: str
    ) -> set[tuple[int, int]]:
        """(sentence, clause) of the names a hedge covers. A clause (cut at ";") saying a
        thing was left unused ("have not used it since"), or hedging with no name of its own,
        covers its own names, else the nearest clause before it with names ("…; I have not
        used it in my research"), or all of them for "them", "either", "any of it"."""
        parts: list[tuple[int, int, str, bool]] = []
        for number, (_, skills, found) in enumerate(sentences):
            for index, (start, end) in enumerate(clauses(skills)):
                named = any(start <= m.start < end for m in found)
                parts.append((number, index, skills[start:end], named))
        hedged: set[tuple[int, int]] = set()
        for at, (number, index, text, named) in enumerate(parts):
            nameless = (
                not named
                and self._cue(text, section) == "learning"
                and not all(h.group(0).lower() in cue.WEAK_HEDGES for h in cue.HEDGE.finditer(text))
            )  # "Still learning.", not "Most of my work so far was on text."
            if not (cue.STALE.search(text) or nameless) or (
                not named and cue.OWN_SKILL.match(text)
            ):  # "Python — advanced; Go — basic": Go's level
                continue
            before = [(n, i) for n, i, _, has in parts[:at] if has]
            short = len(text.split()) <= 4  # "Still learning:" may be about the next sentence
            if named:
                hedged.add((number, index))
            elif cue.ALL_OF_THEM.search(text):  # "…; have not used any of them since"
                hedged.update((n, i) for n, i, _, _ in parts)
            elif before and before[-1][0] != number and cue.SOMEONE_ELSE.match(text):
                continue  # "Our team is starting to rely on …": not about the names before
            elif before and before[-1][0] < number - 1:
                continue  # a sentence between (an objective): not about those names
            elif before:
                hedged.add(before[-1])
            else:  # a hedge before the names: of its sentence, not of the whole line
                near = (number, number + 1) if short else (number,)
                hedged.update((n, i) for n, i, _, _ in parts if n in near)
        return hedged

    def _covers_step(self, m: Match, sentence: str, line: CVLine) -> bool:
        """Whether the evidence covers a whole step, not just names it."""
        if "/" in m.item:
            return True
        if re.search(r"\bsome\b", sentence[: m.start]):
            return False  # "some computer vision coursework": a part of it
        if self._underway(line.text) and (
            cue.DEGREE.search(line.text) or cue.DEGREE_ABBREVIATION.search(line.text)
        ):
            return False  # "BSc Mathematics, 2024 – 2027 (expected)": not all of it yet
        years = cue.YEARS.search(sentence[: m.start])
        return bool(
            line.section in ("education", "courses")
            or cue.COURSE.search(line.text)
            or cue.DEGREE.search(line.text)
            or cue.DEGREE_ABBREVIATION.search(line.text)
            or cue.WHOLE.search(sentence)
            or (cue.ROLE.match(sentence[m.end :]) and cue.YEARS.search(sentence))
            or (years and cue.EXPERIENCE.search(sentence, years.end(), m.start))
            or bool(
                years
                and cue.YEARS_OF.match(sentence[_last_years(sentence, m.start) : m.start])
                and cue.WORK_AFTER.match(sentence[m.end :])
            )
        )  # the last two: "three years of professional experience training deep learning
        # models", "three years of professional deep learning work"

    @staticmethod
    def _steps_or_topics(
        found: list[tuple[Match, Polarity, bool, str]],
    ) -> list[tuple[Match, Polarity, bool, str]]:
        """A step still being learned, named with some of its topics, is those topics
        ("learning NLP with the NLTK book: tokenization …"), and so is a step named as the
        kind of some listed parts ("Mathematics modules: calculus and linear algebra"); a
        step done otherwise keeps them all."""
        learned = {  # (sentence, step) of the topics being learned
            (s, m.item.partition("/")[0])
            for m, p, _, s in found
            if "/" in m.item and p == "learning"
        }
        named = {(s, m.item.partition("/")[0]) for m, _, _, s in found if "/" in m.item}
        return [
            (m, polarity, strong, sentence)
            for m, polarity, strong, sentence in found
            if "/" in m.item
            or (
                (polarity != "learning" or (sentence, m.item) not in learned)
                and not ((sentence, m.item) in named and cue.PARTS_AFTER.match(sentence[m.end :]))
            )
        ]

    # -- the whole CV ---------------------------------------------------------------------

    def _levels_joined(self, lines: list[CVLine]) -> list[CVLine]:
        """A skills table's rows whose level cell came out on a line of its own (PDF text:
        "C++" then "Grundkenntnisse (basics only)") joined back into one row."""
        out: list[CVLine] = []
        for line in lines:
            last = out[-1] if out else None
            if (
                last is not None
                and line.section == last.section == "skills"
                and len(line.text.split()) <= LEVEL_WORDS
                and cue.LEVEL_FIRST.match(line.text)
                and not self.find(line.text.split(";")[0])  # "Exposure only; monitoring is …"
                and " | " not in last.text
                and self.find(last.text)
                and self._cue(last.text, "skills") is None
            ):
                out[-1] = CVLine(last.section, f"{last.text} | {line.text}")
                continue
            out.append(line)
        return out

    def read(self, text: str) -> CVReading:
        """The proposed profile in a CV's text (never raises on odd input)."""
        lines = self._levels_joined(cv_lines(text[:100_000]))
        seen = self._seen(lines)
        if self.doubt is not None:
            self._second_opinion(seen, self.doubt)
        items = self._merge(seen)
        goal, goal_line = self.goals.read(lines)
        return CVReading(
            items=items,
            goal=goal,
            goal_evidence=evidence_of(goal_line) if goal else "",
            hours_per_week=weekly_hours(text[:100_000].lower()),
        )

    def mentions(self, text: str) -> list[CVMention]:
        """Every place the CV names a step or topic, as the rules read it (no second opinion,
        nothing merged): what ``benchmarks/train_cv_doubt.py`` learns from."""
        seen = self._seen(self._levels_joined(cv_lines(text[:100_000])))
        sentences = {s.sentence for said in seen.values() for s in said}
        plain = {s: self.plain(s) for s in sentences}
        sure = {s: self.sure(s) for s in sentences}
        return [
            CVMention(item, s.polarity, s.sentence, plain[s.sentence], s.inferred, sure[s.sentence])
            for item, said in seen.items()
            for s in said
        ]

    def sure(self, sentence: str) -> bool:
        """Whether ``sentence`` says outright that something is done ("completed", "3 years",
        "grade 1.3", "taught"): the second opinion does not overrule it."""
        return bool(
            cue.OUTRIGHT.search(self._unnamed(sentence))
            or cue.GRADED.search(sentence)
            or cue.YEARS.search(sentence)
            or cue.TEACHING.search(sentence)
        )

    def plain(self, sentence: str) -> str:
        """``sentence`` with the roadmap's names blanked, as the second opinion reads it (it
        judges the wording, not which skill is named)."""
        return " ".join(self._unnamed(sentence).split())

    def _second_opinion(self, seen: dict[str, list[_Seen]], doubt: Doubt) -> None:
        """Items read as done only in sentences that ``doubt`` reads as learning become
        learning, and what was inferred from those sentences (Step 1 from Python) is dropped.
        A sentence that says "done" outright (``sure``) is never doubted, nor is one with
        almost no words but names ("NumPy, SimpleITK, OpenCV": nothing to judge), and one plain
        mention elsewhere ("Python" in the skills list) keeps an item done."""
        done = {
            s.sentence
            for found in seen.values()
            for s in found
            if s.polarity == "done" and not s.inferred
        }
        plain = {s: self.plain(s) for s in done if not self.sure(s)}
        said = sorted(s for s, words in plain.items() if has_wording(words))
        scores = doubt.doubts([plain[s] for s in said])
        doubted = {s for s, d in zip(said, scores, strict=True) if d}
        if not doubted:
            return
        flipped: set[str] = set()  # sentences that turned an item into learning
        for found in seen.values():
            stated = [s for s in found if s.polarity == "done" and not s.inferred]
            if stated and all(s.sentence in doubted for s in stated):
                for s in stated:
                    s.polarity, s.doubted = "learning", True
                    flipped.add(s.sentence)
        for item, found in list(seen.items()):
            kept = [s for s in found if not (s.inferred and s.sentence in flipped)]
            if kept:
                seen[item] = kept
            else:
                del seen[item]

    def _seen(self, lines: list[CVLine]) -> dict[str, list[_Seen]]:
        seen: dict[str, list[_Seen]] = {}

        def put(
            item: str, polarity: Polarity, evidence: str, inferred: bool = False, said: str = ""
        ) -> None:
            listed, studied = line.section == "skills", line.section in ("education", "courses")
            found = _Seen(polarity, evidence, inferred, listed, studied, said or evidence)
            seen.setdefault(item, []).append(found)

        for line in lines:
            if line.section in cue.UNREAD:
                continue
            working: dict[str, bool] = {}
            for m, polarity, strong, sentence in self._line_items(line):
                if "/" not in m.item and polarity == "done" and not strong:
                    continue  # a step merely named ("research assistant in NLP") is not done
                evidence = evidence_of(
                    sentence if len(line.text) > EVIDENCE_CHARS else line.text, m.words
                )
                put(m.item, polarity, evidence, said=sentence)
                core = self._core_step(m.item)
                if sentence not in working and core and polarity == "done":
                    working[sentence] = self._working(sentence, line)
                if core and polarity == "done" and working[sentence]:
                    put(core, "done", evidence, inferred=True)
            if line.section in ("education", "courses", "preamble"):
                for step, subject in self._degree_subjects:
                    found = self._degree_in(subject, line.text)
                    if found and not self._underway(line.text):
                        # "BSc Mathematics", "PhD in Physics": the whole step, once finished
                        put(step, "done", evidence_of(line.text, found))
        return seen

    @staticmethod
    def _underway(text: str) -> bool:
        return bool(cue.DEGREE_UNDERWAY.search(text) or cue.ONGOING.search(text))

    @staticmethod
    def _degree_in(subject: re.Pattern[str], text: str) -> str | None:
        """The subject of a degree named in ``text`` ("BSc Mathematics", "Master of Science
        in Physics"), when it is ``subject``; not a module listed later on the line."""
        for pattern in (cue.DEGREE, cue.DEGREE_ABBREVIATION):
            for degree in pattern.finditer(text):
                title = re.split(r"[,;:(—–|]|\s-\s|\.\s", text[degree.end() : degree.end() + 80])[0]
                title = title.lstrip("-")  # "Diplom-Mathematiker"
                found = subject.search(title)
                if found:
                    return found.group(0)
        return None

    def _merge(self, seen: dict[str, list[_Seen]]) -> tuple[CVItem, ...]:
        """One item per id: a hedge anywhere wins, then a negative, then done; Step 1 read
        from Python at a working level only while Python itself stays done."""
        final: dict[str, _Seen] = {}
        for item, said in seen.items():
            stated = [s for s in said if not s.inferred] or said
            if all(s.polarity == "done" or self._titled(s) for s in stated) and any(
                s.polarity == "done" and not s.studied for s in stated
            ):  # "Intro to Python — completed", and Python used at work: done
                stated = [s for s in stated if s.polarity == "done"]
            final[item] = max(  # the strongest claim; for evidence, a skills line, then short
                stated, key=lambda s: (_POLARITY_RANK[s.polarity], s.listed, -len(s.evidence))
            )
        for step, topic in self.vocabulary.graph.core_topics.items():
            got = final.get(step)
            if (
                got is not None
                and got.inferred
                and (topic not in final or final[topic].polarity != "done")
            ):
                del final[step]
        for whole in self.vocabulary.roadmap.steps:  # a course that covered all of a step
            required = [t.id for t in whole.topics if "optional" not in t.id]
            courses = [
                next((s for s in seen[t] if s.studied and s.polarity == "done"), None)
                if t in final and final[t].polarity == "done"
                else None
                for t in required
            ]
            if required and whole.id not in final and all(courses):
                evidence = courses[0].evidence  # type: ignore[union-attr]
                final[whole.id] = _Seen("done", evidence, inferred=True)
        ordered = sorted(final.items(), key=lambda kv: self.vocabulary.order(kv[0]))
        return tuple(
            CVItem(
                id=item,
                polarity=s.polarity,
                evidence=s.evidence,
                inferred=s.inferred,
                why=self._why(s),
            )
            for item, s in ordered
        )

    def _why(self, seen: _Seen) -> str:
        """The words of a learning item's evidence that make it learning ("exposure to");
        none for an item the second opinion doubted (its whole wording did)."""
        if seen.polarity != "learning" or seen.doubted:
            return ""
        shown = " ".join(seen.evidence.split()).lower()
        plain = self._unnamed(seen.sentence or seen.evidence)
        for pattern in (cue.HEDGE, cue.STALE):
            for m in pattern.finditer(plain):
                tail = re.match(  # "exposure to", "basic knowledge of"
                    r"(?:\s+(?:knowledge|understanding|experience))?\s+(?:to|of|with|in)\b",
                    plain[m.end() :],
                )
                said = m.group(0) + (tail.group(0) if tail else "")
                words = " ".join(said.split()).strip(" :;,.(—–|")
                if words and words.lower() in shown:
                    return words[:WHY_CHARS]
        return ""

    def _titled(self, seen: _Seen) -> bool:
        """Learning only by the level in a course's or certificate's title ("CS50's
        Introduction to Python", "Certified Entry-Level Python Programmer"), with no hedge of
        the learner's own: what the learner did with it elsewhere decides."""
        if not seen.studied or seen.polarity != "learning" or cue.STALE.search(seen.sentence):
            return False
        plain = cue.TITLE_LEVEL.sub(" ", seen.sentence)
        return plain != seen.sentence and self._cue(plain, "courses") != "learning"

    def _working(self, sentence: str, line: CVLine) -> bool:
        return not cue.NOT_WORKING.search(line.text) and bool(
            line.section == "experience"
            or WORKING.search(sentence)
            or cue.YEARS.search(sentence)
            or re.search(r"\b(?:advanced|expert|proficient)\b", line.text, re.I)
        )

    def _core_step(self, item: str) -> str | None:
        for step, topic in self.vocabulary.graph.core_topics.items():
            if topic == item:
                return step
        return None


def _last_years(sentence: str, before: int) -> int:
    """Where the last "… years" before ``before`` ends ("6+ years of Python and seven years
    of professional machine-learning work")."""
    return [y.end() for y in cue.YEARS.finditer(sentence[:before])][-1]
