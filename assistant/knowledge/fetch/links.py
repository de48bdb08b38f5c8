"""The links the roadmap makes: every http(s) URL with the section that links to it.

``collect_links`` reads the roadmap and ``sources.toml``; ``fetch_target`` says
where to download a link from (GitHub files come raw) and how to read it.
Nothing here downloads anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from assistant.knowledge.corpus import Format, load_corpus_sources, load_document

YOUTUBE_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be")


@dataclass(frozen=True)
class Link:
    """A URL the roadmap links to."""

    url: str
    """As written in the roadmap (without a ``#fragment``)."""
    title: str
    """The link text."""
    context: str
    """The roadmap section that links to it (``Step 8: … › Resources``)."""


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
