"""The assistant, opened in a background thread, and what the page says meanwhile.

``Runtime`` opens the ``Assistant`` (building the index first when there is
none) in a thread, so the chat is served at once. The build reports the same
counts as the terminal's progress bar (``on_progress``); the runtime keeps the
last pair, and turns it into the status line ("812/1,204 chunks embedded") and
into the line an early question shows while it waits ("⏳ Waiting for the index
(812/1,204 chunks)…"). ``wait`` lets a request block until the assistant is
ready. This module builds no layout and answers nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from assistant.answering.assistant import Assistant
from assistant.errors import AssistantError
from assistant.knowledge.ingest import EmbedProgress
from assistant.knowledge.store import IndexStore
from assistant.settings import Settings
from assistant.web.render import status_markdown

log = logging.getLogger(__name__)

Opener = Callable[[Settings, EmbedProgress], Assistant]


def open_assistant(settings: Settings, on_progress: EmbedProgress) -> Assistant:
    """The assistant, building the index first if needed (bar in the terminal, counts to
    ``on_progress``)."""
    return Assistant.open(settings, progress=True, on_progress=on_progress)


class Runtime:
    """Holds the assistant, opened in the background so the page can show the build."""

    def __init__(self, settings: Settings, opener: Opener = open_assistant) -> None:
        self.settings = settings
        self._opener = opener
        self._assistant: Assistant | None = None
        self.error: str | None = None
        self._done = threading.Event()
        self.progress: tuple[int, int] | None = None
        """(chunks embedded, chunks to embed) while the index is built; the terminal's counts."""
        self._had_index = IndexStore(settings).current_folder() is not None

    def start(self) -> Runtime:
        threading.Thread(target=self._open, name="open-assistant", daemon=True).start()
        return self

    def _embedded(self, done: int, total: int) -> None:
        self.progress = (done, total)  # one assignment: request threads read a whole pair

    def _open(self) -> None:
        try:
            self._assistant = self._opener(self.settings, self._embedded)
        except AssistantError as err:
            self.error = str(err)
            log.error("cannot open the assistant: %s", err)
        except Exception:  # an unexpected failure must not leave the page "building" forever
            log.exception("cannot open the assistant")
            self.error = "The assistant could not start; the terminal shows why."
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the assistant is open (or failed); True when it is ready."""
        self._done.wait(timeout)
        return self._assistant is not None

    @property
    def assistant(self) -> Assistant | None:
        return self._assistant

    @property
    def opened(self) -> bool:
        """Opening is over: the assistant is ready, or it failed."""
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        """The assistant could not be opened (``error`` says why)."""
        return self._done.is_set() and self._assistant is None

    @property
    def building(self) -> bool:
        """The index is being built (there was none, or a repair is embedding)."""
        return self.progress is not None or not self._had_index

    def status(self) -> str:
        """The status line's Markdown."""
        if self.error:
            return status_markdown(None, problem=self.error)
        if self._assistant is None:
            return status_markdown(None, building=self.building, progress=self.progress)
        return status_markdown(self._assistant.status())

    def waiting(self) -> str:
        """What an early question shows until the index is ready."""
        progress = self.progress
        if progress is None:
            return "⏳ Waiting for the index " + (
                "(reading the sources)…" if self.building else "to open…"
            )
        done, total = progress
        if done < total:
            return f"⏳ Waiting for the index ({done:,}/{total:,} chunks)…"
        return f"⏳ Waiting for the index (writing {total:,} chunks)…"
