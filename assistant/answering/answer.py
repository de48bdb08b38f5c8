"""What an answer is: the ``Answer`` and ``Status`` records and the history it is given.

``Answer`` is what ``Assistant.ask`` returns and ``stream`` ends with; ``Status``
is the mode the next answer will use; ``history_messages`` turns the chat
history any caller passes (Gradio's message dicts included) into ``Message``
records. Nothing here retrieves, generates or checks citations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assistant.answering.backends import Message
from assistant.records import Source

#: Earlier turns considered for follow-ups.
HISTORY_TURNS = 8


@dataclass(frozen=True)
class Answer:
    """A finished answer."""

    question: str
    """The question as cleaned (and cut, when it was too long)."""
    text: str
    """Markdown with ``[n]`` markers; each refers to ``sources[n-1]``."""
    sources: list[Source]
    """Cited sources in order of first citation."""
    mode: str
    """``ollama:<model>`` or ``offline``."""
    declined: bool
    """True when the corpus does not cover the question."""
    query: str = ""
    """What was searched (the standalone form of a follow-up)."""
    notes: tuple[str, ...] = ()
    """Things the user should know: a cut question, a fallback to offline mode."""
    unsupported_citations: int = 0
    """Generated markers dropped because the cited chunk did not support the sentence."""
    removed_citations: int = 0
    """All generated markers removed: the unsupported ones and those pointing to no source."""
    seconds: float = 0.0
    """Wall time from question to final answer."""
    extra: dict[str, object] = field(default_factory=dict)
    """Diagnostics (prompt tokens, ``num_ctx``) for the eval and benchmarks."""

    def to_dict(self) -> dict[str, object]:
        """JSON-able fields (the CLI's ``--json``)."""
        return {
            "question": self.question,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "mode": self.mode,
            "declined": self.declined,
            "query": self.query,
            "notes": list(self.notes),
            "unsupported_citations": self.unsupported_citations,
            "removed_citations": self.removed_citations,
            "seconds": round(self.seconds, 4),
        }


@dataclass(frozen=True)
class Status:
    """Which mode the next answer will use, for the UI's status line."""

    mode: str
    """``ollama:<model>`` or ``offline``."""
    detail: str
    """Why offline (empty when generating)."""


def history_messages(history: Sequence[Mapping[str, object]] | None) -> list[Message]:
    """Chat history as ``Message`` records; Gradio's content parts are flattened to text."""
    out: list[Message] = []
    for entry in history or []:
        if not isinstance(entry, Mapping):
            continue
        role = entry.get("role")
        content = entry.get("content")
        if isinstance(content, list):
            parts = [p.get("text", "") if isinstance(p, Mapping) else p for p in content]
            content = " ".join(p for p in parts if isinstance(p, str))
        if role in ("user", "assistant") and isinstance(content, str) and content.strip():
            out.append(Message(str(role), content))
    return out[-HISTORY_TURNS:]
