"""Read a learner's message offline into a ``LearnerStatement``: what they know, lack and want.

The message is cut into clauses (sentences, then "but", "though", ", and I …",
", none …"), and each clause gets one polarity from its own cue words, so a
negation never reaches past its clause: "I know Python but never touched neural
networks" marks Python done and Step 4's basics not known. Steps and topics are
found with the roadmap ``Vocabulary``; ranges and lists of steps ("steps 2, 3
and 5", "the first three steps", "1-4"), positions ("past step 3", "up to and
including deep learning", "everything before MLOps") and time budgets ("2h a
day" → 14 h/week) are read here. The goal is read from the words after a goal
cue ("I want to …", "my aim is …") by meaning: the phrase is compared with each
goal track's steps (titles, why, topics, project idea) using the embedder, with
the graph file's goal words as the fallback. Whether the message asks for next
steps, asks a roadmap question, or both, is decided per sentence.

The cue words below are English grammar (negation, tense, question forms), not
roadmap vocabulary: no step number, topic or goal name is written here. Nothing
here plans, stores or answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.vocabulary import Match, Vocabulary
from assistant.learner.profile import DEFAULT_GOAL, Profile
from assistant.learner.statement import LearnerStatement, Polarity, StatedItem
from assistant.text import content_words

#: When no goal word is in the phrase: the cosine similarity (goal phrase vs a goal track's
#: steps) needed to read a goal by meaning, and the margin over the second-best track.
#: Chosen on the dev split only (``benchmarks/tune_learner.py --goals``): it keeps "teach a
#: bot to play Mario" (0.31, margin 0.14) and refuses "switch careers into AI" (margin 0.11
#: with one content word) and "AI;" (margin 0.03).
GOAL_SIMILARITY = 0.30
GOAL_MARGIN = 0.10

#: Words that say nothing about which goal ("switch careers into AI", "a new job").
_GOAL_NEUTRAL = frozenset(
    [
        "ai",
        "career",
        "careers",
        "switch",
        "job",
        "jobs",
        "field",
        "industry",
        "work",
        "role",
        "engineer",
        "engineering",
        "eventually",
        "really",
        "something",
        "things",
        "stuff",
        "get",
        "become",
        "day",
        "go",
        "do",
        "be",
        "able",
        "there",
        "where",
    ]
)
#: "… is exactly what I want …", "… is where I want to go": the goal was said before the cue.
_POINTS_BACK = re.compile(
    r"\b(?:is|are)\s+(?:exactly\s+|really\s+|just\s+)?(?:what|where)\s*(?:(?:i|we)\s*)?$|"
    r"\b(?:is|are)\s+(?:next\s+)?\s*$",
    re.I,
)
_TYPOS = {
    "wat": "what",
    "r": "are",
    "u": "you",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "havent": "haven't",
    "cant": "can't",
    "thru": "through",
    "whats": "what's",
    "wanna": "want to",
    "tryna": "trying to",
    "gonna": "going to",
    "rn": "right now",
}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
        ]
    )
}
_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"

_SENTENCE = re.compile(
    r"(?<=[.!?;\n])\s*|\s+[-–—]\s+(?=(?:what|which|how|where|why|i|but|so)\b)|\s*\n+\s*"
)
_CLAUSE = re.compile(
    r",?\s+\bbut\b\s+|,?\s+\bthough\b|,\s*\bhowever\b|,?\s+\balthough\b|,?\s+\bwhereas\b|"
    r",?\s+\band\s+(?=(?:i|i'm|i've|i'd|my)\b)|,\s*(?=(?:none|no|not|never|zero|nothing)\b)|"
    r"\s+\bplus\b\s+(?=(?:i|i'm|i've)\b)|"
    r",\s*(?=(?:what|which|how|where|when|why|should|could|can|do|does|is|are|now|next|then)\b)|"
    r"(?<=\S)\s+(?=(?:which|what|where|why|how)\b[^.!?]*\?)|"
    r"(?<=[^\w\s,])\s+(?=(?:does|do|is|are|can)\b[^.!?]*\?)|"
    r",\s*(?=\d{1,2}\s+(?:in progress|is in progress|halfway|ongoing|underway)\b)",
    re.I,
)
_NEGATIVE = re.compile(
    r"\bnothing(?!\s+(?:fancy|serious|special|major|big|advanced))\b|(?<!from\s)\bzero\b|"
    r"\b(never|not yet|not so much|not really|not much|not at all|no experience|no idea|"
    r"no clue|no background|don't know|do not know|didn't|did not|don't|haven't|have not|"
    r"hasn't|weak|rusty|can't|cannot|clueless|a blank|mystery|none|without|"
    r"lacking|struggle|struggling|unfamiliar|not familiar|not comfortable|not confident|"
    r"meh|forgot|forgotten|know nothing|little to no|nope|nah|skipped|skip|skipping|hopeless|"
    r"terrible at|bad at|awful at|not good at|blank|lost me|no clue)\b|"
    r"\bno\s+(?!longer|problems?|issues?|trouble|doubt)\w|\bno\W*$|"
    r"\bnot\b(?!\s+(?:only|just|a problem|an issue))",
    re.I,
)
_LEARNING = re.compile(
    r"\b(learning|currently|halfway|half way|studying|working on|working through|"
    r"in progress|basic knowledge|basics of|a bit|a little|bit of|some|starting|"
    r"started(?!\s+(?:from|in|at|back|out))|"
    r"beginner at|taking a|enrolled|going through|partway|part way|on and off|dabbled|"
    r"picking up|trying to learn|nothing fancy|nothing serious|small scripts|basic stuff|"
    r"in progress|ongoing|underway)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(know|knew|known|done|finished|finish|complete|completed|covered|comfortable|comfy|"
    r"solid|fine|ok|okay|daily|every day|everyday|at work|professionally|for a living|"
    r"years?|yrs?|main language|good|great|strong|fluent|familiar|experienced|experience|"
    r"expert|proficient|used|use|using|work with|worked with|behind me|under my belt|"
    r"bread and butter|second nature|mastered|learned|learnt|studied|did|took|passed|got|"
    r"day job|well|all day|yes|confident|handle|write|wrote|built|no problems?|in my blood|"
    r"degree|major|majored|my thing|strength|strong suit|developer|programmer|engineer|"
    r"behind me|ok-ish|decent|pretty good|under control|covered|knocked out|got through|"
    r"wrapped up|nailed|ticked off|shipped|deployed|trained|implemented|launched|comfortably|"
    r"can code|can write|can program|can use|inside out|run|ran|handled|sorted|taken care of|"
    r"made|make)\b",
    re.I,
)
#: Words that say a skill is used at a working level (for a step's core topic).
_WORKING = re.compile(
    r"\b(daily|every day|everyday|at work|at my job|professionally|for a living|for years|"
    r"\d+\s*(?:years?|yrs?)|main language|very well|really well|well|comfortable|comfy|"
    r"fluent|solid|fine|expert|proficient|all day|a lot|for my|coding club|senior|developer|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|many|several)\s+(?:years?|yrs?)|"
    r"programmer|engineer|no problem|comfortabl[ey]|for a living|inside out)\b",
    re.I,
)
_GOAL_CUE = re.compile(
    r"(?:\b(?:i|we)\s*(?:'d|would|'m|am|really|also|eventually|mostly|ultimately|then|now)?\s*"
    r"(?:(?:really|eventually|also|mostly|ultimately|mainly|primarily|just|truly|especially|"
    r"honestly|definitely)\s+)?"
    r"(?:want|wants|would like|'d like|'d love|would love|love|hope|hoping|plan|planning|aim|"
    r"aiming|wish|dream|care|trying|am trying)\b(?:\s+(?:to|in|on|about|for|of)\b)?|"
    r"\b(?:really\s+|eventually\s+|also\s+)?(?:want|wants|hoping|hope|planning|plan|aiming|aim|"
    r"trying|wish|dream|would like|'d like|'d love|would love)\s+to\b|"
    r"\b(?:and|but|so)\s+(?:really\s+|also\s+|mainly\s+)?(?:want|wants|hope|wish)\b|"
    r"\b(?:aiming|aim)\s+(?:for|at)\b|\b(?:mainly|mostly|really)\s+care\s+about\b|"
    r"\bmy\s+(?:goal|aim|dream|target|focus|interest|ambition|plan)\s*(?:is|:)?|"
    r"\b(?:goal|aim|target|focus)\s*(?:is\b|:)|\binterested in\b|\binteresting in\b|"
    r"\bkeen on\b|\bmov(?:e|ing) (?:on )?(?:in)?to\b|\bswitch(?:ing)? (?:careers? )?(?:in)?to\b|"
    r"\b(?:get|go|getting|going) into\b|\b(?:to )?becom(?:e|ing)\b|\bpassionate about\b|"
    r"\bcare mostly about\b|\bgoal\s+(?=[a-z])|\bgoal\s*=|"
    r"\b(?:excites?|interests?|fascinates?|appeals?\s+to)\s+me\b|\bnext\s+on\s+my\s+(?:wish\s*)?list\b|"
    r"\bon\s+my\s+(?:wish\s*)?list\b|\bcurious\s+about\s+(?=\w+ing\b))",
    re.I,
)
#: A wish that is really a question ("I'd love to see the project ideas …").
_QUESTION_WISH = re.compile(
    r"^\s*(?:to\s+)?(?:see|know|understand|find out|learn about|read|check|hear|get a list|"
    r"have a list|ask|confirm|figure out what|what|which|why|how|whether|if)\b",
    re.I,
)
#: "I need the list of MLOps tools", "give me the resources": a request for the roadmap's content.
_CONTENT_REQUEST = re.compile(
    r"\b(?:need|want|give\s+me|show\s+me|send\s+me|get|see|share)\s+(?:the|a|all\s+the)\s+"
    r"(?:list|lists|resources|links|topics|tools|project\s+ideas|overview|summary)\b|"
    r"\blist\s+(?:of|the|all)\b",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\s*(?:quick q:?\s*)?(?:what|which|why|how|where|when|who|does|do|is|are|can|could|"
    r"would|should|will|explain|list|tell|show|describe|compare|give|curious|"
    r"i (?:want|'d like|would like|'d love|would love) to (?:see|know|understand))\b",
    re.I,
)
_PLAN_REQUEST = re.compile(
    r"\b(?:what(?:'s|\s+is)?\s+(?:my\s+)?next|next\s*(?:step)?s?\s*\??\s*$|^\s*next\b|"
    r"what\s+now|now\s+what|what\s+should\s+i|what\s+do\s+i\s+(?:learn|study|do|need)|"
    r"what\s+i\s+(?:must|should)|what\s+must\s+i|"
    r"where\s+(?:do|should|would|can|must)?\s*i\s+(?:start|begin|go|put)|where\s+i\s+start|"
    r"where\s+to\s+(?:start|begin)|how\s+(?:do|should|would|can)\s+i\s+(?:start|begin|proceed|"
    r"continue|get started|get going|go on)|how\s+to\s+(?:start|begin)|"
    r"which\s+(?:step|one)\s+(?:should|do|must|can)?\s*i|which step i|"
    r"(?:my|the)\s+first\s+step|first\s+step\s+for\s+me|plan\s*\??\s*$|^\s*plan\b|"
    r"suggestions?\s*\??\s*$|suggested\s+first\s+step|what(?:'s|\s+is)\s+the\s+move|"
    r"help\s+me\s+(?:get|start)|what\s+steps\s+should|where\s+would\s+you\s+have\s+me|"
    r"where\s+(?:do|should)\s+i\s+go\s+from\s+here|what\s+to\s+(?:learn|study|do)\s+(?:next|now|"
    r"first)|(?:learn|study|do|tackle|focus on)\s+(?:next|now|first)|"
    r"be\s+focusing\s+on|focus\s+on\s+now|put\s+my\s+effort|recommend\s+(?:i|me)|"
    r"what\s+comes\s+(?:next|after\b[^?]*\bfor\s+me)|how\s+should\s+i|"
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:should|can|could|must|may|shall)\s+i\s+(?:do|learn|"
    r"study|skip|start|begin|take|go|"
    r"move|jump|focus|bother|try|continue|switch|pick|choose|work)\b|\bam\s+i\s+ready\b|"
    r"\bis\s+it\s+(?:too\s+)?(?:early|late|ok|okay|fine|wise|worth|smart|possible)\b|"
    r"\bwhat(?:'s|\s+is)\s+(?:left|first)\b|\bnext\s+move\b|\b(?:give|make|build)\s+me\s+a\s+"
    r"(?:plan|roadmap|path)\b|\bplan\s+(?:for\s+me|my)\b|\bwhat\s+do\s+(?:you|u)\s+"
    r"(?:suggest|recommend|advise|think i should)\b|\brecommend(?:ed)?\s+(?:next|now|first|"
    r"for\s+me)\b|\bwhat\s+do\s+i\s+(?:focus|tackle|work|start|begin)\b|\btell\s+me\s+what\s+to\s+"
    r"(?:learn|study|do)\b|\bwhere\s+do\s+i\s+stand\b|\bwhat\s+would\s+you\s+do\b|"
    r"\bmap\s+out\b|\bmy\s+next\s+(?:\d+\s+|few\s+)?(?:months?|weeks?|steps?|moves?)\b|"
    r"\bfirst\s+move\b|\bstart\s+me\b|\bwhere\s+i\s+(?:must|should|can|need\s+to)\s+"
    r"(?:start|begin)\b|\bwhat\s+order\s+should\s+i\b|\bwhere\s+do\s+i\s+go\b|"
    r"\bwhat\s+should\s+come\s+next\b|\bwhat\s+to\s+(?:do|learn|study|pick|focus\s+on)\b|"
    r"\bhelp\s+me\s+(?:decide|choose|pick|prioriti[sz]e|plan)\b|\bwhere\s+do\s+i\s+"
    r"(?:even|actually|best)\s+(?:start|begin)\b|\bnow\s*\?+\s*$|\bcontinue\s+how\b|"
    r"\bhow\s+(?:to|do\s+i|should\s+i)\s+continue\b|\bwhich\s+(?:bit|part|one|thing)\s+first\b|"
    r"\bwhat\s+(?:comes\s+)?after\s+(?:that|this|it)\b|\bteach\s+me\b|\bplan\s+me\b|"
    r"\bwhich\s+step\s+(?:now|next)\b|\bfor\s+(?:someone|somebody|a\s+person)\s+like\s+me\b|"
    r"\bwhat(?:'s|\s+is)\s+step\s+one\b)",
    re.I,
)
_BEGINNER = re.compile(
    r"\b(?:complete|total|absolute)?\s*(?:beginner|newbie|noob|novice)\b|"
    r"\bnew to (?:ai|programming|this|coding|everything)\b|\bfrom (?:scratch|zero)\b|"
    r"\bknow nothing\b|\bstarting out\b",
    re.I,
)
_HOURS = re.compile(
    r"(?:~|about|around|roughly|maybe|approx\.?)?\s*(?P<n>\d+(?:[.,]\d+)?|an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|half an?)\s*(?P<unit>h\b|hrs?\b|hours?\b|min\b|mins\b|"
    r"minutes?\b)",
    re.I,
)
_PER_DAY = re.compile(
    r"^\W{0,3}(?:a|per|each|every|/)\s*(?:day|evening|night)\b|^\W{0,3}daily", re.I
)
_PER_WEEK = re.compile(
    r"^\W{0,3}(?:a|per|each|every|/|in\s+total\s+(?:a|per))\s*(?:week|weekend)\b|^\W{0,3}weekly|"
    r"^\W{0,3}(?:on\s+)?weekends?",
    re.I,
)
_WEEKEND_NEAR = re.compile(r"\bweekends?\b|\bweekly\b|\ba week\b|\bper week\b", re.I)


@dataclass
class _Positions:
    done: list[str] = field(default_factory=list)
    """Steps a position says are done."""
    learning: list[str] = field(default_factory=list)
    """The step a position says is being learned ("I'm at step 5")."""
    named: list[str] = field(default_factory=list)
    """Steps named by number or range; they take the clause's polarity."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """Where in the clause these were said (items inside are not read again)."""
    said: str | None = None
    """The words of the last one."""


def _normalise(text: str) -> str:
    """Lower case, common chat spellings expanded; the length of each word may change."""
    words = re.split(r"(\W+)", text.lower().replace("’", "'").replace("‘", "'"))
    return "".join(_TYPOS.get(w, w) for w in words)


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word) or _ORDINALS.get(word)


#: Where a clause with mixed cues is cut: commas and "and", but not inside "steps 1 and 2".
_LIST_CUT = re.compile(
    rf",(?!\s*(?:and\s+)?(?:step\s*)?{_NUM}\b)\s*|\s\band\b\s(?!(?:step\s*)?{_NUM}\b)|&"
)
_COMMA_CUT = re.compile(rf",(?!\s*(?:and\s+)?(?:step\s*)?{_NUM}\b)\s*|;")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|our)\b|^\s*\w+\s*:", re.I)


#: "… in the NLP step", "… for step 4": a question about one step's content.
_ABOUT_A_STEP = re.compile(
    r"\b(?:in|for|from|of|about|during|at|according\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:step|part|section|roadmap)\b|"
    r"\b(?:in|for|from)\s+step\s*\w+",
    re.I,
)
#: Questions about the learner's own readiness: always about their plan.
_PERSONAL = re.compile(
    r"\bam\s+i\b|\bready\b|\bskip\b|\btoo\s+(?:early|late)\b|\bfor\s+me\b|\bmy\s+level\b", re.I
)
_ASKS_FOR_A_LIST = re.compile(
    r"^\W*(?:which|what)\s+(?!(?:steps?|ones?|should|do|does|did|can|could|must|would|is|are|"
    r"was|now|next|to|i|comes|else|order|way|path|approach|route|sequence)\b)[a-z-]+(?:\s+[a-z-]+){0,3}\s+(?:should|do|must|can|would)\s+i\b",
    re.I,
)
_NOW = re.compile(r"\b(?:next|first|now|start|begin|going|proceed|continue)\b", re.I)


def _asks_plan(sentence: str) -> bool:
    """A request for next steps ("what should I learn next?"), not for a step's content."""
    if not _PLAN_REQUEST.search(sentence) or re.match(r"\W*why\b", sentence, re.I):
        return False  # "why should I learn MLOps?" asks for the roadmap's reasons
    if _ASKS_FOR_A_LIST.match(sentence):
        return False  # "which Python libraries should I learn first?" asks the roadmap for a list
    return not (_ABOUT_A_STEP.search(sentence) and not _NOW.search(sentence))


def _is_question(text: str) -> bool:
    return (
        text.rstrip().endswith("?")
        or bool(_QUESTION_START.match(text))
        or bool(_CONTENT_REQUEST.search(text))
    )


def _sentences(text: str) -> list[str]:
    """Sentences, cut again before a question ("…lost tbh, what should I be doing?")."""
    out = []
    for sentence in _SENTENCE.split(text):
        for part in _ASKS_AFTER_COMMA.split(sentence):
            if part and part.strip(" ,.;:!?"):
                out.append(part.strip())
    return out


_ASKS_AFTER_COMMA = re.compile(
    r",\s*(?=(?:what|which|how|where|when|why|should|could|can|do|does|is|are)\b)", re.I
)


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
        m = re.match(rf"\s*(?:the\s+)?steps?\s*({_NUM})\b", text, re.I)
        if m:
            return self._step(_number(m.group(1)))
        for match in self.vocabulary.find(text[:60]):
            return match.item.partition("/")[0]
        return None

    def _positions(self, clause: str, steps_said: bool = False) -> _Positions:
        """Positions ("past step 3", "up to MLOps") and steps named by number in one clause.

        A position says what is done by itself; steps named by number ("steps 1 to 3",
        "steps two and five", "1-4") take the clause's polarity ("… done", "… not yet").
        """
        out = _Positions()

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
                inclusive = bool(m.group("incl")) or "through" in m.group(0)[:30]
                mark(m, self._steps_before(step, inclusive=inclusive), out.done)
        for m in re.finditer(
            r"\b(?:everything|all|anything)\s+(?:before|prior to)\s+(?P<rest>.*)", clause
        ):
            step = self._named_step(m.group("rest"))
            if step:
                mark(m, self._steps_before(step, inclusive=False), out.done)
        for m in re.finditer(
            rf"\b(?:past|beyond|passed)\s+steps?\s*({_NUM})\b|"
            rf"\bafter\s+steps?\s*({_NUM})\b(?=[^.?!]*\bfor\s+me\b)",
            clause,
        ):
            step = self._step(_number(m.group(1) or m.group(2)))
            if step:
                mark(m, self._steps_before(step, inclusive=True), out.done)
        for m in re.finditer(
            rf"\b(?:(?:i'm|i am|currently|now|right now)\s+(?:at|on|in|doing)|reached|got to|"
            rf"gotten to|arrived at)\s+(?:the\s+)?"
            rf"step\s*({_NUM})\b",
            clause,
        ):
            step = self._step(_number(m.group(1)))
            if step:
                mark(m, self._steps_before(step, inclusive=False), out.done)
                out.learning.append(step)
        for m in re.finditer(
            rf"\b(?:the\s+)?first\s+({_NUM})\s+steps\b|\bsteps?\s*({_NUM})\s*(?:-|–|to|through|"
            rf"until|till)\s*(?:step\s*)?({_NUM})\b|^\s*(\d{{1,2}})\s*(?:-|–)\s*(\d{{1,2}})\b"
            rf"(?!\s*(?:h\b|hours?|min|%))",
            clause,
        ):
            first = 1 if m.group(1) else _number(m.group(2) or m.group(4))
            last = _number(m.group(1) or m.group(3) or m.group(5))
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
            rf"\bsteps?\s*({_NUM}(?:\s*(?:,|and|&|\+|or)\s*(?:steps?\s*)?{_NUM})*)\b", clause
        ):
            if self._overlaps(m, out.spans):
                continue
            steps = [self._step(_number(w)) for w in re.findall(rf"\b{_NUM}\b", m.group(1))]
            mark(m, [s for s in steps if s], out.named)
        for m in re.finditer(  # "done 1 through 9"
            rf"\b(?:finished|done|did|completed|through)\s+({_NUM})\s*(?:-|–|to|through)\s*({_NUM})"
            rf"\b(?!\s*(?:h\b|hrs?|hours?|min|mins|minutes?|years?|yrs?|%|weeks?|months?|days?))",
            clause,
        ):
            first, last = _number(m.group(1)), _number(m.group(2))
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
            named = [x for x in self.vocabulary.find(clause[: m.start()]) if "/" not in x.item]
            if named:
                mark(m, self._steps_before(named[-1].item, inclusive=True), out.done)
        for m in re.finditer(  # "steps 1-2 done, 3 in progress"
            rf"^\s*({_NUM})\s+(?:is\s+)?(?:in progress|halfway|ongoing|underway)\b", clause
        ):
            step = self._step(_number(m.group(1)))
            if step and steps_said:
                mark(m, [step], out.learning)
        if steps_said:  # "Haven't done step 2 yet but finished 1."
            for m in re.finditer(
                rf"\b(?:finished|done|did|completed|passed|through|skipped)\s+({_NUM})\b(?!\s*(?:h\b|"
                rf"hrs?|hours?|min|mins|minutes?|years?|yrs?|%|weeks?|months?|days?|times?))",
                clause,
            ):
                step = self._step(_number(m.group(1)))
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
            for name, rx in (("no", _NEGATIVE), ("learning", _LEARNING), ("done", _DONE))
            if rx.search(masked)
        }

    def _clauses(self, text: str) -> list[tuple[str, bool, str, str]]:
        """Clauses, whether each continues a list ("…, DL, …"), their part and sentence.

        A clause with two kinds of cue ("finished deep learning and know a bit of OpenCV",
        "Python yes, maths no") is cut further at commas and "and".
        """
        out: list[tuple[str, bool, str, str]] = []
        for sentence in _SENTENCE.split(text):
            for part in _CLAUSE.split(sentence):
                if not part or not part.strip(" ,.;:!?"):
                    continue
                part = part.strip()
                if len(self._cues(part)) >= 2 and re.search(r",|\band\b|&", part):
                    pieces = []
                    for piece in _COMMA_CUT.split(part):  # commas first, then "and" if still mixed
                        if len(self._cues(piece)) >= 2:
                            pieces += _LIST_CUT.split(piece)
                        else:
                            pieces.append(piece)
                    pieces = [x.strip() for x in pieces if x.strip(" .;:!?")]
                    out += [(x, i > 0, part, sentence) for i, x in enumerate(pieces)]
                else:
                    out.append((part, False, part, sentence))
        return out

    @staticmethod
    def _polarity(clause: str) -> Polarity | None:
        if _NEGATIVE.search(clause):
            return "not_known"
        if _LEARNING.search(clause):
            return "learning"
        if _DONE.search(clause):
            return "done"
        return None

    def _items(self, clause: str) -> list[Match]:
        """Steps and topics named in a clause.

        "Never coded in Python": a step's generic word ("coded") gives way to its topic.
        "The maths side (linear algebra, calculus) is fine": topics in parentheses after their
        step only detail it, so the step is kept and they are not.
        """
        found = self.vocabulary.find(clause)
        topics_of = {m.item.partition("/")[0] for m in found if "/" in m.item}
        out = []
        for m in found:
            step = m.item.partition("/")[0]
            detailed = any(
                s.item.startswith(m.item + "/") and "(" in clause[m.end : s.start] for s in found
            )
            if "/" not in m.item and m.item in topics_of and not detailed:
                continue  # "NLP PhD, fine-tuned BERT": the topics say what is known
            if "/" in m.item and any(
                s.item == step
                and s.end <= m.start
                and "(" in clause[s.end : m.start]
                and ")" not in clause[s.end : m.start]
                for s in found
            ):
                continue
            out.append(m)
        return out

    # -- goals ---------------------------------------------------------------------------

    def _goal_by_meaning(self, phrase: str, among: set[str] | None = None) -> str | None:
        if self.embedder is None or len(content_words(phrase) - _GOAL_NEUTRAL) < 2:
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

    def _goal_by_words(self, phrase: str) -> str | None:
        best: tuple[int, int, str] | None = None
        for goal in self.vocabulary.goals:
            for word in self.vocabulary.goal(goal).words:
                for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", phrase, re.I):
                    # the longest word wins; then the earliest; "general" only when nothing else
                    rank = (0 if goal == DEFAULT_GOAL else 1, len(word), -m.start())
                    if best is None or rank > best[:3]:  # type: ignore[operator]
                        best = (*rank, goal)  # type: ignore[assignment]
        return best[3] if best else None  # type: ignore[misc]

    def goal_of(self, phrase: str) -> str | None:
        """The goal track a goal phrase names: by the goal words, else by meaning.

        When the words name two tracks ("sign language from video"), meaning decides between
        them.
        """
        words = self._goal_by_words(phrase)
        named = self._goals_named(phrase)
        if len(named) > 1:
            meaning = self._goal_by_meaning(phrase, among=named)
            if meaning is not None:
                return meaning
        return words or self._goal_by_meaning(phrase)

    def _goals_named(self, phrase: str) -> set[str]:
        return {
            goal
            for goal in self.vocabulary.goals
            if goal != DEFAULT_GOAL
            and any(
                re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", phrase, re.I)
                for w in self.vocabulary.goal(goal).words
            )
        }

    # -- the whole message ---------------------------------------------------------------

    def read(self, text: str) -> LearnerStatement:
        """The statement in one message (never raises on odd input; unknown words are skipped)."""
        low = _normalise(text)[:4000]
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
            body = clause
            cue = _GOAL_CUE.search(clause)
            if cue:
                phrase = clause[cue.end() :]
                if not _QUESTION_WISH.match(phrase):
                    found = self.goal_of(phrase) if phrase.strip(" .!?,") else None
                    before = clause[: cue.start()]
                    pointer = _POINTS_BACK.search(before)
                    if found is None and (
                        pointer or len(content_words(phrase) - _GOAL_NEUTRAL) < 1
                    ):  # "production is exactly what I want to get good at"
                        found = self.goal_of(before[: pointer.start()] if pointer else before)
                    goal = found or goal
                body = clause[: cue.start()]  # a wish or a question about the roadmap
            if _CONTENT_REQUEST.search(body) or (
                _is_question(body) and not _FIRST_PERSON.search(body)
            ):
                continue  # "what does step 2 cover?" names a step but says nothing about me
            where = self._positions(body, steps_said)
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
                if last_items and (pronoun or sentence == last_sentence):
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
                if polarity == "done" and core and _WORKING.search(self._mask(whole)):
                    put(core, "done", match.words, inferred=True)
        # a step stated as not known is not done, whatever else implied it
        hours = _hours(low)
        backgrounds = self.vocabulary.backgrounds_in(low[:200])
        sentences = _sentences(low)
        plans = [_asks_plan(s) and not self._about_an_area(s) for s in sentences]
        asks_plan = any(plans)
        asks_question = any(
            _is_question(s) and not plan for s, plan in zip(sentences, plans, strict=True)
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
            beginner=bool(_BEGINNER.search(low)),
            asks_plan=asks_plan,
            asks_question=asks_question,
        )

    def _about_an_area(self, sentence: str) -> bool:
        """ "What should I learn for computer vision?" asks what a step covers, not what's next."""
        if _NOW.search(sentence) or _PERSONAL.search(sentence):
            return False
        return any(
            re.search(r"\b(?:for|about|in|on|from|of)\s+(?:the\s+)?$", sentence[: m.start])
            for m in self.vocabulary.find(sentence)
        )

    def question_part(self, text: str) -> str:
        """The sentences of ``text`` that ask about the roadmap (for retrieval), else all of it."""
        asked = [
            s
            for s in _sentences(text)
            if _is_question(_normalise(s)) and not _asks_plan(_normalise(s))
        ]
        return " ".join(asked) if asked else text

    def _core_step(self, item: str) -> str | None:
        for step, topic in self.vocabulary.graph.core_topics.items():
            if topic == item:
                return step
        return None


def _unit(vector: Sequence[float]) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else v


def _hours(text: str) -> float | None:
    """Study hours per week from "2h a day", "10 hours weekly", "weekends only, ~6h"."""
    for m in _HOURS.finditer(text):
        raw = m.group("n").replace(",", ".")
        amount = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5}.get(raw)
        if amount is None:
            amount = (
                float(_NUMBER_WORDS.get(raw, raw))
                if raw not in _NUMBER_WORDS
                else float(_NUMBER_WORDS[raw])
            )
        if m.group("unit").lower().startswith("m"):
            amount /= 60
        after = text[m.end() : m.end() + 30]
        before = text[max(0, m.start() - 40) : m.start()]
        if _PER_DAY.search(after):
            weekly = amount * 7
        elif _PER_WEEK.search(after) or _WEEKEND_NEAR.search(before + after):
            weekly = amount
        else:
            continue
        if 0.25 <= weekly <= 100 and not math.isnan(weekly):
            return round(weekly, 2)
    return None


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
