"""A local model's reading of a learner message, as the same ``LearnerStatement``, or nothing.

``read_with_model`` sends the message with the roadmap's ids and goal tracks
to the backend's structured output (``format=`` the statement's JSON schema)
and validates what comes back: the schema, every id and goal against the
vocabulary, and every item's words against the message itself, so a model
cannot invent a skill the learner never named. Anything invalid raises
``ReadingInvalid`` (a down server raises ``BackendUnavailable``); the caller
then keeps the offline reader's statement. Nothing here routes or plans.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from assistant.answering.backends import Backend, Message
from assistant.errors import ReadingInvalid
from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.statement import LearnerStatement

#: Tokens the model may spend on the JSON reading.
READING_TOKENS = 400

READING_PROMPT = """You read one message from a learner of the AI Engineer Roadmap 2025/26 and \
return JSON that follows the schema. Only record what the message itself says.

items: each step or topic the learner says something about, with "polarity":
  "done" (knows it, finished it, uses it), "learning" (in progress, only basics, a bit),
  "not_known" (never did it, does not know it, weak at it). "words" must be the learner's own
  words that named it, copied exactly. Use only these ids:
{ids}
goal: one of {goals}, or null when the learner states no goal.
background: one of {backgrounds}, or null.
hours_per_week: the study time per week (per day times 7), or null.
position: the learner's words for where they are ("past step 3"), or null.
beginner: true only when the learner says they start from zero.
asks_plan: true when the message asks what to learn or do next, or where to start.
asks_question: true when the message asks what the roadmap contains or says."""


def build_reading_prompt(message: str, vocabulary: Vocabulary) -> list[Message]:
    """The system prompt (ids, goals, backgrounds) and the message as data."""
    ids = [*vocabulary.step_ids, *vocabulary.topics]
    listed = "\n".join(f"  {i}: {vocabulary.title(i)}" for i in ids)
    system = READING_PROMPT.format(
        ids=listed,
        goals=", ".join(vocabulary.goals),
        backgrounds=", ".join(vocabulary.graph.backgrounds),
    )
    return [Message("system", system), Message("user", message)]


def read_with_model(
    message: str,
    backend: Backend,
    vocabulary: Vocabulary,
    offline: LearnerStatement | None = None,
) -> LearnerStatement:
    """The model's statement for ``message``, checked; ``ReadingInvalid`` when it is not usable.

    With the ``offline`` reading, a negative it found must not come back as "done".
    """
    schema = LearnerStatement.model_json_schema()
    raw = backend.structured(
        build_reading_prompt(message, vocabulary), schema, max_tokens=READING_TOKENS
    )
    try:
        statement = LearnerStatement.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as err:
        first = str(err).splitlines()[0][:120]
        raise ReadingInvalid(f"the model's reading is not valid ({first})") from None
    known = {*vocabulary.step_ids, *vocabulary.topics}
    lower = message.lower()
    for item in statement.items:
        if item.id not in known:
            raise ReadingInvalid(f"the model's reading names an unknown id {item.id!r}")
        if not item.words or item.words.lower() not in lower:
            raise ReadingInvalid(f"the model's reading quotes words not in the message ({item.id})")
    negatives = set(offline.ids("not_known")) if offline is not None else set()
    for item_id in statement.ids("done"):
        if item_id in negatives:
            raise ReadingInvalid(f"the model read {item_id} as done; the message says it is not")
    if statement.goal is not None and statement.goal not in vocabulary.goals:
        raise ReadingInvalid(f"the model's reading names an unknown goal {statement.goal!r}")
    if (
        statement.background is not None
        and statement.background not in vocabulary.graph.backgrounds
    ):
        raise ReadingInvalid("the model's reading names an unknown background")
    return statement
