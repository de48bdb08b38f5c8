from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import IndexDamagedError, IndexMismatchError, MirrorError
from assistant.knowledge.corpus import load_corpus_sources, load_document
from assistant.knowledge.ingest import ingest
from assistant.knowledge.store import REBUILD_COMMAND, IndexStore
from assistant.settings import Settings
from tests.conftest import ROADMAP_FILE
from tests.fakes import FakeEmbedder


def stored(settings: Settings) -> dict[str, dict]:
    gen, _ = IndexStore(settings).open_current()
    got = gen.open_collection().get(include=["metadatas"])
    return dict(zip(got["ids"], got["metadatas"], strict=True))


def make_mirror(root: Path, pages: dict[str, str], extra: list | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
        fmt = "html" if name.endswith(".html") else "markdown"
        entries.append(
            {"url": f"https://example.org/{name}", "title": name, "file": name, "format": fmt}
        )
    (root / "manifest.json").write_text(json.dumps(entries + (extra or [])), encoding="utf-8")
    return root


PAGE = (
    "# Page\n\n## Part one\n\nGradient boosting builds trees one after another.\n\n"
    "## Part two\n\nRandom forests average many trees.\n"
)


def test_first_build_then_noop_embeds_nothing(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    first = ingest(settings, fake_embedder, progress=False)
    assert first.rebuilt and first.added == first.chunks > 30 and first.embedded == first.chunks
    manifest = IndexStore(settings).manifest()
    assert (manifest.embedding_model, manifest.dimension, manifest.chunks) == (
        "fake-hash-64",
        64,
        first.chunks,
    )
    before = stored(settings)

    again = ingest(settings, fake_embedder, progress=False)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, first.chunks)
    assert again.embedded == 0 and not again.changed
    assert stored(settings) == before


def test_editing_one_section_reembeds_only_its_chunks(settings: Settings) -> None:
    embedder = FakeEmbedder()
    first = ingest(settings, embedder, progress=False)
    roadmap = settings.corpus_dir / ROADMAP_FILE
    text = roadmap.read_text(encoding="utf-8")
    edited = text.replace("- Ray RLlib\n", "- Ray RLlib\n- PettingZoo\n")
    assert edited != text
    roadmap.write_text(edited, encoding="utf-8")

    embedder.calls.clear()
    second = ingest(settings, embedder, progress=False)
    assert second.embedded == 1, "only the edited section's chunk is embedded"
    assert "PettingZoo" in embedder.calls[0][0] and "Tools and Frameworks" in embedder.calls[0][0]
    # The edited chunk and the roadmap chunks after it (their offsets moved) are rewritten,
    # from the embedding cache; nothing else is touched and nothing is lost.
    metas = list(stored(settings).values())
    tools = [
        m for m in metas if m["section"].endswith("Tools and Frameworks") and m.get("step") == 8
    ]
    assert len(tools) == 1
    later = [
        m
        for m in metas
        if m["source_id"] == "ai-engineer-roadmap" and m["start"] >= tools[0]["start"]
    ]
    assert (second.updated, second.added, second.removed) == (len(later), 0, 0)
    assert second.unchanged == first.chunks - len(later) and second.chunks == first.chunks
    resources = next(m for m in metas if m["section"].endswith("Resources") and m["step"] == 8)
    source = next(s for s in load_corpus_sources(settings.corpus_dir) if s.kind == "roadmap")
    text_now = load_document(source).text  # offsets refer to the repaired text
    assert text_now[resources["start"] : resources["end"]].startswith("- [Spinning Up in Deep RL]")


def test_removed_source_is_deleted_and_corrupt_entries_are_skipped(
    settings: Settings, tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    extra = [
        {
            "url": "https://example.org/missing",
            "title": "Missing",
            "file": "missing.md",
            "format": "markdown",
        },
        {"title": "No url", "file": "a.md", "format": "markdown"},
        {"url": "ftp://example.org/x", "title": "FTP", "file": "a.md", "format": "markdown"},
        {"url": "https://example.org/fmt", "title": "Bad format", "file": "a.md", "format": "pdf"},
        "not an object",
    ]
    mirror = make_mirror(
        tmp_path / "mirror", {"a.md": PAGE, "b.md": PAGE.replace("trees", "forests")}, extra
    )
    (mirror / "junk.html").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    manifest = json.loads((mirror / "manifest.json").read_text())
    manifest.append(
        {"url": "https://example.org/junk", "title": "Junk", "file": "junk.html", "format": "html"}
    )
    (mirror / "manifest.json").write_text(json.dumps(manifest))

    with_mirror = settings.with_(mirror=mirror)
    summary = ingest(with_mirror, fake_embedder, progress=False)
    reasons = [(e.name, e.reason.split(":")[0].split(" (")[0]) for e in summary.skipped]
    assert reasons == [
        ("missing.md", "file not found"),
        ("a.md", "missing url"),
        ("a.md", "url is not http(s)"),
        ("a.md", "unknown format 'pdf'"),
        ("entry #7", "not an object"),
        ("junk.html", "binary file, not text"),
    ]
    sources = {m["source_id"] for m in stored(with_mirror).values()}
    assert sources == {"ai-engineer-roadmap", "page:a", "page:b"}

    manifest = [e for e in manifest if isinstance(e, dict) and e.get("file") != "b.md"]
    (mirror / "manifest.json").write_text(json.dumps(manifest))
    after = ingest(with_mirror, fake_embedder, progress=False)
    assert after.removed == 2 and after.embedded == 0
    assert {m["source_id"] for m in stored(with_mirror).values()} == {
        "ai-engineer-roadmap",
        "page:a",
    }


def test_unreadable_source_keeps_its_previous_chunks(
    settings: Settings, tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    mirror = make_mirror(tmp_path / "mirror", {"a.md": PAGE})
    with_mirror = settings.with_(mirror=mirror)
    ingest(with_mirror, fake_embedder, progress=False)
    (mirror / "a.md").write_bytes(b"\x00\x00corrupt")
    summary = ingest(with_mirror, fake_embedder, progress=False)
    assert "kept the previous version" in {e.name: e.reason for e in summary.skipped}["a.md"]
    assert summary.removed == 0
    assert any(m["source_id"] == "page:a" for m in stored(with_mirror).values())


def test_bad_mirror_folder_and_manifest(
    settings: Settings, tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    with pytest.raises(MirrorError, match="Mirror folder not found"):
        ingest(settings.with_(mirror=tmp_path / "nope"), fake_embedder, progress=False)
    (tmp_path / "m").mkdir()
    with pytest.raises(MirrorError, match="no manifest.json"):
        ingest(settings.with_(mirror=tmp_path / "m"), fake_embedder, progress=False)
    (tmp_path / "m" / "manifest.json").write_text("{not json")
    with pytest.raises(MirrorError, match="Cannot read"):
        ingest(settings.with_(mirror=tmp_path / "m"), fake_embedder, progress=False)
    assert IndexStore(settings).current_folder() is None


def test_index_of_another_model_is_refused_with_the_fix(settings: Settings) -> None:
    ingest(settings, FakeEmbedder("fake-a", dim=64), progress=False)
    store = IndexStore(settings)
    with pytest.raises(IndexMismatchError) as err:
        store.check(store.manifest(), "other-model", 768)
    message = str(err.value)
    assert "'fake-a' (64 dimensions)" in message and "'other-model' (768 dimensions)" in message
    assert REBUILD_COMMAND in message and "\n" not in message
    with pytest.raises(IndexMismatchError):
        ingest(settings, FakeEmbedder("fake-b", dim=32), progress=False)
    rebuilt = ingest(settings, FakeEmbedder("fake-b", dim=32), rebuild=True, progress=False)
    assert rebuilt.rebuilt and IndexStore(settings).manifest().embedding_model == "fake-b"


def test_collections_have_no_default_embedding_function(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    ingest(settings, fake_embedder, progress=False)
    gen, _ = IndexStore(settings).open_current()
    collection = gen.open_collection()
    with pytest.raises(Exception, match="(?i)embedding function"):
        collection.query(query_texts=["reinforcement learning"], n_results=1)
    assert collection.configuration_json["hnsw"]["space"] == "cosine"


def test_unreadable_embedding_cache_entries_are_embedded_again(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    """A build killed while writing the cache leaves empty/truncated files; they are misses."""
    first = ingest(settings, fake_embedder, progress=False)
    files = sorted(p for p in (settings.home / "cache" / "embeddings").rglob("*") if p.is_file())
    assert len(files) == first.embedded
    broken = files[:5]
    for i, path in enumerate(broken):
        path.write_bytes(b"" if i % 2 else b"[0.12, 0.3")
    again = ingest(settings, FakeEmbedder(), rebuild=True, progress=False)
    assert again.embedded == len(broken)  # only the unreadable entries were embedded again
    for path in broken:
        assert isinstance(json.loads(path.read_text()), list)
    assert not list((settings.home / "cache" / "embeddings").rglob(".*.tmp"))


def test_noop_is_decided_from_the_fingerprint_without_staging(
    settings: Settings, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest(settings, fake_embedder, progress=False)

    def no_staging(self: IndexStore, fresh: bool) -> None:
        raise AssertionError("a no-op ingest must not stage a copy")

    monkeypatch.setattr(IndexStore, "stage", no_staging)
    again = ingest(settings, fake_embedder, progress=False)
    assert (again.chunks, again.unchanged, again.sources) == (first.chunks, first.chunks, 1)
    assert not again.changed and again.embedded == 0 and not again.rebuilt


def test_same_chunks_from_other_bytes_make_the_next_run_a_noop(
    settings: Settings, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(settings, fake_embedder, progress=False)
    fingerprint = IndexStore(settings).manifest().fingerprint
    roadmap = settings.corpus_dir / ROADMAP_FILE
    roadmap.write_text(roadmap.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    second = ingest(settings, fake_embedder, progress=False)  # reads and chunks everything
    assert not second.changed
    assert IndexStore(settings).manifest().fingerprint not in ("", fingerprint)

    def no_staging(self: IndexStore, fresh: bool) -> None:
        raise AssertionError("the new fingerprint was not recorded")

    monkeypatch.setattr(IndexStore, "stage", no_staging)
    assert not ingest(settings, fake_embedder, progress=False).changed


def test_unreadable_manifest_or_records_are_rebuilt_by_ingest(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    first = ingest(settings, fake_embedder, progress=False)
    store = IndexStore(settings)
    (store.current_folder() / "manifest.json").write_text("{not json")  # type: ignore[operator]
    with pytest.raises(
        IndexDamagedError, match="manifest is unreadable.*roadmap-assistant ingest$"
    ):
        store.open_current()
    repaired = ingest(settings, fake_embedder, progress=False)
    assert repaired.rebuilt and "manifest is unreadable" in repaired.repaired
    assert repaired.chunks == first.chunks and repaired.embedded == 0  # from the cache

    # Records the indexing API cannot read: the index still answers, an update rebuilds.
    (store.current_folder() / "records.sqlite").write_bytes(b"\x00garbage" * 100)  # type: ignore[operator]
    assert not ingest(settings, fake_embedder, progress=False).changed  # nothing to update
    roadmap = settings.corpus_dir / ROADMAP_FILE
    roadmap.write_text(roadmap.read_text().replace("- Ray RLlib\n", "- Ray RLlib\n- CleanRL\n"))
    updated = ingest(settings, fake_embedder, progress=False)
    assert updated.rebuilt and "record manager" in updated.repaired
    assert updated.chunks == first.chunks and updated.embedded == 1
