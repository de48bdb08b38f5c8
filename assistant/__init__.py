"""Roadmap Assistant: cited answers about the AI Engineer Roadmap 2025/26.

``from assistant import Assistant, Answer, Source`` is the public entry point
(``answering/assistant.py`` and ``records.py``). The subpackages are layered,
each importing only those below it: cli > web > evaluation > answering >
learner > search > knowledge > settings/errors/records/text (checked by
import-linter in ``make lint``). This file does no work: imports are lazy so
that ``assistant.settings`` and the CLI start without loading the embedding
and vector-store libraries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.answering.assistant import Answer, Assistant, Status
    from assistant.records import Source

__all__ = ["Answer", "Assistant", "Source", "Status"]


def __getattr__(name: str) -> Any:
    if name in ("Answer", "Assistant", "Status"):
        from assistant.answering import assistant

        return getattr(assistant, name)
    if name == "Source":
        from assistant.records import Source

        return Source
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
