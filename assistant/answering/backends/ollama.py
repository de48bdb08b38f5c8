"""Ollama over HTTP with the official ``ollama`` client: health check, streaming chat.

``OllamaBackend.available()`` asks ``/api/tags`` whether the server is up and
the model is pulled, and ``/api/show`` for the model's context length; the
result is cached (briefly when down, so a server that comes back is used again
without a restart). ``generate`` streams ``/api/chat`` with ``num_ctx`` set
explicitly and a read timeout between tokens, and maps every transport or
server failure to ``BackendUnavailable`` with a message that says what to do.
It does not build prompts or check citations.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import ollama

from assistant.answering.backends import Message
from assistant.errors import BackendUnavailable
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Seconds a good health check is trusted.
HEALTH_TTL_UP = 10.0
#: Seconds before a failed health check is retried.
HEALTH_TTL_DOWN = 5.0
#: Seconds allowed to open a connection.
CONNECT_TIMEOUT = 3.0
#: Seconds allowed for the health-check requests.
HEALTH_TIMEOUT = 5.0
#: Low temperature: answers should restate the sources, not improvise.
TEMPERATURE = 0.1


@dataclass(frozen=True)
class Health:
    """The outcome of one health check."""

    ok: bool
    """Server up and model present."""
    reason: str
    """Empty when ok; otherwise what is wrong and how to fix it."""
    context_length: int | None = None
    """The model's trained context length from ``/api/show``, when reported."""
    checked_at: float = 0.0
    """``time.monotonic()`` of the check."""


@dataclass(frozen=True)
class StreamStats:
    """Counters Ollama reports at the end of a stream."""

    prompt_tokens: int
    """``prompt_eval_count``: tokens of the prompt the model actually read."""
    output_tokens: int
    """``eval_count``: tokens generated."""
    done_reason: str
    """``stop`` or ``length``."""


def _same_model(wanted: str, listed: str) -> bool:
    def norm(name: str) -> str:
        return name if ":" in name else f"{name}:latest"

    return norm(wanted) == norm(listed)


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
        self._ttl_up = health_ttl_up
        self._ttl_down = health_ttl_down
        stream_timeout = httpx.Timeout(
            connect=CONNECT_TIMEOUT, read=settings.ollama_timeout, write=30.0, pool=CONNECT_TIMEOUT
        )
        health_timeout = httpx.Timeout(HEALTH_TIMEOUT, connect=CONNECT_TIMEOUT)
        self._client = ollama.Client(host=self.host, timeout=stream_timeout)
        self._probe = ollama.Client(host=self.host, timeout=health_timeout)
        self._lock = threading.Lock()
        self._health: Health | None = None
        self.last_stats: StreamStats | None = None

    # -- health ---------------------------------------------------------------------------

    def _down_message(self) -> str:
        return f"Ollama is not reachable at {self.host}. Start it with `ollama serve`."

    def _missing_message(self) -> str:
        return (
            f"Ollama is running at {self.host} but the model {self.model} is not pulled. "
            f"Run: ollama pull {self.model}"
        )

    def _check(self) -> Health:
        now = time.monotonic()
        try:
            listed = self._probe.list()
            names = [m.model or "" for m in listed.models]
            if not any(_same_model(self.model, name) for name in names):
                return Health(False, self._missing_message(), checked_at=now)
            info = self._probe.show(self.model).modelinfo or {}
        except ollama.ResponseError as err:
            if err.status_code == 404:
                return Health(False, self._missing_message(), checked_at=now)
            return Health(False, f"Ollama at {self.host} answered with an error: {err}", None, now)
        except (ConnectionError, httpx.HTTPError, ValueError) as err:
            log.info("ollama health check failed: %s", err)
            return Health(False, self._down_message(), checked_at=now)
        lengths = [
            v for k, v in info.items() if k.endswith(".context_length") and isinstance(v, int)
        ]
        return Health(True, "", lengths[0] if lengths else None, now)

    def health(self) -> Health:
        """The cached health, re-checked when its time-to-live has passed."""
        with self._lock:
            current = self._health
            if current is not None:
                ttl = self._ttl_up if current.ok else self._ttl_down
                if time.monotonic() - current.checked_at < ttl:
                    return current
            self._health = self._check()
            return self._health

    def available(self) -> bool:
        return self.health().ok

    def unavailable_reason(self) -> str:
        return self.health().reason

    def mark_down(self, reason: str) -> None:
        """Remember a failure seen while generating, so the next question re-checks first."""
        with self._lock:
            self._health = Health(False, reason, checked_at=time.monotonic())

    @property
    def name(self) -> str:
        """``ollama:<model>``."""
        return self._name

    @property
    def num_ctx(self) -> int:
        """The configured context window, capped at the model's trained length."""
        health = self._health
        trained = health.context_length if health is not None else None
        return min(self._wanted_ctx, trained) if trained else self._wanted_ctx

    # -- generation -----------------------------------------------------------------------

    def structured(
        self, messages: Sequence[Message], schema: dict[str, Any], *, max_tokens: int
    ) -> str:
        """One reply constrained to ``schema`` (Ollama's structured outputs: ``format=``)."""
        options = {"num_ctx": self.num_ctx, "num_predict": max_tokens, "temperature": 0}
        payload = [{"role": m.role, "content": m.content} for m in messages]
        try:
            reply = self._client.chat(
                model=self.model, messages=payload, stream=False, format=schema, options=options
            )
        except ollama.ResponseError as err:
            raise BackendUnavailable(
                f"Ollama refused the structured request: {err.error}"
            ) from None
        except (ConnectionError, httpx.HTTPError, ValueError) as err:
            log.info("ollama structured request failed: %s", err)
            raise BackendUnavailable(f"The connection to Ollama at {self.host} was lost.") from None
        return reply.message.content or ""

    def generate(self, messages: Sequence[Message], *, max_tokens: int) -> Iterator[str]:
        """Stream the reply. ``max_tokens`` caps the output so prompt + reply fit ``num_ctx``."""
        self.last_stats = None
        options = {"num_ctx": self.num_ctx, "num_predict": max_tokens, "temperature": TEMPERATURE}
        payload = [{"role": m.role, "content": m.content} for m in messages]
        finished = False
        try:
            for part in self._client.chat(
                model=self.model, messages=payload, stream=True, options=options
            ):
                text = part.message.content or ""
                if text:
                    yield text
                if part.done:
                    finished = True
                    self.last_stats = StreamStats(
                        part.prompt_eval_count or 0, part.eval_count or 0, part.done_reason or ""
                    )
                    if self.last_stats.prompt_tokens > options["num_ctx"] - max_tokens:
                        log.warning(
                            "Ollama read %d prompt tokens with num_ctx %d: the prompt budget "
                            "estimate was too low and the prompt may have been cut",
                            self.last_stats.prompt_tokens,
                            options["num_ctx"],
                        )
        except ollama.ResponseError as err:
            reason = (
                self._missing_message()
                if err.status_code == 404
                else f"Ollama failed while answering: {err.error}"
            )
            self.mark_down(reason)
            raise BackendUnavailable(reason) from None
        except httpx.TimeoutException:
            reason = f"Ollama at {self.host} stopped sending tokens (timed out)."
            self.mark_down(reason)
            raise BackendUnavailable(reason) from None
        except (ConnectionError, httpx.HTTPError, ValueError) as err:
            log.info("ollama stream failed: %s", err)
            reason = f"The connection to Ollama at {self.host} was lost."
            self.mark_down(reason)
            raise BackendUnavailable(reason) from None
        if not finished:
            reason = f"Ollama at {self.host} ended the answer before it was complete."
            self.mark_down(reason)
            raise BackendUnavailable(reason)
