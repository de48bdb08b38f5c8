"""Write chunks into a staging generation with the LangChain indexing API (ingest's heavy half).

The LangChain indexing API with a SQL record manager decides what to write and
what to delete: unchanged chunks are skipped, chunks of a changed section are
replaced, chunks of a removed source are deleted (``cleanup="full"``). A
cache-backed embedder (keyed by text) makes sure a chunk whose text did not
change is never embedded again, even when its offsets moved. This module imports
LangChain and Chroma, so ``ingest`` loads it only when something may have
changed; it does not decide whether to build, and does not commit anything.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_chroma import Chroma
from langchain_classic.embeddings import CacheBackedEmbeddings
from langchain_classic.indexes import SQLRecordManager
from langchain_classic.storage import LocalFileStore
from langchain_core.documents import Document as LCDocument
from langchain_core.indexing import index
from tqdm import tqdm

from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.store import RECORDS, Generation
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.knowledge.ingest import EmbedProgress

log = logging.getLogger(__name__)

RECORD_NAMESPACE = "roadmap-assistant/chunks"
#: The table ``SQLRecordManager`` keeps its records in.
RECORDS_TABLE = "upsertion_record"

#: id → (source_id, section, document): a snapshot of a collection.
Snapshot = dict[str, tuple[str, str, LCDocument]]


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
            try:
                tmp.write_bytes(value)
                os.replace(tmp, path)
            except OSError:
                tmp.unlink(missing_ok=True)  # a full disk keeps no half-written entry
                raise


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


def records_problem(folder: Path, chunks: int) -> str | None:
    """What is wrong with a generation's record manager, or ``None``.

    Without its records the indexing API would take every chunk for new; an update then
    starts from scratch instead (the index itself still answers without them).
    """
    database = folder / RECORDS
    if not database.is_file():
        return f"its record manager ({database.name}) is missing"
    try:
        with contextlib.closing(sqlite3.connect(database.as_uri() + "?mode=ro", uri=True)) as db:
            (count,) = db.execute(f"SELECT COUNT(*) FROM {RECORDS_TABLE}").fetchone()
    except sqlite3.Error as err:
        return f"its record manager ({database.name}) is unreadable ({err})"
    if count != chunks:
        return f"its record manager holds {count} records for {chunks} chunks"
    return None


def stored_chunks(gen: Generation) -> Snapshot:
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


def write_documents(
    settings: Settings,
    gen: Generation,
    embedder: Embedder,
    docs: list[LCDocument],
    before: Snapshot,
    progress: bool,
    on_progress: EmbedProgress | None = None,
) -> Snapshot:
    """Make ``gen`` hold exactly ``docs`` (embedding only new texts); returns what it holds.

    ``progress`` shows the terminal's bar; ``on_progress`` is told the same counts.
    """
    store_embedder = cached_embedder(settings, embedder)
    vector_store = Chroma(
        client=gen.client,
        collection_name=gen.collection,
        embedding_function=store_embedder,
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    records = SQLRecordManager(RECORD_NAMESPACE, db_url=gen.records_url)
    try:
        records.create_schema()
        stored_texts = {d.page_content for _, _, d in before.values()}
        _embed_new_texts(store_embedder, docs, stored_texts, progress, on_progress)
        index(
            docs,
            records,
            vector_store,
            cleanup="full",
            source_id_key="source_id",
            key_encoder="blake2b",
            batch_size=256,
        )
    finally:  # no open handle keeps a discarded staging file's space in use
        records.engine.dispose()
    return stored_chunks(gen)


def _embed_new_texts(
    store_embedder: CacheBackedEmbeddings,
    docs: list[LCDocument],
    stored_texts: set[str],
    progress: bool,
    on_progress: EmbedProgress | None = None,
    batch: int = 64,
) -> None:
    """Embed, into the cache, every text the index does not hold yet, before any write.

    The progress bar then counts real model work (a no-op run shows none), and
    the texts go in length-sorted batches, which keeps padding low. The indexing
    API afterwards finds every vector in the cache. ``on_progress`` (the chat's
    status line) is told the bar's counts: ``(0, total)`` first, then
    ``(done, total)`` after every batch.
    """
    texts = sorted({d.page_content for d in docs} - stored_texts, key=len)
    report = on_progress or _no_progress
    with tqdm(
        total=len(texts), desc="Embedding chunks", unit="chunk", disable=not progress, leave=False
    ) as bar:
        report(0, len(texts))
        for done in range(0, len(texts), batch):
            part = texts[done : done + batch]
            store_embedder.embed_documents(part)
            bar.update(len(part))
            report(done + len(part), len(texts))


def _no_progress(done: int, total: int) -> None:
    """The ``on_progress`` of a build nobody watches but the terminal."""


def diff(before: Snapshot, after: Snapshot) -> dict[str, int]:
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
