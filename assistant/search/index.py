"""Open the current index for searching, building it first when it is missing.

``open_retriever`` is the one entry the CLI, the UI and the later ``Assistant``
use: it checks the manifest against the configured embedding model (a
mismatch raises ``IndexMismatchError`` naming the rebuild command) and returns
a ready ``HybridRetriever``. It does not decide how answers are written.
"""

from __future__ import annotations

from assistant.errors import CorpusError, IndexMissingError
from assistant.knowledge.embeddings import Embedder, SentenceEmbedder
from assistant.knowledge.graph import RoadmapGraph, load_roadmap_and_graph
from assistant.knowledge.store import IndexStore
from assistant.search.retrieval import HybridRetriever
from assistant.settings import Settings


def open_retriever(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    build_if_missing: bool = True,
    progress: bool = True,
    graph: RoadmapGraph | None = None,
) -> HybridRetriever:
    """A retriever over the current index; builds it once if there is none.

    Learners' abbreviations come from the roadmap ``graph`` (read from the corpus when not
    given); a corpus without one spells none out.
    """
    embedder = embedder or SentenceEmbedder(settings)
    store = IndexStore(settings)
    if store.current_folder() is None:
        if not build_if_missing:
            raise IndexMissingError(
                f"No index at {store.root}. Build it with: roadmap-assistant ingest"
            )
        from assistant.knowledge.ingest import ingest

        ingest(settings, embedder, progress=progress)
    generation, manifest = store.open_current()
    store.check(manifest, embedder.model_id)
    if graph is None:
        try:
            graph = load_roadmap_and_graph(settings.corpus_dir)[1]
        except CorpusError:
            return HybridRetriever(generation, embedder)  # no graph: no abbreviations spelled out
    return HybridRetriever(generation, embedder, graph.search_synonyms, graph.dense_acronyms)
