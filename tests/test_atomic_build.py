"""Killing a real build process at any moment never leaves a half-built index."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from assistant.knowledge.ingest import ingest
from assistant.knowledge.store import IndexStore
from assistant.settings import PROJECT_ROOT, Settings
from tests.fakes import FakeEmbedder
from tests.test_ingest import make_mirror

BUILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.knowledge.ingest import ingest
    from assistant.settings import Settings
    from tests.fakes import FakeEmbedder
    settings = Settings.from_env({"ASSISTANT_HOME": sys.argv[1]}).with_(
        corpus_dir=Path(sys.argv[2]), mirror=Path(sys.argv[3]))
    print("started", flush=True)
    ingest(settings, FakeEmbedder(delay=0.15), progress=False)
    print("finished", flush=True)
    """
)


def pages(n: int, word: str) -> dict[str, str]:
    body = "\n\n".join(f"## Part {j}\n\n{word} paragraph {j} " + "text " * 120 for j in range(8))
    return {f"p{i}.md": f"# Page {i}\n\n{body}\n" for i in range(n)}


def assert_complete(settings: Settings) -> int:
    """The current index, if any, is whole: its manifest matches its collection."""
    store = IndexStore(settings)
    if store.current_folder() is None:
        return 0
    gen, manifest = store.open_current()
    got = gen.open_collection().get(include=["metadatas"])
    assert len(got["ids"]) == manifest.chunks
    assert {m["source_id"] for m in got["metadatas"]} == set(manifest.sources)
    return manifest.chunks


def run_and_kill(settings: Settings, mirror: Path, after: float) -> bool:
    """Start a build, SIGKILL it ``after`` seconds past start-up; True if it finished first."""
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(settings.home), str(settings.corpus_dir), str(mirror)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return proc.returncode == 0


def test_killed_builds_never_leave_a_half_built_index(settings: Settings, tmp_path: Path) -> None:
    mirror = make_mirror(tmp_path / "mirror", pages(12, "alpha"))
    # A first build killed early leaves no index at all.
    assert not run_and_kill(settings, mirror, 0.5)
    assert IndexStore(settings).current_folder() is None

    first = ingest(settings.with_(mirror=mirror), FakeEmbedder(), progress=False)
    # Change every page, then kill update builds at spread-out moments.
    make_mirror(mirror, pages(12, "beta"))
    outcomes = []
    for after in (0.05, 0.4, 0.9, 1.4, 2.0, 2.6):
        finished = run_and_kill(settings, mirror, after)
        chunks = assert_complete(settings)
        outcomes.append(finished)
        assert chunks == first.chunks  # the old index, or the whole new one
        if finished:
            break
    assert not outcomes[0], "the earliest kill must interrupt the build"
    # The interrupted builds' staging folders are swept by the next build.
    final = ingest(settings.with_(mirror=mirror), FakeEmbedder(), progress=False)
    assert assert_complete(settings) == final.chunks
    assert not list(IndexStore(settings).root.glob(".staging-*"))
    gen, _ = IndexStore(settings).open_current()
    texts = gen.open_collection().get(include=["documents"])["documents"]
    assert any("beta paragraph" in t for t in texts) and not any(
        "alpha paragraph" in t for t in texts
    )


READER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from assistant.search.index import open_retriever
    from assistant.settings import Settings
    from tests.fakes import FakeEmbedder
    settings = Settings.from_env({"ASSISTANT_HOME": sys.argv[1]})
    settings = settings.with_(corpus_dir=Path(sys.argv[2]))
    retriever = open_retriever(settings, FakeEmbedder(), build_if_missing=False)
    print("serving", retriever.size, flush=True)
    time.sleep(120)
    """
)


def test_a_killed_reader_does_not_keep_its_generation_forever(
    settings: Settings, tmp_path: Path
) -> None:
    """The lease is a flock: it ends with the reader's process, however that process ends."""
    mirror = make_mirror(tmp_path / "mirror", pages(2, "alpha"))
    with_mirror = settings.with_(mirror=mirror)
    ingest(with_mirror, FakeEmbedder(), progress=False)
    served = IndexStore(settings).current_folder()
    assert served is not None
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.home), str(settings.corpus_dir)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None
        assert reader.stdout.readline().startswith("serving ")
        for word in ("beta", "gamma"):
            time.sleep(1.05)  # generation names then sort as they were built, even here
            make_mirror(mirror, pages(2, word))
            ingest(with_mirror, FakeEmbedder(), progress=False)
        assert served.is_dir(), "a generation in use was pruned"
    finally:
        os.kill(reader.pid, signal.SIGKILL)
        reader.wait(timeout=30)
    make_mirror(mirror, pages(2, "delta"))
    ingest(with_mirror, FakeEmbedder(), progress=False)
    assert not served.exists()
    assert len(list(IndexStore(settings).root.glob("gen-*"))) == 2
