"""Fetch the pages the roadmap links to, politely and safely, and cache them for ingest.

``collect_links`` finds the links, ``fetch_pages`` downloads or revalidates
them into a ``PageCache`` under ``FetchPolicy``. Nothing here chunks or
embeds: ``ingest`` reads the cache like any other source.
"""

from assistant.knowledge.fetch.pages import FetchPolicy, PageCache, collect_links, fetch_pages

__all__ = ["FetchPolicy", "PageCache", "collect_links", "fetch_pages"]
