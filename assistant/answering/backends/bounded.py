"""Reading one HTTP reply within hard limits: a deadline for the whole reply, byte caps.

httpx's timeouts are per read, so a server that sends a byte every few seconds
never trips them. ``Deadline`` bounds the whole exchange: passed as the request's
``trace`` extension, it learns the socket as soon as the connection is open and
shuts it down when the time is up, which wakes a read that is waiting (closing
it would not). That covers a server that drips its headers too. ``capped_body``
reads a whole body up to a byte cap, ``ndjson_lines`` splits a streamed body
into lines and ``sse_data`` into the data of server-sent events, each up to a
cap. ``BoundedTransport`` brings the deadline and a byte cap to a client that
sends its requests itself (an SDK): ``send_within`` hands each request the
limits of its exchange. They raise ``BackendUnavailable`` with the reason the
caller gave, so the backend decides what to tell the user. The small readers at the end turn what a
server sent into JSON or a one-line reason without trusting it. This module
knows nothing of any server's API.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pydantic

from assistant.errors import BackendUnavailable

log = logging.getLogger(__name__)

#: Most of a server's text kept for the reason shown to the user.
MAX_REASON_CHARS = 200

# Limits every generating backend shares (Ollama, OpenAI-compatible).
#: Seconds a good health check is trusted.
HEALTH_TTL_UP = 10.0
#: Seconds before a failed health check is retried.
HEALTH_TTL_DOWN = 5.0
#: Seconds allowed to open a connection.
CONNECT_TIMEOUT = 3.0
#: Seconds allowed to send a request.
WRITE_TIMEOUT = 30.0
#: Seconds allowed for each whole health-check request.
HEALTH_TIMEOUT = 5.0
#: Low temperature: answers should restate the sources, not improvise.
TEMPERATURE = 0.1
#: Longest line or event of a streamed reply; one token's is a few hundred bytes.
MAX_LINE_BYTES = 1 << 20
#: Largest health-check or error body (a long model list, a long licence).
MAX_BODY_BYTES = 8 << 20
T = TypeVar("T")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


@dataclass(frozen=True)
class Limits:
    """The limits of one exchange, for every request ``BoundedTransport`` sends in it."""

    deadline: Deadline
    max_bytes: int | None
    """Cap on a successful body; ``None`` when the caller reads it within its own caps."""
    too_large: str
    """What ``BackendUnavailable`` says past ``max_bytes``."""
    error_max_bytes: int
    """Cap on an error body (status 300 and up), which a client may read for itself."""
    error_too_large: str
    """What ``BackendUnavailable`` says past ``error_max_bytes``."""


#: Set only while a request is being sent, in the sending thread (``send_within``).
_LIMITS: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("limits", default=None)


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: Iterable[bytes], deadline: Deadline, cap: int | None, why: str):
        self._inner, self._deadline, self._cap, self._why = inner, deadline, cap, why

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self._inner:
            self._deadline.check()
            seen += len(chunk)
            if self._cap is not None and seen > self._cap:
                raise BackendUnavailable(self._why)
            yield chunk

    def close(self) -> None:
        if isinstance(self._inner, httpx.SyncByteStream):
            self._inner.close()


class BoundedTransport(httpx.HTTPTransport):
    """Arms the exchange's deadline as the connection opens and caps every body it returns.

    It asks for bodies as they are and never unpacks one: a client that reads a whole body
    for itself would otherwise inflate a small compressed reply to any size past the cap.
    A compressed body reaches the caller as the bytes sent, which no JSON reader accepts.
    A request sent outside ``send_within`` is refused, never sent without limits.
    """

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        limits = _LIMITS.get()
        if limits is None:
            raise BackendUnavailable("A request had no limits, so it was not sent.")
        request.extensions["trace"] = limits.deadline
        request.headers["Accept-Encoding"] = "identity"
        response = super().handle_request(request)
        response.headers.pop("Content-Encoding", None)
        limits.deadline.arm(response)
        inner: Any = response.stream
        cap: int | None
        if response.status_code >= 300:
            cap, why = limits.error_max_bytes, limits.error_too_large
        else:
            cap, why = limits.max_bytes, limits.too_large
        response.stream = _CappedStream(inner, limits.deadline, cap, why)
        return response


def send_within(limits: Limits, call: Callable[[], T]) -> T:
    """Run ``call`` (one client call) with ``limits`` on every request it sends.

    The limits are set only while ``call`` runs: a generator that sends a request, yields,
    and resumes in another thread or context never has to reset them there.
    """
    token = _LIMITS.set(limits)
    try:
        return call()
    finally:
        _LIMITS.reset(token)


def _lines(
    chunks: Iterable[bytes], deadline: Deadline, *, max_bytes: int, too_long: str
) -> Iterator[bytes]:
    """Every line of a streamed body, blank ones too, without its ``\\n`` or ``\\r\\n``.

    Memory stays near ``max_bytes`` plus one read, whatever the server sends.
    """
    pending = bytearray()
    for chunk in chunks:
        deadline.check()
        pending += chunk
        *lines, pending = pending.split(b"\n")
        if len(pending) > max_bytes or any(len(line) > max_bytes for line in lines):
            raise BackendUnavailable(too_long)
        yield from (bytes(line[:-1] if line.endswith(b"\r") else line) for line in lines)
    if pending:
        yield bytes(pending)


def ndjson_lines(
    chunks: Iterable[bytes], deadline: Deadline, *, max_bytes: int, too_long: str
) -> Iterator[bytes]:
    """The non-blank lines of a streamed body; ``BackendUnavailable(too_long)`` past
    ``max_bytes``."""
    lines = _lines(chunks, deadline, max_bytes=max_bytes, too_long=too_long)
    return (line for line in lines if line.strip())


def sse_data(
    chunks: Iterable[bytes], deadline: Deadline, *, max_bytes: int, too_long: str
) -> Iterator[bytes]:
    """The data of each server-sent event in a streamed body: its ``data:`` lines, joined.

    An event ends at a blank line (or at the end of the body). Comments (``:``) and the
    ``event``, ``id`` and ``retry`` fields carry nothing a chat reply needs; an ``error:``
    line (older ``llama-server`` builds report a failure so) counts as data, so the caller
    sees the error. ``BackendUnavailable(too_long)`` for a line or an event past
    ``max_bytes``.
    """
    data: list[bytes] = []
    size = 0
    for line in _lines(chunks, deadline, max_bytes=max_bytes, too_long=too_long):
        if not line:
            if data:
                yield b"\n".join(data)
            data, size = [], 0
            continue
        name, _, value = line.partition(b":")
        if name not in (b"data", b"error"):
            continue  # a comment (no name) or a field a chat reply does not use
        value = value[1:] if value.startswith(b" ") else value
        data.append(value)
        size += len(value) + 1
        if size > max_bytes:
            raise BackendUnavailable(too_long)
    if data:
        yield b"\n".join(data)


# -- reading what a server sent without trusting it -----------------------------------------


def clip(text: str) -> str:
    """Server text fit for a reason: one line, no control characters, at most 200 chars."""
    flat = " ".join(_CONTROLS.sub("", text).split())
    return flat if len(flat) <= MAX_REASON_CHARS else flat[:MAX_REASON_CHARS] + "…"


def loads(raw: bytes | str) -> Any:
    """``json.loads``, with nesting too deep for the parser reported as ``ValueError`` too."""
    try:
        return json.loads(raw)
    except RecursionError:  # "[[[[…": thousands of levels
        raise ValueError("JSON nested too deeply") from None


def nested_too_deeply(text: str) -> bool:
    """Whether ``text`` is JSON nested deeper than ``json.loads`` can read; not JSON is fine."""
    try:
        json.loads(text)
    except RecursionError:
        return True
    except ValueError:  # not JSON at all: the caller says why it cannot use it
        return False
    return False


def what_is_wrong(err: pydantic.ValidationError) -> str:
    """The first problem pydantic found, as ``where: what``, fit for a reason."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "the reply"
    return clip(f"{where}: {first['msg']}")


def error_message(data: Any) -> str | None:
    """The message of an error reply in the shapes servers send; ``None`` when it is none.

    ``{"error": "…"}`` (Ollama), ``{"error": {"message": "…"}}`` (OpenAI, llama-server,
    LM Studio, newer vLLM) and ``{"object": "error", "message": "…"}`` (older vLLM).
    """
    if not isinstance(data, dict):
        return None
    error = data.get("error")
    if isinstance(error, dict):
        message = error.get("message")
        return clip(str(message if message else error)) or "no details"
    if error:
        return clip(str(error)) or "no details"
    if data.get("object") == "error":
        return clip(str(data.get("message") or "")) or "no details"
    return None


def error_text(raw: bytes) -> str:
    """The message of an error body, else the body's first words."""
    try:
        message = error_message(loads(raw))
    except ValueError:  # not JSON, or not UTF-8
        message = None
    return message or clip(raw.decode("utf-8", "replace")) or "no details"
