"""What the tests' HTTP servers on 127.0.0.1 share: a quiet handler, start and stop.

Used by the fake Ollama server and the fetch tests' website; each keeps its own
paths and behaviour.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive, no request log, and a helper for whole responses."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def send_bytes(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        """A complete response; ``headers`` use ``_`` for ``-`` (``Content_Range``)."""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up mid-response (size caps, dropped streams) are expected


def serve(handler: type[BaseHTTPRequestHandler], port: int = 0) -> QuietServer:
    """Serve ``handler`` on 127.0.0.1 (a free port when 0) in a background thread."""
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def shut(server: ThreadingHTTPServer | None) -> None:
    """Stop a server started with ``serve`` (``None`` is fine)."""
    if server is not None:
        server.shutdown()
        server.server_close()
