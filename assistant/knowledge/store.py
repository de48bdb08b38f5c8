"""Where the index lives: Chroma (embedded or server), its manifest, atomic swaps.

An index is a *generation*: a folder with ``manifest.json`` (schema version,
embedding model, dimension, chunking), the LangChain record manager's SQLite
file and, for the embedded client, the Chroma data itself. With ``CHROMA_HOST``
the vectors live in a collection on the server instead, named after the
generation. ``current`` is a symlink to the complete generation that commands
serve. A build works on a staging copy and only a finished build moves the
symlink (one ``rename``), so killing a build at any moment leaves the previous
index, or none, but never a half-built one. This module knows nothing about
documents, chunking or ranking.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError

from assistant.errors import ChromaUnavailableError, IndexMismatchError, IndexMissingError
from assistant.settings import Settings

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.sqlite"
CURRENT = "current"
KEEP_GENERATIONS = 2  # the current one and the one before (a reader may still use it)
REBUILD_COMMAND = "roadmap-assistant ingest --rebuild"


@dataclass(frozen=True)
class IndexManifest:
    """What a generation was built with; checked whenever an index is opened."""

    schema_version: int
    """Layout version of chunks and metadata (``SCHEMA_VERSION``)."""
    embedding_model: str
    """The ``EMBEDDING_MODEL`` the vectors were made with."""
    dimension: int
    """Length of the vectors."""
    chunk_size: int
    """Characters per chunk the splitter aimed at."""
    chunk_overlap: int
    """Characters shared by neighbouring chunks of a section."""
    collection: str
    """Chroma collection holding the vectors."""
    chunks: int
    """Number of chunks in the collection."""
    sources: tuple[str, ...]
    """Ids of the indexed sources."""
    built_at: float
    """Unix time the generation was committed."""

    def write(self, folder: Path) -> None:
        tmp = folder / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, folder / MANIFEST)

    @classmethod
    def read(cls, folder: Path) -> IndexManifest:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        data["sources"] = tuple(data.get("sources", ()))
        return cls(**data)


@dataclass
class Generation:
    """One build of the index: a folder plus (server mode) a collection name."""

    folder: Path
    """Holds the manifest, the record manager and (embedded) the Chroma data."""
    collection: str
    """Chroma collection name."""
    client: ClientAPI
    """Chroma client the collection is reached through."""

    @property
    def records_url(self) -> str:
        """SQLAlchemy URL of the record manager's database."""
        return f"sqlite:///{self.folder / RECORDS}"

    def open_collection(self) -> Collection:
        """The collection, created empty (cosine space, no embedding function) if missing."""
        return self.client.get_or_create_collection(
            self.collection,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
        )


class IndexStore:
    """The generations under one root folder, and which one is current."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server = settings.chroma_host is not None
        if self.server:
            name = f"{settings.chroma_host}-{settings.chroma_port}".replace(":", "-")
            self.root = settings.home / "chroma-server" / name
        else:
            self.root = settings.index_dir

    # ---- reading -----------------------------------------------------------------------------
    def current_folder(self) -> Path | None:
        """The current generation's folder, or None when no complete build exists."""
        link = self.root / CURRENT
        if not link.is_symlink() and not link.is_dir():
            return None
        folder = link.resolve()
        return folder if (folder / MANIFEST).is_file() else None

    def manifest(self) -> IndexManifest:
        """The current manifest; ``IndexMissingError`` when nothing is built yet."""
        folder = self.current_folder()
        if folder is None:
            raise IndexMissingError(
                f"No index at {self.root}. Build it with: roadmap-assistant ingest"
            )
        try:
            return IndexManifest.read(folder)
        except (OSError, ValueError, TypeError) as err:
            raise IndexMismatchError(
                f"The index manifest at {folder} is unreadable ({err}). "
                f"Rebuild it with: {REBUILD_COMMAND}"
            ) from err

    def check(self, manifest: IndexManifest, model_id: str, dimension: int | None = None) -> None:
        """Refuse an index built with another schema or embedding model."""
        if manifest.schema_version != SCHEMA_VERSION:
            raise IndexMismatchError(
                f"The index at {self.root} has schema version {manifest.schema_version}; "
                f"this version of the assistant needs {SCHEMA_VERSION}. "
                f"Rebuild it with: {REBUILD_COMMAND}"
            )
        if manifest.embedding_model != model_id or (
            dimension is not None and manifest.dimension != dimension
        ):
            raise IndexMismatchError(
                f"The index at {self.root} was built with the embedding model "
                f"{manifest.embedding_model!r} ({manifest.dimension} dimensions), but "
                f"EMBEDDING_MODEL is {model_id!r}"
                + (f" ({dimension} dimensions)" if dimension else "")
                + f". Rebuild it with: {REBUILD_COMMAND} (or set EMBEDDING_MODEL back)."
            )

    def open_current(self) -> tuple[Generation, IndexManifest]:
        """The current generation and its manifest (not yet checked against a model)."""
        manifest = self.manifest()
        folder = self.current_folder()
        assert folder is not None  # manifest() raised otherwise
        return Generation(folder, manifest.collection, self._client(folder)), manifest

    # ---- clients -----------------------------------------------------------------------------
    def _client(self, folder: Path) -> ClientAPI:
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.server:
            try:
                return chromadb.HttpClient(
                    host=self.settings.chroma_host or "",
                    port=self.settings.chroma_port,
                    settings=chroma_settings,
                )
            except (ValueError, ConnectionError, OSError) as err:
                raise ChromaUnavailableError(
                    f"Cannot reach the Chroma server at {self.settings.chroma_host}:"
                    f"{self.settings.chroma_port} ({err}). Start it, or unset CHROMA_HOST "
                    "to use the embedded index."
                ) from err
        return chromadb.PersistentClient(path=str(folder / "chroma"), settings=chroma_settings)

    # ---- building ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Only one build at a time per index root."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def stage(self, fresh: bool) -> Generation:
        """A staging generation: a copy of the current one, or empty when ``fresh``."""
        self._sweep_staging()
        gid = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        folder = self.root / f".staging-{os.getpid()}-{gid}"
        current = None if fresh else self.current_folder()
        if current is not None and not self.server:
            shutil.copytree(current, folder, ignore=shutil.ignore_patterns(".*"))
        else:
            folder.mkdir(parents=True)
            if current is not None:
                shutil.copy2(current / RECORDS, folder / RECORDS)
        gen = Generation(folder, f"ra-{gid}" if self.server else "chunks", self._client(folder))
        if current is not None and self.server:
            old = IndexManifest.read(current)
            _copy_collection(gen.client.get_collection(old.collection), gen.open_collection())
        return gen

    def commit(self, gen: Generation, manifest: IndexManifest) -> Path:
        """Make ``gen`` current in one atomic step; returns its final folder."""
        manifest.write(gen.folder)
        self._release(gen)
        final = self.root / ("gen-" + gen.folder.name.split("-", 2)[2])
        os.rename(gen.folder, final)
        tmp_link = self.root / f".current-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            tmp_link.unlink()
        tmp_link.symlink_to(final.name)
        os.replace(tmp_link, self.root / CURRENT)  # the atomic switch
        self._prune(keep=final)
        return final

    def discard(self, gen: Generation) -> None:
        """Throw a staging generation away (nothing changed, or the build failed)."""
        if self.server:
            # Best effort: the next build's sweep deletes what is left here.
            with contextlib.suppress(ChromaError, ValueError, ConnectionError, OSError):
                gen.client.delete_collection(gen.collection)
        self._release(gen)
        shutil.rmtree(gen.folder, ignore_errors=True)

    def _release(self, gen: Generation) -> None:
        close = getattr(gen.client, "close", None)
        if callable(close) and not self.server:
            close()

    def _sweep_staging(self) -> None:
        """Remove staging folders left by builds that were killed."""
        for folder in self.root.glob(".staging-*"):
            pid_text = folder.name.removeprefix(".staging-").partition("-")[0]
            pid = int(pid_text) if pid_text.isdigit() else 0
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(folder, ignore_errors=True)
        if self.server:
            self._sweep_server_collections()

    def _sweep_server_collections(self) -> None:
        live = set()
        for folder in [*self.root.glob("gen-*"), *self.root.glob(".staging-*")]:
            with contextlib.suppress(OSError, ValueError, TypeError):
                live.add(IndexManifest.read(folder).collection)
        staging_ids = {f.name.split("-", 2)[2] for f in self.root.glob(".staging-*")}
        client = self._client(self.root)
        for col in client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith("ra-") and name not in live and name[3:] not in staging_ids:
                client.delete_collection(name)

    def _prune(self, keep: Path) -> None:
        gens = sorted(self.root.glob("gen-*"), key=lambda p: p.name, reverse=True)
        for old in [g for g in gens if g != keep][KEEP_GENERATIONS - 1 :]:
            if self.server:
                with contextlib.suppress(OSError, ValueError, TypeError):
                    self._client(old).delete_collection(IndexManifest.read(old).collection)
            shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _copy_collection(source: Collection, target: Collection, batch: int = 500) -> None:
    """Copy ids, vectors, documents and metadata (server mode has no folder to copy)."""
    total = source.count()
    for offset in range(0, total, batch):
        got = source.get(
            limit=batch, offset=offset, include=["embeddings", "documents", "metadatas"]
        )
        if got["ids"]:
            target.add(
                ids=got["ids"],
                embeddings=got["embeddings"],
                documents=got["documents"],
                metadatas=got["metadatas"],
            )
