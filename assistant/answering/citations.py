"""Citation markers: number them in order of first use, and check what they claim.

An answer is written with markers ``[k]`` that point into the list of hits it
was composed from. ``finalise_citations`` removes markers that point nowhere,
renumbers the rest in the order they first appear and returns the matching
``Source`` records, so every ``[n]`` in the text is ``sources[n-1]`` and no
uncited hit is presented as a source; hits with the same URL and section (two
pieces of one long section) become one source with one number. ``snippet_lines``
keeps a cited chunk's line structure for the sources block. ``check_support``
drops a marker when the sentence that carries it shares too little content with
the cited chunk (word overlap, then embedding similarity as a second chance);
the thresholds are calibrated by ``benchmarks/calibrate_citations.py``. ``StreamRenumberer``
does the renumbering on the fly while a model streams. All three remove a
marker with ``sub_markers``, which never lets the text around a removed marker
join into a new one ("[[9]2]" keeps no "[2]"). ``dangling_markers`` counts the
markers that point nowhere. Nothing here retrieves or generates text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.knowledge.embeddings import Embedder
from assistant.records import Hit, Source
from assistant.sanitize import urls_in
from assistant.text import MARKER, content_words

#: Share of a claim's content words that must occur in the cited chunk.
LEXICAL_SUPPORT = 0.4
#: Cosine similarity (claim vs chunk) that rescues a claim with low word overlap.
EMBEDDING_SUPPORT = 0.5
#: Claims with fewer content words than this are not judged (e.g. "See [2].").
MIN_CLAIM_WORDS = 2
SNIPPET_CHARS = 280
#: Characters a source's line-keeping snippet holds (the chat shows about three lines of it).
SOURCE_SNIPPET_CHARS = 600
_UNIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[*(\"'])|\n+")


def snippet_of(text: str, limit: int = SNIPPET_CHARS) -> str:
    """Whitespace-collapsed text cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def snippet_lines(text: str, limit: int = SOURCE_SNIPPET_CHARS) -> str:
    """The text with its line structure kept, cut at a word boundary.

    Each line keeps its indentation (nested list items stay nested) with its inner runs
    of spaces made one; trailing spaces go and runs of blank lines become one.
    """
    lines: list[str] = []
    for line in text.expandtabs(4).splitlines():
        words = " ".join(line.split())
        if words:
            lines.append(" " * (len(line) - len(line.lstrip())) + words)
        elif lines and lines[-1]:
            lines.append("")
    kept = "\n".join(lines).strip("\n")
    if len(kept) <= limit:
        return kept
    head = kept[: limit + 1]
    cut = re.sub(r"\s+\S*$", "", head) if re.search(r"\s", head) else ""  # drop the last word
    return (cut if cut.strip() else head[:limit]).rstrip() + " …"


def source_for(n: int, hit: Hit) -> Source:
    """The ``Source`` record for a hit cited as ``[n]``."""
    c = hit.chunk
    links = urls_in(c.text)
    return Source(
        n, c.title, c.section, c.url, snippet_lines(c.text), hit.score, c.kind, c.fetched, links
    )


def _merged(source: Source, hit: Hit) -> Source:
    """``source`` also standing for ``hit`` (same URL and section): its links join, the
    best score counts, the first cited piece's snippet stays."""
    links = tuple(dict.fromkeys((*source.links, *urls_in(hit.chunk.text))))
    return replace(source, score=max(source.score, hit.score), links=links)


def _tidy(text: str) -> str:
    text = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", text)  # "[1][1]" → "[1]"
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}", " ", text)
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def finalise_citations(text: str, hits: Sequence[Hit]) -> tuple[str, list[Source]]:
    """Renumber ``[k]`` (1-based into ``hits``) by first use; drop markers that point nowhere.

    Hits with the same URL and section share one source and one number.
    """
    mapping: dict[int, int] = {}
    numbers: dict[tuple[str, str], int] = {}  # (url, section) → n
    sources: list[Source] = []

    def swap(match: re.Match[str]) -> str:
        k = int(match.group(1))
        if not 1 <= k <= len(hits):
            return ""
        if k not in mapping:
            hit = hits[k - 1]
            place = (hit.chunk.url, hit.chunk.section)
            if place in numbers:
                n = numbers[place]
                sources[n - 1] = _merged(sources[n - 1], hit)
            else:
                n = numbers[place] = len(sources) + 1
                sources.append(source_for(n, hit))
            mapping[k] = n
        return f"[{mapping[k]}]"

    return _tidy(sub_markers(text, swap)), sources


def dangling_markers(text: str, limit: int) -> int:
    """How many ``[k]`` in ``text`` point nowhere (``k`` outside ``1..limit``)."""
    return sum(1 for m in MARKER.finditer(text) if not 1 <= int(m.group(1)) <= limit)


_OPEN_TAIL = re.compile(r"\[(\d{0,3})$")
_CLOSE_HEAD = re.compile(r"(\d{0,3})\]")


def _would_join(before: str, after: str) -> bool:
    """Whether removing a marker between these would join them into one ("[" + "5]")."""
    head, foot = _OPEN_TAIL.search(before), _CLOSE_HEAD.match(after)
    return bool(head and foot and 1 <= len(head.group(1)) + len(foot.group(1)) <= 3)


def sub_markers(
    text: str,
    swap: Callable[[re.Match[str]], str],
    *,
    before: str = "",
    stop: int | None = None,
) -> str:
    """``text[:stop]`` with each marker replaced by ``swap(match)``; ``""`` removes it.

    A removed marker whose neighbours would join into a new marker becomes a space
    instead. ``before`` is the text shown just before ``text``; the text after
    ``stop`` is read only as the context of the last markers.
    """
    stop = len(text) if stop is None else stop
    pieces: list[str] = []
    tail = before[-4:]
    pos = 0
    for match in MARKER.finditer(text, 0, stop):
        gap = text[pos : match.start()]
        tail = (tail + gap)[-4:]
        new = swap(match)
        if not new and _would_join(tail, text[match.end() : match.end() + 4]):
            new = " "
        pieces += [gap, new]
        tail = (tail + new)[-4:]
        pos = match.end()
    pieces.append(text[pos:stop])
    return "".join(pieces)


def lexical_support(claim: str, chunk_text: str) -> float:
    """Share of the claim's content words found in the chunk."""
    claim_words = content_words(claim)
    if not claim_words:
        return 1.0
    return len(claim_words & content_words(chunk_text)) / len(claim_words)


def split_claims(text: str) -> list[str]:
    """Sentences and list items: the units a citation marker vouches for."""
    return [u for u in _UNIT.split(text) if u and u.strip()]


def check_support(
    text: str, hits: Sequence[Hit], embedder: Embedder | None = None
) -> tuple[str, int]:
    """Drop markers whose sentence the cited hit does not support; returns (text, dropped)."""
    units = split_claims(text)
    pending: list[tuple[int, int, str]] = []  # (unit index, marker k, claim)
    verdicts: dict[tuple[int, int], bool] = {}
    for i, unit in enumerate(units):
        claim = MARKER.sub(" ", unit)
        if len(content_words(claim)) < MIN_CLAIM_WORDS:
            continue
        for k in {int(m) for m in MARKER.findall(unit)}:
            if not 1 <= k <= len(hits):
                continue
            chunk = hits[k - 1].chunk
            if lexical_support(claim, f"{chunk.context}\n{chunk.text}") >= LEXICAL_SUPPORT:
                verdicts[(i, k)] = True
            else:
                pending.append((i, k, claim))
    if pending and embedder is not None:
        claims = [claim for _, _, claim in pending]
        chunks = [hits[k - 1].chunk.text for _, k, _ in pending]
        vectors = np.asarray(embedder.embed_documents(claims + chunks), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        n = len(pending)
        for j, (i, k, _) in enumerate(pending):
            verdicts[(i, k)] = float(vectors[j] @ vectors[n + j]) >= EMBEDDING_SUPPORT
    else:
        verdicts.update({(i, k): False for i, k, _ in pending})
    dropped = 0
    out = []
    for i, unit in enumerate(units):

        def keep(match: re.Match[str], i: int = i) -> str:
            nonlocal dropped
            if verdicts.get((i, int(match.group(1))), True):
                return match.group(0)
            dropped += 1
            return ""

        out.append(sub_markers(unit, keep))
    rebuilt = _rejoin(text, units, out)
    return rebuilt, dropped


def _rejoin(original: str, units: list[str], replaced: list[str]) -> str:
    """Put edited units back with the separators the original had."""
    pieces = []
    pos = 0
    for unit, new in zip(units, replaced, strict=True):
        start = original.index(unit, pos)
        pieces.append(original[pos:start])
        pieces.append(new)
        pos = start + len(unit)
    pieces.append(original[pos:])
    return "".join(pieces)


#: What ``StreamRenumberer`` holds back: a marker not yet closed ("[1"), or a marker whose
#: removal the next characters could still turn into a new one ("[9]" + "5" … "]").
_UNDECIDED = re.compile(r"\[\d{0,3}(?:\]\d{0,3})?$")


class StreamRenumberer:
    """Renumbers markers in a token stream by first use, holding back undecided ones.

    Whatever the pieces the stream comes in, the text shown is the same as for the
    whole text at once, and every ``[n]`` in it names a renumbered source.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._buffer = ""
        self._shown = ""  # the last characters shown: the context of the next removal
        self.mapping: dict[int, int] = {}

    def _swap(self, match: re.Match[str]) -> str:
        k = int(match.group(1))
        if not 1 <= k <= self._limit:
            return ""
        self.mapping.setdefault(k, len(self.mapping) + 1)
        return f"[{self.mapping[k]}]"

    def feed(self, delta: str) -> str:
        """Text safe to show now."""
        self._buffer += delta
        held = _UNDECIDED.search(self._buffer)
        return self._show(held.start() if held else len(self._buffer))

    def flush(self) -> str:
        """Whatever is still held back."""
        return self._show(len(self._buffer))

    def _show(self, cut: int) -> str:
        shown = sub_markers(self._buffer, self._swap, before=self._shown, stop=cut)
        self._buffer = self._buffer[cut:]
        self._shown = (self._shown + shown)[-4:]
        return shown
