"""Any OpenAI-compatible server (llama-server, LM Studio, vLLM, LocalAI): health, streamed and
structured chat, each within hard limits.

Requests go through the official ``openai`` client (``base_url`` is
``OPENAI_BASE_URL``; no retries; no redirects followed). ``available()`` asks
``GET /models`` whether the server is up and serves ``OPENAI_MODEL`` (or, with
none configured, exactly one model, which is then used); the verdict is cached
like Ollama's (``health.py``). A ``max_model_len`` in the listing (vLLM) caps
``OPENAI_NUM_CTX``. ``generate`` streams ``POST /chat/completions`` with
``stream=True`` and ``max_tokens``, reading the server-sent events itself so
every line and event has a byte cap; ``structured`` asks for
``response_format={"type": "json_schema", …}``.

The limits are the Ollama backend's: a read timeout between bytes, a deadline
for the whole reply (the socket is shut down when it passes), the character cap
(``ASSISTANT_DEADLINE`` / ``ASSISTANT_MAX_CHARS``, or the older ``OLLAMA_*``
names), byte caps on every body. The client's own transport is the bounded
one below, so even an error body the client reads for itself is capped. Any
failure becomes ``BackendUnavailable`` with a reason that says what to do: the
caller answers offline. A server that refuses ``response_format`` is not
marked down: only the learner reading falls back to the offline reader. This
module does not build prompts or check citations.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar, cast

import httpx
import openai
import pydantic
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

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
    BoundedTransport,
    Deadline,
    Limits,
    clip,
    error_message,
    error_text,
    loads,
    nested_too_deeply,
    send_within,
    sse_data,
    what_is_wrong,
)
from assistant.answering.backends.health import Health, HealthCache
from assistant.answering.backends.stream import ChatStream, StreamStats, capped
from assistant.errors import BackendUnavailable
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Sent when ``OPENAI_API_KEY`` is unset: the client needs one, local servers ignore it.
NO_KEY = "sk-no-key-required"

_SURROGATES = re.compile("[\ud800-\udfff]")
Record = TypeVar("Record", bound=pydantic.BaseModel)


# -- what the servers send, as far as this backend reads it ---------------------------------


class _ModelCard(pydantic.BaseModel):
    id: str = pydantic.Field(min_length=1, max_length=1000)
    max_model_len: Any = None
    """vLLM's served context length; anything but a positive whole number is ignored."""


class _ModelList(pydantic.BaseModel):
    data: list[_ModelCard]


class _Delta(pydantic.BaseModel):
    content: str | None = None


class _ChunkChoice(pydantic.BaseModel):
    delta: _Delta | None = None
    finish_reason: str | None = None


class _Usage(pydantic.BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class _Chunk(pydantic.BaseModel):
    """One streamed event; ``choices`` is empty in vLLM's closing usage chunk."""

    choices: list[_ChunkChoice] = []
    usage: _Usage | None = None


class _ReplyMessage(pydantic.BaseModel):
    content: str | None = None


class _Choice(pydantic.BaseModel):
    message: _ReplyMessage


class _Completion(pydantic.BaseModel):
    choices: list[_Choice] = pydantic.Field(min_length=1)


# -- small helpers ---------------------------------------------------------------------------


def api_root(text: str) -> str:
    """``OPENAI_BASE_URL`` checked: an ``http(s)`` URL with a host; ``ValueError`` otherwise."""
    try:
        url = httpx.URL(text.strip())
    except httpx.InvalidURL as err:
        raise ValueError(str(err)) from None
    if url.scheme not in ("http", "https"):
        raise ValueError("it must start with http:// or https://")
    if not url.host:
        raise ValueError("it names no host")
    return str(url).rstrip("/")


def _wire_messages(messages: Sequence[Message]) -> list[ChatCompletionMessageParam]:
    """The chat messages as sent. A lone surrogate (pasted text) becomes U+FFFD: the client
    encodes JSON as UTF-8, which has no spelling for one."""
    return [
        cast(
            ChatCompletionMessageParam,
            {"role": m.role, "content": _SURROGATES.sub("\ufffd", m.content)},
        )
        for m in messages
    ]


def _schema_name(schema: dict[str, Any]) -> str:
    """``LearnerStatement`` → ``learner_statement``: the name ``json_schema`` requires."""
    title = str(schema.get("title") or "reply")
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", title).lower()
    return re.sub(r"[^a-z0-9_-]", "_", name)[:64] or "reply"


def _setting_problem(settings: Settings) -> str | None:
    """Why ``OPENAI_API_KEY`` or ``OPENAI_MODEL`` cannot travel, if it cannot.

    The key goes in an HTTP header (printable ASCII only) and the model in UTF-8 JSON (which
    cannot spell a lone surrogate, what the environment makes of bytes that are not UTF-8).
    """
    key = settings.openai_api_key or ""
    if not all(" " <= ch <= "~" for ch in key):
        return (
            "OPENAI_API_KEY has characters an HTTP header cannot carry; it takes printable "
            "ASCII only (letters, digits, punctuation)."
        )
    if _SURROGATES.search(settings.openai_model):
        return f"OPENAI_MODEL={clip(ascii(settings.openai_model))} is not valid UTF-8 text."
    return None


def _context_length(value: Any) -> int | None:
    return value if type(value) is int and value > 0 else None


class OpenAIBackend:
    """Generation by an OpenAI-compatible server (``OPENAI_BASE_URL``, ``OPENAI_MODEL``)."""

    def __init__(
        self,
        settings: Settings,
        *,
        health_ttl_up: float = HEALTH_TTL_UP,
        health_ttl_down: float = HEALTH_TTL_DOWN,
    ) -> None:
        self.address = settings.openai_base_url
        self.model = settings.openai_model
        """The configured model; empty means the server's only model."""
        self._wanted_ctx = settings.openai_num_ctx
        self._timeout = settings.ollama_timeout
        self._deadline = settings.ollama_deadline
        self._max_chars = settings.ollama_max_chars
        self._bad_setting = _setting_problem(settings)
        try:
            url = api_root(self.address)
        except ValueError as err:
            self._bad_setting = (
                f"OPENAI_BASE_URL={clip(repr(self.address))} is not an http(s) address ({err})."
            )
            url = "http://127.0.0.1:8080/v1"  # never used: every request stops first
        # No redirects (one could send a prompt elsewhere), no proxies from the environment
        # and a new connection per exchange, so the bounded transport sees every byte.
        self._http = httpx.Client(
            transport=BoundedTransport(limits=httpx.Limits(max_keepalive_connections=0)),
            follow_redirects=False,
            trust_env=False,
        )
        # The client would read OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment and
        # send them along: those name an account at OpenAI, not anything this server needs.
        unsent = cast(
            dict[str, str], {"OpenAI-Organization": openai.omit, "OpenAI-Project": openai.omit}
        )
        self._client = openai.OpenAI(
            base_url=url,
            api_key=settings.openai_api_key or NO_KEY,
            max_retries=0,
            default_headers=unsent,
            http_client=self._http,  # type: ignore[arg-type]  # the client takes httpx's too
        )
        self._health = HealthCache(
            self._check,
            ttl_up=health_ttl_up,
            ttl_down=health_ttl_down,
            wait=2 * (CONNECT_TIMEOUT + HEALTH_TIMEOUT),
            slow_reason=f"The server at {self.address} is slow to answer its health check.",
        )

    # -- health ---------------------------------------------------------------------------

    def _down_message(self) -> str:
        return (
            f"Nothing answers at {self.address}. Start your OpenAI-compatible server "
            "(llama-server, LM Studio, vLLM) or set OPENAI_BASE_URL to its address."
        )

    def _missing_message(self, model: str, served: str) -> str:
        return (
            f"The server at {self.address} does not serve the model {clip(model)} ({served}). "
            "Set OPENAI_MODEL to one it serves, or load that model there."
        )

    def _not_openai(self, path: str, what: str) -> str:
        return (
            f"The server at {self.address} answered {path} with something an OpenAI-compatible "
            f"server does not send ({what}); check that OPENAI_BASE_URL points at one."
        )

    def _check(self) -> Health:
        now = time.monotonic()
        try:
            cards = self._list_models()
        except BackendUnavailable as err:
            log.info("openai-compatible health check failed: %s", err)
            return Health(False, str(err), checked_at=now)
        served = ", ".join(card.id for card in cards)
        if self.model:
            card = next((c for c in cards if c.id == self.model), None)
            if card is None:
                listing = f"it serves: {clip(served)}" if cards else "it serves none"
                return Health(False, self._missing_message(self.model, listing), checked_at=now)
        elif len(cards) == 1:
            card = cards[0]
        elif cards:
            reason = (
                f"The server at {self.address} serves several models ({clip(served)}); "
                "set OPENAI_MODEL to one of them."
            )
            return Health(False, reason, checked_at=now)
        else:
            reason = (
                f"The server at {self.address} serves no model; load one there "
                "(LM Studio: `lms load MODEL`) and set OPENAI_MODEL to it."
            )
            return Health(False, reason, checked_at=now)
        return Health(True, "", _context_length(card.max_model_len), now, model=card.id)

    def _list_models(self) -> list[_ModelCard]:
        path = "/models"
        with self._exchange(
            read=HEALTH_TIMEOUT,
            deadline=HEALTH_TIMEOUT,
            late_reason=f"The server at {self.address} did not answer {path} in "
            f"{HEALTH_TIMEOUT:g} s.",
            max_bytes=MAX_BODY_BYTES,
            too_large=self._not_openai(path, f"more than {MAX_BODY_BYTES} bytes"),
        ) as (limits, timeout):
            raw = send_within(
                limits, lambda: self._client.models.with_raw_response.list(timeout=timeout)
            )
            body: bytes = raw.content
        return self._parse(body, _ModelList, lambda what: self._not_openai(path, what)).data

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

    def _current_model(self) -> str:
        health = self._health.current
        return self.model or (health.model if health is not None else "")

    @property
    def name(self) -> str:
        """``openai:<model>``: the configured model, else the one the server serves."""
        return f"openai:{self._current_model() or '(the server’s model)'}"

    @property
    def num_ctx(self) -> int:
        """``OPENAI_NUM_CTX``, capped at the ``max_model_len`` the server lists (vLLM)."""
        health = self._health.current
        served = health.context_length if health is not None else None
        return min(self._wanted_ctx, served) if served else self._wanted_ctx

    # -- one bounded exchange ---------------------------------------------------------------

    @contextmanager
    def _exchange(
        self,
        *,
        read: float,
        deadline: float,
        late_reason: str,
        max_bytes: int | None,
        too_large: str = "",
        structured: bool = False,
    ) -> Iterator[tuple[Limits, Any]]:
        """The limits and timeout for the client calls made inside, ``deadline`` s from now.

        The timeout is an ``httpx.Timeout``, which the client takes with httpx's client
        although its types name only ``httpx2``'s.

        Every failure inside becomes ``BackendUnavailable``: an error status, a transport
        error (told apart from the deadline by ``Deadline``), a body over its cap.
        """
        if self._bad_setting is not None:
            raise BackendUnavailable(self._bad_setting)
        ends = Deadline(deadline, late_reason)
        error_too_large = f"The server at {self.address} sent an error of more than " + (
            f"{MAX_BODY_BYTES} bytes; check that OPENAI_BASE_URL points at an "
            "OpenAI-compatible server."
        )
        limits = Limits(ends, max_bytes, too_large, MAX_BODY_BYTES, error_too_large)
        timeout = httpx.Timeout(
            CONNECT_TIMEOUT, read=min(read, deadline), write=WRITE_TIMEOUT, pool=CONNECT_TIMEOUT
        )
        try:
            try:
                yield limits, timeout
            finally:
                ends.disarm()
        except openai.APIStatusError as err:
            raise BackendUnavailable(self._status_reason(err, structured)) from None
        except (openai.APIConnectionError, httpx.HTTPError) as err:
            raise BackendUnavailable(self._transport_reason(err, ends)) from None
        except openai.OpenAIError as err:
            log.info("openai-compatible request failed: %r", err)
            raise BackendUnavailable(
                f"The server at {self.address} could not be used: {clip(str(err))}"
            ) from None

    def _status_reason(self, err: openai.APIStatusError, structured: bool) -> str:
        status, path = err.status_code, err.request.url.path
        message = error_text(err.response.content)
        if status in (401, 403):
            return (
                f"The server at {self.address} refused the API key (HTTP {status}: {message}). "
                "Set OPENAI_API_KEY to the key it expects."
            )
        if status == 404 and path.endswith("/models"):
            return (
                f"The server at {self.address} answered {path} with HTTP 404 ({message}); "
                "OPENAI_BASE_URL should be its API root, usually ending in /v1 "
                "(http://127.0.0.1:8080/v1)."
            )
        if status == 404:
            return self._missing_message(self._current_model(), message)
        if structured and 400 <= status < 500:
            return (
                f"The server at {self.address} refused structured output "
                f"(response_format json_schema, HTTP {status}): {message}"
            )
        if path.endswith("/chat/completions") and status >= 400:
            return f"The server at {self.address} failed while answering (HTTP {status}): {message}"
        return f"The server at {self.address} answered {path} with HTTP {status}: {message}"

    def _transport_reason(self, err: Exception, ends: Deadline) -> str:
        if ends.passed():
            return ends.late_reason
        cause = err.__cause__ if isinstance(err, openai.APIConnectionError) else err
        if isinstance(cause, httpx.ConnectError):
            return self._down_message()
        if isinstance(err, openai.APITimeoutError) or isinstance(cause, httpx.TimeoutException):
            return f"The server at {self.address} stopped sending tokens (timed out)."
        log.info("openai-compatible connection failed: %r", err)
        return f"The connection to the server at {self.address} was lost."

    def _parse(self, raw: bytes, record: type[Record], wrong: Callable[[str], str]) -> Record:
        """``raw`` as ``record``; ``BackendUnavailable(wrong(what))`` when it is not one."""
        try:
            return record.model_validate(loads(raw))
        except pydantic.ValidationError as err:
            raise BackendUnavailable(wrong(what_is_wrong(err))) from None
        except ValueError:  # not JSON, or not UTF-8
            raise BackendUnavailable(wrong("not JSON")) from None

    # -- generation -----------------------------------------------------------------------

    def _late_reason(self) -> str:
        return (
            f"The server at {self.address} took longer than {self._deadline:g} s for this "
            "answer (ASSISTANT_DEADLINE), so it was stopped."
        )

    def _too_long_reason(self) -> str:
        return (
            f"The model's answer went past {self._max_chars} characters (ASSISTANT_MAX_CHARS), "
            "so it was stopped."
        )

    def _not_a_reply(self, what: str) -> str:
        return (
            f"The server at {self.address} sent an event that is not a chat reply ({what}); "
            "check that OPENAI_BASE_URL points at an OpenAI-compatible server."
        )

    def structured(
        self, messages: Sequence[Message], schema: dict[str, Any], *, max_tokens: int
    ) -> str:
        """One reply constrained to ``schema`` (``response_format`` ``json_schema``)."""
        model = self._current_model()
        response_format: ResponseFormatJSONSchema = {
            "type": "json_schema",
            "json_schema": {"name": _schema_name(schema), "schema": schema, "strict": True},
        }
        with self._exchange(
            read=self._timeout,
            deadline=self._deadline,
            late_reason=self._late_reason(),
            max_bytes=6 * self._max_chars + MAX_LINE_BYTES,  # JSON may spell a char as \uXXXX
            too_large=self._too_long_reason(),
            structured=True,
        ) as (limits, timeout):
            raw = send_within(
                limits,
                lambda: self._client.chat.completions.with_raw_response.create(
                    model=model,
                    messages=_wire_messages(messages),
                    response_format=response_format,
                    max_tokens=max_tokens,
                    temperature=0,
                    timeout=timeout,
                ),
            )
            body: bytes = raw.content
        reply = self._parse(body, _Completion, self._not_a_reply)
        content = reply.choices[0].message.content or ""
        if len(content) > self._max_chars:
            raise BackendUnavailable(self._too_long_reason())
        if nested_too_deeply(content):  # the caller's json.loads would raise RecursionError
            raise BackendUnavailable(self._not_a_reply("JSON nested too deeply"))
        return content

    def generate(self, messages: Sequence[Message], *, max_tokens: int) -> ChatStream:
        """Stream the reply. ``max_tokens`` caps the output so prompt + reply fit ``num_ctx``.

        The stream stops with ``BackendUnavailable`` when the server fails, goes quiet for
        the read timeout, passes the deadline or the character cap, or sends an event that
        is not a chat reply. Nothing is sent before the first ``next()``.
        """
        budget = (self.num_ctx, max_tokens)
        parts = self._stream(self._current_model(), _wire_messages(messages), budget)
        return ChatStream(
            capped(
                parts,
                max_chars=self._max_chars,
                too_long=self._too_long_reason(),
                mark_down=self.mark_down,
            )
        )

    def _stream(
        self, model: str, messages: list[ChatCompletionMessageParam], budget: tuple[int, int]
    ) -> Generator[str, None, StreamStats]:
        """The text of each event until ``[DONE]`` or the end of the body after a finish
        reason; then the token counts, wherever the server sent them."""
        finish, usage = "", _Usage()
        with (
            self._exchange(
                read=self._timeout,
                deadline=self._deadline,
                late_reason=self._late_reason(),
                max_bytes=None,  # read below, line by line, each line capped
            ) as (limits, timeout),
            ExitStack() as stack,
        ):
            opened = self._client.chat.completions.with_streaming_response.create(
                model=model,
                messages=messages,
                stream=True,
                max_tokens=budget[1],
                temperature=TEMPERATURE,
                timeout=timeout,
            )
            response = send_within(limits, lambda: stack.enter_context(opened))
            stack.callback(limits.deadline.disarm)  # before the response is closed
            too_long = (
                f"The server at {self.address} sent a line or an event longer than "
                f"{MAX_LINE_BYTES} bytes; check that OPENAI_BASE_URL points at an "
                "OpenAI-compatible server."
            )
            events = sse_data(
                response.http_response.iter_bytes(),
                limits.deadline,
                max_bytes=MAX_LINE_BYTES,
                too_long=too_long,
            )
            try:
                for data in events:
                    if data.strip() == b"[DONE]":
                        return self._stats(usage, finish or "stop", budget)
                    chunk = self._chunk(data)
                    usage = chunk.usage or usage
                    choice = chunk.choices[0] if chunk.choices else None
                    if choice is not None and choice.delta is not None and choice.delta.content:
                        yield choice.delta.content
                    if choice is not None and choice.finish_reason:
                        finish = choice.finish_reason
                limits.deadline.check()
            except BackendUnavailable as err:
                if not finish:
                    raise
                log.info("kept a finished reply despite what followed it: %s", err)
        if finish:
            return self._stats(usage, finish, budget)
        raise BackendUnavailable(
            f"The server at {self.address} ended the answer before it was complete."
        )

    def _chunk(self, data: bytes) -> _Chunk:
        """One event as a chat chunk; ``BackendUnavailable`` for an error or anything else."""
        try:
            parsed = loads(data)
        except ValueError:  # not JSON, or not UTF-8
            raise BackendUnavailable(self._not_a_reply("not JSON")) from None
        message = error_message(parsed)
        if message is not None:
            raise BackendUnavailable(
                f"The server at {self.address} failed while answering: {message}"
            )
        try:
            return _Chunk.model_validate(parsed)
        except pydantic.ValidationError as err:
            raise BackendUnavailable(self._not_a_reply(what_is_wrong(err))) from None

    @staticmethod
    def _stats(usage: _Usage, finish: str, budget: tuple[int, int]) -> StreamStats:
        num_ctx, max_tokens = budget
        if usage.prompt_tokens > num_ctx - max_tokens:
            log.warning(
                "The server read %d prompt tokens with a context of %d: the prompt budget "
                "estimate was too low and the prompt may have been cut",
                usage.prompt_tokens,
                num_ctx,
            )
        return StreamStats(usage.prompt_tokens, usage.completion_tokens, finish)
