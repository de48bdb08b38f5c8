"""Fetching linked pages from a real HTTP server on 127.0.0.1: safety, politeness, the cache.

Each behaviour of the issue has a path on ``tests/web_server.py``: an article
with boilerplate, a 404, a slow page, oversized pages, a redirect to a private
address, a robots.txt disallow, an ETag revalidation and a changed page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answering.citations import source_for
from assistant.knowledge.fetch import (
    USER_AGENT,
    FetchPolicy,
    Link,
    PageCache,
    collect_links,
    fetch_pages,
    fetch_target,
)
from assistant.knowledge.ingest import IngestSummary, ingest
from assistant.search.index import open_retriever
from assistant.settings import Settings
from tests.conftest import link_models
from tests.fakes import FakeEmbedder
from tests.web_server import CHANGING_V2, Site

POLICY = FetchPolicy(
    connect_timeout=1.0,
    read_timeout=0.5,
    retries=1,
    backoff=0.01,
    max_bytes=200_000,
    allow_hosts=frozenset({"127.0.0.1"}),
)
PATHS = (
    "/article",
    "/changing",
    "/missing",
    "/slow",
    "/big",
    "/endless",
    "/to-private",
    "/private/page",
    "/paper.pdf",
    "/flaky",
    "/to-article",
)


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site().start()
    yield server
    server.stop()


def roadmap_corpus(folder: Path, site_url: str, paths: tuple[str, ...]) -> Path:
    """A corpus whose roadmap links to the local site (and to one YouTube playlist)."""
    folder.mkdir(parents=True, exist_ok=True)
    links = "\n".join(f"- [Page {p}]({site_url}{p})" for p in paths)
    (folder / "roadmap.md").write_text(
        "# AI Engineer Roadmap 2025/26\n\nA roadmap for learning AI engineering step by step, "
        "from programming to deployment.\n\n## Step 2: Mathematics for AI\n\n### Topics\n\n"
        "- Optimization: Gradient descent, convex and non-convex optimization.\n\n"
        f"### Resources\n\n{links}\n"
        "- [Maths Playlist](https://www.youtube.com/playlist?list=PL-test)\n",
        encoding="utf-8",
    )
    (folder / "sources.toml").write_text(
        '[[source]]\nid = "ai-engineer-roadmap"\ntitle = "AI Engineer Roadmap 2025/26"\n'
        'url = "https://example.org/roadmap/README.md"\nkind = "roadmap"\n'
        'file = "roadmap.md"\nformat = "markdown"\nlicense = "test"\n',
        encoding="utf-8",
    )
    return folder


def test_links_come_from_the_roadmap_with_their_section(site: Site, tmp_path: Path) -> None:
    corpus = roadmap_corpus(tmp_path / "corpus", site.url, ("/article", "/missing"))
    links = collect_links(corpus)
    assert [link.url for link in links] == [
        f"{site.url}/article",
        f"{site.url}/missing",
        "https://www.youtube.com/playlist?list=PL-test",
    ]
    assert links[0] == Link(
        f"{site.url}/article", "Page /article", "Step 2: Mathematics for AI › Resources"
    )
    assert fetch_target("https://github.com/o/r/blob/main/AI%20Engineer/README.md") == (
        "https://raw.githubusercontent.com/o/r/main/AI%20Engineer/README.md",
        "markdown",
    )


def test_every_failure_has_its_reason_and_the_run_goes_on(site: Site, tmp_path: Path) -> None:
    site.slow_seconds = 2.0
    links = [Link(site.url + p, p, "test") for p in PATHS]
    links.append(Link("ftp://127.0.0.1/file", "ftp", "test"))
    report = fetch_pages(links, PageCache(tmp_path / "pages"), POLICY, progress=False)
    by_path = {r.url.removeprefix(site.url): r for r in report.results}
    assert not report.offline
    assert by_path["/article"].status == "new"
    assert by_path["/changing"].status == "new"
    assert by_path["/to-article"].status == "new"  # a public redirect is followed
    assert by_path["/flaky"].status == "new"  # a 503 is retried with backoff
    assert len(site.paths("/flaky")) == 2
    reasons = {p: r.reason for p, r in by_path.items() if r.status == "failed"}
    assert reasons == {
        "/missing": "HTTP 404 Not Found",
        "/slow": "timed out (read timeout 0.5 s) (after 2 attempts)",
        "/big": "too big (50,000,000 bytes; the limit is 200,000)",
        "/endless": "too big (more than 200,000 bytes)",
        "/to-private": "refused: 10.255.0.1 resolves to a non-public address (10.255.0.1)",
        "/private/page": "refused: robots.txt disallows it",
        "/paper.pdf": "not a web page (application/pdf)",
        "ftp://127.0.0.1/file": "refused: only http and https are fetched (ftp scheme)",
    }
    assert site.paths("/private/page") == []  # robots.txt was obeyed before any request
    assert len(site.paths("/robots.txt")) == 1  # read once per host
    assert {h["User-Agent"] for _, h in site.hits} == {USER_AGENT}
    lines = report.lines()
    assert lines[0].startswith(f"Fetched {len(links)} links in ")
    assert lines[0].endswith("4 new, 0 changed, 0 not modified (304), 0 unchanged; 8 failed:")
    assert f"  failed  {site.url}/missing — HTTP 404 Not Found" in lines


def test_loopback_is_refused_unless_allowed(site: Site, tmp_path: Path) -> None:
    link = Link(site.url + "/article", "a", "test")
    report = fetch_pages([link], PageCache(tmp_path / "pages"), FetchPolicy(), progress=False)
    (result,) = report.results
    assert result.status == "failed"
    assert result.reason == "refused: 127.0.0.1 resolves to a non-public address (127.0.0.1)"
    assert site.hits == []


def test_an_unchanged_page_is_revalidated_with_its_etag(site: Site, tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    link = Link(site.url + "/article", "a", "test")
    first = fetch_pages([link], cache, POLICY, progress=False)
    entry = cache.get(link.url)
    assert first.results[0].status == "new" and entry is not None and entry.etag
    second = fetch_pages([link], cache, POLICY, progress=False)
    assert second.results[0].status == "not-modified"
    assert site.paths("/article")[-1]["If-None-Match"] == entry.etag
    again = cache.get(link.url)
    assert again is not None and again.fetched == entry.fetched  # the content date is kept
    assert "1 not modified (304)" in second.lines()[0]


def test_no_network_at_all_finishes_at_once_and_keeps_the_cache(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "pages")
    links = [
        Link("https://docs.example.invalid/tutorial", "Tutorial", "Step 1 › Resources"),
        Link("https://course.example.invalid/", "Course", "Step 1 › Resources"),
        Link("https://www.youtube.com/playlist?list=PL-x", "Python Playlist", "Step 1 › Resources"),
    ]
    started = time.perf_counter()
    report = fetch_pages(links, cache, progress=False)
    assert time.perf_counter() - started < 3
    assert report.offline
    assert report.lines() == [
        "offline: 2 pages not fetched, using cache/mirror (0 cached page(s) kept); 1 YouTube "
        "link(s) from metadata only (yt-dlp is not installed; indexed with the roadmap's "
        "context)."
    ]
    (video,) = cache.sources()
    text = video.path.read_text(encoding="utf-8")
    assert video.url == "https://www.youtube.com/playlist?list=PL-x"
    assert text.startswith("# Python Playlist\n\nA YouTube link from the AI Engineer Roadmap")
    assert "Step 1 › Resources" in text


def test_ingest_indexes_article_text_only_and_re_embeds_only_what_changed(
    site: Site, settings: Settings, tmp_path: Path
) -> None:
    corpus = roadmap_corpus(tmp_path / "web-corpus", site.url, ("/article", "/changing"))
    settings = settings.with_(corpus_dir=corpus)
    cache = PageCache(settings.pages_dir)
    embedder = FakeEmbedder()

    def fetch_and_ingest() -> tuple[list[str], IngestSummary, list[str]]:
        report = fetch_pages(collect_links(corpus), cache, POLICY, progress=False)
        before = len(embedder.calls)
        summary = ingest(settings, embedder, progress=False)
        texts = [t for call in embedder.calls[before:] for t in call]
        return [r.status for r in report.results], summary, texts

    statuses, first, _ = fetch_and_ingest()
    assert statuses == ["new", "new", "metadata"]
    assert first.sources == 4  # the roadmap, two pages and the playlist's link
    retriever = open_retriever(settings, embedder, build_if_missing=False)
    article = [c for c in retriever._chunks.values() if c.url.endswith("/article")]
    text = " ".join(c.text for c in article)
    assert "Gradient descent is an optimisation method" in text
    assert "Stochastic gradient descent estimates" in text
    for boilerplate in ("NAVIGATION-BOILERPLATE", "FOOTER-COPYRIGHT", "SIDEBAR-PROMO"):
        assert boilerplate not in text
    assert article[0].title == "Gradient Descent Explained" and article[0].kind == "page"
    assert article[0].fetched == time.strftime("%Y-%m-%d", time.gmtime())
    hit = retriever.retrieve("stochastic gradient descent mini-batch", k=3).hits[0]
    assert source_for(1, hit).fetched == article[0].fetched  # shown as "fetched <date>"

    # Nothing changed: 304s, and nothing is re-chunked into new texts or embedded.
    statuses, second, texts = fetch_and_ingest()
    assert statuses == ["not-modified", "not-modified", "metadata"]
    assert texts == [] and second.embedded == 0 and not second.changed

    # One page changed: only its new text is embedded; the other page is untouched.
    site.changing = CHANGING_V2
    statuses, third, texts = fetch_and_ingest()
    assert statuses == ["not-modified", "changed", "metadata"]
    assert third.embedded >= 1 and texts
    assert all("Shadow deployments" in t for t in texts)
    assert third.updated >= 1 and third.removed == 0
    assert third.unchanged == second.chunks - third.updated


def test_cli_fetch_then_ask_cites_the_fetched_page_with_its_date(
    site: Site,
    tmp_path: Path,
    models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assistant.cli import main

    home = tmp_path / "cli-home"
    link_models(home, models_dir)
    paths = ("/article", "/changing", "/missing", "/to-private", "/private/page", "/paper.pdf")
    corpus = roadmap_corpus(tmp_path / "cli-corpus", site.url, paths)
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    monkeypatch.setenv("ASSISTANT_CORPUS", str(corpus))
    assert main(["ingest", "--fetch", "--allow-host", "127.0.0.1"]) == 0
    out = capsys.readouterr().out
    print(out)  # the closing note quotes this run
    lines = out.splitlines()
    assert lines[0].startswith("Fetched 7 links in ")
    assert lines[0].endswith(
        "2 new, 0 changed, 0 not modified (304), 0 unchanged; 1 YouTube link(s) from metadata "
        "only (yt-dlp is not installed; indexed with the roadmap's context); 4 failed:"
    )
    assert f"  failed  {site.url}/missing — HTTP 404 Not Found" in lines
    assert f"  failed  {site.url}/private/page — refused: robots.txt disallows it" in lines
    assert any(line.startswith("Index rebuilt: 4 sources") for line in lines)

    assert main(["ask", "--backend", "offline", "What does stochastic gradient descent do?"]) == 0
    answer = capsys.readouterr().out
    assert "mini-batch" in answer
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert f"{site.url}/article (fetched {today})" in answer


class FakeYoutubeDL:
    """Stands in for ``yt_dlp.YoutubeDL`` (YouTube is not reachable from the test machine)."""

    seen: list[dict[str, object]] = []

    def __init__(self, options: dict[str, object]) -> None:
        FakeYoutubeDL.seen.append(options)

    def __enter__(self) -> FakeYoutubeDL:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def extract_info(self, url: str, download: bool) -> dict[str, object]:
        assert download is False
        if "broken" in url:
            raise RuntimeError("ERROR: [youtube:tab] PL-broken: This playlist does not exist")
        return {
            "title": "Deep Learning Playlist",
            "description": "Lectures on neural networks, CNNs and RNNs.",
            "entries": [{"title": "Backpropagation"}, {"title": "Convolutions"}, None],
        }


def test_youtube_metadata_with_yt_dlp_and_without_media(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.machinery
    import sys
    import types

    module = types.ModuleType("yt_dlp")
    module.__spec__ = importlib.machinery.ModuleSpec("yt_dlp", None)
    module.YoutubeDL = FakeYoutubeDL  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "yt_dlp", module)
    cache = PageCache(tmp_path / "pages")
    videos = [
        Link("https://www.youtube.com/playlist?list=PL-dl", "DL Playlist", "Step 4 › Resources"),
        Link("https://www.youtube.com/playlist?list=PL-broken", "Old", "Step 4 › Resources"),
    ]
    page = Link(site.url + "/article", "Article", "Step 2 › Resources")  # the network is up
    report = fetch_pages([page, *videos], cache, POLICY, progress=False)
    assert [r.reason for r in report.results[1:]] == [
        "titles and descriptions read with yt-dlp (no media)",
        "yt-dlp could not read it (ERROR: [youtube:tab] PL-broken: This playlist does not "
        "exist); indexed with the roadmap's context",
    ]
    assert FakeYoutubeDL.seen[0]["skip_download"] is True
    text = (cache.folder(videos[0].url) / "body").read_text(encoding="utf-8")
    assert text.startswith("# Deep Learning Playlist\n")
    assert "Lectures on neural networks" in text and "- Convolutions" in text
    assert "Step 4 › Resources" in text

    # No network (no page host resolves): yt-dlp is not tried; what it read earlier is kept.
    calls = len(FakeYoutubeDL.seen)
    unreachable = Link("https://docs.example.invalid/", "Docs", "Step 1 › Resources")
    offline = fetch_pages([unreachable, *videos], cache, POLICY, progress=False)
    assert offline.offline and len(FakeYoutubeDL.seen) == calls
    assert [r.reason for r in offline.results[1:]] == [
        "no network; kept the metadata read earlier",
        "no network for yt-dlp; indexed with the roadmap's context",
    ]
    assert (cache.folder(videos[0].url) / "body").read_text(encoding="utf-8") == text
