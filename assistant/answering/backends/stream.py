"""One streamed reply, whichever backend sends it: its text deltas, its counters, its cap.

``ChatStream`` is what ``generate()`` returns: iterate it for the reply's text,
then read ``stats``, which belong to that call alone (several answers stream at
once through one backend). ``capped`` stops a stream that goes past the
character cap and tells the backend about a server failure, so the next
question re-checks its health first. This module neither reads HTTP nor knows
any server's API.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass

from assistant.errors import BackendUnavailable


@dataclass(frozen=True)
class StreamStats:
    """Counters a server reports at the end of a stream (0 when it reports none)."""

    prompt_tokens: int
    """Tokens of the prompt the model actually read."""
    output_tokens: int
    """Tokens generated."""
    done_reason: str
    """Why it stopped: ``stop`` or ``length``."""


class ChatStream(Iterator[str]):
    """One streamed reply: iterate for its text deltas; ``stats`` once the server says it is done.

    The stats belong to this call alone, so two answers streaming at once never
    read each other's counters.
    """

    def __init__(self, parts: Generator[str, None, StreamStats]) -> None:
        self._parts = parts
        self.stats: StreamStats | None = None
        """Set when the stream ended the way the server ends a complete reply."""

    def __iter__(self) -> ChatStream:
        return self

    def __next__(self) -> str:
        try:
            return next(self._parts)
        except StopIteration as end:
            self.stats = end.value
            raise

    def close(self) -> None:
        """Stop reading and close the connection (a stopped answer)."""
        self._parts.close()


def capped(
    parts: Generator[str, None, StreamStats],
    *,
    max_chars: int,
    too_long: str,
    mark_down: Callable[[str], None],
) -> Generator[str, None, StreamStats]:
    """``parts`` up to ``max_chars`` characters; past them the stream is closed.

    A server failure is passed to ``mark_down`` (the next question re-checks first);
    the cap is not: it is the model rambling, not the server failing.
    """
    shown = 0
    with closing(parts):
        while True:
            try:
                text = next(parts)
            except StopIteration as end:
                return end.value
            except BackendUnavailable as err:
                mark_down(str(err))
                raise
            shown += len(text)
            if shown > max_chars:
                raise BackendUnavailable(too_long)
            yield text
