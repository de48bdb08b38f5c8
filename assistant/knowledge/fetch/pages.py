"""Fetch the pages the roadmap links to into the cache: the run, its results and its report.

``fetch_pages`` downloads or revalidates every link with a ``Fetcher`` (see
``http.py``) into a ``PageCache`` (``cache.py``): a 304, or 200 with the same
bytes, keeps a page's date so nothing re-chunks or re-embeds it. YouTube links
are described from metadata (``youtube.py``). A failure is reported with its
reason and never stops the run; with no network at all the run ends at once.
Chunking and embedding are ``ingest``'s job.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from tqdm import tqdm

from assistant.errors import FetchFailed, FetchRefused
from assistant.knowledge.corpus import Format
from assistant.knowledge.fetch.cache import Entry, PageCache, now_iso
from assistant.knowledge.fetch.http import Fetcher, FetchPolicy, resolves
from assistant.knowledge.fetch.links import Link, fetch_target, is_youtube
from assistant.knowledge.fetch.youtube import describe_video

Status = Literal["new", "changed", "unchanged", "not-modified", "metadata", "failed", "offline"]


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
    offline = not any(resolves(fetch_target(link.url)[0]) for link in probe)
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
                now_iso(),
                now_iso(),
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
    now = now_iso()
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
