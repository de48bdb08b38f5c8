"""Cues of a CV's goal: the phrases that say what the learner wants next, and what is not a goal.

Read by ``cv_goal.CVGoals`` (the goal) and ``cv_reader`` (a goal clause is not a skill).
"""

from __future__ import annotations

import re

#: Where the learner says what comes next, in a CV's objective ("looking for an NLP role").
CV_GOAL_CUE = re.compile(
    r"\b(?:looking for|seeking|aspiring|aspire to|pivot(?:ing)? (?:in)?to|"
    r"transition(?:ing)? (?:in)?to|move (?:on )?(?:in)?to|moving (?:on )?(?:in)?to|"
    r"(?:move|moving|grow|growing|head|heading|working) towards?|keen to|eager to|"
    r"retraining (?:for|as|into)|open to (?:roles|positions) in|next,? i|to work as|"
    r"(?:changing|switching) (?:careers? )?to work on|what (?:pulls|draws|drives) me\b|"
    r"(?:my|the) (?:[\w-]+ )?(?:wish|aim|ambition|hope|dream|plan|move|step|goal|target|focus|"
    r"objective)"
    r"(?: for [\w ]{1,25}?)?(?: now| next)?(?: is(?: to)?|(?=:))|"
    r"next (?:move|step)(?: for me)?(?: is(?: to)?|(?=:))|"
    r"long[- ]term (?:interest|goal|aim)s?(?=:)|"
    r"what i(?:'m| am) after|i(?:'m| am) looking to|(?:can|could) work as|"
    r"je souhaite|je voudrais|j'aimerais|je veux|ich möchte|ich will|ich würde gerne|"
    r"quiero|me gustaría|deseo|vorrei|voglio|desidero|ik wil|quero|gostaria|jag vill|chcę|"
    r"(?:mi|mon|ma|mein|meine|il mio|la mia|meu|minha|mijn|mój|mitt) (?:\w+ )?(?:objetivo|"
    r"objectif|ziel|obiettivo|doel|cel|mål|ambitie|ambición|ambition|ambizione|ambição|stap|"
    r"paso|étape|schritt|passo)(?: (?:es|est|ist|è|é|is|jest|är))?|objectif\s*:|objetivo\s*:|"
    r"ziel\s*:|möchte ich|will ich|würde ich gerne|ich suche|je cherche|busco|cerco|procuro|"
    r"ik zoek|wechsel in|what i(?:'d| would)? like to do next|målet är|mi piacerebbe|"
    r"rejoindre|szukam|chcę|quisiera|me gustaria)\b",
    re.I,
)
#: An objective said as what to do ("Build question-answering systems for …").
GOAL_VERB = re.compile(
    r"^\s*(?:to\s+)?(?:build|building|develop|developing|create|creating|design|designing|"
    r"work on|working on|apply|applying)\b",
    re.I,
)
#: Words of a goal that are not about models ("before they leave the production line").
GOAL_NOISE = re.compile(r"\bproduction (?:lines?|floors?|plants?|sites?)\b", re.I)
#: The role a CV asks for names its goal before the duties around it ("an internship as an
#: AI engineering intern, where I can help … ship AI features", "to become an AI engineer").
ROLE_SOUGHT = re.compile(
    r"\b(?:as|become|becoming)\s+an?\s+(?P<role>(?:[\w/&+-]+\s+){1,5}?)(?:intern|engineer|"
    r"developer|scientist|"
    r"researcher|specialist)s?\b",
    re.I,
)
#: What the learner moves away from ("broaden beyond text") is not the goal.
AWAY_FROM = re.compile(
    r"\b(?:beyond|away from|other than|rather than|instead of|not just|not only)\s+"
    r"[\w-]+(?:\s+(?!and\b|to\b|into\b|but\b)[\w-]+){0,2}",
    re.I,
)
#: Before a goal cue, the clause naming the goal ("…, but RL is the area I want to …").
GOAL_SUBJECT = re.compile(
    r"(?:^|[,;:]|\bbut\b|\band\b)(?P<clause>[^,;:]*?\b(?:is|are)\s+(?:the|my|what|where)\b"
    r"[^,;:]*)$",
    re.I,
)
#: A goal cue that states a value in a CV, not a goal ("I care about clear APIs").
VALUES = re.compile(r"^(?:i|we)?\s*(?:\w+\s+)?care\b", re.I)
#: Before a goal cue, a pointer back to what came first: "…, and that is the work I want".
POINTS_BACK = re.compile(
    r"\b(?:that|this|which|these)\s+(?:is|are|was)\s+(?:(?:the|what|exactly|just)\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: A range that says breadth, not a track: "from data to models to serving".
RANGE = re.compile(r"\bfrom\s+[\w-]+(?:\s+[\w-]+)?(?:\s+to\s+[\w-]+(?:\s+[\w-]+)?){2,}", re.I)
#: "Objective: …" at the start of a line: what follows states the goal, cue or not.
GOAL_LABEL = re.compile(
    r"^\W*(?:career\s+)?(?:objective|goal|aim|ziel|objetivo|objectif|obiettivo|"
    r"where i(?:'m| am) heading|what i(?:'m| am) looking for|next step)\s*:",
    re.I,
)
#: A role sought that is not about AI ("a senior frontend role in a team that ships often"):
#: no goal, unless AI is named with it.
OTHER_ROLE = re.compile(
    r"\b(?:software engineering|software|front[- ]?end|back[- ]?end|full[- ]?stack|web|mobile|"
    r"ios|android|qa|test|devops|sre|infrastructure|platform|product|data analyst|backend or "
    r"infrastructure)\s+(?:\w+\s+)?(?:internship|intern|role|position|job|engineer|developer)s?\b",
    re.I,
)
AI_NAMED = re.compile(
    r"\b(?:ai|a\.i\.|ml|machine[- ]learning|models?|deep learning|nlp|computer vision|vision|"
    r"data scien\w*|llms?|neural|mlops|genai|generative|reinforcement|robot\w*)\b",
    re.I,
)
