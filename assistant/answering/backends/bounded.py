"""Reading one HTTP reply within hard limits: a deadline for the whole reply, byte caps.

httpx's timeouts are per read, so a server that sends a byte every few seconds
never trips them. ``Deadline`` bounds the whole exchange: passed as the request's
``trace`` extension, it learns the socket as soon as the connection is open and
shuts it down when the time is up, which wakes a read that is waiting (closing
it would not). That covers a server that drips its headers too. ``capped_body``
reads a whole body up to a byte cap and ``ndjson_lines`` splits a streamed body
into lines, each up to a cap. They raise ``BackendUnavailable`` with the reason
the caller gave, so the backend decides what to tell the user. This module
knows nothing of any server's API.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import httpx

from assistant.errors import BackendUnavailable

log = logging.getLogger(__name__)


class Deadline:
    """The end of one exchange; once armed, the socket is shut down when it passes.

    Use it as the request's ``trace`` extension; ``arm(response)`` covers a connection
    that was reused rather than opened for this exchange.
    """

    def __init__(self, seconds: float, late_reason: str) -> None:
        self.ends = time.monotonic() + seconds
        self.late_reason = late_reason
        """What ``BackendUnavailable`` says once the deadline has passed."""
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def __call__(self, event: str, info: Mapping[str, Any]) -> None:
        """httpcore's trace hook: arm as soon as the connection is open."""
        if event == "connection.connect_tcp.complete":
            self._arm(info.get("return_value"))

    def arm(self, response: httpx.Response) -> None:
        """Shut ``response``'s socket down at the deadline, unless already armed."""
        if self._timer is None:
            self._arm(response.extensions.get("network_stream"))

    def _arm(self, stream: Any) -> None:
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return  # another transport: the deadline is still checked between reads
        self._sock = sock
        self._timer = threading.Timer(max(0.0, self.ends - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._sock is None:
                return
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError as err:  # already closed by the other side
                log.debug("socket already closed at the deadline: %s", err)

    def disarm(self) -> None:
        """Never touch the socket again: call before the response is closed."""
        with self._lock:
            self._sock = None
        if self._timer is not None:
            self._timer.cancel()

    def passed(self) -> bool:
        """Whether the deadline has passed."""
        return time.monotonic() >= self.ends

    def check(self) -> None:
        """``BackendUnavailable`` (the late reason) once the deadline has passed."""
        if self.passed():
            raise BackendUnavailable(self.late_reason)


def capped_body(
    chunks: Iterable[bytes], deadline: Deadline, *, max_bytes: int, too_large: str
) -> bytes:
    """The whole body; ``BackendUnavailable(too_large)`` past ``max_bytes``."""
    data = bytearray()
    for chunk in chunks:
        deadline.check()
        data += chunk
        if len(data) > max_bytes:
            raise BackendUnavailable(too_large)
    return bytes(data)


def ndjson_lines(
    chunks: Iterable[bytes], deadline: Deadline, *, max_bytes: int, too_long: str
) -> Iterator[bytes]:
    """The non-blank lines of a streamed body; ``BackendUnavailable(too_long)`` past ``max_bytes``.

    Memory stays near ``max_bytes`` plus one read, whatever the server sends.
    """
    pending = bytearray()
    for chunk in chunks:
        deadline.check()
        pending += chunk
        *lines, pending = pending.split(b"\n")
        if len(pending) > max_bytes or any(len(line) > max_bytes for line in lines):
            raise BackendUnavailable(too_long)
        yield from (bytes(line) for line in lines if line.strip())
    if pending.strip():
        yield bytes(pending)
