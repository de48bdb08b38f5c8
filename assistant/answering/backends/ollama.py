"""Ollama over HTTP: health check, streamed chat and structured chat, each within hard limits.

``OllamaBackend.available()`` asks ``/api/tags`` whether the server is up and
the model is pulled, and ``/api/show`` for the model's context length; the
verdict is cached (briefly when down, so a server that comes back is used again
without a restart). The check runs outside the backend's lock: one thread checks
while the others keep the cached verdict (or, before there is one, wait for it).
``generate`` streams ``/api/chat`` with ``num_ctx`` set explicitly and returns a
``ChatStream`` whose ``stats`` belong to that call alone.

The verdict cache (``health.py``), the stream with its character cap
(``stream.py``) and the bounded readers (``bounded.py``) are shared with the
OpenAI-compatible backend. Every exchange is bounded, because a server that
misbehaves must never cost an answer: a read timeout between bytes
(``OLLAMA_TIMEOUT``), a deadline for the whole reply (``OLLAMA_DEADLINE``; the
socket is shut down when it passes, so a server that drips a byte now and then
cannot hold an answer slot), a cap on the generated characters
(``OLLAMA_MAX_CHARS``) and on the bytes of any line or body. Replies are
validated with the ``ollama`` package's pydantic types. A transport failure, an
error status, or a line or body that Ollama would not send becomes
``BackendUnavailable`` with a reason that says what to do; the caller falls back
to the offline mode. This module does not build prompts or check citations.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx
import ollama
import pydantic

from assistant.answering.backends import Message
from assistant.answering.backends.bounded import (
    CONNECT_TIMEOUT,
    HEALTH_TIMEOUT,
    HEALTH_TTL_DOWN,
    HEALTH_TTL_UP,
    MAX_BODY_BYTES,
    MAX_LINE_BYTES,
    TEMPERATURE,
    WRITE_TIMEOUT,
    Deadline,
    capped_body,
    clip,
    error_text,
    loads,
    ndjson_lines,
    nested_too_deeply,
    what_is_wrong,
)
from assistant.answering.backends.health import Health, HealthCache
from assistant.answering.backends.stream import ChatStream, StreamStats, capped
from assistant.errors import BackendUnavailable
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Ollama's port when ``OLLAMA_HOST`` names none (as Ollama itself reads it).
OLLAMA_PORT = 11434

Reply = TypeVar("Reply", bound=pydantic.BaseModel)
__all__ = ["ChatStream", "Health", "OllamaBackend", "StreamStats", "base_url"]


def base_url(host: str) -> str:
    """``OLLAMA_HOST`` as a URL: ``http://``, ``127.0.0.1`` and port 11434 unless it names them.

    Raises ``httpx.InvalidURL`` for an address that cannot be one.
    """
    text = host.strip().rstrip("/")
    if "://" in text:
        return str(httpx.URL(text))
    url = httpx.URL(f"http://{text}")
    if not url.host:
        url = url.copy_with(host="127.0.0.1")
    return str(url if url.port is not None else url.copy_with(port=OLLAMA_PORT)).rstrip("/")


def _same_model(wanted: str, listed: str) -> bool:
    def norm(name: str) -> str:
        return name if ":" in name else f"{name}:latest"

    return norm(wanted) == norm(listed)


def _context_length(info: Mapping[str, Any] | None) -> int | None:
    """The ``*.context_length`` from ``model_info``; nonsense values (``true``, ``-5``) ignored."""
    lengths = [
        v
        for k, v in (info or {}).items()
        if k.endswith(".context_length") and type(v) is int and v > 0
    ]
    return lengths[0] if lengths else None


class OllamaBackend:
    """Generation by a local Ollama server (``OLLAMA_HOST``, ``OLLAMA_MODEL``)."""

    def __init__(
        self,
        settings: Settings,
        *,
        health_ttl_up: float = HEALTH_TTL_UP,
        health_ttl_down: float = HEALTH_TTL_DOWN,
    ) -> None:
        self.host = settings.ollama_host
        self.model = settings.ollama_model
        self._name = f"ollama:{self.model}"
        self._wanted_ctx = settings.ollama_num_ctx
        self._timeout = settings.ollama_timeout
        self._deadline = settings.ollama_deadline
        self._max_chars = settings.ollama_max_chars
        self._bad_host: str | None = None
        try:
            url = base_url(self.host)
        except httpx.InvalidURL as err:
            self._bad_host = f"OLLAMA_HOST={self.host!r} is not an address ({err})."
            url = f"http://127.0.0.1:{OLLAMA_PORT}"  # never used: every request stops first
        # Ollama never redirects: following one could send a prompt off this machine. A new
        # connection per exchange lets its ``Deadline`` arm before the headers come.
        self._http = httpx.Client(
            base_url=url,
            follow_redirects=False,
            headers={"Accept": "application/json"},
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self._health = HealthCache(
            self._check,
            ttl_up=health_ttl_up,
            ttl_down=health_ttl_down,
            wait=2 * (CONNECT_TIMEOUT + HEALTH_TIMEOUT),
            slow_reason=f"Ollama at {self.host} is slow to answer its health check.",
        )

    # -- health ---------------------------------------------------------------------------

    def _down_message(self) -> str:
        return f"Ollama is not reachable at {self.host}. Start it with `ollama serve`."

    def _missing_message(self) -> str:
        return (
            f"Ollama is running at {self.host} but the model {self.model} is not pulled. "
            f"Run: ollama pull {self.model}"
        )

    def _not_ollama(self, path: str, what: str) -> str:
        return (
            f"Ollama at {self.host} answered {path} with something Ollama does not send "
            f"({what}); check that OLLAMA_HOST points at Ollama."
        )

    def _check(self) -> Health:
        now = time.monotonic()
        try:
            tags = self._request("GET", "/api/tags", None, ollama.ListResponse)
            names = [m.model or "" for m in tags.models]
            if not any(_same_model(self.model, name) for name in names):
                return Health(False, self._missing_message(), checked_at=now)
            show = self._request("POST", "/api/show", {"model": self.model}, ollama.ShowResponse)
        except BackendUnavailable as err:
            log.info("ollama health check failed: %s", err)
            return Health(False, str(err), checked_at=now)
        return Health(True, "", _context_length(show.modelinfo), now)

    def health(self) -> Health:
        """The cached health, re-checked when its time-to-live has passed (``HealthCache``)."""
        return self._health.get()

    def available(self) -> bool:
        return self.health().ok

    def unavailable_reason(self) -> str:
        return self.health().reason

    def mark_down(self, reason: str) -> None:
        """Remember a failure seen while generating, so the next question re-checks first."""
        self._health.mark_down(reason)

    @property
    def name(self) -> str:
        """``ollama:<model>``."""
        return self._name

    @property
    def num_ctx(self) -> int:
        """The configured context window, capped at the model's trained length."""
        health = self._health.current
        trained = health.context_length if health is not None else None
        return min(self._wanted_ctx, trained) if trained else self._wanted_ctx

    # -- one bounded exchange ---------------------------------------------------------------

    @contextmanager
    def _exchange(
        self,
        method: str,
        path: str,
        body: object,
        *,
        read: float,
        deadline: float,
        late_reason: str,
    ) -> Iterator[tuple[httpx.Response, Deadline]]:
        """An open response whose socket is shut down ``deadline`` seconds from now.

        Every failure inside becomes ``BackendUnavailable``: an error status, a transport
        error (told apart from the deadline by ``Deadline``), a body over its cap.
        """
        if self._bad_host is not None:
            raise BackendUnavailable(self._bad_host)
        ends = Deadline(deadline, late_reason)
        timeout = httpx.Timeout(
            CONNECT_TIMEOUT, read=min(read, deadline), write=WRITE_TIMEOUT, pool=CONNECT_TIMEOUT
        )
        # ASCII JSON: a lone surrogate in a message (pasted text) travels as "\ud800".
        content = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if content is not None else None
        try:
            with self._http.stream(
                method,
                path,
                content=content,
                headers=headers,
                timeout=timeout,
                extensions={"trace": ends},
            ) as response:
                ends.arm(response)
                try:
                    if response.status_code >= 300:
                        raise BackendUnavailable(self._status_reason(response, ends, path))
                    yield response, ends
                finally:
                    ends.disarm()
        except httpx.HTTPError as err:
            raise BackendUnavailable(self._transport_reason(err, ends)) from None

    def _status_reason(self, response: httpx.Response, ends: Deadline, path: str) -> str:
        error = error_text(self._body(response, ends, MAX_LINE_BYTES, path))
        if response.status_code == 404 and path != "/api/tags":
            return self._missing_message()
        if path == "/api/chat" and response.status_code >= 400:
            return f"Ollama failed while answering: {error}"
        return f"Ollama at {self.host} answered {path} with HTTP {response.status_code}: {error}"

    def _transport_reason(self, err: httpx.HTTPError, ends: Deadline) -> str:
        if ends.passed():
            return ends.late_reason
        if isinstance(err, httpx.ConnectError):
            return self._down_message()
        if isinstance(err, httpx.TimeoutException):
            return f"Ollama at {self.host} stopped sending tokens (timed out)."
        log.info("ollama connection failed: %r", err)
        return f"The connection to Ollama at {self.host} was lost."

    def _body(self, response: httpx.Response, ends: Deadline, limit: int, path: str) -> bytes:
        too_large = self._not_ollama(path, f"more than {limit} bytes")
        return capped_body(response.iter_bytes(), ends, max_bytes=limit, too_large=too_large)

    def _request(
        self,
        method: str,
        path: str,
        body: object,
        reply: type[Reply],
        *,
        read: float = HEALTH_TIMEOUT,
        deadline: float = HEALTH_TIMEOUT,
        limit: int = MAX_BODY_BYTES,
        late_reason: str = "",
    ) -> Reply:
        """One whole JSON reply, validated as ``reply``; ``BackendUnavailable`` otherwise."""
        late_reason = (
            late_reason or f"Ollama at {self.host} did not answer {path} in {deadline:g} s."
        )
        with self._exchange(
            method, path, body, read=read, deadline=deadline, late_reason=late_reason
        ) as (response, ends):
            raw = self._body(response, ends, limit, path)
        try:
            return reply.model_validate(loads(raw))
        except pydantic.ValidationError as err:
            raise BackendUnavailable(self._not_ollama(path, what_is_wrong(err))) from None
        except ValueError:  # not JSON, or not UTF-8
            raise BackendUnavailable(self._not_ollama(path, "not JSON")) from None

    # -- generation -----------------------------------------------------------------------

    def _late_reason(self) -> str:
        return (
            f"Ollama at {self.host} took longer than {self._deadline:g} s for this answer "
            "(OLLAMA_DEADLINE), so it was stopped."
        )

    def _too_long_reason(self) -> str:
        return (
            f"Ollama's answer went past {self._max_chars} characters (OLLAMA_MAX_CHARS), "
            "so it was stopped."
        )

    def structured(
        self, messages: Sequence[Message], schema: dict[str, Any], *, max_tokens: int
    ) -> str:
        """One reply constrained to ``schema`` (Ollama's structured outputs: ``format=``)."""
        payload = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": False,
            "format": schema,
            "options": {"num_ctx": self.num_ctx, "num_predict": max_tokens, "temperature": 0},
        }
        reply = self._request(
            "POST",
            "/api/chat",
            payload,
            ollama.ChatResponse,
            read=self._timeout,
            deadline=self._deadline,
            limit=6 * self._max_chars + MAX_LINE_BYTES,  # JSON may spell a char as \uXXXX
            late_reason=self._late_reason(),
        )
        content = reply.message.content or ""
        if len(content) > self._max_chars:
            raise BackendUnavailable(self._too_long_reason())
        if nested_too_deeply(content):  # the caller's json.loads would raise RecursionError
            raise BackendUnavailable(self._not_a_reply("JSON nested too deeply"))
        return content

    def generate(self, messages: Sequence[Message], *, max_tokens: int) -> ChatStream:
        """Stream the reply. ``max_tokens`` caps the output so prompt + reply fit ``num_ctx``.

        The stream stops with ``BackendUnavailable`` when Ollama fails, goes quiet for
        ``OLLAMA_TIMEOUT``, passes ``OLLAMA_DEADLINE`` or ``OLLAMA_MAX_CHARS``, or sends a
        line that is not a chat reply. Nothing is sent before the first ``next()``.
        """
        num_ctx = self.num_ctx
        payload = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "options": {"num_ctx": num_ctx, "num_predict": max_tokens, "temperature": TEMPERATURE},
        }
        parts = self._stream(payload, num_ctx, max_tokens)
        return ChatStream(
            capped(
                parts,
                max_chars=self._max_chars,
                too_long=self._too_long_reason(),
                mark_down=self.mark_down,
            )
        )

    def _stream(
        self, payload: dict[str, Any], num_ctx: int, max_tokens: int
    ) -> Generator[str, None, StreamStats]:
        """The text of each streamed line until Ollama's ``done`` line; then its counters."""
        with self._exchange(
            "POST",
            "/api/chat",
            payload,
            read=self._timeout,
            deadline=self._deadline,
            late_reason=self._late_reason(),
        ) as (response, ends):
            too_long = (
                f"Ollama at {self.host} sent a line longer than {MAX_LINE_BYTES} bytes; "
                "check that OLLAMA_HOST points at Ollama."
            )
            lines = ndjson_lines(
                response.iter_bytes(), ends, max_bytes=MAX_LINE_BYTES, too_long=too_long
            )
            for line in lines:
                part = self._chat_part(line)
                if part.message.content:
                    yield part.message.content
                if part.done:
                    return self._stats(part, num_ctx, max_tokens)
            ends.check()
        raise BackendUnavailable(f"Ollama at {self.host} ended the answer before it was complete.")

    def _chat_part(self, line: bytes) -> ollama.ChatResponse:
        """One streamed line as Ollama's ``ChatResponse``; ``BackendUnavailable`` otherwise."""
        try:
            data = loads(line)
        except ValueError:  # not JSON, or not UTF-8
            raise BackendUnavailable(self._not_a_reply("not JSON")) from None
        if isinstance(data, dict) and data.get("error"):
            raise BackendUnavailable(f"Ollama failed while answering: {clip(str(data['error']))}")
        try:
            return ollama.ChatResponse.model_validate(data)
        except pydantic.ValidationError as err:
            raise BackendUnavailable(self._not_a_reply(what_is_wrong(err))) from None

    def _not_a_reply(self, what: str) -> str:
        return (
            f"Ollama at {self.host} sent a line that is not a chat reply ({what}); "
            "check that OLLAMA_HOST points at Ollama."
        )

    def _stats(self, part: ollama.ChatResponse, num_ctx: int, max_tokens: int) -> StreamStats:
        stats = StreamStats(
            part.prompt_eval_count or 0, part.eval_count or 0, part.done_reason or ""
        )
        if stats.prompt_tokens > num_ctx - max_tokens:
            log.warning(
                "Ollama read %d prompt tokens with num_ctx %d: the prompt budget "
                "estimate was too low and the prompt may have been cut",
                stats.prompt_tokens,
                num_ctx,
            )
        return stats
