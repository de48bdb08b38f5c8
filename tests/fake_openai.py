"""A fake OpenAI-compatible server: real HTTP on 127.0.0.1 for /v1/models and chat completions.

It stands in for llama.cpp's ``llama-server``, LM Studio and vLLM: chat replies
stream as server-sent events (``data: {json}`` lines, each followed by a blank
line, then ``data: [DONE]``) with chunked transfer encoding, like the real
servers. It keeps every request body (and its headers) so tests can assert
exactly what was sent. Replies come from ``reply(body) -> list[str]`` (tokens);
``token_delay`` sleeps before each token, ``drop_after`` closes the socket
mid-stream after that many tokens, and ``models`` says which models it serves
(``ignore_model`` answers any model name, as ``llama-server`` does with one
model loaded). ``usage`` says where token counts travel: on the last chunk
(``final``, as ``llama-server`` sends them), in a chunk of their own with no
choices (``separate``, as vLLM does when asked) or nowhere (``none``).

Failure modes, named as in ``tests/fake_ollama.py`` where they mean the same:
``drip_interval`` sends the chat stream one byte at a time (and ``drip_headers``
the status line and headers too), ``stream_events`` sends raw bytes instead of
the reply, ``models_body`` / ``models_status`` replace the ``/v1/models`` reply,
``models_delay`` makes the health check slow, ``refuse_response_format`` answers
a structured request with HTTP 400, and ``api_key`` requires that bearer token.
``stream_outcomes`` records how each stream ended: ``complete``, ``dropped`` or
``client gone``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from tests.local_http import QuietHandler, QuietServer, serve, shut

Reply = Callable[[dict[str, Any]], list[str]]
CREATED = 1767225600  # 2026-01-01


class FakeOpenAI:
    def __init__(
        self,
        models: tuple[str, ...] = ("llama3.2:3b",),
        context_length: int | None = 131072,
        reply: Reply | None = None,
        port: int = 0,
    ) -> None:
        self.models = list(models)
        #: ``max_model_len`` listed with each model (vLLM does); ``None`` lists none.
        self.context_length = context_length
        self.reply: Reply = reply or (lambda body: ["The roadmap lists OpenAI Gym [1]."])
        self.ignore_model = False
        self.token_delay = 0.0
        self.first_token_delay = 0.0
        self.drop_after: int | None = None
        self.prompt_eval_count: int | None = None  # report this instead of chars / 4
        self.usage = "final"
        self.send_done = True
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.headers: list[dict[str, str]] = []
        self.drip_interval: float | None = None
        self.drip_headers = False
        #: Raw bytes (each sent as one HTTP chunk) instead of the reply's events.
        self.stream_events: list[bytes] | None = None
        #: Raw body answered to /v1/models instead of the real shape, and its encoding.
        self.models_body: bytes | None = None
        self.models_encoding: str | None = None
        #: ``(status, Location)`` answered to /v1/models instead (a redirect, say).
        self.models_status: tuple[int, str] | None = None
        self.models_delay = 0.0
        self.models_started = threading.Event()
        self.refuse_response_format = False
        self.api_key: str | None = None
        self.stream_outcomes: list[str] = []
        self._stopping = threading.Event()
        #: The JSON text answered to a structured request (``response_format``); by
        #: default none, so the assistant keeps its offline reading.
        self.reading: Callable[[dict[str, Any]], str] = lambda body: ""
        self._port = port
        self._server: QuietServer | None = None

    @property
    def url(self) -> str:
        """The server's root; the API is under ``/v1`` (``OPENAI_BASE_URL`` is ``url + "/v1"``)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    def chats(self) -> list[dict[str, Any]]:
        """Streamed chat requests (answers, condensing, plan phrasing)."""
        return [
            b
            for path, b in self.requests
            if path == "/v1/chat/completions" and "response_format" not in b
        ]

    def readings(self) -> list[dict[str, Any]]:
        """Structured requests (``response_format`` set): the learner readings."""
        return [
            b
            for path, b in self.requests
            if path == "/v1/chat/completions" and "response_format" in b
        ]

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(QuietHandler):
            def _json(self, status: int, payload: object) -> None:
                self.send_bytes(status, json.dumps(payload).encode(), "application/json")

            def _error(self, status: int, message: str, kind: str) -> None:
                self._json(status, {"error": {"code": status, "message": message, "type": kind}})

            def _authorised(self) -> bool:
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                if fake.api_key is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {fake.api_key}":
                    return True
                self._error(401, "Invalid API Key", "authentication_error")
                return False

            def do_GET(self) -> None:
                fake.requests.append((self.path, {}))
                if not self._authorised():
                    return
                if self.path != "/v1/models":
                    self._error(404, "File Not Found", "not_found_error")
                    return
                fake.models_started.set()
                if fake.models_delay:
                    time.sleep(fake.models_delay)
                if fake.models_status is not None:
                    status, location = fake.models_status
                    self.send_bytes(status, b"", "text/plain", Location=location)
                    return
                if fake.models_body is not None:
                    extra = (
                        {"Content_Encoding": fake.models_encoding} if fake.models_encoding else {}
                    )
                    self.send_bytes(200, fake.models_body, "application/json", **extra)
                    return
                data = []
                for model in fake.models:
                    card: dict[str, Any] = {
                        "id": model,
                        "object": "model",
                        "created": CREATED,
                        "owned_by": "fake",
                    }
                    if fake.context_length is not None:
                        card["max_model_len"] = fake.context_length
                    data.append(card)
                self._json(200, {"object": "list", "data": data})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append((self.path, body))
                if not self._authorised():
                    return
                if self.path != "/v1/chat/completions":
                    self._error(404, "File Not Found", "not_found_error")
                    return
                model = body.get("model")
                if model not in fake.models and not fake.ignore_model:
                    self._error(404, f"The model `{model}` does not exist.", "NotFoundError")
                    return
                if "response_format" in body:
                    self._structured(body)
                    return
                try:
                    fake.stream_outcomes.append(self._stream_chat(body))
                except (BrokenPipeError, ConnectionResetError):
                    fake.stream_outcomes.append("client gone")
                    self.close_connection = True

            def _structured(self, body: dict[str, Any]) -> None:
                if fake.refuse_response_format:
                    self._error(
                        400,
                        "'response_format.type' must be 'json_object' or 'text'",
                        "invalid_request_error",
                    )
                    return
                self._json(
                    200,
                    {
                        "id": "chatcmpl-reading",
                        "object": "chat.completion",
                        "created": CREATED,
                        "model": body.get("model"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": fake.reading(body)},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
                    },
                )

            def _raw(self, data: bytes) -> None:
                if fake.drip_interval is None:
                    self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                    self.wfile.flush()
                    return
                for byte in data:  # one byte per chunk, slowly, until the client gives up
                    self._slowly(b"1\r\n" + bytes([byte]) + b"\r\n")

            def _event(self, payload: dict[str, Any] | str) -> None:
                text = payload if isinstance(payload, str) else json.dumps(payload)
                self._raw(f"data: {text}\n\n".encode())

            def _slowly(self, data: bytes) -> None:
                if fake._stopping.is_set():
                    raise ConnectionResetError("the fake server is stopping")
                time.sleep(fake.drip_interval or 0.0)
                self.wfile.write(data)
                self.wfile.flush()

            def _stream_chat(self, body: dict[str, Any]) -> str:
                tokens = fake.reply(body) if fake.stream_events is None else []
                if fake.drip_headers:
                    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    for byte in head:
                        self._slowly(bytes([byte]))
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                if fake.stream_events is not None:
                    for raw in fake.stream_events:
                        self._raw(raw)
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    return "complete"
                base = {
                    "id": "chatcmpl-1",
                    "object": "chat.completion.chunk",
                    "created": CREATED,
                    "model": body.get("model"),
                }
                if fake.first_token_delay:
                    time.sleep(fake.first_token_delay)
                first = {"index": 0, "delta": {"role": "assistant", "content": ""}}
                self._event({**base, "choices": [{**first, "finish_reason": None}]})
                for i, token in enumerate(tokens):
                    if fake.drop_after is not None and i >= fake.drop_after:
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return "dropped"
                    if fake.token_delay:
                        time.sleep(fake.token_delay)
                    choice = {"index": 0, "delta": {"content": token}, "finish_reason": None}
                    self._event({**base, "choices": [choice]})
                prompt_chars = sum(len(m.get("content", "")) for m in body.get("messages", []))
                prompt_tokens = fake.prompt_eval_count or prompt_chars // 4
                usage = {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": len(tokens),
                    "total_tokens": prompt_tokens + len(tokens),
                }
                last: dict[str, Any] = {
                    **base,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                if fake.usage == "final":
                    last["usage"] = usage
                self._event(last)
                if fake.usage == "separate":
                    self._event({**base, "choices": [], "usage": usage})
                if fake.send_done:
                    self._event("[DONE]")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
                return "complete"

        self._server = serve(Handler, self._port)
        return self

    def stop(self) -> None:
        self._stopping.set()
        shut(self._server)
        self._server = None
