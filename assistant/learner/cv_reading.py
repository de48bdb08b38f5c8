"""What a CV reading proposes: ``CVItem`` (a step or topic with its evidence line) and
``CVReading`` (the items, the goal and its sentence), the typed schema the offline reader
and a local model's structured output both fill. Nothing here reads a CV (``cv_reader``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.learner.cv_lines import EVIDENCE_CHARS
from assistant.learner.statement import LearnerStatement, Polarity, StatedItem

#: Characters of ``CVItem.why`` (a hedge's words, not a sentence).
WHY_CHARS = 60


class CVItem(BaseModel):
    """A step or topic the CV shows, with the line that shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^step-\d{1,2}(/[a-z0-9-]+)?$")
    """Step or topic id (``step-4``, ``step-1/libraries``)."""
    polarity: Polarity
    """``done``, ``learning`` (hedged or in progress) or ``not_known``."""
    evidence: str = Field(min_length=1, max_length=EVIDENCE_CHARS + 2)
    """The CV line that supports it, as written."""
    inferred: bool = False
    """Not stated outright: read from working-level use ("Python, 5 years" → Step 1) or from
    a course that covered every topic of the step."""
    why: str = Field(default="", max_length=WHY_CHARS)
    """For a ``learning`` item, the words of its evidence that say so ("exposure to",
    "currently learning"); empty when no words do (the line as a whole reads as work in
    progress) and for other levels."""


class CVReading(BaseModel):
    """What a CV says about its author, proposed to them before anything is saved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    items: tuple[CVItem, ...] = ()
    """Proposed steps and topics, in roadmap order."""
    goal: str | None = Field(default=None, max_length=40)
    """Goal track id read from the objective, or ``None``."""
    goal_evidence: str = Field(default="", max_length=EVIDENCE_CHARS + 2)
    """The objective sentence the goal was read from."""
    hours_per_week: float | None = Field(default=None, ge=0.25, le=100)
    """Study time per week, when the CV states it."""
    notes: tuple[str, ...] = ()
    """What the learner should know about this reading (text cut, who read it)."""
    read_by: str = "offline"
    """``offline`` (the rules here) or the model that read it (``ollama:…``)."""

    def ids(self, polarity: Polarity, *, inferred: bool = True) -> list[str]:
        """Ids proposed with ``polarity`` (``inferred=False``: only those stated outright)."""
        return [i.id for i in self.items if i.polarity == polarity and (inferred or not i.inferred)]

    def statement(self) -> LearnerStatement:
        """The reading as a learner statement, for ``apply_statement`` and the planner."""
        return LearnerStatement(
            items=tuple(
                StatedItem(
                    id=i.id, polarity=i.polarity, words=i.evidence[:200], inferred=i.inferred
                )
                for i in self.items
            ),
            goal=self.goal,
            hours_per_week=self.hours_per_week,
        )
