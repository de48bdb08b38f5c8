"""What one learner message says, as a typed record: ``LearnerStatement``.

The offline reader (``reader.py``) and a local model's structured output (its
JSON schema is ``LearnerStatement.model_json_schema()``) both produce this
record, so everything after them — routing, the profile update, the
"I understood" line, the learner eval — has one input. Nothing here reads text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Polarity = Literal["done", "learning", "not_known"]
Route = Literal["plan", "answer", "both"]


class StatedItem(BaseModel):
    """A step or topic the message says something about."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^step-\d{1,2}(/[a-z0-9-]+)?$")
    """Step or topic id (``step-4``, ``step-1/libraries``)."""
    polarity: Polarity
    """``done`` (known), ``learning`` (in progress, basics only) or ``not_known``."""
    words: str = Field(default="", max_length=200)
    """The learner's own words that named it."""
    inferred: bool = False
    """Not said outright but read from working-level use ("Python daily" → Step 1 done)."""


class LearnerStatement(BaseModel):
    """The learner facts and the request in one message."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    items: tuple[StatedItem, ...] = ()
    """Steps and topics with what the learner says about each."""
    goal: str | None = Field(default=None, max_length=40)
    """Goal track id (``nlp``, ``computer-vision``, …, ``general``), when stated."""
    background: str | None = Field(default=None, max_length=40)
    """Background (one of the roadmap's audiences), when stated."""
    hours_per_week: float | None = Field(default=None, ge=0.25, le=100)
    """Study time, per week (a per-day budget is multiplied by 7)."""
    position: str | None = Field(default=None, max_length=200)
    """The words of a position statement ("past step 3", "up to MLOps")."""
    beginner: bool = False
    """The learner says they are starting from zero."""
    asks_plan: bool = False
    """The message asks for next steps ("what next?", "where do I start?")."""
    asks_question: bool = False
    """The message asks something about the roadmap's content."""

    @property
    def describes_self(self) -> bool:
        """Says what the learner knows, is learning or lacks, their goal, time or starting point.

        A background alone does not count ("asking as a teacher" is not a self-description).
        """
        return bool(self.items or self.goal or self.hours_per_week or self.beginner)

    @property
    def route(self) -> Route:
        """``plan`` (next steps), ``answer`` (a roadmap question) or ``both``."""
        if self.asks_question and self.describes_self and not self.asks_plan:
            return "both"
        if self.asks_plan or self.describes_self:
            return "plan"
        return "answer"

    def ids(self, polarity: Polarity, *, inferred: bool = True) -> list[str]:
        """Ids stated with ``polarity`` (``inferred=False``: only what was said outright)."""
        return [i.id for i in self.items if i.polarity == polarity and (inferred or not i.inferred)]
