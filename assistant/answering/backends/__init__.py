"""The seam every text-generating backend fits: ``generate(messages)`` and ``available()``.

A backend turns a list of chat ``Message`` records into a stream of text
deltas. When it is down, drops mid-stream, sends what it should not, or takes
too long or too many characters for one reply, it raises ``BackendUnavailable``
and the caller decides what happens next (the answer layer falls back to the
offline mode with a visible note). A backend never raises anything else for
what its server sends. ``get_backend`` picks one by name from the settings:
Ollama (``ollama.py``) or any OpenAI-compatible server (``openai.py``). The
offline grounded mode is not a backend: it writes no text of its own, it only
arranges retrieved text (see ``offline.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.settings import Settings


@dataclass(frozen=True)
class Message:
    """One chat message sent to a model."""

    role: str
    """``system``, ``user`` or ``assistant``."""
    content: str
    """The message text."""


class Backend(Protocol):
    """What the answer layer needs from a text generator."""

    @property
    def name(self) -> str:
        """Shown to users as the answer's mode, e.g. ``ollama:llama3.2:3b``."""
        ...

    @property
    def num_ctx(self) -> int:
        """Context window in tokens that prompts must fit."""
        ...

    def available(self) -> bool:
        """Whether the backend can answer now (cheap: the result is cached)."""
        ...

    def unavailable_reason(self) -> str:
        """Why ``available()`` is false, as a sentence a person can act on."""
        ...

    def generate(self, messages: Sequence[Message], *, max_tokens: int) -> Iterator[str]:
        """Stream the reply's text deltas; ``BackendUnavailable`` on failure or past a limit.

        Per-call details (Ollama's token counts) travel on the returned iterator, never
        on the backend, which several answers share.
        """
        ...

    def structured(
        self, messages: Sequence[Message], schema: dict[str, Any], *, max_tokens: int
    ) -> str:
        """The reply constrained to the JSON ``schema`` (unparsed); ``BackendUnavailable``."""
        ...


#: How people call each backend, by the name before the colon in ``Backend.name``.
BACKEND_TITLES = {"ollama": "Ollama", "openai": "OpenAI-compatible"}


def get_backend(settings: Settings) -> Backend | None:
    """The generating backend named by ``settings.backend``; ``None`` for offline only.

    ``openai`` is the OpenAI-compatible server at ``OPENAI_BASE_URL``; ``auto`` is Ollama
    (which falls back to the offline mode when it does not answer).
    """
    if settings.backend == "offline":
        return None
    if settings.backend == "openai":
        from assistant.answering.backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    from assistant.answering.backends.ollama import OllamaBackend

    return OllamaBackend(settings)
