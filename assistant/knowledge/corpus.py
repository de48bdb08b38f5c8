"""Load the sources to index: the corpus folder's sources file and a mirror folder.

A ``CorpusSource`` says where a document comes from (id, title, url, kind,
license); a ``Document`` adds its normalised text. Text is repaired (mojibake,
control characters) here, once, so every later layer sees clean text and all
offsets refer to it. HTML becomes Markdown-like main text with trafilatura;
reStructuredText keeps its titles but loses directives that carry no prose.
Bad mirror entries are skipped with a reason, never fatal. This module does
not chunk, embed or fetch anything from the network (``fetch.py`` does).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.errors import CorpusError, MirrorError
from assistant.knowledge.textfix import clean_text, repair_mojibake

Kind = Literal["roadmap", "page"]
Format = Literal["markdown", "rst", "html", "text"]
FORMATS: tuple[str, ...] = ("markdown", "rst", "html", "text")
SOURCES_FILE = "sources.toml"


@dataclass(frozen=True)
class CorpusSource:
    """Where one document comes from."""

    id: str
    """Stable id, unique in the index (``ai-engineer-roadmap``, ``page:spinningup-index``)."""
    title: str
    """The document's title."""
    url: str
    """Where a reader can open it."""
    kind: Kind
    """``roadmap`` for the AI Engineer roadmap itself, ``page`` for linked pages."""
    path: Path
    """Local file holding the document."""
    format: Format
    """How to read ``path``."""
    license: str
    """Attribution / license note."""
    fetched: str = ""
    """Date (``YYYY-MM-DD``) a page fetched from the web was downloaded; empty otherwise."""


@dataclass(frozen=True)
class Document:
    """A source with its normalised text."""

    source: CorpusSource
    """Where it comes from."""
    text: str
    """Repaired, Markdown-or-RST-structured text; chunk offsets refer to it."""


@dataclass(frozen=True)
class SkippedEntry:
    """A mirror entry that was not imported, and why."""

    name: str
    """The entry's file name (or its position when it has none)."""
    reason: str
    """One line saying what was wrong."""


def load_corpus_sources(corpus_dir: Path) -> list[CorpusSource]:
    """Read ``sources.toml`` from the corpus folder."""
    path = corpus_dir / SOURCES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise CorpusError(f"The corpus has no {SOURCES_FILE} at {path}.") from err
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise CorpusError(f"Cannot read {path}: {err}") from err
    sources = []
    for i, entry in enumerate(data.get("source", [])):
        try:
            sources.append(
                CorpusSource(
                    id=str(entry["id"]),
                    title=str(entry["title"]),
                    url=str(entry["url"]),
                    kind="roadmap" if entry.get("kind") == "roadmap" else "page",
                    path=corpus_dir / str(entry["file"]),
                    format=_format(str(entry.get("format", "markdown"))),
                    license=str(entry.get("license", "")),
                )
            )
        except (KeyError, ValueError) as err:
            raise CorpusError(
                f"{path}: source #{i + 1} is missing or has a bad field: {err}"
            ) from err
    if not any(s.kind == "roadmap" for s in sources):
        raise CorpusError(f"{path} lists no source of kind 'roadmap'.")
    return sources


def _format(value: str) -> Format:
    value = value.lower()
    if value not in FORMATS:
        raise ValueError(f"unknown format {value!r} (expected one of {', '.join(FORMATS)})")
    return value  # type: ignore[return-value]


def load_mirror_sources(mirror: Path) -> tuple[list[CorpusSource], list[SkippedEntry]]:
    """Read a mirror folder's ``manifest.json``; bad entries are skipped with a reason."""
    if not mirror.is_dir():
        raise MirrorError(f"Mirror folder not found: {mirror}")
    manifest = mirror / "manifest.json"
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise MirrorError(f"The mirror folder has no manifest.json: {manifest}") from err
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MirrorError(f"Cannot read {manifest}: {err}") from err
    if isinstance(entries, dict):
        entries = entries.get("entries", entries.get("pages"))
    if not isinstance(entries, list) or not entries:
        raise MirrorError(
            f"{manifest} must hold a list of entries (url, title, file, format); it has none."
        )
    sources: list[CorpusSource] = []
    skipped: list[SkippedEntry] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        name = (
            str(entry.get("file", f"entry #{i + 1}"))
            if isinstance(entry, dict)
            else f"entry #{i + 1}"
        )
        try:
            source = _mirror_source(mirror, entry)
        except ValueError as err:
            skipped.append(SkippedEntry(name, str(err)))
            continue
        if source.id in seen:
            skipped.append(SkippedEntry(name, "duplicate file in the manifest"))
            continue
        seen.add(source.id)
        sources.append(source)
    return sources, skipped


def _mirror_source(mirror: Path, entry: object) -> CorpusSource:
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    missing = [k for k in ("url", "title", "file", "format") if not entry.get(k)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    url = str(entry["url"])
    if not re.match(r"^https?://", url):
        raise ValueError(f"url is not http(s): {url!r}")
    file = Path(str(entry["file"]))
    if file.is_absolute() or ".." in file.parts:
        raise ValueError("file must be a plain name inside the mirror folder")
    path = mirror / file
    if not path.is_file():
        raise ValueError(f"file not found: {path}")
    if not path.resolve().is_relative_to(mirror.resolve()):
        raise ValueError(f"file is a link to outside the mirror folder: {path.resolve()}")
    return CorpusSource(
        id="page:" + file.stem,
        title=repair_mojibake(clean_text(str(entry["title"]))).strip(),
        url=url,
        kind="page",
        path=path,
        format=_format(str(entry["format"])),
        license=str(entry.get("license", "")),
    )


#: Bump when normalisation changes, so cached texts are not reused.
NORMALISE_VERSION = "1"


def load_document(source: CorpusSource, cache_dir: Path | None = None) -> Document:
    """Read and normalise a source's text; ``ValueError`` when there is no usable text.

    With ``cache_dir``, the normalised text is kept under a hash of the raw
    bytes, so unchanged pages skip HTML extraction on the next ingest.
    """
    try:
        raw = source.path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot read {source.path}: {err.strerror}") from err
    if b"\x00" in raw[:4096]:
        raise ValueError("binary file, not text")
    key = hashlib.sha256(raw + f"|{source.format}|{NORMALISE_VERSION}".encode()).hexdigest()
    cached = cache_dir / f"{key}.txt" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        text = cached.read_text(encoding="utf-8")
    else:
        text = _normalise(raw, source.format)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, cached)
    if len(re.findall(r"\w", text)) < 20:
        raise ValueError("no readable text")
    return Document(source, text)


def _normalise(raw: bytes, fmt: Format) -> str:
    text = repair_mojibake(clean_text(raw))
    if fmt == "html":
        text = html_to_text(text)
    elif fmt == "rst":
        text = tidy_rst(text)
    return text.replace("¶", "")


def html_to_text(html: str) -> str:
    """Main text of an HTML page as Markdown (headings kept), via trafilatura."""
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_tables=True,
        include_links=False,
        include_comments=False,
        favor_recall=True,
    )
    return text or ""


_RST_DROP = re.compile(
    r"^\.\. (raw|figure|image|contents|toctree|include|only|admonition|_[^:]+:|\|)", re.I
)


def tidy_rst(text: str) -> str:
    """Drop RST directives without prose (raw HTML, figures, link targets) and role markup."""
    out: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        if dropping:
            if line.strip() and not line.startswith((" ", "\t")):
                dropping = False
            else:
                continue
        if _RST_DROP.match(line):
            dropping = True
            continue
        out.append(line)
    result = "".join(out)
    result = re.sub(r":\w+:`([^`<]+?)\s*<[^>]+>`", r"\1", result)  # :ref:`text <target>`
    result = re.sub(r":\w+:`([^`]+)`", r"\1", result)  # :math:`x`
    result = re.sub(r"`([^`<]+?)\s*<[^>]+>`__?", r"\1", result)  # `text <url>`_
    result = re.sub(r"`([^`]+)`_\b", r"\1", result)  # `Go`_
    return result


def gather_sources(
    corpus_dir: Path, mirror: Path | None, fetched: list[CorpusSource] | None = None
) -> tuple[list[CorpusSource], list[SkippedEntry]]:
    """The corpus folder's sources, pages fetched from the web, then the mirror's pages.

    A URL is indexed once: the corpus folder wins, then a fetched page (fresher), then the
    mirror's copy.
    """
    sources = load_corpus_sources(corpus_dir)
    skipped: list[SkippedEntry] = []
    known = {s.url.rstrip("/") for s in sources}
    for page in fetched or []:
        if page.url.rstrip("/") not in known:
            sources.append(page)
            known.add(page.url.rstrip("/"))
    if mirror is not None:
        pages, skipped = load_mirror_sources(mirror)
        sources += [p for p in pages if p.url.rstrip("/") not in known]
    return sources, skipped
