"""Typed errors raised by the core.

Only the CLI (and later the UI) turns these into the one line a person reads;
the core never prints. Each error carries a message that already says what to
do next, so callers can show ``str(err)`` as it is.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class EmptyQueryError(AssistantError, ValueError):
    """A question or search query was empty or whitespace only."""


class MirrorError(AssistantError):
    """The mirror folder or its manifest.json is missing or unreadable."""


class CorpusError(AssistantError):
    """The corpus folder or its sources file is missing or malformed."""


class IndexMissingError(AssistantError):
    """No complete index exists yet at the configured location."""


class IndexMismatchError(AssistantError):
    """The index was built with another schema or embedding model."""


class IndexDamagedError(IndexMissingError):
    """The index's manifest or Chroma data is unreadable, missing or inconsistent; ingest
    rebuilds it. ``reason`` says what is wrong, without the command."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class StorageError(AssistantError):
    """A data folder cannot be used: not a folder, read-only, or its disk is full."""


class EmbeddingModelError(AssistantError):
    """The embedding model could not be located or loaded."""


class ChromaUnavailableError(AssistantError):
    """The Chroma server named by CHROMA_HOST could not be reached."""


class BackendUnavailable(AssistantError):
    """An LLM backend is down or unusable; the caller falls back to offline mode."""


class GraphError(CorpusError):
    """The roadmap graph file is missing, malformed or inconsistent with the roadmap."""


class ProfileError(AssistantError, ValueError):
    """A profile (or its JSON) does not follow the schema."""


class ProfileCorruptError(ProfileError):
    """A stored profile could not be read; it was kept aside, not overwritten."""


class EvalError(AssistantError):
    """The question file is missing or does not follow the schema."""


class UsageError(AssistantError):
    """Bad command-line input."""


class FetchRefused(AssistantError):
    """A URL that must not be fetched (scheme, private address, robots.txt)."""


class FetchFailed(AssistantError):
    """A fetch that did not produce a page (HTTP error, timeout, too big, wrong type)."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


class NoRoute(FetchFailed):
    """The host name does not resolve (no DNS: most likely no network)."""


class ReadingInvalid(AssistantError):
    """A model's structured reading of a message failed validation; the offline one is used."""


class CVError(AssistantError, ValueError):
    """A CV that cannot be read (too big, encrypted, scanned, a zip bomb, an unsupported type,
    or no roadmap skill in it); the message is the one line shown, and nothing is saved."""
