"""HTTP for linked pages: the fetch policy, the address (SSRF) guard, robots.txt, retries.

``Fetcher.get`` downloads one URL under a ``FetchPolicy``: connect and read
timeouts, retries with backoff for transient failures, a size cap, an honest
User-Agent, robots.txt per RFC 9309, a few requests per host at once. Only
http(s) is fetched; a host that resolves to a private, loopback or link-local
address is refused unless allowed by name, and every redirect is checked
again. Nothing here caches or decides what to fetch.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from assistant.errors import FetchFailed, FetchRefused, NoRoute

USER_AGENT = (
    "RoadmapAssistant/0.1 (local study assistant; indexes the pages the AI Engineer "
    "Roadmap 2025/26 links to; one request per page, robots.txt respected)"
)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-rst")
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    retries: int = 2
    """Extra attempts after a transient failure (timeouts, 5xx, 429)."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled each time."""
    max_bytes: int = 5_000_000
    per_host: int = 2
    """Requests at once to one host."""
    workers: int = 6
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()
    """Host names or IPs allowed even though private or loopback (tests use 127.0.0.1)."""
    user_agent: str = USER_AGENT


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to private, loopback or link-local IPs."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(
            f"refused: only http and https are fetched ({parts.scheme or 'no'} scheme)"
        )
    host = parts.hostname
    if not host:
        raise FetchRefused("refused: the URL has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise NoRoute(f"cannot resolve {host} ({getattr(err, 'strerror', None) or err})") from None
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if host in policy.allow_hosts or str(ip) in policy.allow_hosts:
            continue
        if not ip.is_global or ip.is_multicast:
            raise FetchRefused(f"refused: {host} resolves to a non-public address ({ip})")


@dataclass(frozen=True)
class Downloaded:
    body: bytes | None
    """``None`` for 304 Not Modified."""
    final_url: str
    etag: str
    last_modified: str
    content_type: str


class Fetcher:
    """One run's HTTP client, robots.txt rules and per-host limits."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent, "Accept": ", ".join(TEXT_TYPES)},
            trust_env=False,
        )
        self._robots: dict[str, RobotFileParser | str] = {}
        self._robots_gates: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}

    def close(self) -> None:
        self.client.close()

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        host = urlsplit(url).netloc
        with self._lock:
            gate = self._hosts.setdefault(host, threading.Semaphore(self.policy.per_host))
        with gate:
            yield

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Downloaded:
        """GET with retries for transient failures; redirects followed and re-checked."""
        attempt = 0
        while True:
            try:
                return self._get_once(url, etag, last_modified)
            except FetchFailed as err:
                if not err.transient or attempt >= self.policy.retries:
                    if err.transient and attempt:
                        raise FetchFailed(f"{err} (after {attempt + 1} attempts)") from None
                    raise
                time.sleep(self.policy.backoff * 2**attempt)
                attempt += 1

    def _get_once(self, url: str, etag: str, last_modified: str) -> Downloaded:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            check_address(current, self.policy)
            self._check_robots(current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            with self._slot(current):
                try:
                    with self.client.stream("GET", current, headers=headers) as response:
                        if response.status_code in REDIRECTS:
                            location = response.headers.get("location", "")
                            if not location:
                                raise FetchFailed(f"HTTP {response.status_code} without a Location")
                            current = urljoin(current, location)
                            continue
                        return self._read(current, response)
                except httpx.TimeoutException as err:
                    kind = "connect" if isinstance(err, httpx.ConnectTimeout) else "read"
                    limit = (
                        self.policy.connect_timeout
                        if kind == "connect"
                        else self.policy.read_timeout
                    )
                    raise FetchFailed(
                        f"timed out ({kind} timeout {limit:g} s)", transient=True
                    ) from None
                except httpx.TransportError as err:
                    raise FetchFailed(
                        f"connection failed ({type(err).__name__})", transient=True
                    ) from None
        raise FetchFailed(f"more than {self.policy.max_redirects} redirects")

    def _read(self, url: str, response: httpx.Response) -> Downloaded:
        status = response.status_code
        if status == 304:
            return Downloaded(
                None,
                url,
                response.headers.get("etag", ""),
                response.headers.get("last-modified", ""),
                "",
            )
        if status >= 400:
            transient = status >= 500 or status == 429
            raise FetchFailed(
                f"HTTP {status} {response.reason_phrase}".strip(), transient=transient
            )
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype and ctype not in TEXT_TYPES:
            raise FetchFailed(f"not a web page ({ctype})")
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchFailed(f"too big ({int(declared):,} bytes; the limit is {cap:,})")
        body = bytearray()
        for part in response.iter_bytes():
            body += part
            if len(body) > cap:
                raise FetchFailed(f"too big (more than {cap:,} bytes)")
        return Downloaded(
            bytes(body),
            url,
            response.headers.get("etag", ""),
            response.headers.get("last-modified", ""),
            ctype,
        )

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            gate = self._robots_gates.setdefault(origin, threading.Lock())
        with gate:  # one robots.txt request per origin, however many pages wait for it
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._robots[origin] = self._load_robots(origin)
        if isinstance(rules, str):
            raise FetchRefused(rules)
        if not rules.can_fetch(self.policy.user_agent, url):
            raise FetchRefused("refused: robots.txt disallows it")

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        """The origin's rules; RFC 9309: 4xx means no rules, 5xx or no answer means keep out."""
        rules = RobotFileParser()
        try:
            with self._slot(origin + "/"):
                response = self.client.get(origin + "/robots.txt")
        except httpx.HTTPError as err:
            return f"refused: robots.txt could not be read ({type(err).__name__})"
        if response.status_code >= 500:
            return f"refused: robots.txt answered HTTP {response.status_code}"
        if response.status_code >= 400 or response.status_code in REDIRECTS:
            rules.parse([])
        else:
            rules.parse(response.text[:500_000].splitlines())
        return rules


def resolves(url: str) -> bool:
    """Whether the URL's host name resolves at all (no DNS: most likely no network)."""
    host = urlsplit(url).hostname
    if not host:
        return False
    try:
        socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return True
