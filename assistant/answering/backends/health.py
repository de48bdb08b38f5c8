"""A backend's cached health verdict: checked briefly when down, without holding a lock on I/O.

``HealthCache.get()`` returns the last verdict while it is fresh (a good one for
``ttl_up`` seconds, a bad one for ``ttl_down`` so a server that comes back is used
again without a restart) and otherwise runs the backend's check. The check runs
outside the lock: one thread re-checks while the others keep the cached verdict
or, before there is one, wait for that single check. ``mark_down`` records a
failure seen while generating, so the next question re-checks first. This module
does not talk to any server; the backend passes in its own check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Health:
    """The outcome of one health check."""

    ok: bool
    """Server up and model present."""
    reason: str
    """Empty when ok; otherwise what is wrong and how to fix it."""
    context_length: int | None = None
    """The context length the server reports for the model, when it does."""
    checked_at: float = 0.0
    """``time.monotonic()`` when the check started."""
    model: str = ""
    """The model the check found to ask for (an OpenAI-compatible server's only model)."""


class HealthCache:
    """The verdict of ``check``, re-run when it is stale, one check at a time."""

    def __init__(
        self,
        check: Callable[[], Health],
        *,
        ttl_up: float,
        ttl_down: float,
        wait: float,
        slow_reason: str,
    ) -> None:
        self._check = check
        self._ttl_up = ttl_up
        self._ttl_down = ttl_down
        self._wait = wait
        """Seconds a thread waits for another thread's first check."""
        self._slow_reason = slow_reason
        """The reason given to a thread whose wait for the first check ran out."""
        self._lock = threading.Lock()
        self._health: Health | None = None
        self._checking: threading.Event | None = None

    @property
    def current(self) -> Health | None:
        """The last verdict, fresh or not, without checking; ``None`` before the first."""
        return self._health

    def get(self) -> Health:
        """The cached verdict, re-checked when its time-to-live has passed.

        The lock is held only to read and store the verdict, never during the check. One
        thread re-checks at a time; meanwhile the others get the cached verdict at once
        or, when there is none yet, wait for that one check.
        """
        with self._lock:
            current = self._health
            if current is not None and self._fresh(current):
                return current
            in_flight = self._checking
            if in_flight is None:
                self._checking = mine = threading.Event()
            elif current is not None:
                return current  # stale, but another thread is re-checking right now
        if in_flight is not None:
            in_flight.wait(self._wait)
            with self._lock:
                if self._health is not None:
                    return self._health
            return Health(False, self._slow_reason)
        try:
            checked = self._check()
            with self._lock:
                latest = self._health  # a failure seen while generating may be newer
                if latest is None or latest.checked_at <= checked.checked_at:
                    self._health = latest = checked
            return latest
        finally:
            with self._lock:
                self._checking = None
            mine.set()

    def _fresh(self, health: Health) -> bool:
        ttl = self._ttl_up if health.ok else self._ttl_down
        return time.monotonic() - health.checked_at < ttl

    def mark_down(self, reason: str) -> None:
        """Remember a failure seen while generating, so the next question re-checks first."""
        with self._lock:
            self._health = Health(False, reason, checked_at=time.monotonic())
