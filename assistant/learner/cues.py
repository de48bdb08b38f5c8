"""The English of learner messages: cue words, clause cuts, question and plan forms, time.

Negation ("never", "not yet", "weak at"), learning ("halfway", "a bit of"), done ("finished",
"use it daily"), goal cues ("I want to …", "my aim is"), plan requests ("what next?", "where
do I start?"), question forms, and "2h a day" → hours per week. These are grammar, not roadmap
vocabulary: no step, topic or goal name is written here (that is ``knowledge/vocabulary.py``).
Nothing here reads a whole message; ``reader.py`` does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

#: Words that say nothing about which goal ("switch careers into AI", "a new job").
GOAL_NEUTRAL = frozenset(
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
POINTS_BACK = re.compile(
    r"\b(?:is|are)\s+(?:exactly\s+|really\s+|just\s+)?(?:what|where)\s*(?:(?:i|we)\s*)?$|"
    r"\b(?:is|are)\s+(?:next\s+)?\s*$",
    re.I,
)
TYPOS = {
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
NUMBER_WORDS = {
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
ORDINALS = {
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
NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"

SENTENCE = re.compile(
    r"(?<=[.!?;\n])\s*|\s+[-–—]\s+(?=(?:what|which|how|where|why|i|but|so)\b)|\s*\n+\s*"
)
CLAUSE = re.compile(
    r",?\s+\bbut\b\s+|,?\s+\bthough\b|,\s*\bhowever\b|,?\s+\balthough\b|,?\s+\bwhereas\b|"
    r",?\s+\band\s+(?=(?:i|i'm|i've|i'd|my)\b)|,\s*(?=(?:none|no|not|never|zero|nothing)\b)|"
    r"\s+\bplus\b\s+(?=(?:i|i'm|i've)\b)|"
    r",\s*(?=(?:what|which|how|where|when|why|should|could|can|do|does|is|are|now|next|then)\b)|"
    r"(?<=\S)\s+(?=(?:which|what|where|why|how)\b[^.!?]*\?)|"
    r"(?<=[^\w\s,])\s+(?=(?:does|do|is|are|can)\b[^.!?]*\?)|"
    r",\s*(?=\d{1,2}\s+(?:in progress|is in progress|halfway|ongoing|underway)\b)",
    re.I,
)
NEGATIVE = re.compile(
    r"\bnothing(?!\s+(?:fancy|serious|special|major|big|advanced))\b|(?<!from\s)\bzero\b|"
    r"\b(never|not yet|not so much|not really|not much|not at all|no experience|no idea|"
    r"no clue|no background|don't know|do not know|didn't|did not|don't|haven't|have not|"
    r"hasn't|weak|rusty|can't|cannot|clueless|a blank|mystery|none|without|"
    r"lacking|struggle|struggling|unfamiliar|not familiar|not comfortable|not confident|"
    r"meh|forgot|forgotten|know nothing|little to no|nope|nah|skipped|skip|skipping|hopeless|"
    r"terrible at|bad at|awful at|not good at|blank|lost me|no clue|shaky|wobbly)\b|"
    r"\bno\s+(?!longer|problems?|issues?|trouble|doubt|\d)\w|\bno\W*$|"
    r"\bnot\b(?!\s+(?:only|just|a problem|an issue))",
    re.I,
)
LEARNING = re.compile(
    r"\b(learning|currently|halfway|half way|studying|working on|working through|"
    r"in progress|basic knowledge|basics of|a bit|a little|bit of|some|starting|"
    r"started(?!\s+(?:from|in|at|back|out))|"
    r"beginner at|taking a|enrolled|going through|partway|part way|on and off|dabbled|"
    r"picking up|trying to learn|nothing fancy|nothing serious|small scripts|basic stuff|"
    r"in progress|ongoing|underway)\b",
    re.I,
)
DONE = re.compile(
    r"\b(know|knew|known|done|finished|finish|complete|completed|covered|comfortable|comfy|"
    r"solid|fine|ok|okay|daily|every day|everyday|at work|professionally|for a living|"
    r"years?|yrs?|main language|good|great|strong|fluent|familiar|experienced|experience|"
    r"expert|proficient|used|use|using|work with|worked with|behind me|under my belt|"
    r"bread and butter|second nature|mastered|learned|learnt|studied|did|took|passed|got|"
    r"day job|well|all day|yes|confident|handle|write|wrote|built|no problems?|in my blood|"
    r"degree|major|majored|my thing|strength|strong suit|developer|programmer|engineer|"
    r"behind me|ok-ish|decent|pretty good|under control|covered|knocked out|got through|"
    r"wrapped up|nailed|ticked off|shipped|deployed|trained|implemented|launched|comfortably|"
    r"can code|can write|can program|can use|inside out|handled|sorted|taken care of|"
    r"have made|have make|in prod|my job|for work|played with|my (?:research )?field|my area|"
    r"my specialty|phd in|degree in)\b",
    re.I,
)
#: Words that say a skill is used at a working level (for a step's core topic).
WORKING = re.compile(
    r"\b(daily|every day|everyday|at work|at my job|professionally|for a living|for years|"
    r"\d+\s*(?:years?|yrs?)|main language|very well|really well|well|comfortable|comfy|"
    r"fluent|solid|fine|expert|proficient|all day|a lot|for my|coding club|senior|developer|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|many|several)\s+(?:years?|yrs?)|"
    r"programmer|engineer|no problem|comfortabl[ey]|for a living|inside out|my job)\b",
    re.I,
)
GOAL_CUE = re.compile(
    r"(?:\b(?:i|we)\s*(?:'d|would|'m|am|really|also|eventually|mostly|ultimately|then|now)?\s*"
    r"(?:(?:really|eventually|also|mostly|ultimately|mainly|primarily|just|truly|especially|"
    r"honestly|definitely)\s+)?"
    r"(?:want|wants|would like|'d like|'d love|would love|love|hope|hoping|plan|planning|aim|"
    r"aiming|wish|dream|care|trying|am trying)\b(?:\s+(?:to|in|on|about|for|of)\b)?|"
    r"\b(?:really\s+|eventually\s+|also\s+)?(?:want|wants|hoping|hope|planning|plan|aiming|aim|"
    r"trying|wish|dream|would like|'d like|'d love|would love)\s+to\b|"
    r"\b(?:and|but|so)\s+(?:really\s+|also\s+|mainly\s+)?(?:want|wants|hope|wish)\b|"
    r"\bwant\s+(?=(?:the|a|an)\b)|\b(?:always\s+)?wanted\s+to\b|"
    r"\bthe\s+(?:dream|goal|plan|aim|target)\b(?!\s+(?:is|of|for))|\b(?:going|go)\s+for\b|\bthinking\s+(?:of|about)\b|"
    r"\b(?:start|begin|jump)\s+(?:with|into)\b(?=[^?]*\?)|\bmy\s+(?:thing|passion|jam)\b|"
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
QUESTION_WISH = re.compile(
    r"^\s*(?:to\s+)?(?:see|know|understand|find out|learn about|read|check|hear|get a list|"
    r"have a list|ask|confirm|figure out what|what|which|why|how|whether|if)\b",
    re.I,
)
#: "I need the list of MLOps tools", "give me the resources": a request for the roadmap's content.
CONTENT_REQUEST = re.compile(
    r"\b(?:need|want|give\s+me|show\s+me|send\s+me|get|see|share)\s+(?:the|a|all\s+the)\s+"
    r"(?:list|lists|resources|links|topics|tools|project\s+ideas|overview|summary)\b|"
    r"\blist\s+(?:of|the|all)\b",
    re.I,
)
QUESTION_START = re.compile(
    r"^\s*(?:quick q:?\s*)?(?:what|which|why|how|where|when|who|does|do|is|are|can|could|"
    r"would|should|will|explain|list|tell|show|describe|compare|give|curious|"
    r"i (?:want|'d like|would like|'d love|would love) to (?:see|know|understand))\b",
    re.I,
)
PLAN_REQUEST = re.compile(
    r"\b(?:what(?:'s|\s+is)?\s+(?:my\s+)?next|next\s*(?:step)?s?\s*\??\s*$|^\s*next\b|"
    r"what\s+now|now\s+what|what\s+should\s+i|what\s+do\s+i\s+(?:learn|study|do|need)|"
    r"what\s+i\s+(?:must|should)|what\s+must\s+i|"
    r"where\s+(?:do|should|would|can|must)?\s*i\s+(?:start|begin|go|put)|where\s+i\s+start|"
    r"where\s+to\s+(?:start|begin)|how\s+(?:do|should|would|can)\s+i\s+(?:start|begin|proceed|"
    r"continue|get started|get going|go on)|how\s+to\s+(?:start|begin)|"
    r"which\s+(?:step|one)\s+(?:should|do|must|can)?\s*i|which step i|"
    r"\bmy\s+first\s+step|first\s+step\s+for\s+me|\bfirst\s+step\s*\?|plan\s*\??\s*$|^\s*plan\b|"
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
    r"\bwhat(?:'s|\s+is)\s+step\s+one\b|\bhelp\s*\?+\s*$|\bstart\s*\?+\s*$|"
    r"\bnext\s+or\s+[\w\s]+\?|\bdo\s+i\s+(?:need|have)\s+to\s+(?:go\s+back|start|do|learn)\b|"
    r"\bwhere\s+(?:do|should|would|can|does)\s+(?:i|someone\s+like\s+me)\s+(?:jump\s+in|pick\s+up|"
    r"start|begin)\b|\bwhat(?:'s|\s+is)\s+my\s+(?:path|route|roadmap|plan)\b|"
    r"\bdoes\s+it\s+make\s+sense\s+(?:for\s+me\s+)?to\b|\bcan\s+i\s+skip\b|"
    r"\bis\s+(?:it|step\s*\w+)\s+(?:really\s+)?(?:necessary|needed|required|dumb|ok|okay|smart|"
    r"wise|worth\s+it)\s+(?:for\s+me|to\b)|\bwhat\s+should\s+come\s+after\b|"
    r"\broadmap\s+for\s+me\b|\b\w+\s+or\s+\w+\s+first\s*\?|\bwhere\s+should\s+i\s+(?:actually\s+)?"
    r"be\b|\bshould\s+i\s+start\s+with\b)",
    re.I,
)
BEGINNER = re.compile(
    r"\b(?:complete|total|absolute)?\s*(?:beginner|newbie|noob|novice)\b|"
    r"\bnew to (?:ai|programming|this|coding|everything)\b|\bfrom (?:scratch|zero)\b|"
    r"\bknow nothing\b|\bstarting out\b",
    re.I,
)
HOURS = re.compile(
    r"(?:~|about|around|roughly|maybe|approx\.?)?\s*(?P<n>\d+(?:[.,]\d+)?|an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|half an?)\s*(?:free\s+|spare\s+|study\s+)?"
    r"(?P<unit>h\b|hrs?\b|hours?\b|min\b|mins\b|minutes?\b)",
    re.I,
)
PER_DAY = re.compile(
    r"^\W{0,3}(?:a|per|each|every|/)\s*(?:day|evening|night)\b|^\W{0,3}daily", re.I
)
PER_WEEK = re.compile(
    r"^\W{0,3}(?:a|per|each|every|/|in\s+total\s+(?:a|per))\s*(?:week|weekend)\b|^\W{0,3}weekly|"
    r"^\W{0,3}(?:on\s+)?weekends?",
    re.I,
)
WEEKEND_NEAR = re.compile(r"\bweekends?\b|\bweekly\b|\ba week\b|\bper week\b", re.I)


@dataclass
class Positions:
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


def normalise(text: str) -> str:
    """Lower case, common chat spellings expanded; the length of each word may change."""
    words = re.split(r"(\W+)", text.lower().replace("’", "'").replace("‘", "'"))
    return "".join(TYPOS.get(w, w) for w in words)


def number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word) or ORDINALS.get(word)


#: Where a clause with mixed cues is cut: commas and "and", but not inside "steps 1 and 2".
_AFTER_A_NUMBER = "".join(
    f"(?<!{w})"
    for w in (
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
    )
)
LIST_CUT = re.compile(rf",(?!\s*(?:and\s+)?(?:step\s*)?{NUM}\b)\s*|{_AFTER_A_NUMBER}\s\band\b\s|&")
COMMA_CUT = re.compile(rf",(?!\s*(?:and\s+)?(?:step\s*)?{NUM}\b)\s*|;")
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|our)\b|^\s*\w+\s*:", re.I)


#: "… in the NLP step", "… for step 4": a question about one step's content.
ABOUT_A_STEP = re.compile(
    r"\b(?:in|for|from|of|about|during|at|according\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:step|part|section|roadmap)\b|"
    r"\b(?:in|for|from)\s+step\s*\w+",
    re.I,
)
#: Questions about the learner's own readiness: always about their plan.
PERSONAL = re.compile(
    r"\bam\s+i\b|\bready\b|\bskip\b|\btoo\s+(?:early|late)\b|\bfor\s+me\b|\bmy\s+level\b", re.I
)
ASKS_FOR_A_LIST = re.compile(
    r"^\W*(?:which|what)\s+(?!(?:steps?|ones?|should|do|does|did|can|could|must|would|is|are|"
    r"was|now|next|to|i|comes|else|order|way|path|approach|route|sequence)\b)[a-z-]+(?:\s+[a-z-]+){0,3}\s+(?:should|do|must|can|would)\s+i\b",
    re.I,
)
NOW = re.compile(r"\b(?:next|first|now|start|begin|going|proceed|continue)\b", re.I)


def asks_for_plan(sentence: str) -> bool:
    """A request for next steps ("what should I learn next?"), not for a step's content."""
    if not PLAN_REQUEST.search(sentence) or re.match(r"\W*why\b", sentence, re.I):
        return False  # "why should I learn MLOps?" asks for the roadmap's reasons
    if ASKS_FOR_A_LIST.match(sentence):
        return False  # "which Python libraries should I learn first?" asks the roadmap for a list
    return not (ABOUT_A_STEP.search(sentence) and not NOW.search(sentence))


def is_question(text: str) -> bool:
    return (
        text.rstrip().endswith("?")
        or bool(QUESTION_START.match(text))
        or bool(CONTENT_REQUEST.search(text))
    )


def split_sentences(text: str) -> list[str]:
    """Sentences, cut again before a question ("…lost tbh, what should I be doing?")."""
    out = []
    for sentence in SENTENCE.split(text):
        for part in ASKS_AFTER_COMMA.split(sentence):
            if part and part.strip(" ,.;:!?"):
                out.append(part.strip())
    return out


ASKS_AFTER_COMMA = re.compile(
    r",\s*(?=(?:what|which|how|where|when|why|should|could|can|do|does|is|are)\b)", re.I
)


def weekly_hours(text: str) -> float | None:
    """Study hours per week from "2h a day", "10 hours weekly", "weekends only, ~6h"."""
    for m in HOURS.finditer(text):
        raw = m.group("n").replace(",", ".")
        amount = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5}.get(raw)
        if amount is None:
            amount = (
                float(NUMBER_WORDS.get(raw, raw))
                if raw not in NUMBER_WORDS
                else float(NUMBER_WORDS[raw])
            )
        if m.group("unit").lower().startswith("m"):
            amount /= 60
        after = text[m.end() : m.end() + 30]
        before = text[max(0, m.start() - 40) : m.start()]
        if PER_DAY.search(after):
            weekly = amount * 7
        elif PER_WEEK.search(after) or WEEKEND_NEAR.search(before + after):
            weekly = amount
        else:
            continue
        if 0.25 <= weekly <= 100 and not math.isnan(weekly):
            return round(weekly, 2)
    return None
