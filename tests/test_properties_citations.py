"""Properties of citation renumbering, for arbitrary chunks and source counts.

``StreamRenumberer`` sees a model's answer in pieces that can split a marker
anywhere ("[1" + "2]"). Whatever the pieces, every ``[n]`` it lets through must
name a source that exists and was renumbered, and cutting the text into other
pieces must not change the result. ``finalise_citations``, which makes the
final text, must keep the same promise for its list of sources.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.answering.citations import StreamRenumberer, finalise_citations
from assistant.records import Chunk, Hit
from assistant.text import MARKER

#: Pieces that look like markers, halves of markers and brackets, mixed with any text.
FRAGMENTS = st.one_of(
    st.sampled_from(["[", "]", "[1", "2]", "1]", "[12]", "[7]", "[999]", "[0]", "[1234]", "[["]),
    st.text(alphabet="[]0123456789 a.\n", max_size=12),
    st.text(max_size=8),
)
CHUNKS = st.lists(FRAGMENTS, max_size=30)
LIMITS = st.integers(min_value=0, max_value=12)


def renumber(chunks: list[str], limit: int) -> tuple[str, StreamRenumberer]:
    renumberer = StreamRenumberer(limit)
    shown = "".join(renumberer.feed(chunk) for chunk in chunks) + renumberer.flush()
    return shown, renumberer


@settings(max_examples=400, deadline=None)
@given(chunks=CHUNKS, limit=LIMITS)
@example(chunks=["[", "1", "2]"], limit=12)
@example(chunks=["a [[7]", "5]"], limit=3)
@example(chunks=["[1[9]]"], limit=3)
def test_every_marker_shown_names_a_renumbered_source(chunks: list[str], limit: int) -> None:
    shown, renumberer = renumber(chunks, limit)
    numbers = [int(n) for n in MARKER.findall(shown)]
    assert all(1 <= n <= limit for n in numbers), (shown, limit)
    assert all(n <= len(renumberer.mapping) for n in numbers), (shown, renumberer.mapping)
    assert all(1 <= k <= limit for k in renumberer.mapping)
    assert sorted(renumberer.mapping.values()) == list(range(1, len(renumberer.mapping) + 1))


@settings(max_examples=300, deadline=None)
@given(chunks=CHUNKS, limit=LIMITS)
def test_how_the_text_is_cut_into_chunks_does_not_matter(chunks: list[str], limit: int) -> None:
    whole, _ = renumber(["".join(chunks)], limit)
    pieces, _ = renumber(chunks, limit)
    assert pieces == whole


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_characters="[")), limit=LIMITS)
def test_text_without_brackets_passes_through_unchanged(text: str, limit: int) -> None:
    assert renumber([text], limit)[0] == text


def hit(n: int) -> Hit:
    text = f"- Tool number {n}"
    chunk = Chunk("roadmap", "Roadmap", "roadmap", f"https://example.org/#{n}", "S", 8, 0, 9, text)
    return Hit(chunk, 0.5, 0.5, 1.0)


HITS = [hit(n) for n in range(1, 8)]


@settings(max_examples=300, deadline=None)
@given(chunks=CHUNKS, hits=st.integers(min_value=0, max_value=len(HITS)))
@example(chunks=["[[9]2]"], hits=3)
def test_the_final_text_cites_only_its_own_sources(chunks: list[str], hits: int) -> None:
    text, sources = finalise_citations("".join(chunks), HITS[:hits])
    assert [s.n for s in sources] == list(range(1, len(sources) + 1))
    assert all(1 <= int(n) <= len(sources) for n in MARKER.findall(text)), (text, sources)
    assert {int(n) for n in MARKER.findall(text)} == {s.n for s in sources}
