"""The page cache: fetched pages with their HTTP validators, under ``ASSISTANT_HOME/cache/pages``.

Each page is a folder with ``meta.json`` (URL, title, format, dates, ETag,
Last-Modified, sha256) beside its ``body``; writes are atomic. ``PageCache``
lists its pages as corpus sources for ingest. Nothing here downloads.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.knowledge.corpus import CorpusSource, Format

CACHE_VERSION = 1


@dataclass
class Entry:
    """One cached page: its metadata (``meta.json``) next to its body."""

    url: str
    title: str
    format: Format
    fetched: str
    """ISO time the body last changed (downloaded new bytes)."""
    checked: str = ""
    """ISO time of the last successful check (200 or 304)."""
    etag: str = ""
    last_modified: str = ""
    sha256: str = ""
    context: str = ""
    origin: str = "web"
    """``web`` (downloaded), ``youtube`` (metadata) or ``link`` (the roadmap's words only)."""
    extra: dict[str, Any] = field(default_factory=dict)


class PageCache:
    """Fetched pages under ``ASSISTANT_HOME/cache/pages/<key>/`` (``meta.json`` + ``body``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, url: str) -> Path:
        return self.root / hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]

    def get(self, url: str) -> Entry | None:
        """The cached entry for ``url`` (``None`` when missing, unreadable or another version)."""
        entry = self._read(self.folder(url))
        return entry if entry is not None and entry.url == url else None

    def _read(self, folder: Path) -> Entry | None:
        try:
            data = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if data.pop("version", None) != CACHE_VERSION:
                return None
            entry = Entry(**data)
        except (OSError, ValueError, TypeError):
            return None
        return entry if (folder / "body").is_file() else None

    def put(self, entry: Entry, body: bytes | None = None) -> None:
        folder = self.folder(entry.url)
        folder.mkdir(parents=True, exist_ok=True)
        if body is not None:
            _atomic_write(folder / "body", body)
        meta = {"version": CACHE_VERSION, **entry.__dict__}
        _atomic_write(folder / "meta.json", json.dumps(meta, indent=1).encode("utf-8"))

    def sources(self) -> list[CorpusSource]:
        """Every cached page as a corpus source (kind ``page``), in a stable order."""
        out = []
        for folder in sorted(self.root.iterdir()) if self.root.is_dir() else []:
            entry = self._read(folder)
            if entry is None:
                continue
            out.append(
                CorpusSource(
                    id="web:" + folder.name[:16],
                    title=entry.title,
                    url=entry.url,
                    kind="page",
                    path=folder / "body",
                    format=entry.format,
                    license=f"fetched from {entry.url}",
                    fetched=entry.fetched[:10],
                )
            )
        return out


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
