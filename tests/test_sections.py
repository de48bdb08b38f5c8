"""GitHub heading anchors: the slug of one heading, and de-duplication over a document."""

from __future__ import annotations

import pytest

from assistant.knowledge.sections import (
    github_slug,
    heading_anchors,
    heading_text,
    split_markdown,
    unique_anchors,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Step 8: Reinforcement Learning (RL)", "step-8-reinforcement-learning-rl"),
        ("What to Learn?", "what-to-learn"),
        ("AI Engineer Roadmap 2025/26", "ai-engineer-roadmap-202526"),
        ("😄 emoji", "-emoji"),  # the emoji goes, its space stays
        ("Привет non-latin 你好", "привет-non-latin-你好"),
        ("two  spaces", "two--spaces"),  # runs are not collapsed
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("C++ & C#", "c--c"),
        ("", ""),
    ],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text) == slug


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("**Resources:**", "Resources:"),
        ("[Docs](https://docs.example.org) and `code`", "Docs and code"),
        ("__init__ and my_var", "init and my_var"),
        ("<a name='top'></a>Title", "Title"),
        ("![logo](logo.png) Features", " Features"),  # slug "-features", like an emoji
    ],
)
def test_heading_text_is_what_github_renders(raw: str, text: str) -> None:
    assert heading_text(raw) == text


def test_repeats_count_on_as_github_slugger_does() -> None:
    assert unique_anchors(["a", "b", "a", "a"]) == ["a", "b", "a-1", "a-2"]
    # A suffixed anchor that is already taken gets its own suffix.
    assert unique_anchors(["a", "a", "a-1", "a"]) == ["a", "a-1", "a-1-1", "a-2"]


def test_one_counter_for_all_levels_and_no_headings_in_code() -> None:
    text = (
        "# Doc\n\n## What to Learn?\n\nx\n\n```\n## What to Learn?\n```\n\n"
        "### What to Learn?\n\ny\n\n## Resources ##\n\n## C#\n"
    )
    assert heading_anchors(text) == [
        ("Doc", "doc"),
        ("What to Learn?", "what-to-learn"),
        ("What to Learn?", "what-to-learn-1"),  # an h3 shares the h2's counter
        ("Resources", "resources"),  # the closing "##" is not part of the heading
        ("C#", "c"),  # "#" right after a word is
    ]
    preamble, *sections = split_markdown("Intro\n\n## A\n\nbody\n")
    assert preamble.anchor == "" and [s.anchor for s in sections] == ["a"]
