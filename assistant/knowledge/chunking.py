"""Cut documents into heading-aware chunks that carry their provenance.

Each section (see ``sections.py``) is split on its own with LangChain's
``RecursiveCharacterTextSplitter``, so no chunk straddles two headings. A chunk
knows its source, section path (``Step 8: Reinforcement Learning (RL) › What to
Learn?``), link (a roadmap chunk links to the GitHub anchor of its own, deepest
heading, e.g. ``#what-to-learn-7``; a page chunk to its page), step number and
character offsets in the document text. ``Chunk.to_document`` is the one place
where a chunk becomes a LangChain ``Document`` for the index, and
``Chunk.from_metadata`` the way back. Embedding and storage are elsewhere.
"""

from __future__ import annotations

import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.knowledge.corpus import Document
from assistant.knowledge.roadmap import Roadmap, parse_roadmap
from assistant.knowledge.sections import Section, split_markdown, split_rst
from assistant.records import PATH_SEPARATOR, Chunk

#: Chosen with benchmarks/chunk_sweep.py (roadmap + mirror, real MiniLM): 400/50 to 1200/150
#: all gave hit@1 0.812 / hit@3 0.938 on the labelled questions, so the size with the fewest
#: chunks and the fastest ingest won. Folding small page sections then took 757 chunks to 538.
DEFAULT_CHUNK_SIZE = 1200
DEFAULT_CHUNK_OVERLAP = 100
_STEP = re.compile(r"^Step\s+(\d+)\s*:")


def split_sections(doc: Document) -> list[Section]:
    """Sections of a document according to its format."""
    if doc.source.format == "rst":
        return split_rst(doc.text)
    if doc.source.format == "text":
        return [Section((), 0, "", 0, len(doc.text), doc.text)]
    return split_markdown(doc.text)  # markdown, and HTML already turned into Markdown


def fold_small_sections(sections: list[Section], text: str, limit: int) -> list[Section]:
    """Join neighbouring sections of the same parent while their span fits in ``limit``.

    Linked pages (the author's other roadmaps above all) have many one-bullet
    sections; embedding each alone costs a model pass for a few words. A folded
    section keeps the shared heading path, and the inner headings stay in its
    text. The AI Engineer roadmap itself is never folded: its fine sections are
    what answers cite. A folded section keeps an anchor only when it starts at its
    parent's own heading.
    """
    folded: list[Section] = []
    for sec in sections:
        prev = folded[-1] if folded else None
        if prev is not None and sec.end - prev.start <= limit:
            common = _common_prefix(prev.path, sec.path)
            if common or not (prev.path or sec.path):
                folded[-1] = Section(
                    common,
                    len(common),
                    common[-1] if common else "",
                    prev.start,
                    sec.end,
                    text[prev.start : sec.end],
                    prev.anchor if common == prev.path else "",
                )
                continue
        folded.append(sec)
    return folded


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _topics_in(text: str, roadmap: Roadmap, step: int | None) -> tuple[str, ...]:
    if step is None:
        return ()
    try:
        topics = roadmap.step(step).topics
    except KeyError:
        return ()
    lowered = text.lower()
    return tuple(t.id for t in topics if t.name.lower().rstrip(".") in lowered)


def chunk_document(
    doc: Document,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
) -> list[Chunk]:
    """Heading-aware chunks of ``doc``, in document order."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        add_start_index=True,
        separators=["\n\n", "\n- ", "\n", ". ", " ", ""],
        keep_separator="start",
    )
    roadmap = parse_roadmap(doc.text, doc.source.url) if doc.source.kind == "roadmap" else None
    chunks: list[Chunk] = []
    sections = split_sections(doc)
    if roadmap is None:
        sections = fold_small_sections(sections, doc.text, chunk_size)
    for section in sections:
        if not section.body.strip():
            continue
        step = None
        url = doc.source.url
        if roadmap is not None and section.path:
            if m := _STEP.match(section.path[0]):
                step = int(m.group(1))
            url = roadmap.anchor_url(section.anchor)
        for piece in splitter.create_documents([section.body]):
            text = piece.page_content.strip()
            if not re.search(r"\w", text):
                continue
            offset = section.start + int(piece.metadata["start_index"])
            start = doc.text.index(text, offset) if text in doc.text[offset:] else offset
            chunks.append(
                Chunk(
                    source_id=doc.source.id,
                    title=doc.source.title,
                    kind=doc.source.kind,
                    url=url,
                    section=PATH_SEPARATOR.join(section.path),
                    step=step,
                    start=start,
                    end=start + len(text),
                    text=text,
                    topic_ids=_topics_in(text, roadmap, step) if roadmap else (),
                    fetched=doc.source.fetched,
                )
            )
    return chunks
