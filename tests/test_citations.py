"""Citation numbering, support checks and on-the-fly renumbering, with exact examples."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answering.citations import (
    StreamRenumberer,
    check_support,
    finalise_citations,
    lexical_support,
    snippet_lines,
    snippet_of,
)
from assistant.records import Chunk, Hit
from tests.fakes import FakeEmbedder


def hit(text: str, section: str = "Step 8: RL › Tools", score: float = 0.5) -> Hit:
    chunk = Chunk(
        "ai-engineer-roadmap",
        "AI Engineer Roadmap 2025/26",
        "roadmap",
        "https://example.org/roadmap#step-8",
        section,
        8,
        0,
        len(text),
        text,
    )
    return Hit(chunk, score, 0.6, 1.0)


HITS = [
    hit("- OpenAI Gym\n- Stable-Baselines3\n- Ray RLlib", score=0.9),
    hit("- [Spinning Up in Deep RL](https://spinningup.openai.com/)", "Step 8: RL › Resources"),
    hit("- Markov Decision Processes (MDPs)\n- Bellman Equations", "Step 8: RL › What to Learn?"),
]


def test_markers_are_renumbered_by_first_use_and_dangling_ones_removed() -> None:
    text, sources = finalise_citations("Read Spinning Up [2]. Use Ray RLlib [1][1] [7] [0].", HITS)
    assert text == "Read Spinning Up [1]. Use Ray RLlib [2]."
    assert [(s.n, s.section) for s in sources] == [
        (1, "Step 8: RL › Resources"),
        (2, "Step 8: RL › Tools"),
    ]
    assert sources[1].score == 0.9 and sources[1].url == "https://example.org/roadmap#step-8"


def test_uncited_hits_are_not_sources() -> None:
    text, sources = finalise_citations("No citations here.", HITS)
    assert text == "No citations here." and sources == []


def test_indentation_of_nested_lists_survives() -> None:
    text, _ = finalise_citations("- **Core:**\n   - MDPs [3]\n   - Bellman [3]", HITS)
    assert text == "- **Core:**\n   - MDPs [1]\n   - Bellman [1]"


def test_lexical_support_exact_numbers() -> None:
    assert lexical_support("Stable-Baselines3 and Ray RLlib", HITS[0].chunk.text) == 1.0
    # "paris", "capital", "france": none is in the chunk.
    assert lexical_support("The capital of France is Paris", HITS[0].chunk.text) == 0.0
    assert lexical_support("OpenAI Gym is for robots", HITS[0].chunk.text) == pytest.approx(2 / 3)


def test_unsupported_markers_are_dropped_and_counted() -> None:
    text = "Use Stable-Baselines3 or Ray RLlib [1]. The capital of France is Paris [2]. See [3]."
    checked, dropped = check_support(text, HITS, FakeEmbedder())
    assert dropped == 1
    assert (
        checked
        == "Use Stable-Baselines3 or Ray RLlib [1]. The capital of France is Paris . See [3]."
    )
    final, sources = finalise_citations(checked, HITS)
    assert (
        final == "Use Stable-Baselines3 or Ray RLlib [1]. The capital of France is Paris. See [2]."
    )
    assert len(sources) == 2


def test_support_check_without_an_embedder_uses_words_only() -> None:
    checked, dropped = check_support("Bellman Equations matter [3].\n- Gym is a tool [1]", HITS)
    assert dropped == 0 and checked.endswith("[1]")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 100])
def test_stream_renumbering_matches_final_numbering(size: int) -> None:
    raw = "First [3] then [1][3], and [12] and [2]."
    renumber = StreamRenumberer(limit=3)
    pieces = [raw[i : i + size] for i in range(0, len(raw), size)]
    shown = "".join(renumber.feed(p) for p in pieces) + renumber.flush()
    assert shown == "First [1] then [2][1], and  and [3]."
    assert renumber.mapping == {3: 1, 1: 2, 2: 3}
    assert finalise_citations(raw, HITS)[0] == "First [1] then [2][1], and and [3]."


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("", 10, ""), ("a", 10, "a"), ("😊 " * 3, 10, "😊 😊 😊"), ("one two three", 8, "one two …")],
)
def test_snippet_edges(text: str, limit: int, expected: str) -> None:
    assert snippet_of(text, limit) == expected


def test_hits_with_the_same_url_and_section_are_one_source() -> None:
    # Two pieces of one long section (same URL and section), and the same section of
    # another page: the pieces merge, the page stays apart.
    second_piece = hit("- [Gym docs](https://gym.example/docs)", score=0.95)
    elsewhere = Hit(replace(HITS[0].chunk, url="https://example.org/other"), 0.4, 0.6, 1.0)
    hits = [*HITS, second_piece, elsewhere]
    text, sources = finalise_citations("Gym [1]. Docs [4]. Bellman [3], [4]. Other [5].", hits)
    assert text == "Gym [1]. Docs [1]. Bellman [2], [1]. Other [3]."
    assert [(s.n, s.section, s.url) for s in sources] == [
        (1, "Step 8: RL › Tools", "https://example.org/roadmap#step-8"),
        (2, "Step 8: RL › What to Learn?", "https://example.org/roadmap#step-8"),
        (3, "Step 8: RL › Tools", "https://example.org/other"),
    ]
    merged = sources[0]
    assert merged.score == 0.95 and merged.links == ("https://gym.example/docs",)
    assert merged.snippet == "- OpenAI Gym\n- Stable-Baselines3\n- Ray RLlib"  # the first piece


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 10, ""),
        ("- a\n\n\n  - b   c  \n\t- d\n\n", 99, "- a\n\n  - b c\n    - d"),
        ("one two\nthree four", 13, "one two\nthree …"),
        ("abcdefghij", 4, "abcd …"),
        ("😊 " * 3, 10, "😊 😊 😊"),
    ],
)
def test_snippet_lines_keep_the_line_structure(text: str, limit: int, expected: str) -> None:
    assert snippet_lines(text, limit) == expected
