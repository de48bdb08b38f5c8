"""Build or update the index from the corpus, fetched pages and a mirror folder, incrementally.

First a cheap question: do the sources, settings and chunking code still hash to the
fingerprint in the current manifest, and does Chroma's own SQLite file still hold that many
chunks? Then nothing is loaded (no model, no LangChain, no Chroma) and the run is a no-op.
Otherwise the sources are chunked and ``indexing.write_documents`` brings a staging
generation in line (only new texts are embedded), which ``IndexStore.commit`` swaps in
atomically. A current index that is damaged (unreadable manifest, Chroma data missing or
not matching the manifest, unreadable records) is rebuilt from scratch, and the summary
says why. A source that cannot be read this time keeps its previous chunks. A write that
fails because the disk is full, read-only or not a folder becomes one ``StorageError``, and
the failed staging copy is gone by then. This module does not rank or answer anything.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError, IndexDamagedError, StorageError
from assistant.knowledge.corpus import CorpusSource, SkippedEntry, gather_sources
from assistant.knowledge.fetch.cache import PageCache
from assistant.knowledge.storage import REPAIR_COMMAND, storage_error
from assistant.knowledge.store import SCHEMA_VERSION, IndexManifest, IndexStore
from assistant.records import Chunk
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.documents import Document as LCDocument

    from assistant.knowledge.embeddings import Embedder
    from assistant.knowledge.indexing import Snapshot

#: The modules whose code decides what the chunks are: a change to any of them re-chunks.
CHUNKING_CODE = (
    "knowledge/chunking.py",
    "knowledge/sections.py",
    "knowledge/corpus.py",
    "knowledge/textfix.py",
    "knowledge/roadmap.py",
    "knowledge/ingest.py",
    "knowledge/indexing.py",
    "records.py",
)
_PACKAGE = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)

#: Told ``(chunks embedded, chunks to embed)`` as a build embeds: ``(0, total)`` first, then
#: after every batch (the counts the terminal's progress bar shows; a no-op run tells nothing).
EmbedProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestSummary:
    """What an ingest run did."""

    sources: int
    """Sources now in the index."""
    chunks: int
    """Chunks now in the index."""
    added: int
    """Chunks in sections that were not indexed before."""
    updated: int
    """Chunks that replaced a changed chunk of the same section."""
    removed: int
    """Chunks deleted (changed or removed sources)."""
    unchanged: int
    """Chunks left as they were."""
    embedded: int
    """Texts actually sent to the embedding model (cache misses)."""
    seconds: float
    """Wall time of the run."""
    skipped: tuple[SkippedEntry, ...] = field(default=())
    """Mirror entries or documents that were not (re)indexed, with reasons."""
    rebuilt: bool = False
    """True when the index was built from scratch."""
    repaired: str = ""
    """Why the previous index was rebuilt (its Chroma data was damaged); empty otherwise."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def sources_fingerprint(
    sources: list[CorpusSource], model_id: str, chunk_size: int | None, chunk_overlap: int | None
) -> str:
    """A hash of everything that decides the chunks: sources (bytes and fields), settings and
    the chunking code. Reading the files costs milliseconds; chunking them costs seconds."""
    digest = hashlib.blake2b(digest_size=20)
    settings = [SCHEMA_VERSION, model_id, chunk_size or "default", chunk_overlap or "default"]
    digest.update(json.dumps(settings).encode())
    for name in CHUNKING_CODE:
        digest.update(_file_bytes(_PACKAGE / name))
    for source in sources:
        fields = [source.id, source.title, source.url, source.kind, source.format]
        digest.update(json.dumps([*fields, source.license, source.fetched]).encode())
        digest.update(_file_bytes(source.path))
    return digest.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError as err:  # the full run reports it (or keeps the previous version)
        return f"unreadable:{path}:{err.errno}".encode()


@dataclass(frozen=True)
class _Run:
    """What one ingest run works from (passed between its steps)."""

    settings: Settings
    store: IndexStore
    embedder: Embedder | None
    """``None``: the configured model, loaded only if something must be embedded."""
    model_id: str
    sources: list[CorpusSource]
    skipped: list[SkippedEntry]
    """Mirror entries that were not imported, with reasons."""
    fingerprint: str
    chunk_size: int | None = None
    chunk_overlap: int | None = None
    progress: bool = True
    on_progress: EmbedProgress | None = None


def ingest(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    rebuild: bool = False,
    progress: bool = True,
    chunk_size: int | None = None,
    chunk_overlap: int | None = None,
    on_progress: EmbedProgress | None = None,
) -> IngestSummary:
    """Bring the index in line with the corpus and ``settings.mirror``.

    ``embedder`` defaults to the configured sentence-transformers model, created only when
    the index is not up to date (a no-op run imports no model, LangChain or Chroma).
    ``chunk_size``/``chunk_overlap`` default to the chunker's own defaults. ``progress``
    draws the terminal's bar; ``on_progress`` is told the same counts (the chat's status).
    """
    started = time.perf_counter()
    store = IndexStore(settings)
    fetched = PageCache(settings.pages_dir).sources()
    sources, skipped = gather_sources(settings.corpus_dir, settings.mirror, fetched)
    model_id = embedder.model_id if embedder is not None else settings.embedding_model
    run = _Run(
        settings,
        store,
        embedder,
        model_id,
        sources,
        skipped,
        fingerprint=sources_fingerprint(sources, model_id, chunk_size, chunk_overlap),
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        progress=progress,
        on_progress=on_progress,
    )
    try:
        with store.lock():
            summary = _update(run, rebuild)
    except AssistantError:
        raise
    except Exception as err:  # a full or read-only disk, from our writes, SQLite or Chroma
        problem = storage_error(err, store.root, settings.home) or _store_failure(err, store.root)
        if problem is None:
            raise
        _free_failed_build(err)
        raise problem from err
    return replace(summary, seconds=time.perf_counter() - started)


def _free_failed_build(err: BaseException) -> None:
    """Free what a failed build still holds through ``err``'s tracebacks, now.

    Their frames keep the discarded staging generation's Chroma system alive, and with it
    open handles on deleted files: on a full disk that space would stay used until the
    garbage collector ran. The traceback is logged (debug) before it is dropped.
    """
    log.debug("the build failed", exc_info=err)
    seen: set[int] = set()
    cause: BaseException | None = err
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        cause.__traceback__ = None
        cause = cause.__cause__ or cause.__context__
    gc.collect()


def _store_failure(err: Exception, root: Path) -> StorageError | None:
    """Chroma's or SQLite's own error while writing the staging generation.

    On a nearly full disk Chroma may say only "Error in compaction: Failed to apply logs to
    the metadata segment"; the staging copy is gone by now and the current index unchanged.
    """
    if type(err).__module__.split(".")[0] not in ("chromadb", "sqlalchemy", "sqlite3"):
        return None
    said = " ".join(str(err).split())[:300]
    return StorageError(
        f"Could not write the index at {root} ({said}). If its disk is full, free some space; "
        f"then run: {REPAIR_COMMAND}"
    )


def _update(run: _Run, rebuild: bool) -> IngestSummary:
    """A no-op when the fingerprint matches and the data is whole; else a (re)build."""
    store = run.store
    current = None if rebuild else store.current_folder()
    if current is None:
        return _build(run, fresh=True, manifest=None)
    try:
        manifest = store.manifest()
    except IndexDamagedError as err:  # an unreadable manifest
        return _build(run, fresh=True, manifest=None, damaged=err.reason)
    store.check(manifest, run.model_id)
    if manifest.fingerprint == run.fingerprint and store.looks_whole(current, manifest):
        return _noop(run, manifest)
    try:
        store.open_current()[0].close()  # Chroma itself counts the chunks
    except IndexDamagedError as err:
        return _build(run, fresh=True, manifest=None, damaged=err.reason)
    if manifest.fingerprint == run.fingerprint:  # a Chroma server, or an unfamiliar layout
        return _noop(run, manifest)
    from assistant.knowledge.indexing import records_problem

    problem = records_problem(current, manifest.chunks)
    if problem is not None:
        return _build(run, fresh=True, manifest=None, damaged=problem)
    return _build(run, fresh=False, manifest=manifest)


def _noop(run: _Run, manifest: IndexManifest) -> IngestSummary:
    """The summary of a run that found nothing to do."""
    kept = tuple(SkippedEntry(name, reason) for name, reason in manifest.skipped)
    return IngestSummary(
        sources=len(manifest.sources),
        chunks=manifest.chunks,
        added=0,
        updated=0,
        removed=0,
        unchanged=manifest.chunks,
        embedded=0,
        seconds=0.0,
        skipped=tuple(run.skipped) + kept,
    )


def _build(
    run: _Run, *, fresh: bool, manifest: IndexManifest | None, damaged: str = ""
) -> IngestSummary:
    """The full run on a staging generation (LangChain, Chroma and the model load here)."""
    from assistant.knowledge import chunking, indexing
    from assistant.knowledge.embeddings import SentenceEmbedder

    store, embedder = run.store, run.embedder or SentenceEmbedder(run.settings)
    size = run.chunk_size or chunking.DEFAULT_CHUNK_SIZE
    overlap = run.chunk_overlap or chunking.DEFAULT_CHUNK_OVERLAP
    gen = store.stage(fresh=fresh)
    try:
        before = indexing.stored_chunks(gen)
        docs, indexed_sources, skipped_docs = _documents(run, before, size, overlap)
        embedded_before = embedder.texts_embedded
        after = indexing.write_documents(
            run.settings, gen, embedder, docs, before, run.progress, run.on_progress
        )
        summary = IngestSummary(
            sources=len(indexed_sources),
            chunks=len(after),
            embedded=embedder.texts_embedded - embedded_before,
            seconds=0.0,
            skipped=tuple(run.skipped + skipped_docs),
            rebuilt=fresh,
            repaired=damaged,
            **indexing.diff(before, after),
        )
        noted = tuple((e.name, e.reason) for e in skipped_docs)
        if summary.changed or manifest is None:
            store.commit(
                gen,
                IndexManifest(
                    schema_version=SCHEMA_VERSION,
                    embedding_model=embedder.model_id,
                    dimension=embedder.dimension,
                    chunk_size=size,
                    chunk_overlap=overlap,
                    collection=gen.collection,
                    chunks=len(after),
                    sources=tuple(indexed_sources),
                    built_at=time.time(),
                    fingerprint=run.fingerprint,
                    skipped=noted,
                ),
            )
        else:
            store.discard(gen)
            current = store.current_folder()
            if current is not None and (manifest.fingerprint, manifest.skipped) != (
                run.fingerprint,
                noted,
            ):  # the same chunks from other bytes: the next run is a no-op again
                replace(manifest, fingerprint=run.fingerprint, skipped=noted).write(current)
    except BaseException:
        store.discard(gen)
        raise
    return summary


def _documents(
    run: _Run, before: Snapshot, size: int, overlap: int
) -> tuple[list[LCDocument], list[str], list[SkippedEntry]]:
    """The chunks of every source as documents; an unreadable source keeps its old chunks."""
    from assistant.knowledge.chunking import chunk_document
    from assistant.knowledge.corpus import load_document

    docs: list[LCDocument] = []
    indexed_sources: list[str] = []
    skipped_docs: list[SkippedEntry] = []
    for source in run.sources:
        try:
            document = load_document(source, run.settings.home / "cache" / "text")
            chunks = chunk_document(document, size, overlap)
        except ValueError as err:
            kept = [d for sid, _, d in before.values() if sid == source.id]
            note = "; kept the previous version" if kept else ""
            name = source.url if source.id.startswith("web:") else source.path.name
            skipped_docs.append(SkippedEntry(name, f"{err}{note}"))
            docs.extend(kept)
            indexed_sources += [source.id] if kept else []
            continue
        docs.extend(c.to_document() for c in chunks)
        indexed_sources.append(source.id)
    return docs, indexed_sources, skipped_docs


__all__ = ["Chunk", "IngestSummary", "ingest", "sources_fingerprint"]
