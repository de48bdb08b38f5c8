"""Open the current index for searching (building or repairing it first), and follow new ones.

``open_retriever`` is the one entry the CLI, the UI and ``Assistant`` use: it checks the
manifest against the configured embedding model (a mismatch raises ``IndexMismatchError``
naming the rebuild command), builds the index when it is missing, rebuilds it when its
Chroma data is damaged (``repair``; otherwise ``IndexDamagedError`` names the command), and
returns a ready ``HybridRetriever``. The retriever holds a reader lease on its generation
until it is garbage-collected, so pruning never deletes an index in use. ``IndexFollower``
lets a long-running process see that another process committed a newer generation and open
it between questions. This module does not decide how answers are written.
"""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import (
    ChromaUnavailableError,
    CorpusError,
    IndexDamagedError,
    IndexMismatchError,
    IndexMissingError,
    StorageError,
)
from assistant.knowledge.embeddings import Embedder, SentenceEmbedder
from assistant.knowledge.graph import RoadmapGraph, load_roadmap_and_graph
from assistant.knowledge.store import Generation, IndexStore
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.knowledge.ingest import EmbedProgress

log = logging.getLogger(__name__)


def open_retriever(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    build_if_missing: bool = True,
    progress: bool = True,
    graph: RoadmapGraph | None = None,
    repair: bool | None = None,
    on_progress: EmbedProgress | None = None,
) -> HybridRetriever:
    """A retriever over the current index; builds it once if there is none.

    ``repair`` (default: ``build_if_missing``) rebuilds an index whose Chroma data is
    damaged. Learners' abbreviations come from the roadmap ``graph`` (read from the corpus
    when not given); a corpus without one spells none out. A build reports its embedding
    progress to ``on_progress`` as well as to the terminal's bar (``progress``).
    """
    return open_generation(
        settings,
        embedder,
        build_if_missing=build_if_missing,
        progress=progress,
        graph=graph,
        repair=repair,
        on_progress=on_progress,
    )[0]


def open_generation(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    build_if_missing: bool = True,
    progress: bool = True,
    graph: RoadmapGraph | None = None,
    repair: bool | None = None,
    on_progress: EmbedProgress | None = None,
) -> tuple[HybridRetriever, Path]:
    """``open_retriever``, plus the folder of the generation it serves."""
    embedder = embedder or SentenceEmbedder(settings)
    repair = build_if_missing if repair is None else repair
    store = IndexStore(settings)
    if store.current_folder() is None:
        if not build_if_missing:
            raise IndexMissingError(
                f"No index at {store.root}. Build it with: roadmap-assistant ingest"
            )
        _ingest(settings, embedder, progress, on_progress)
    try:
        generation, manifest = store.open_current()
    except IndexDamagedError as err:
        if not repair:
            raise
        log.warning("%s Rebuilding it now.", err)
        _ingest(settings, embedder, progress, on_progress)  # ingest sees the damage, rebuilds
        generation, manifest = store.open_current()
    try:
        store.check(manifest, embedder.model_id)
        retriever = _retriever(settings, generation, embedder, graph)
    except BaseException:
        generation.close()
        raise
    weakref.finalize(retriever, generation.close)  # the lease ends with the retriever
    return retriever, generation.folder


def _ingest(
    settings: Settings, embedder: Embedder, progress: bool, on_progress: EmbedProgress | None
) -> None:
    from assistant.knowledge.ingest import ingest

    ingest(settings, embedder, progress=progress, on_progress=on_progress)


def _retriever(
    settings: Settings, generation: Generation, embedder: Embedder, graph: RoadmapGraph | None
) -> HybridRetriever:
    if graph is None:
        try:
            graph = load_roadmap_and_graph(settings.corpus_dir)[1]
        except CorpusError:
            return HybridRetriever(generation, embedder)  # no graph: no abbreviations spelled out
    return HybridRetriever(generation, embedder, graph.search_synonyms, graph.dense_acronyms)


class IndexFollower:
    """Tells a long-running process (the chat server) about newer index generations.

    ``latest()`` is meant for the moment between two questions: it compares the served
    generation with the ``current`` link and, when another process committed a newer one,
    opens it (leased) and returns its retriever. A newer generation that cannot be opened
    (damaged, another embedding model, unreadable) is logged once and the served one kept.
    ``prune()`` then deletes the old generations that nobody holds any more.
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        graph: RoadmapGraph | None,
        folder: Path,
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self._graph = graph
        self._store = IndexStore(settings)
        self._lock = threading.Lock()
        self.folder = folder
        """The generation served now."""
        self._refused: Path | None = None

    def latest(self) -> HybridRetriever | None:
        """A retriever over a newer current generation, or ``None`` when there is none."""
        folder = self._store.current_folder()
        if folder is None or folder in (self.folder, self._refused):
            return None
        from chromadb.errors import ChromaError

        with self._lock:  # two questions at once open the new generation once
            if folder in (self.folder, self._refused):
                return None
            try:
                retriever, opened = open_generation(
                    self._settings,
                    self._embedder,
                    build_if_missing=False,
                    progress=False,
                    graph=self._graph,
                )
            except (
                IndexMissingError,
                IndexMismatchError,
                StorageError,
                ChromaUnavailableError,
                ChromaError,
            ) as err:
                log.warning("still serving %s; the newer index is not usable: %s", self.folder, err)
                self._refused = folder
                return None
            log.info("now serving index generation %s", opened.name)
            self.folder = opened
            return retriever

    def prune(self) -> None:
        """Delete old generations no reader holds (skipped while a build runs)."""
        self._store.prune()
