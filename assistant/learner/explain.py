"""Say back what was understood from a learner's message, in the roadmap's words.

``understood`` is the line that opens every plan ("I understood: done: Python Basics; not yet:
Step 4: Deep Learning; goal: NLP; 6 h/week."), naming steps and topics by title and saying why
a step was counted from working-level use, so a wrong reading is easy to spot and correct.
``plan_offer`` is the one line after an answer to a message that also described the learner.
Nothing here reads messages or plans.
"""

from __future__ import annotations

from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.planner import Plan
from assistant.learner.profile import DEFAULT_GOAL, Profile
from assistant.learner.statement import LearnerStatement


def understood(vocabulary: Vocabulary, profile: Profile, statement: LearnerStatement) -> str:
    """What was read from the message, in the roadmap's words, for the learner to check.

    Steps and topics are named by title, negatives as "not yet: …", and a step counted as
    done from working-level use says why, so a wrong reading is easy to spot and correct.
    """
    said = [i for i in statement.items if not i.inferred]
    parts = []

    def named(polarity: str) -> str:
        return ", ".join(
            dict.fromkeys(vocabulary.title(i.id) for i in said if i.polarity == polarity)
        )

    if (statement.beginner or not profile.progress) and not said:
        parts.append("you are starting from the beginning")
    for polarity, label in (("done", "done"), ("learning", "learning"), ("not_known", "not yet")):
        if text := named(polarity):
            parts.append(f"{label}: {text}")
    if profile.goal != DEFAULT_GOAL or statement.goal == DEFAULT_GOAL:
        parts.append("goal: " + vocabulary.goal(profile.goal).name)
    if statement.background:
        parts.append("background: " + statement.background)
    parts.append(f"{profile.hours_per_week:g} h/week")
    line = "I understood: " + "; ".join(parts) + "."
    for item in statement.items:
        if item.inferred:
            line += (
                f" I counted {vocabulary.title(item.id)} as done because you use "
                f"{item.words.capitalize()} at a working level."
            )
    hinted = [
        vocabulary.title(i)
        for i in vocabulary.graph.background_hints.get(statement.background or "", ())
        if i not in profile.progress
    ]
    if hinted:
        line += (
            f" As a {statement.background}, you may already know {' and '.join(hinted)}: "
            "say so, and I will count it."
        )
    if not profile.progress and not said and not statement.beginner:
        steps = " · ".join(vocabulary.title(s) for s in vocabulary.step_ids)
        line += (
            ' Tell me what you already know (for example "I know Python and statistics"), or '
            f"tick it in the panel: {steps}. Until then, here is the plan for a beginner."
        )
    else:
        line += ' (Wrong? Say so, e.g. "no, I don\'t know deep learning", or untick it.)'
    return line


def plan_offer(
    vocabulary: Vocabulary, profile: Profile, statement: LearnerStatement, plan: Plan
) -> str:
    """The one line after an answer to a message that also described the learner."""
    head = understood(vocabulary, profile, statement).split(" (Wrong?")[0]
    head = head.replace("I understood: ", "I also noted: ", 1)
    if not plan.steps:
        return head
    first = plan.steps[0].title
    return f'{head} Your next step would be {first}: ask "what next?" for the whole plan.'
