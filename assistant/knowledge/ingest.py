"""Build or update the index from the corpus, fetched pages and a mirror folder, incrementally.

The LangChain indexing API with a SQL record manager decides what to write and
what to delete: unchanged chunks are skipped, chunks of a changed section are
replaced, chunks of a removed source are deleted (``cleanup="full"``). A
cache-backed embedder (keyed by text) makes sure a chunk whose text did not
change is never embedded again, even when its offsets moved. All of it runs on
a staging generation that ``IndexStore.commit`` swaps in atomically. A source
that cannot be read this time keeps its previous chunks. This module does not
rank or answer anything.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from langchain_chroma import Chroma
from langchain_classic.embeddings import CacheBackedEmbeddings
from langchain_classic.indexes import SQLRecordManager
from langchain_classic.storage import LocalFileStore
from langchain_core.documents import Document as LCDocument
from langchain_core.indexing import index
from tqdm import tqdm

from assistant.knowledge.chunking import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE, chunk_document
from assistant.knowledge.corpus import SkippedEntry, gather_sources, load_document
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.fetch.cache import PageCache
from assistant.knowledge.store import SCHEMA_VERSION, Generation, IndexManifest, IndexStore
from assistant.records import Chunk
from assistant.settings import Settings

log = logging.getLogger(__name__)

RECORD_NAMESPACE = "roadmap-assistant/chunks"


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class SafeFileStore(LocalFileStore):
    """LocalFileStore whose writes are atomic and whose unreadable entries count as missing.

    A build killed while writing the embedding cache must not break the next build: values
    are written to a temporary file and renamed into place, and a value that is not valid
    JSON (an empty or truncated file from an older interrupted run) is deleted and treated as
    a cache miss, so the text is simply embedded again.
    """

    def mget(self, keys: Sequence[str]) -> list[bytes | None]:
        values = super().mget(keys)
        bad = []
        for i, value in enumerate(values):
            if value is None:
                continue
            try:
                json.loads(value.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                values[i] = None
                bad.append(keys[i])
        if bad:
            log.warning("dropped %d unreadable embedding cache entries", len(bad))
            self.mdelete(bad)
        return values

    def mset(self, key_value_pairs: Sequence[tuple[str, bytes]]) -> None:
        for key, value in key_value_pairs:
            path = self._get_full_path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(value)
            os.replace(tmp, path)


def cached_embedder(settings: Settings, embedder: Embedder) -> CacheBackedEmbeddings:
    """Wrap ``embedder`` with an on-disk cache keyed by (model, text)."""
    folder = settings.home / "cache" / "embeddings"
    folder.mkdir(parents=True, exist_ok=True)
    return CacheBackedEmbeddings.from_bytes_store(
        embedder,
        SafeFileStore(folder),
        namespace=embedder.model_id.replace("/", "_") + "-",
        key_encoder="blake2b",
    )


def _stored_chunks(gen: Generation) -> dict[str, tuple[str, str, LCDocument]]:
    """id → (source_id, section, document) for everything in the collection."""
    got = gen.open_collection().get(include=["documents", "metadatas"])
    out = {}
    for cid, doc, meta in zip(
        got["ids"], got["documents"] or [], got["metadatas"] or [], strict=False
    ):
        meta = dict(meta or {})
        out[cid] = (
            str(meta.get("source_id")),
            str(meta.get("section")),
            LCDocument(doc or "", metadata=meta),
        )
    return out


def ingest(
    settings: Settings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    progress: bool = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
) -> IngestSummary:
    """Bring the index in line with the corpus and ``settings.mirror``."""
    started = time.perf_counter()
    store = IndexStore(settings)
    fetched = PageCache(settings.pages_dir).sources()
    sources, skipped = gather_sources(settings.corpus_dir, settings.mirror, fetched)
    with store.lock():
        fresh = rebuild or store.current_folder() is None
        if not fresh:
            store.check(store.manifest(), embedder.model_id)
        gen = store.stage(fresh=fresh)
        try:
            before = _stored_chunks(gen)
            docs: list[LCDocument] = []
            indexed_sources: list[str] = []
            skipped_docs: list[SkippedEntry] = []
            for source in sources:
                try:
                    document = load_document(source, settings.home / "cache" / "text")
                    chunks = chunk_document(document, chunk_size, chunk_overlap)
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
            store_embedder = cached_embedder(settings, embedder)
            vector_store = Chroma(
                client=gen.client,
                collection_name=gen.collection,
                embedding_function=store_embedder,
                collection_configuration={"hnsw": {"space": "cosine"}},
            )
            records = SQLRecordManager(RECORD_NAMESPACE, db_url=gen.records_url)
            records.create_schema()
            embedded_before = embedder.texts_embedded
            stored_texts = {d.page_content for _, _, d in before.values()}
            _embed_new_texts(store_embedder, docs, stored_texts, progress)
            index(
                docs,
                records,
                vector_store,
                cleanup="full",
                source_id_key="source_id",
                key_encoder="blake2b",
                batch_size=256,
            )
            after = _stored_chunks(gen)
            counts = _diff(before, after)
            summary = IngestSummary(
                sources=len(indexed_sources),
                chunks=len(after),
                embedded=embedder.texts_embedded - embedded_before,
                seconds=0.0,
                skipped=tuple(skipped + skipped_docs),
                rebuilt=fresh,
                **counts,
            )
            if summary.changed or fresh:
                store.commit(
                    gen,
                    IndexManifest(
                        schema_version=SCHEMA_VERSION,
                        embedding_model=embedder.model_id,
                        dimension=embedder.dimension,
                        chunk_size=chunk_size,
                        chunk_overlap=chunk_overlap,
                        collection=gen.collection,
                        chunks=len(after),
                        sources=tuple(indexed_sources),
                        built_at=time.time(),
                    ),
                )
            else:
                store.discard(gen)
        except BaseException:
            store.discard(gen)
            raise
    return replace(summary, seconds=time.perf_counter() - started)


def _embed_new_texts(
    store_embedder: CacheBackedEmbeddings,
    docs: list[LCDocument],
    stored_texts: set[str],
    progress: bool,
    batch: int = 64,
) -> None:
    """Embed, into the cache, every text the index does not hold yet, before any write.

    The progress bar then counts real model work (a no-op run shows none), and
    the texts go in length-sorted batches, which keeps padding low. The indexing
    API afterwards finds every vector in the cache.
    """
    texts = sorted({d.page_content for d in docs} - stored_texts, key=len)
    with tqdm(
        total=len(texts), desc="Embedding chunks", unit="chunk", disable=not progress, leave=False
    ) as bar:
        for start in range(0, len(texts), batch):
            part = texts[start : start + batch]
            store_embedder.embed_documents(part)
            bar.update(len(part))


def _diff(
    before: dict[str, tuple[str, str, LCDocument]], after: dict[str, tuple[str, str, LCDocument]]
) -> dict[str, int]:
    """Count added / updated / removed / unchanged chunks between two snapshots.

    A chunk is "updated" when a chunk of the same source section disappeared
    in the same run; the remaining new ones are "added".
    """
    new = after.keys() - before.keys()
    gone = before.keys() - after.keys()
    new_by_section = Counter(after[i][:2] for i in new)
    gone_by_section = Counter(before[i][:2] for i in gone)
    updated = sum(min(n, gone_by_section[key]) for key, n in new_by_section.items())
    return {
        "added": len(new) - updated,
        "updated": updated,
        "removed": len(gone) - updated,
        "unchanged": len(after.keys() & before.keys()),
    }


__all__ = ["Chunk", "Embedder", "IngestSummary", "ingest"]
