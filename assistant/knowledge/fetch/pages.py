"""Fetch the pages the roadmap links to: safely, politely, cached, and tolerant of no network.

``collect_links`` lists every URL in the roadmap (and the sources file) with
the section that links to it. ``fetch_pages`` downloads them with httpx:
connect and read timeouts, retries with backoff for transient failures, a size
cap, an honest User-Agent, robots.txt respected, at most a few requests per
host at once. Only http(s) is fetched; a host that resolves to a private,
loopback or link-local address is refused unless allowed by name, and every
redirect is checked again. Pages are kept in ``PageCache``
(``ASSISTANT_HOME/cache/pages``) with their ETag and Last-Modified, so the next
run revalidates (304) instead of downloading again, and a page whose bytes did
not change keeps its date, so nothing downloads, re-chunks or re-embeds it.
YouTube links are described from metadata only (yt-dlp, when installed,
without media) or else from the roadmap's own words about them. A failure is
reported with its reason and never stops the run; with no network at all the
run ends at once. Chunking and embedding are ``ingest.py``'s job.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import importlib.util
import ipaddress
import json
import os
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx
from tqdm import tqdm

from assistant.knowledge.corpus import CorpusSource, Format, load_corpus_sources, load_document

USER_AGENT = (
    "RoadmapAssistant/0.1 (local study assistant; indexes the pages the AI Engineer "
    "Roadmap 2025/26 links to; one request per page, robots.txt respected)"
)
CACHE_VERSION = 1
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-rst")
REDIRECTS = (301, 302, 303, 307, 308)
YOUTUBE_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be")
Status = Literal["new", "changed", "unchanged", "not-modified", "metadata", "failed", "offline"]


class FetchRefused(Exception):
    """A URL that must not be fetched (scheme, private address, robots.txt)."""


class FetchFailed(Exception):
    """A fetch that did not produce a page (HTTP error, timeout, too big, wrong type)."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


class NoRoute(FetchFailed):
    """The host name does not resolve (no DNS: most likely no network)."""


@dataclass(frozen=True)
class Link:
    """A URL the roadmap links to."""

    url: str
    """As written in the roadmap (without a ``#fragment``)."""
    title: str
    """The link text."""
    context: str
    """The roadmap section that links to it (``Step 8: … › Resources``)."""


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


@dataclass(frozen=True)
class PageResult:
    """What happened to one link."""

    url: str
    status: Status
    reason: str = ""
    """Why it failed, or a note (``metadata``: how it was described)."""
    cached: bool = False
    """A failed or offline link that still has an earlier copy in the cache."""


@dataclass(frozen=True)
class FetchReport:
    """The outcome of ``fetch_pages``."""

    results: tuple[PageResult, ...]
    offline: bool
    """No host name resolved: nothing was fetched."""
    seconds: float

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    def lines(self) -> list[str]:
        """The summary a person reads (first line, then one line per failure)."""
        metadata = [r for r in self.results if r.status == "metadata"]
        video_note = ""
        if metadata:
            how = Counter(r.reason for r in metadata).most_common(1)[0][0]
            video_note = f"; {len(metadata)} YouTube link(s) from metadata only ({how})"
        if self.offline:
            missing = [r for r in self.results if r.status == "offline"]
            kept = sum(1 for r in missing if r.cached)
            return [
                f"offline: {len(missing)} pages not fetched, using cache/mirror "
                f"({kept} cached page(s) kept){video_note}."
            ]
        failed = [r for r in self.results if r.status == "failed"]
        head = (
            f"Fetched {len(self.results)} links in {self.seconds:.1f} s: "
            f"{self.count('new')} new, {self.count('changed')} changed, "
            f"{self.count('not-modified')} not modified (304), "
            f"{self.count('unchanged')} unchanged{video_note}; {len(failed)} failed"
            + (":" if failed else ".")
        )
        out = [head]
        for r in failed:
            note = " (the cached copy is kept)" if r.cached else ""
            out.append(f"  failed  {r.url} — {r.reason}{note}")
        return out


# -- links --------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BARE_URL = re.compile(r"(?<![(\[<])\bhttps?://[^\s)>\]]+")


def collect_links(corpus_dir: Path) -> list[Link]:
    """Every http(s) URL in the roadmap and the sources file, once, with its context."""
    sources = load_corpus_sources(corpus_dir)
    links: dict[str, Link] = {}
    own = {_without_fragment(s.url) for s in sources if s.kind == "roadmap"}
    for source in sources:
        if source.kind != "roadmap":
            url = _without_fragment(source.url)
            links.setdefault(url, Link(url, source.title, "sources.toml"))
            continue
        text = load_document(source).text
        trail: list[tuple[int, str]] = []
        for line in text.splitlines():
            if heading := _HEADING.match(line):
                level = len(heading.group(1))
                trail = [t for t in trail if t[0] < level] + [(level, _plain(heading.group(2)))]
                continue
            context = " › ".join(name for _, name in trail[1:]) or source.title
            found = [(m.group(1), m.group(2)) for m in _MD_LINK.finditer(line)]
            rest = _MD_LINK.sub(" ", line)
            found += [("", m.group(0).rstrip(".,;")) for m in _BARE_URL.finditer(rest)]
            for title, raw in found:
                url = _without_fragment(raw)
                if url in own or url in links:
                    continue
                links[url] = Link(url, _plain(title) or url, context)
    return list(links.values())


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()


def _without_fragment(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def fetch_target(url: str) -> tuple[str, Format]:
    """Where to download ``url`` from and how to read it (GitHub files come raw)."""
    parts = urlsplit(url)
    if parts.netloc == "github.com":
        m = re.match(r"^/([^/]+)/([^/]+)/blob/(.+)$", parts.path)
        if m and m.group(3).lower().endswith((".md", ".markdown", ".rst", ".txt")):
            raw = f"https://raw.githubusercontent.com/{m.group(1)}/{m.group(2)}/{m.group(3)}"
            lower = m.group(3).lower()
            fmt: Format = (
                "rst"
                if lower.endswith(".rst")
                else "text"
                if lower.endswith(".txt")
                else "markdown"
            )
            return raw, fmt
    return url, "html"


def is_youtube(url: str) -> bool:
    return (urlsplit(url).hostname or "") in YOUTUBE_HOSTS


# -- the cache ----------------------------------------------------------------------------------


@dataclass
class Entry:
    """One cached page: its metadata (``meta.json``) next to its body."""

    url: str
    title: str
    format: Format
    fetched: str
    """ISO time the body last changed (downloaded new bytes)."""
    checked: str = ""
    """ISO time of the last successful check (200 or 304)."""
    etag: str = ""
    last_modified: str = ""
    sha256: str = ""
    context: str = ""
    origin: str = "web"
    """``web`` (downloaded), ``youtube`` (metadata) or ``link`` (the roadmap's words only)."""
    extra: dict[str, Any] = field(default_factory=dict)


class PageCache:
    """Fetched pages under ``ASSISTANT_HOME/cache/pages/<key>/`` (``meta.json`` + ``body``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, url: str) -> Path:
        return self.root / hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]

    def get(self, url: str) -> Entry | None:
        """The cached entry for ``url`` (``None`` when missing, unreadable or another version)."""
        entry = self._read(self.folder(url))
        return entry if entry is not None and entry.url == url else None

    def _read(self, folder: Path) -> Entry | None:
        try:
            data = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if data.pop("version", None) != CACHE_VERSION:
                return None
            entry = Entry(**data)
        except (OSError, ValueError, TypeError):
            return None
        return entry if (folder / "body").is_file() else None

    def put(self, entry: Entry, body: bytes | None = None) -> None:
        folder = self.folder(entry.url)
        folder.mkdir(parents=True, exist_ok=True)
        if body is not None:
            _atomic_write(folder / "body", body)
        meta = {"version": CACHE_VERSION, **entry.__dict__}
        _atomic_write(folder / "meta.json", json.dumps(meta, indent=1).encode("utf-8"))

    def sources(self) -> list[CorpusSource]:
        """Every cached page as a corpus source (kind ``page``), in a stable order."""
        out = []
        for folder in sorted(self.root.iterdir()) if self.root.is_dir() else []:
            entry = self._read(folder)
            if entry is None:
                continue
            out.append(
                CorpusSource(
                    id="web:" + folder.name[:16],
                    title=entry.title,
                    url=entry.url,
                    kind="page",
                    path=folder / "body",
                    format=entry.format,
                    license=f"fetched from {entry.url}",
                    fetched=entry.fetched[:10],
                )
            )
        return out


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- safety -------------------------------------------------------------------------------------


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


# -- fetching -----------------------------------------------------------------------------------


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


# -- YouTube ------------------------------------------------------------------------------------


def describe_video(link: Link, policy: FetchPolicy, online: bool = True) -> tuple[str, str]:
    """Markdown about a YouTube link from metadata only, and how it was made."""
    intro = (
        f"# {link.title}\n\nA YouTube link from the AI Engineer Roadmap 2025/26, in "
        f"{link.context}.\n\n"
    )
    if importlib.util.find_spec("yt_dlp") is None:
        return (
            intro + f"Only the link and the roadmap's words about it are indexed: {link.title} "
            f"({link.url}).\n",
            "yt-dlp is not installed; indexed with the roadmap's context",
        )
    if not online:
        return (
            intro + f"Only the link is indexed: {link.title} ({link.url}).\n",
            "no network for yt-dlp; indexed with the roadmap's context",
        )
    yt_dlp: Any = importlib.import_module("yt_dlp")
    options = {
        "skip_download": True,
        "extract_flat": "in_playlist",
        "quiet": True,
        "no_warnings": True,
        "socket_timeout": policy.read_timeout,
        "http_headers": {"User-Agent": policy.user_agent},
    }
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(link.url, download=False)
    except Exception as err:  # yt-dlp raises many kinds; any of them means "no metadata"
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        return (
            intro + f"Only the link is indexed: {link.title} ({link.url}).\n",
            f"yt-dlp could not read it ({reason}); indexed with the roadmap's context",
        )
    lines = [f"# {info.get('title') or link.title}", "", intro.split("\n\n", 1)[1].strip(), ""]
    if info.get("description"):
        lines += [str(info["description"]).strip(), ""]
    titles = [str(e.get("title")) for e in info.get("entries") or [] if e and e.get("title")]
    if titles:
        lines += ["## Videos", "", *[f"- {t}" for t in titles[:200]], ""]
    return "\n".join(lines), "titles and descriptions read with yt-dlp (no media)"


# -- the run ------------------------------------------------------------------------------------


def fetch_pages(
    links: Iterable[Link],
    cache: PageCache,
    policy: FetchPolicy | None = None,
    *,
    progress: bool = True,
) -> FetchReport:
    """Fetch or revalidate every link into ``cache``; never raises for one bad page."""
    policy = policy or FetchPolicy()
    started = time.perf_counter()
    links = list(links)
    videos = [link for link in links if is_youtube(link.url)]
    pages = [link for link in links if not is_youtube(link.url)]
    results: dict[str, PageResult] = {}
    probe = pages or videos  # the pages decide; videos alone only when there are no pages
    offline = not any(_resolves(fetch_target(link.url)[0]) for link in probe)
    for link in videos:
        results[link.url] = _store_video(link, cache, policy, online=not offline)
    if offline:
        for link in pages:
            results[link.url] = PageResult(
                link.url, "offline", "no network", cached=cache.get(link.url) is not None
            )
    else:
        fetcher = Fetcher(policy)
        try:
            with (
                ThreadPoolExecutor(policy.workers) as pool,
                tqdm(
                    total=len(pages),
                    desc="Fetching linked pages",
                    unit="page",
                    disable=not progress,
                    leave=False,
                ) as bar,
            ):
                for result in pool.map(lambda link: _fetch_one(link, cache, fetcher), pages):
                    results[result.url] = result
                    bar.update(1)
        finally:
            fetcher.close()
    ordered = tuple(results[link.url] for link in links)
    return FetchReport(ordered, offline, time.perf_counter() - started)


def _resolves(url: str) -> bool:
    host = urlsplit(url).hostname
    if not host:
        return False
    try:
        socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return True


def _store_video(link: Link, cache: PageCache, policy: FetchPolicy, online: bool) -> PageResult:
    before = cache.get(link.url)
    if not online and before is not None and before.origin == "youtube":
        return PageResult(link.url, "metadata", "no network; kept the metadata read earlier")
    text, how = describe_video(link, policy, online)
    body = text.encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    if before is None or before.sha256 != digest:
        origin = "youtube" if how.startswith("titles") else "link"
        cache.put(
            Entry(
                link.url,
                link.title,
                "markdown",
                _now(),
                _now(),
                sha256=digest,
                context=link.context,
                origin=origin,
            ),
            body,
        )
    return PageResult(link.url, "metadata", how)


def _fetch_one(link: Link, cache: PageCache, fetcher: Fetcher) -> PageResult:
    before = cache.get(link.url)
    target, fmt = fetch_target(link.url)
    try:
        got = fetcher.get(
            target,
            before.etag if before else "",
            before.last_modified if before else "",
        )
    except (FetchFailed, FetchRefused) as err:
        return PageResult(link.url, "failed", str(err), cached=before is not None)
    now = _now()
    if got.body is None:
        if before is None:  # a 304 we did not ask for
            return PageResult(link.url, "failed", "HTTP 304 without a cached copy")
        before.checked = now
        before.etag = got.etag or before.etag
        before.last_modified = got.last_modified or before.last_modified
        cache.put(before)
        return PageResult(link.url, "not-modified")
    if fmt == "html" and got.content_type in ("text/plain", "text/markdown"):
        fmt = "markdown" if got.content_type == "text/markdown" else "text"
    digest = hashlib.sha256(got.body).hexdigest()
    if before is not None and before.sha256 == digest:
        status: Status = "unchanged"
        fetched = before.fetched
    else:
        status = "changed" if before is not None else "new"
        fetched = now
    title = _page_title(got.body, fmt) or link.title
    entry = Entry(
        link.url,
        title,
        fmt,
        fetched,
        now,
        got.etag,
        got.last_modified,
        digest,
        link.context,
        extra={"final_url": got.final_url},
    )
    cache.put(entry, got.body if status != "unchanged" else None)
    return PageResult(link.url, status)


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def _page_title(body: bytes, fmt: Format) -> str:
    if fmt == "html":
        m = _TITLE.search(body[:200_000])
        if m:
            title = html.unescape(m.group(1).decode("utf-8", "replace"))
            return " ".join(title.split())[:200]
    elif fmt == "markdown":
        m = re.search(rb"^#\s+(.+)$", body[:20_000], re.M)
        if m:
            return m.group(1).decode("utf-8", "replace").strip()[:200]
    return ""
