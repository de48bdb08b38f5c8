"""Saved conversations as they live in the browser (Gradio ``BrowserState``).

The UI keeps every conversation of one browser in its localStorage as one
JSON object; this module is the typed view of that object and the operations
on it (start, record a turn, select, delete). It carries a version: an object
of another version, or one that does not parse, is set aside and replaced by an
empty store with a note instead of crashing the page. It is capped, because a
browser's localStorage holds a few megabytes: a conversation keeps at most
``MAX_TURNS`` turns and ``MAX_CONVERSATION_CHARS`` characters (its oldest turns
are dropped, with a note at its top), and the whole store ``MAX_STORE_CHARS``
(the oldest conversations go first). Nothing here renders messages or talks to
the assistant.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.sanitize import clean_text

STORE_VERSION = 1
#: Conversations kept per browser; the oldest are dropped beyond this.
MAX_CONVERSATIONS = 50
#: Characters of the first question used as a conversation's title.
TITLE_CHARS = 48
#: History turns (a question or an answer) kept per conversation.
MAX_TURNS = 80
#: JSON characters kept per conversation (messages as shown plus the history).
MAX_CONVERSATION_CHARS = 400_000
#: JSON characters of all conversations together (localStorage holds ~5 MB of UTF-16).
MAX_STORE_CHARS = 1_500_000
#: The note that opens a conversation whose oldest turns were dropped.
TRIMMED_NOTE = (
    "*Older turns of this conversation were dropped to keep it within the browser's storage.*"
)


@dataclass(frozen=True)
class Conversation:
    """One conversation: what the chat shows and what the assistant needs as history."""

    id: str
    """Random id, stable for the conversation's life."""
    title: str
    """Shown in the conversation list (the first question, shortened)."""
    updated: float
    """Unix time of the last turn."""
    messages: tuple[dict[str, Any], ...] = ()
    """Chatbot messages as rendered (answers with links, source blocks)."""
    turns: tuple[dict[str, str], ...] = ()
    """Plain ``{"role", "content"}`` history passed to ``Assistant.ask``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "updated": self.updated,
            "messages": list(self.messages),
            "turns": list(self.turns),
        }


@dataclass(frozen=True)
class Store:
    """All conversations of one browser, newest first, and the one on screen."""

    conversations: tuple[Conversation, ...] = ()
    """Newest first."""
    current: str | None = None
    """Id of the conversation on screen (``None``: a new, empty one)."""
    problem: str | None = field(default=None, compare=False)
    """Set when the saved object could not be read (shown once to the user)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STORE_VERSION,
            "current": self.current,
            "conversations": [c.to_json() for c in self.conversations],
        }

    @classmethod
    def from_json(cls, raw: object) -> Store:
        """The store saved in the browser; an unreadable one becomes empty with a problem."""
        if raw in (None, "", {}):
            return cls()
        if not isinstance(raw, dict) or raw.get("version") != STORE_VERSION:
            return cls(problem="Saved conversations were from another version and were reset.")
        try:
            conversations = tuple(
                Conversation(
                    id=str(c["id"]),
                    title=str(c["title"]),
                    updated=float(c["updated"]),
                    messages=tuple(m for m in c["messages"] if isinstance(m, dict)),
                    turns=tuple(
                        {"role": str(t["role"]), "content": str(t["content"])} for t in c["turns"]
                    ),
                )
                for c in raw.get("conversations", [])
            )
        except (KeyError, TypeError, ValueError):
            return cls(problem="Saved conversations could not be read and were reset.")
        current = raw.get("current")
        ids = {c.id for c in conversations}
        return cls(conversations, current if isinstance(current, str) and current in ids else None)

    def get(self, conversation_id: str | None) -> Conversation | None:
        return next((c for c in self.conversations if c.id == conversation_id), None)

    @property
    def on_screen(self) -> Conversation | None:
        """The conversation currently shown, if it has been saved."""
        return self.get(self.current)

    def choices(self) -> list[tuple[str, str]]:
        """(label, id) pairs for the conversation list, newest first."""
        return [(c.title, c.id) for c in self.conversations]

    def start_new(self) -> Store:
        """Show a new, empty conversation (saved once it has a turn)."""
        return replace(self, current=None, problem=None)

    def select(self, conversation_id: str) -> Store:
        return replace(self, current=conversation_id if self.get(conversation_id) else None)

    def delete(self, conversation_id: str | None) -> Store:
        """Remove a conversation; the newest remaining one is shown next."""
        rest = tuple(c for c in self.conversations if c.id != conversation_id)
        current = self.current if self.current != conversation_id else None
        if current is None and rest:
            current = rest[0].id
        return replace(self, conversations=rest, current=current, problem=None)

    def record(
        self, messages: list[dict[str, Any]], turns: list[dict[str, str]], now: float | None = None
    ) -> Store:
        """Save the on-screen conversation (creating it on its first turn); newest first."""
        now = time.time() if now is None else now
        existing = self.on_screen
        if existing is None:
            first = next((t["content"] for t in turns if t["role"] == "user"), "New conversation")
            existing = Conversation(uuid.uuid4().hex[:12], make_title(first), now)
        saved = _capped(
            replace(existing, updated=now, messages=tuple(messages), turns=tuple(turns))
        )
        others = tuple(c for c in self.conversations if c.id != saved.id)
        kept, total = [saved], _size(saved)
        for other in others[: MAX_CONVERSATIONS - 1]:
            total += _size(other)
            if total > MAX_STORE_CHARS:
                break  # this one and every older one are dropped
            kept.append(other)
        return replace(self, conversations=tuple(kept), current=saved.id, problem=None)


def _size(conversation: Conversation) -> int:
    return len(json.dumps(conversation.to_json(), ensure_ascii=False))


def _capped(conversation: Conversation) -> Conversation:
    """The conversation without its oldest exchanges while it is over a cap, noted at its top."""
    messages = [m for m in conversation.messages if m.get("content") != TRIMMED_NOTE]
    turns = list(conversation.turns)
    trimmed = False
    while len(turns) > MAX_TURNS or (
        _size(replace(conversation, messages=tuple(messages), turns=tuple(turns)))
        > MAX_CONVERSATION_CHARS
    ):
        users = [i for i, t in enumerate(turns) if t["role"] == "user"]
        shown = [i for i, m in enumerate(messages) if m.get("role") == "user"]
        if len(users) < 2 or len(shown) < 2:
            break  # never drop the last exchange: it is what the learner just asked
        turns, messages, trimmed = turns[users[1] :], messages[shown[1] :], True
    if trimmed or len(messages) < len(conversation.messages):
        messages = [{"role": "assistant", "content": TRIMMED_NOTE}, *messages]
    return replace(conversation, messages=tuple(messages), turns=tuple(turns))


def make_title(question: str) -> str:
    """A one-line title from the first question."""
    flat = " ".join(clean_text(question).split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1].rstrip() + "…"
