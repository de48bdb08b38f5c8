"""Turn a failed write under a data folder into one ``StorageError`` a person can act on.

Three faults of the disk itself are told apart: a path that is a file where a folder is
needed, a folder that is read-only (permissions or a read-only mount), and a full disk. They
arrive as ``OSError`` from our own writes, or as the texts SQLite puts in Chroma's and
SQLAlchemy's errors ("database or disk is full", "attempt to write a readonly database").
This module only names the fault and the folder; it neither writes nor cleans anything up.
"""

from __future__ import annotations

import errno
from pathlib import Path

from assistant.errors import AssistantError, StorageError

REPAIR_COMMAND = "roadmap-assistant ingest"
_FULL = (errno.ENOSPC, errno.EDQUOT)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
_NOT_A_FOLDER = (errno.ENOTDIR, errno.EEXIST)
_FULL_TEXTS = ("disk is full", "no space left")
_READ_ONLY_TEXTS = ("readonly database", "read-only file system", "permission denied")


def storage_error(err: BaseException, *folders: Path) -> StorageError | None:
    """The one-line error for ``err`` raised while writing under one of ``folders``.

    The folder named is the first of ``folders`` that holds the failing file (else the first
    one). ``None`` when ``err`` is not a storage fault (the caller re-raises it).
    """
    if isinstance(err, AssistantError) or not folders:
        return None
    code = err.errno if isinstance(err, OSError) else None
    text = str(err).lower()
    failing = Path(err.filename) if isinstance(err, OSError) and err.filename else None
    folder = next((f for f in folders if failing and failing.is_relative_to(f)), folders[0])
    if code in _FULL or any(t in text for t in _FULL_TEXTS):
        return StorageError(
            f"No space left on the disk that holds {folder}. Free some space (or set "
            f"ASSISTANT_HOME to a folder on another disk), then run: {REPAIR_COMMAND}"
        )
    if code in _NOT_A_FOLDER or (code is None and "not a directory" in text):
        blocker = not_a_folder(failing or folder)
        if blocker is not None:
            return StorageError(
                f"{blocker} is not a folder (it is a file). Move it away, or set "
                "ASSISTANT_HOME to a folder."
            )
    if code in _READ_ONLY or any(t in text for t in _READ_ONLY_TEXTS):
        why = err.strerror if isinstance(err, OSError) and err.strerror else "cannot write"
        return StorageError(
            f"{folder} is read-only ({why}). Make it writable, or set ASSISTANT_HOME to a "
            "writable folder."
        )
    if isinstance(err, OSError):
        why = err.strerror or " ".join(str(err).split())[:200]
        return StorageError(f"Cannot write to {folder}: {why}.")
    return None


def is_disk_fault(err: OSError) -> bool:
    """A full disk or a folder that cannot be written (not a missing or broken input file)."""
    return err.errno in (*_FULL, *_READ_ONLY, *_NOT_A_FOLDER)


def read_only_index(folder: Path) -> StorageError:
    """Chroma writes to its SQLite file even to answer, so a read-only index cannot be read."""
    return StorageError(
        f"The index folder {folder} is read-only, and Chroma must write to its SQLite file even "
        f"to answer. Make it writable (chmod -R u+w {folder}), or set ASSISTANT_HOME to a "
        f"writable folder and run: {REPAIR_COMMAND}"
    )


def not_a_folder(path: Path) -> Path | None:
    """The first of ``path`` and its parents that exists but is not a folder, if any."""
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None
