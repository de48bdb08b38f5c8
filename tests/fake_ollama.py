"""A fake Ollama server: real HTTP on 127.0.0.1 speaking /api/tags, /api/show, /api/chat.

It keeps every request body so tests can assert exactly what was sent, and
streams NDJSON with chunked transfer encoding like the real server. Replies come
from ``reply(body) -> list[str]`` (tokens); ``token_delay`` sleeps before each
token, ``drop_after`` closes the socket mid-stream after that many tokens, and
``models`` says which models are "pulled".

Failure modes for the hardening tests: ``drip_interval`` sends the chat stream
one byte at a time (a server that never quite stops), ``stream_lines`` sends
raw NDJSON lines instead of the reply, ``tags_body`` / ``show_body`` replace
those replies with raw bytes, and ``tags_delay`` makes the health check slow.
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakeOllama:
    def __init__(
        self,
        models: tuple[str, ...] = ("llama3.2:3b",),
        context_length: int = 131072,
        reply: Reply | None = None,
        port: int = 0,
    ) -> None:
        self.models = list(models)
        self.context_length = context_length
        self.reply: Reply = reply or (lambda body: ["The roadmap lists OpenAI Gym [1]."])
        self.token_delay = 0.0
        self.first_token_delay = 0.0
        self.drop_after: int | None = None
        self.prompt_eval_count: int | None = None  # report this instead of chars / 4
        self.requests: list[tuple[str, dict[str, Any]]] = []
        #: Send the streamed chat body one byte per HTTP chunk, this many seconds apart.
        self.drip_interval: float | None = None
        #: With ``drip_interval``: drip the status line and headers too, byte by byte.
        self.drip_headers = False
        #: Raw NDJSON lines (without the newline) sent instead of the reply's tokens.
        self.stream_lines: list[bytes] | None = None
        #: Raw bodies answered to /api/tags and /api/show instead of the real shapes.
        self.tags_body: bytes | None = None
        self.show_body: bytes | None = None
        #: Seconds /api/tags waits before answering; ``tags_started`` is set on arrival.
        self.tags_delay = 0.0
        self.tags_started = threading.Event()
        #: ``(status, Location)`` answered to /api/tags instead (a redirect, say).
        self.tags_status: tuple[int, str] | None = None
        #: How each chat stream ended: ``complete``, ``dropped`` or ``client gone``.
        self.stream_outcomes: list[str] = []
        self._stopping = threading.Event()
        #: The JSON text answered to a structured request (``format``); by default none,
        #: so the assistant keeps its offline reading.
        self.reading: Callable[[dict[str, Any]], str] = lambda body: ""
        self._port = port
        self._server: QuietServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def chats(self) -> list[dict[str, Any]]:
        """Streamed chat requests (answers, condensing, plan phrasing)."""
        return [b for path, b in self.requests if path == "/api/chat" and "format" not in b]

    def readings(self) -> list[dict[str, Any]]:
        """Structured requests (``format`` set): the learner readings."""
        return [b for path, b in self.requests if path == "/api/chat" and "format" in b]

    def start(self) -> FakeOllama:
        fake = self

        class Handler(QuietHandler):
            def _json(self, status: int, payload: object) -> None:
                self.send_bytes(status, json.dumps(payload).encode(), "application/json")

            def _body(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append((self.path, body))
                return body

            def do_GET(self) -> None:
                fake.requests.append((self.path, {}))
                if self.path == "/api/tags":
                    fake.tags_started.set()
                    if fake.tags_delay:
                        time.sleep(fake.tags_delay)
                    if fake.tags_status is not None:
                        status, location = fake.tags_status
                        self.send_bytes(status, b"", "text/plain", Location=location)
                        return
                    if fake.tags_body is not None:
                        self.send_bytes(200, fake.tags_body, "application/json")
                        return
                    models = [
                        {
                            "name": m,
                            "model": m,
                            "modified_at": "2026-01-01T00:00:00Z",
                            "size": 2019393189,
                            "digest": "a80c4f17acd5",
                            "details": {"format": "gguf", "family": "llama"},
                        }
                        for m in fake.models
                    ]
                    self._json(200, {"models": models})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                body = self._body()
                model = body.get("model")
                if self.path == "/api/show":
                    if model not in fake.models:
                        self._json(404, {"error": f"model '{model}' not found"})
                        return
                    if fake.show_body is not None:
                        self.send_bytes(200, fake.show_body, "application/json")
                        return
                    self._json(
                        200,
                        {
                            "modelfile": "",
                            "parameters": "",
                            "template": "",
                            "details": {"format": "gguf", "family": "llama"},
                            "model_info": {
                                "general.architecture": "llama",
                                "llama.context_length": fake.context_length,
                            },
                            "capabilities": ["completion"],
                        },
                    )
                elif self.path == "/api/chat":
                    if model not in fake.models:
                        self._json(
                            404, {"error": f"model '{model}' not found, try pulling it first"}
                        )
                        return
                    if body.get("stream") is False:
                        self._json(
                            200,
                            {
                                "model": model,
                                "created_at": "2026-01-01T00:00:00Z",
                                "message": {"role": "assistant", "content": fake.reading(body)},
                                "done": True,
                                "done_reason": "stop",
                            },
                        )
                        return
                    try:
                        fake.stream_outcomes.append(self._stream_chat(body))
                    except (BrokenPipeError, ConnectionResetError):
                        fake.stream_outcomes.append("client gone")
                        self.close_connection = True  # the client went away (a stopped answer)
                else:
                    self._json(404, {"error": "not found"})

            def _chunk(self, payload: dict[str, Any]) -> None:
                self._raw_line(json.dumps(payload).encode())

            def _raw_line(self, line: bytes) -> None:
                data = line + b"\n"
                if fake.drip_interval is None:
                    self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                    self.wfile.flush()
                    return
                for byte in data:  # one byte per chunk, slowly, until the client gives up
                    self._slowly(b"1\r\n" + bytes([byte]) + b"\r\n")

            def _slowly(self, data: bytes) -> None:
                if fake._stopping.is_set():
                    raise ConnectionResetError("the fake server is stopping")
                time.sleep(fake.drip_interval or 0.0)
                self.wfile.write(data)
                self.wfile.flush()

            def _stream_chat(self, body: dict[str, Any]) -> str:
                tokens = fake.reply(body) if fake.stream_lines is None else []
                if fake.drip_headers:
                    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    for byte in head:
                        self._slowly(bytes([byte]))
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/x-ndjson")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                if fake.stream_lines is not None:
                    for line in fake.stream_lines:
                        self._raw_line(line)
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    return "complete"
                base = {"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z"}
                if fake.first_token_delay:
                    time.sleep(fake.first_token_delay)
                for i, token in enumerate(tokens):
                    if fake.drop_after is not None and i >= fake.drop_after:
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return "dropped"
                    if fake.token_delay:
                        time.sleep(fake.token_delay)
                    message = {"role": "assistant", "content": token}
                    self._chunk({**base, "message": message, "done": False})
                prompt_chars = sum(len(m.get("content", "")) for m in body.get("messages", []))
                self._chunk(
                    {
                        **base,
                        "message": {"role": "assistant", "content": ""},
                        "done": True,
                        "done_reason": "stop",
                        "prompt_eval_count": fake.prompt_eval_count or prompt_chars // 4,
                        "eval_count": len(tokens),
                    }
                )
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
                return "complete"

        self._server = serve(Handler, self._port)
        return self

    def stop(self) -> None:
        self._stopping.set()
        shut(self._server)
        self._server = None
