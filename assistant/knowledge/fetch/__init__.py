"""Fetch the pages the roadmap links to, politely and safely, and cache them for ingest.

``links`` finds the links, ``http`` downloads one URL under a ``FetchPolicy``
(address guard, robots.txt, retries, size cap), ``cache`` keeps pages with
their validators, ``youtube`` describes video links from metadata, and
``pages.fetch_pages`` runs it all. Nothing here chunks or embeds: ingest reads
the cache like any other source.
"""

from assistant.knowledge.fetch.cache import PageCache
from assistant.knowledge.fetch.http import USER_AGENT, FetchPolicy
from assistant.knowledge.fetch.links import Link, collect_links, fetch_target
from assistant.knowledge.fetch.pages import FetchReport, PageResult, fetch_pages

__all__ = [
    "USER_AGENT",
    "FetchPolicy",
    "FetchReport",
    "Link",
    "PageCache",
    "PageResult",
    "collect_links",
    "fetch_pages",
    "fetch_target",
]
