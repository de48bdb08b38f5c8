"""Where the index lives: Chroma (embedded or server), its manifest, atomic swaps, readers.

An index is a *generation*: a folder with ``manifest.json`` (schema version,
embedding model, dimension, chunking, a fingerprint of its sources), the
LangChain record manager's SQLite file and, for the embedded client, the Chroma
data itself. With ``CHROMA_HOST`` the vectors live in a collection on the server
instead, named after the generation. ``current`` is a symlink to the complete
generation that commands serve. A build works on a staging copy and only a
finished build moves the symlink (one ``rename``), so killing a build at any
moment leaves the previous index, or none, but never a half-built one; a staging
copy that fails (a full disk) is removed at once.

Opening a generation checks that its Chroma data still holds what the manifest
says (``IndexDamagedError`` otherwise) and takes a *reader lease*: a shared
``flock`` on the generation's ``.readers`` file, held while it is served.
Pruning old generations skips every leased one, so a running server never loses
the generation it answers from. This module knows nothing about documents,
chunking or ranking.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import (
    ChromaUnavailableError,
    IndexDamagedError,
    IndexMismatchError,
    IndexMissingError,
    StorageError,
)
from assistant.knowledge.storage import REPAIR_COMMAND, read_only_index, storage_error
from assistant.settings import Settings

if TYPE_CHECKING:  # chromadb is imported only when an index is opened or built
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.sqlite"
CURRENT = "current"
READERS = ".readers"  # each reader holds a shared flock on it; pruning needs an exclusive one
KEEP_GENERATIONS = 2  # the current one and the one before (older ones go unless leased)
REBUILD_COMMAND = "roadmap-assistant ingest --rebuild"
#: Chroma's own SQLite file inside an embedded generation.
CHROMA_SQLITE = "chroma.sqlite3"
_COUNT_SQL = (
    "SELECT COUNT(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
    "JOIN collections c ON s.collection = c.id WHERE c.name = ? AND s.scope = 'METADATA'"
)


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
    fingerprint: str = ""
    """Hash of the sources, settings and chunking code last ingested; equal means no-op."""
    skipped: tuple[tuple[str, str], ...] = ()
    """Documents the last ingest could not read (name, reason), to report on a no-op."""

    def write(self, folder: Path) -> None:
        tmp = folder / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, folder / MANIFEST)

    @classmethod
    def read(cls, folder: Path) -> IndexManifest:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        data["sources"] = tuple(data.get("sources", ()))
        data["skipped"] = tuple((str(n), str(r)) for n, r in data.get("skipped", ()))
        return cls(**data)


class ReaderLease:
    """A shared lock on a generation's ``.readers`` file; released once, on ``release()``
    or when the lease is garbage-collected."""

    def __init__(self, fd: int) -> None:
        self._close = weakref.finalize(self, os.close, fd)

    def release(self) -> None:
        self._close()


def take_lease(folder: Path) -> ReaderLease | None:
    """Lease ``folder`` for reading; ``None`` when its readers file cannot be had (a read-only
    generation from an older version: nothing can prune it then either)."""
    path = folder / READERS
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
        except OSError:
            return None
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a pruner deletes this generation
    return ReaderLease(fd)


@dataclass
class Generation:
    """One build of the index: a folder plus (server mode) a collection name."""

    folder: Path
    """Holds the manifest, the record manager and (embedded) the Chroma data."""
    collection: str
    """Chroma collection name."""
    client: ClientAPI
    """Chroma client the collection is reached through."""
    lease: ReaderLease | None = None
    """Held while the generation is read, so pruning leaves it alone."""
    server: bool = False
    """True when the collection lives on a Chroma server."""

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

    def close(self) -> None:
        """Release the reader lease and (embedded) the Chroma client; safe to call twice."""
        close = getattr(self.client, "close", None)
        if callable(close) and not self.server:
            close()
        if self.lease is not None:
            self.lease.release()


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
        try:
            folder = link.resolve()
        except (OSError, RuntimeError):  # a symlink loop: the next build replaces the link
            return None
        return folder if (folder / MANIFEST).is_file() else None

    def manifest(self) -> IndexManifest:
        """The current manifest; ``IndexMissingError`` when nothing is built yet."""
        folder = self.current_folder()
        if folder is None:
            raise IndexMissingError(f"No index at {self.root}. Build it with: {REPAIR_COMMAND}")
        return self._manifest_of(folder)

    def _manifest_of(self, folder: Path) -> IndexManifest:
        try:
            return IndexManifest.read(folder)
        except (OSError, ValueError, TypeError) as err:
            raise damaged(folder, f"its manifest is unreadable ({_one_line(err)})") from err

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
        """The current generation, leased and checked whole, and its manifest.

        Raises ``IndexDamagedError`` when its Chroma data is missing or holds another number
        of chunks than the manifest says (``ingest`` then rebuilds it), and ``StorageError``
        for a read-only embedded index. ``Generation.close()`` ends the lease.
        """
        for _ in range(10):  # a generation can be pruned between resolving and leasing it
            folder = self.current_folder()
            if folder is None:
                raise IndexMissingError(f"No index at {self.root}. Build it with: {REPAIR_COMMAND}")
            lease = take_lease(folder)
            if (folder / MANIFEST).is_file():
                break
            if lease is not None:
                lease.release()
        else:
            raise IndexMissingError(f"No index at {self.root}. Build it with: {REPAIR_COMMAND}")
        try:
            manifest = self._manifest_of(folder)
            client = self._reader_client(folder)
            gen = Generation(folder, manifest.collection, client, lease, self.server)
            problem = self.damage(gen, manifest)
        except BaseException:
            if lease is not None:
                lease.release()
            raise
        if problem is not None:
            gen.close()
            raise damaged(folder, problem)
        return gen, manifest

    def damage(self, gen: Generation, manifest: IndexManifest) -> str | None:
        """What is wrong with ``gen``'s Chroma data, or ``None`` when it matches ``manifest``."""
        from chromadb.errors import ChromaError, NotFoundError

        try:
            count = gen.client.get_collection(gen.collection).count()
        except (NotFoundError, ValueError):
            return f"the Chroma collection {gen.collection!r} that its manifest names is missing"
        except ChromaError as err:
            return f"Chroma cannot read its collection {gen.collection!r} ({_one_line(err)})"
        if count != manifest.chunks:
            return (
                f"its manifest lists {manifest.chunks} chunks but the Chroma collection "
                f"{gen.collection!r} holds {count}"
            )
        return None

    def looks_whole(self, folder: Path, manifest: IndexManifest) -> bool:
        """True when the embedded Chroma data plainly holds the manifest's chunks.

        Read with ``sqlite3`` alone, so a no-op ingest needs no Chroma import. ``False``
        means "not plainly": the caller checks with Chroma itself (``damage``).
        """
        database = folder / "chroma" / CHROMA_SQLITE
        if self.server or not database.is_file():
            return False
        try:
            uri = database.as_uri() + "?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
                row = db.execute(_COUNT_SQL, (manifest.collection,)).fetchone()
        except sqlite3.Error as err:  # another Chroma layout: let Chroma answer
            log.debug("cannot count %s with sqlite3: %s", database, err)
            return False
        return row is not None and row[0] == manifest.chunks

    # ---- clients -----------------------------------------------------------------------------
    def _reader_client(self, folder: Path) -> ClientAPI:
        """A client for reading ``folder``: it must not create Chroma data where there is none."""
        if not self.server:
            chroma = folder / "chroma"
            if not (chroma / CHROMA_SQLITE).is_file():
                raise damaged(folder, f"its Chroma data ({chroma}) is missing")
            if not os.access(chroma, os.W_OK) or not os.access(chroma / CHROMA_SQLITE, os.W_OK):
                raise read_only_index(folder.parent)
        from chromadb.errors import ChromaError

        try:
            return self._client(folder)
        except ChromaError as err:  # e.g. "file is not a database": the data itself is broken
            raise damaged(folder, f"Chroma cannot open its data ({_one_line(err)})") from err

    def _client(self, folder: Path) -> ClientAPI:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from chromadb.errors import ChromaError

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
        path = str(folder / "chroma")
        try:
            return chromadb.PersistentClient(path=path, settings=chroma_settings)
        except (ChromaError, OSError, sqlite3.Error) as err:
            _forget_failed_system(path)
            if "readonly database" in str(err).lower():
                problem: StorageError | None = read_only_index(folder.parent)
            else:
                problem = storage_error(err, self.root)
            if problem is None:
                raise
            raise problem from err

    # ---- building ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Only one build at a time per index root."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / ".lock", "w")  # noqa: SIM115 (closed below)
        except OSError as err:
            raise storage_error(err, self.root, self.settings.home) or err from err
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def stage(self, fresh: bool) -> Generation:
        """A staging generation: a copy of the current one, or empty when ``fresh``.

        A copy that fails (a full disk) is removed before the error is raised.
        """
        self._sweep_staging()
        gid = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        folder = self.root / f".staging-{os.getpid()}-{gid}"
        current = None if fresh else self.current_folder()
        collection = f"ra-{gid}" if self.server else "chunks"
        try:
            if current is not None and not self.server:
                _copy_generation(current, folder)
            else:
                folder.mkdir(parents=True)
                if current is not None:
                    shutil.copy2(current / RECORDS, folder / RECORDS)
            gen = Generation(folder, collection, self._client(folder), server=self.server)
            if current is not None and self.server:
                old = IndexManifest.read(current)
                _copy_collection(gen.client.get_collection(old.collection), gen.open_collection())
        except BaseException as err:
            shutil.rmtree(folder, ignore_errors=True)
            problem = storage_error(err, self.root) if isinstance(err, OSError) else None
            if problem is not None:
                raise problem from err
            raise
        return gen

    def commit(self, gen: Generation, manifest: IndexManifest) -> Path:
        """Make ``gen`` current in one atomic step; returns its final folder."""
        manifest.write(gen.folder)
        (gen.folder / READERS).touch()  # readers lease it even when the folder is read-only
        gen.close()
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
            from chromadb.errors import ChromaError

            # Best effort: the next build's sweep deletes what is left here.
            with contextlib.suppress(ChromaError, ValueError, ConnectionError, OSError):
                gen.client.delete_collection(gen.collection)
        gen.close()
        shutil.rmtree(gen.folder, ignore_errors=True)

    def prune(self) -> None:
        """Delete old generations that no reader holds, unless a build is under way (it prunes
        when it commits). A read-only index is left as it is."""
        try:
            handle = open(self.root / ".lock", "a")  # noqa: SIM115 (closed below)
        except OSError as err:
            log.debug("not pruning %s: %s", self.root, err)
            return
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                self._prune(keep=self.current_folder())
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

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

    def _prune(self, keep: Path | None) -> None:
        """Keep ``keep`` and the newest other generation; delete older ones nobody leases."""
        gens = sorted(self.root.glob("gen-*"), key=_built_at, reverse=True)
        for old in [g for g in gens if g != keep][KEEP_GENERATIONS - 1 :]:
            self._delete_unless_leased(old)

    def _delete_unless_leased(self, folder: Path) -> None:
        """Delete a generation while holding its readers file exclusively; skip it if leased."""
        try:
            fd: int | None = os.open(folder / READERS, os.O_RDONLY)
        except FileNotFoundError:
            fd = None  # built before leases existed: nothing can hold it
        except OSError as err:
            log.info("kept generation %s: %s", folder.name, err)
            return
        try:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    log.info("kept generation %s: a reader still uses it", folder.name)
                    return
            if self.server:
                from chromadb.errors import ChromaError

                with contextlib.suppress(ChromaError, OSError, ValueError, TypeError):
                    name = IndexManifest.read(folder).collection
                    self._client(folder).delete_collection(name)
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            if fd is not None:
                os.close(fd)


def damaged(folder: Path, reason: str) -> IndexDamagedError:
    """The error for a generation whose Chroma data does not hold what its manifest says."""
    return IndexDamagedError(
        f"The index at {folder} is damaged: {reason}. Rebuild it with: {REPAIR_COMMAND}", reason
    )


def _built_at(folder: Path) -> tuple[float, str]:
    """When a generation was committed (names alone do not order builds in one second)."""
    try:
        return IndexManifest.read(folder).built_at, folder.name
    except (OSError, ValueError, TypeError):
        return 0.0, folder.name


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:300]


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


def _forget_failed_system(path: str) -> None:
    """Drop the Chroma "system" that failed to start for ``path``.

    Chroma 1.5 caches it by path before starting it, so after one failure (a full disk)
    every later client for that path would fail with an ``AttributeError`` until the process
    ends; without it, the next try (after space was freed) starts afresh.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    systems = SharedSystemClient._identifier_to_system
    refcounts = SharedSystemClient._identifier_to_refcount
    if not refcounts.get(path):  # nobody else holds a working client for this path
        systems.pop(path, None)


def _copy_generation(source: Path, target: Path) -> None:
    """Copy a generation folder (hidden files left out), raising the first file's own error.

    ``shutil.copytree`` gathers per-file failures into one ``shutil.Error``; the first
    ``OSError`` says what happened (``ENOSPC``), so that one is raised.
    """
    failures: list[OSError] = []

    def copy(src: str, dst: str, *, follow_symlinks: bool = True) -> object:
        try:
            return shutil.copy2(src, dst, follow_symlinks=follow_symlinks)
        except OSError as err:
            failures.append(err)
            raise

    try:
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*"), copy_function=copy)
    except shutil.Error as err:
        if failures:
            raise failures[0] from err
        raise


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


__all__ = ["Generation", "IndexManifest", "IndexStore", "ReaderLease"]
