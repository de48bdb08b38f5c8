"""A small website on 127.0.0.1 for the fetch tests: real HTTP, one behaviour per path.

``/article`` is a page with navigation boilerplate and an ETag (answers 304 to
``If-None-Match``); ``/changing`` serves ``site.changing`` (its ETag follows the
text); ``/missing`` is a 404; ``/slow`` waits ``slow_seconds`` before answering;
``/big`` declares a large Content-Length, ``/endless`` streams without one;
``/to-private`` redirects to a private address; ``/private/page`` is disallowed
by ``/robots.txt``; ``/paper.pdf`` is not a web page; ``/flaky`` fails with 503
``flaky_failures`` times, then answers. Every request is logged in ``hits``.
"""

from __future__ import annotations

import hashlib
import time

from tests.local_http import QuietHandler, QuietServer, serve, shut

NAV = "NAVIGATION-BOILERPLATE Home Products Pricing Careers Login Signup"
ARTICLE = f"""<!doctype html>
<html><head><title>Gradient Descent Explained</title></head>
<body>
<header><nav><ul><li><a href="/">{NAV}</a></li><li><a href="/a">Blog</a></li></ul></nav></header>
<aside class="sidebar"><p>{NAV}</p><p>Subscribe to our newsletter SIDEBAR-PROMO</p></aside>
<main><article>
<h1>Gradient Descent Explained</h1>
<p>Gradient descent is an optimisation method that updates the parameters of a model in the
direction opposite to the gradient of the loss function. The learning rate controls the size
of each update, and choosing it well decides whether training converges.</p>
<h2>Stochastic variants</h2>
<p>Stochastic gradient descent estimates the gradient from a mini-batch of examples, which makes
each step cheap and adds noise that can help escape shallow local minima. Momentum and Adam keep
running averages of past gradients to smooth the path towards a minimum.</p>
</article></main>
<footer><p>FOOTER-COPYRIGHT 2026 Example Corp. All rights reserved. {NAV}</p></footer>
</body></html>
"""
CHANGING_V1 = """<html><head><title>Model Monitoring</title></head><body><article>
<h1>Model Monitoring</h1>
<p>Monitoring a deployed model means tracking data drift, prediction drift and latency, and
alerting when a metric leaves its expected range so that the model can be retrained.</p>
<h2>Retraining</h2>
<p>Retraining pipelines collect fresh labelled data, train a candidate model, compare it with the
current one on a held-out set and promote it only when it is better.</p>
</article></body></html>"""
CHANGING_V2 = CHANGING_V1.replace(
    "promote it only when it is better.",
    "promote it only when it is better. Shadow deployments compare both models on live traffic "
    "before any switch.",
)
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Site:
    """The website; ``start()`` binds a free port on 127.0.0.1."""

    def __init__(self) -> None:
        self.changing = CHANGING_V1
        self.slow_seconds = 3.0
        self.flaky_failures = 1
        self.hits: list[tuple[str, dict[str, str]]] = []
        self._server: QuietServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def paths(self, path: str) -> list[dict[str, str]]:
        """Request headers of every hit on ``path``."""
        return [headers for p, headers in self.hits if p == path]

    def start(self) -> Site:
        site = self

        class Handler(QuietHandler):
            def _send(
                self, status: int, body: bytes, ctype: str = "text/html", **headers: str
            ) -> None:
                self.send_bytes(status, body, ctype, **headers)

            def _etagged(self, text: str) -> None:
                etag = '"' + hashlib.sha256(text.encode()).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(200, text.encode(), "text/html; charset=utf-8", ETag=etag)

            def do_GET(self) -> None:  # noqa: C901 - one branch per path, on purpose
                site.hits.append((self.path, dict(self.headers.items())))
                if self.path == "/robots.txt":
                    self._send(200, ROBOTS.encode(), "text/plain")
                elif self.path == "/article":
                    self._etagged(ARTICLE)
                elif self.path == "/changing":
                    self._etagged(site.changing)
                elif self.path == "/missing":
                    self._send(404, b"<h1>Not found</h1>")
                elif self.path == "/slow":
                    time.sleep(site.slow_seconds)
                    self._send(200, ARTICLE.encode())
                elif self.path == "/big":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50_000_000))
                    self.end_headers()
                    self.wfile.write(b"<html>" + b"x" * 1000)
                elif self.path == "/endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for _ in range(2000):
                            self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
                    except OSError:
                        pass  # the client gave up at its size cap
                    self.close_connection = True
                elif self.path == "/to-private":
                    self._send(302, b"", Location="http://10.255.0.1/secret")
                elif self.path == "/to-article":
                    self._send(301, b"", Location="/article")
                elif self.path == "/private/page":
                    self._send(200, ARTICLE.encode())
                elif self.path == "/paper.pdf":
                    self._send(200, b"%PDF-1.7 binary", "application/pdf")
                elif self.path == "/flaky":
                    if site.flaky_failures > 0:
                        site.flaky_failures -= 1
                        self._send(503, b"busy")
                    else:
                        self._send(200, CHANGING_V1.encode())
                else:
                    self._send(404, b"no such page")

        self._server = serve(Handler)
        return self

    def stop(self) -> None:
        shut(self._server)
        self._server = None
