"""What the evaluation asks: our assistant, and a plain LangChain RAG baseline.

``AssistantAnswerer`` wraps ``Assistant.ask`` and reports the chunks its
standalone query retrieves and the sources it cites. ``BaselineAnswerer`` is the
textbook pipeline the issue asks us to beat, built in the same run from the same
documents and embedder: ``RecursiveCharacterTextSplitter(1000, 200)``, Chroma
similarity top-k, and the retrieved context as the answer (it never declines
and cites every retrieved chunk). So that gold sections can be matched fairly,
each baseline chunk is labelled with the heading path at its start offset and
every other section its text spans; a gold match on any of them counts.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from assistant.answering.assistant import Assistant
from assistant.evaluation.metrics import AnswerRecord, Retrieved, markers_point_to_sources
from assistant.evaluation.questions import Question
from assistant.knowledge.chunking import split_sections
from assistant.knowledge.corpus import gather_sources, load_document
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.roadmap import parse_roadmap
from assistant.knowledge.sections import github_anchor
from assistant.records import PATH_SEPARATOR
from assistant.settings import Settings

BASELINE_CHUNK_SIZE = 1000
BASELINE_CHUNK_OVERLAP = 200


class AssistantAnswerer:
    """Our assistant, as the user gets it."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot
        self.name = bot.status().mode if bot.backend is not None else "offline"

    def answer(self, question: Question, k: int) -> AnswerRecord:
        started = time.perf_counter()
        ans = self.bot.ask(question.question, list(question.history))
        seconds = time.perf_counter() - started
        hits = self.bot.retriever.retrieve(ans.query, k=k).hits if ans.query else ()
        return AnswerRecord(
            text=ans.text,
            retrieved=tuple(Retrieved(h.chunk.title, h.chunk.section, h.chunk.url) for h in hits),
            cited=tuple(Retrieved(s.title, s.section, s.url) for s in ans.sources),
            declined=ans.declined,
            unsupported_citations=ans.unsupported_citations,
            markers_valid=markers_point_to_sources(ans.text, len(ans.sources)),
            seconds=seconds,
        )


class BaselineAnswerer:
    """Plain LangChain RAG over the same corpus and embedder."""

    name = "baseline"

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=BASELINE_CHUNK_SIZE,
            chunk_overlap=BASELINE_CHUNK_OVERLAP,
            add_start_index=True,
        )
        sources, _ = gather_sources(settings.corpus_dir, settings.mirror)
        splits = []
        for source in sources:
            doc = load_document(source, settings.home / "cache" / "text")
            sections = split_sections(doc)
            roadmap = parse_roadmap(doc.text, source.url) if source.kind == "roadmap" else None
            for piece in splitter.split_documents([Document(doc.text)]):
                start = int(piece.metadata["start_index"])
                end = start + len(piece.page_content)
                path = next((s.path for s in reversed(sections) if s.start <= start + 1), ())
                spanned = [
                    PATH_SEPARATOR.join(s.path)
                    for s in sections
                    if s.start < end and s.end > start and s.path != path
                ]
                url = source.url
                if roadmap is not None and path and path[0].startswith("Step"):
                    url = roadmap.anchor_url(github_anchor(path[0]))
                piece.metadata = {
                    "title": source.title,
                    "section": PATH_SEPARATOR.join(path),
                    "also": "\n".join(spanned),
                    "url": url,
                }
                splits.append(piece)
        self._folder = tempfile.TemporaryDirectory(prefix="baseline-")
        client = chromadb.PersistentClient(
            str(Path(self._folder.name)), ChromaSettings(anonymized_telemetry=False)
        )
        self.store = Chroma(
            client=client,
            collection_name="baseline",
            embedding_function=embedder,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        self.store.add_documents(splits)
        self.chunks = len(splits)

    def answer(self, question: Question, k: int) -> AnswerRecord:
        started = time.perf_counter()
        query = question.question
        if question.history:  # the plain pipeline just prepends the last user turn
            last = [t["content"] for t in question.history if t["role"] == "user"][-1:]
            query = " ".join([*last, query])
        docs = self.store.similarity_search(query, k=k)
        seconds = time.perf_counter() - started
        retrieved = tuple(
            Retrieved(
                d.metadata["title"],
                d.metadata["section"],
                d.metadata["url"],
                tuple(filter(None, d.metadata.get("also", "").split("\n"))),
            )
            for d in docs
        )
        text = "\n\n".join(d.page_content for d in docs)
        return AnswerRecord(text, retrieved, retrieved, False, seconds=seconds)
