from __future__ import annotations

from pathlib import Path

from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.corpus import CorpusSource, Document, load_corpus_sources, load_document
from assistant.knowledge.sections import split_markdown
from assistant.records import PATH_SEPARATOR, Chunk
from assistant.settings import PROJECT_ROOT
from tests.conftest import MIRROR, needs_mirror

URL = "https://github.com/rashakil-ds/Roadmap-Docs/blob/main/AI%20Engineer/README.md"


def roadmap_chunks() -> tuple[Document, list[Chunk]]:
    source = next(s for s in load_corpus_sources(PROJECT_ROOT / "corpus") if s.kind == "roadmap")
    doc = load_document(source)
    return doc, chunk_document(doc)


def test_roadmap_chunk_metadata() -> None:
    doc, chunks = roadmap_chunks()
    rl = [c for c in chunks if c.step == 8]
    assert [c.section for c in rl] == [
        "Step 8: Reinforcement Learning (RL)"
        + PATH_SEPARATOR
        + "Why Learn Reinforcement Learning?",
        "Step 8: Reinforcement Learning (RL)" + PATH_SEPARATOR + "What to Learn?",
        "Step 8: Reinforcement Learning (RL)" + PATH_SEPARATOR + "Tools and Frameworks",
        "Step 8: Reinforcement Learning (RL)" + PATH_SEPARATOR + "Resources",
    ]
    tools = rl[2]
    assert tools.text == "- OpenAI Gym\n- Stable-Baselines3\n- Ray RLlib"
    # Each chunk links to its own subsection, with GitHub's suffixes for repeated headings.
    assert [c.url.removeprefix(URL) for c in rl] == [
        "#why-learn-reinforcement-learning",
        "#what-to-learn-7",
        "#tools-and-frameworks",
        "#resources-7",
    ]
    assert tools.source_id == "ai-engineer-roadmap" and tools.kind == "roadmap"
    assert tools.title == "AI Engineer Roadmap 2025/26"
    assert rl[1].topic_ids == (
        "step-8/core-concepts",
        "step-8/basic-algorithms",
        "step-8/advanced-techniques",
        "step-8/applications",
    )
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
    assert {c.step for c in chunks} == {None, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11}
    role = next(c for c in chunks if c.section.startswith("Understand the Role"))
    assert role.step is None and role.url.endswith("#understand-the-role-of-ai-engineer")


def test_every_roadmap_subsection_has_its_own_anchor() -> None:
    doc, chunks = roadmap_chunks()
    # The anchor of each section's own (deepest) heading, computed once for the whole file.
    anchors = {s.path: s.anchor for s in split_markdown(doc.text) if s.path}
    by_url: dict[str, set[str]] = {}
    for chunk in chunks:
        by_url.setdefault(chunk.url, set()).add(chunk.section)
        if chunk.section:
            path = tuple(chunk.section.split(PATH_SEPARATOR))
            assert chunk.url == f"{URL}#{anchors[path]}"
        else:  # the text above the first section heading
            assert chunk.url == URL
    assert all(len(sections) == 1 for sections in by_url.values()), by_url
    assert len(by_url) == len({c.section for c in chunks}) == 38


def test_chunks_round_trip_through_index_documents() -> None:
    _, chunks = roadmap_chunks()
    for chunk in chunks:
        doc = chunk.to_document()
        assert doc.page_content.startswith(chunk.context + "\n")
        assert Chunk.from_metadata(doc.page_content, doc.metadata) == chunk


def test_long_sections_are_split_within_the_section(tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(12))
    text = (
        f"# Title\n\n## Long part\n\n{body}\n\n## Short part\n\nJust a line here, enough words.\n"
    )
    path = tmp_path / "p.md"
    path.write_text(text)
    source = CorpusSource("page:p", "Title", "https://example.org/p", "page", path, "markdown", "")
    chunks = chunk_document(load_document(source), chunk_size=500, chunk_overlap=50)
    long_chunks = [c for c in chunks if c.section == "Long part"]
    assert len(long_chunks) >= 6
    assert all(len(c.text) <= 500 for c in chunks)
    assert (
        chunks[-1].section == "Short part" and chunks[-1].text == "Just a line here, enough words."
    )
    doc = load_document(source)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert all(c.url == "https://example.org/p" and c.step is None for c in chunks)


@needs_mirror
def test_html_and_rst_pages_keep_their_headings() -> None:
    assert MIRROR is not None
    from assistant.knowledge.corpus import load_mirror_sources

    sources, skipped = load_mirror_sources(MIRROR)
    assert not skipped
    by_id = {s.id: s for s in sources}
    html = chunk_document(load_document(by_id["page:python-tutorial-venv"]))
    assert any(c.section.endswith("12.2. Creating Virtual Environments") for c in html)
    assert not any("¶" in c.section or "<div" in c.text for c in html)
    rst = chunk_document(load_document(by_id["page:spinningup-rl_intro"]))
    assert any(
        c.section == "Key Concepts and Terminology" + PATH_SEPARATOR + "Policies" for c in rst
    )
    assert not any(".. raw::" in c.text or "<iframe" in c.text for c in rst)
    assert all(
        c.url == "https://spinningup.openai.com/en/latest/spinningup/rl_intro.html" for c in rst
    )


def test_small_page_sections_fold_within_their_parent(tmp_path: Path) -> None:
    text = (
        "# Doc\n\n## Step 1\n\n### Why\n\n- one reason\n\n### Resources\n\n- [A](https://a.example)\n\n"
        "## Step 2\n\n### Why\n\n- another reason\n"
    )
    path = tmp_path / "doc.md"
    path.write_text(text)
    source = CorpusSource(
        "page:doc", "Doc", "https://example.org/doc", "page", path, "markdown", ""
    )
    doc = load_document(source)
    folded = chunk_document(doc, chunk_size=200, chunk_overlap=0)
    assert [(c.section, c.text) for c in folded] == [
        ("Step 1", "### Why\n\n- one reason\n\n### Resources\n\n- [A](https://a.example)"),
        ("Step 2", "### Why\n\n- another reason"),
    ]
    assert all(doc.text[c.start : c.end] == c.text for c in folded)
    # Never past the size limit, never across parents: with 30 characters only each
    # heading-only parent folds with its first child.
    apart = chunk_document(doc, chunk_size=30, chunk_overlap=0)
    assert [c.section for c in apart] == ["Step 1", "Step 1 › Resources", "Step 2"]
