"""Shared records, the typed values that cross layer boundaries: ``Chunk``, ``Hit``, ``Source``.

They live at the bottom of the import graph so that every layer (knowledge,
search, learner, answering, web) can pass them without importing the others.
Also here: the heading-path separator and the step-id helpers
(``step_number``, ``step_id``), so nothing parses ids by splitting strings.
Nothing here does any work beyond converting these records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.documents import Document as LCDocument

#: Joins a heading path ("Step 8: … › Resources").
PATH_SEPARATOR = " › "
_STEP_ID = re.compile(r"step-(\d+)(?:/|$)")


def step_number(item: str) -> int:
    """The roadmap step number of a step or topic id: ``step-4`` → 4, ``step-1/libraries`` → 1."""
    m = _STEP_ID.match(item)
    if not m:
        raise ValueError(f"{item!r} is not a step or topic id (like step-4 or step-1/libraries)")
    return int(m.group(1))


def step_id(number: int) -> str:
    """The id of roadmap step ``number``: 4 → ``step-4``."""
    return f"step-{number}"


@dataclass(frozen=True)
class Chunk:
    """A piece of a document small enough to embed, with where it came from."""

    source_id: str
    """Id of the source document."""
    title: str
    """The document's title."""
    kind: str
    """``roadmap`` or ``page``."""
    url: str
    """Link to the exact place: the step anchor for roadmap steps, else the page."""
    section: str
    """Heading path joined with `` › `` (empty for text before the first heading)."""
    step: int | None
    """Roadmap step number when the chunk is inside a step."""
    start: int
    """Offset of the chunk's first character in the document text."""
    end: int
    """Offset just past its last character."""
    text: str
    """The chunk's own text, ``document.text[start:end]``."""
    topic_ids: tuple[str, ...] = ()
    """Roadmap topic ids mentioned in this chunk (``step-8/core-concepts``)."""
    fetched: str = ""
    """Date the page was downloaded (pages fetched from the web only)."""

    @property
    def context(self) -> str:
        """The heading line embedded with the text, so that headings count for search."""
        return f"{self.title}{PATH_SEPARATOR}{self.section}" if self.section else self.title

    def to_document(self) -> LCDocument:
        """The LangChain document stored in the index (heading line + text)."""
        from langchain_core.documents import Document as LCDocument

        meta: dict[str, str | int] = {
            "source_id": self.source_id,
            "title": self.title,
            "kind": self.kind,
            "url": self.url,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "topic_ids": ",".join(self.topic_ids),
        }
        if self.step is not None:
            meta["step"] = self.step
        if self.fetched:
            meta["fetched"] = self.fetched
        return LCDocument(page_content=f"{self.context}\n{self.text}", metadata=meta)

    @classmethod
    def from_metadata(cls, content: str, meta: dict[str, object]) -> Chunk:
        """Rebuild a chunk from what the index stores (inverse of ``to_document``)."""
        _, _, text = content.partition("\n")
        step = meta.get("step")
        topics = str(meta.get("topic_ids") or "")
        return cls(
            source_id=str(meta.get("source_id", "")),
            title=str(meta.get("title", "")),
            kind=str(meta.get("kind", "page")),
            url=str(meta.get("url", "")),
            section=str(meta.get("section", "")),
            step=int(step) if isinstance(step, (int, float)) else None,
            start=int(meta.get("start", 0)),  # type: ignore[call-overload]
            end=int(meta.get("end", 0)),  # type: ignore[call-overload]
            text=text,
            topic_ids=tuple(t for t in topics.split(",") if t),
            fetched=str(meta.get("fetched") or ""),
        )


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its scores."""

    chunk: Chunk
    """The chunk and its provenance."""
    score: float
    """Fused score (higher is better); comparable within one query only."""
    similarity: float
    """Cosine similarity between query and chunk (0 when dense search missed it)."""
    keyword: float
    """BM25 score (0 when keyword search missed it)."""


@dataclass(frozen=True)
class Source:
    """A cited source, numbered as in the answer text."""

    n: int
    """The number used in the text as ``[n]``."""
    title: str
    """The document's title."""
    section: str
    """Heading path inside the document (`` › `` separated)."""
    url: str
    """Step anchor for the roadmap, the page URL otherwise."""
    snippet: str
    """The cited chunk's text, shortened."""
    score: float
    """Retrieval score of the chunk (higher is better)."""
    kind: str = "roadmap"
    """``roadmap`` or ``page``."""
    fetched: str = ""
    """Date a page fetched from the web was downloaded (``YYYY-MM-DD``); empty otherwise."""
    links: tuple[str, ...] = ()
    """URLs written verbatim in the cited chunk: the only links, besides ``url`` and the
    index's own, that an answer citing it may keep (see ``assistant.sanitize``)."""

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able fields."""
        return {
            "n": self.n,
            "title": self.title,
            "section": self.section,
            "url": self.url,
            "snippet": self.snippet,
            "score": round(self.score, 5),
            "kind": self.kind,
            "fetched": self.fetched,
            "links": list(self.links),
        }
