"""Storage faults: a damaged index, a home that cannot be written, a full disk, a server that
follows new index generations without losing the one it serves, and a cheap no-op ingest.

Running as root, ``chmod`` does not stop writes, so read-only storage is also tested with a
read-only bind mount, and a full disk with a small tmpfs, each in a private mount namespace
(``unshare -m``) of a subprocess; those tests are skipped where mounting is not allowed.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.errors import AssistantError
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.knowledge.ingest import ingest
from assistant.knowledge.store import IndexStore
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import ROADMAP_FILE, link_models
from tests.fakes import FakeEmbedder

RL = "Which tools does the roadmap list for reinforcement learning?"
ROOT = os.geteuid() == 0
CHROMA_SETTINGS = {"anonymized_telemetry": False, "allow_reset": False}


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    """The single stderr line of a command that failed with exit code 2 (checked by caller)."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0]


def proc_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def add_tool(corpus_dir: Path, tool: str) -> None:
    """Add a tool to Step 8's list, so the next ingest has one changed chunk."""
    roadmap = corpus_dir / ROADMAP_FILE
    text = roadmap.read_text(encoding="utf-8")
    roadmap.write_text(text.replace("- Ray RLlib\n", f"- Ray RLlib\n- {tool}\n"), encoding="utf-8")


def whole(settings: Settings) -> int:
    """The current index's chunk count, after checking its collection holds exactly that."""
    store = IndexStore(settings)
    gen, manifest = store.open_current()
    try:
        assert gen.open_collection().count() == manifest.chunks
    finally:
        gen.close()
    return manifest.chunks


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Path:
    """A home with the real roadmap indexed by the real MiniLM; each test copies it."""
    home = tmp_path_factory.mktemp("template") / "home"
    link_models(home, models_dir)
    settings = Settings.from_env({"ASSISTANT_HOME": str(home)})
    ingest(settings, SentenceEmbedder(settings), progress=False)
    return home


@pytest.fixture
def home(template: Path, tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the template home; ASSISTANT_HOME and ASSISTANT_CORPUS point at it."""
    target = tmp_path / "home"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target, symlinks=True)
    monkeypatch.setenv("ASSISTANT_HOME", str(target))
    monkeypatch.setenv("ASSISTANT_CORPUS", str(corpus_dir))
    monkeypatch.setenv("ASSISTANT_BACKEND", "offline")
    return target


def env_of(home: Path, corpus_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ASSISTANT_HOME": str(home),
        "ASSISTANT_CORPUS": str(corpus_dir),
        "ASSISTANT_BACKEND": "offline",
        "PYTHONPATH": str(PROJECT_ROOT),
    }


# ---- 1. missing or emptied Chroma data ---------------------------------------------------------


def damage(current: Path, how: str) -> None:
    """Break the index in ``current`` the way a person or a crashed tool might."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    if how == "chroma files deleted":
        shutil.rmtree(current / "chroma")
        return
    if how == "manifest names an unknown collection":
        manifest = json.loads((current / "manifest.json").read_text())
        manifest["collection"] = "no-such-collection"
        (current / "manifest.json").write_text(json.dumps(manifest))
        return
    client = chromadb.PersistentClient(
        path=str(current / "chroma"), settings=ChromaSettings(**CHROMA_SETTINGS)
    )
    try:
        if how == "collection deleted":
            client.delete_collection("chunks")
        else:  # emptied
            collection = client.get_collection("chunks")
            collection.delete(ids=collection.get()["ids"])
    finally:
        client.close()


DAMAGE = [
    "chroma files deleted",
    "collection deleted",
    "collection emptied",
    "manifest names an unknown collection",
]


@pytest.mark.slow
@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_index_is_refused_by_ask_then_rebuilt_by_ingest(
    home: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.from_env()
    chunks = whole(settings)
    damage(IndexStore(settings).current_folder() or Path(), how)

    assert main(["ask", RL]) == 2
    line = one_line_error(capsys)
    assert "damaged" in line and line.endswith("Rebuild it with: roadmap-assistant ingest")

    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "damaged" in out and f"Index rebuilt: 1 sources, {chunks} chunks" in out
    assert whole(settings) == chunks

    assert main(["ask", RL]) == 0
    assert "- OpenAI Gym [1]" in capsys.readouterr().out


def test_open_retriever_rebuilds_a_damaged_index(settings: Settings) -> None:
    """The UI's path (``open_retriever(build_if_missing=True)``) repairs it too."""
    from assistant.search.index import open_retriever

    embedder = FakeEmbedder()
    chunks = ingest(settings, embedder, progress=False).chunks
    damage(IndexStore(settings).current_folder() or Path(), "chroma files deleted")
    retriever = open_retriever(settings, embedder, progress=False)
    assert retriever.size == chunks
    assert retriever.retrieve("reinforcement learning tools", k=3).hits


# ---- 2. a home that is a file, read-only, or full ----------------------------------------------


@pytest.mark.parametrize("command", [["ingest"], ["ask", RL]])
def test_home_that_is_a_file_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder\n")
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    assert main(command) == 2
    line = one_line_error(capsys)
    assert str(home) in line and "not a folder" in line


def make_read_only(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    root.chmod(root.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(root: Path) -> None:
    root.chmod(root.stat().st_mode | stat.S_IWUSR)
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.mark.slow
@pytest.mark.skipif(
    ROOT,
    reason="running as root: chmod does not stop root's writes "
    "(test_read_only_mount_is_one_line covers read-only storage with a read-only mount)",
)
def test_read_only_home_by_chmod_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_read_only(home)
    try:
        assert main(["ingest"]) == 2
        line = one_line_error(capsys)
        assert str(home) in line and "read-only" in line
        assert main(["ask", RL]) == 2
        line = one_line_error(capsys)
        assert "read-only" in line and str(home / "index") in line
    finally:
        make_writable(home)


def can_mount(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    target = tmp_path / "mount-probe"
    target.mkdir()
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {target}"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.fixture
def mounts(tmp_path: Path) -> None:
    if not can_mount(tmp_path):
        pytest.skip("cannot mount here (needs root and unshare -m): no real read-only/full disk")


READ_ONLY_RUN = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'


def run_on_read_only(folder: Path, args: list[str], env: dict[str, str]) -> Any:
    """Run the CLI with ``folder`` mounted read-only (in a private mount namespace)."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", READ_ONLY_RUN, "sh", str(folder)]
        + [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
    )


@pytest.mark.slow
def test_read_only_mount_is_one_line(home: Path, corpus_dir: Path, mounts: None) -> None:
    env = env_of(home, corpus_dir)
    line = proc_error(run_on_read_only(home, ["ingest"], env))
    assert str(home) in line and "read-only" in line
    # Chroma 1.5 writes to its SQLite file even to answer: the index folder must say so.
    line = proc_error(run_on_read_only(home / "index", ["ask", RL], env))
    assert "read-only" in line and str(home / "index") in line
    assert "Chroma" in line


@pytest.fixture
def copy_fills_the_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """``shutil.copytree`` copies one file, then the disk is full (ENOSPC)."""
    real_copytree = shutil.copytree
    copied: list[str] = []

    def copytree(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        if args:  # copytree's own recursion into a folder: its copy function is wrapped already
            return real_copytree(src, dst, *args, **kwargs)
        inner = kwargs.pop("copy_function", shutil.copy2)

        def copy(s: Any, d: Any, **kw: Any) -> Any:
            if copied:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(d))
            copied.append(str(s))
            return inner(s, d, **kw)

        return real_copytree(src, dst, copy_function=copy, **kwargs)

    monkeypatch.setattr(shutil, "copytree", copytree)
    yield copied


def test_failed_staging_copy_is_removed_and_named(
    settings: Settings, copy_fills_the_disk: list[str]
) -> None:
    embedder = FakeEmbedder()
    first = ingest(settings, embedder, progress=False)  # a first build copies nothing
    assert not copy_fills_the_disk
    store = IndexStore(settings)
    before = store.current_folder()
    add_tool(settings.corpus_dir, "PettingZoo")
    with pytest.raises(AssistantError) as err:
        ingest(settings, embedder, progress=False)
    message = str(err.value)
    assert "No space left" in message and str(store.root) in message and "\n" not in message
    assert copy_fills_the_disk, "the staging copy was attempted"
    assert not list(store.root.glob(".staging-*")), "the failed staging copy is removed"
    assert store.current_folder() == before and whole(settings) == first.chunks


FULL_DISK = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from pathlib import Path
    from assistant.cli import main
    from assistant.knowledge.ingest import ingest
    from assistant.knowledge.store import IndexStore
    from assistant.settings import Settings
    from tests.fakes import FakeEmbedder

    home, models, roadmap = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    room, args = int(sys.argv[4]), sys.argv[5:]
    (home / "models").symlink_to(models, target_is_directory=True)
    settings = Settings.from_env()
    ingest(settings, FakeEmbedder("all-MiniLM-L6-v2", dim=384), progress=False)
    text = roadmap.read_text(encoding="utf-8")
    roadmap.write_text(text.replace("- Ray RLlib\\n", "- Ray RLlib\\n- PettingZoo\\n"))
    filler = home / "filler"
    with open(filler, "wb", buffering=0) as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\\0" * 65536)
    os.truncate(filler, max(0, filler.stat().st_size - room))
    free = lambda: os.statvfs(home).f_bavail * os.statvfs(home).f_frsize
    free_before = free()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(args)
    store = IndexStore(settings)
    free_after, staging = free(), [p.name for p in store.root.glob(".staging-*")]
    filler.unlink()  # Chroma cannot even open an index on a disk with no room left
    gen, manifest = store.open_current()
    print(json.dumps({
        "rc": rc, "stderr": err.getvalue(), "free_before": free_before, "free_after": free_after,
        "staging": staging, "chunks": manifest.chunks, "count": gen.open_collection().count(),
    }))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "room"),
    [
        (["ingest"], 0),  # not even the staging folder fits
        (["ingest"], 96 * 1024),  # the staging copy fails half-way
        (["ingest", "--rebuild"], 96 * 1024),  # Chroma cannot start its SQLite file
        (["ingest"], 1_000_000),  # the copy fits; Chroma's writes may not
    ],
)
def test_full_disk_is_one_line_and_leaves_no_staging_copy(
    tmp_path: Path,
    corpus_dir: Path,
    models_dir: Path,
    mounts: None,
    args: list[str],
    room: int,
) -> None:
    """A real 3 MiB tmpfs as ASSISTANT_HOME, filled up to ``room`` bytes before an update."""
    home = tmp_path / "small-disk"
    home.mkdir()
    run = 'mount -t tmpfs -o size=3m tmpfs "$1" && shift && exec "$@"'
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", run, "sh", str(home), sys.executable, "-c", FULL_DISK]
        + [str(home), str(models_dir), str(corpus_dir / ROADMAP_FILE), str(room), *args],
        capture_output=True,
        text=True,
        env=env_of(home, corpus_dir),
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["staging"] == []  # a failed staging copy does not keep the disk full
    assert result["chunks"] == result["count"] > 30  # the index is whole, old or new
    if room >= 1_000_000 and result["rc"] == 0:
        return  # it fitted after all (Chroma's files vary a little between versions)
    assert result["rc"] == 2, result
    lines = [ln for ln in result["stderr"].split("\r")[-1].splitlines() if ln.strip()]
    assert len(lines) == 1 and str(home) in lines[0], lines
    assert "No space left" in lines[0] or "If its disk is full" in lines[0], lines
    # Everything the failed build wrote is given back, but for the caches of the one new
    # chunk (its text and its vector): no deleted file is still held open either.
    assert result["free_after"] >= result["free_before"] - 64 * 1024


# ---- 3. a running assistant follows new generations ---------------------------------------------


def cli_ingest(home: Path, corpus_dir: Path, *args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", *args],
        capture_output=True,
        text=True,
        env=env_of(home, corpus_dir),
        cwd=PROJECT_ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.slow
def test_running_assistant_switches_generation_between_questions(
    home: Path, corpus_dir: Path
) -> None:
    from assistant.answering.assistant import Answer, Assistant

    settings = Settings.from_env()
    store = IndexStore(settings)
    bot = Assistant.open(settings, progress=False)
    first = store.current_folder()
    assert first is not None
    assert "PettingZoo" not in bot.ask(RL).text

    # A question under way keeps its generation while another process builds a new one.
    events = bot.stream(RL)
    assert isinstance(next(events), str)
    add_tool(corpus_dir, "PettingZoo")
    cli_ingest(home, corpus_dir)  # generation B, in another process
    rest = list(events)
    assert isinstance(rest[-1], Answer) and "PettingZoo" not in rest[-1].text

    cli_ingest(home, corpus_dir, "--rebuild")  # generation C; pruning would take A
    assert store.current_folder() != first
    assert first.is_dir(), "the generation the assistant serves was deleted under it"
    held = bot.retriever.retrieve(RL, k=3)  # and it still answers from it
    assert held.hits and not any("PettingZoo" in h.chunk.text for h in held.hits)

    answer = bot.ask(RL)  # the next question is served from the newest generation
    assert "- PettingZoo [1]" in answer.text
    assert not first.exists(), "the released generation is pruned"
    assert len(list(store.root.glob("gen-*"))) == 2  # the current one and the one before


def test_a_leased_generation_outlives_two_builds(settings: Settings) -> None:
    embedder = FakeEmbedder()
    ingest(settings, embedder, progress=False)
    store = IndexStore(settings)
    gen, manifest = store.open_current()
    held = gen.folder
    for tool in ("PettingZoo", "CleanRL"):
        add_tool(settings.corpus_dir, tool)
        ingest(settings, embedder, progress=False)
    assert store.current_folder() != held
    assert held.is_dir() and gen.open_collection().count() == manifest.chunks
    gen.close()
    add_tool(settings.corpus_dir, "Gymnasium")
    ingest(settings, embedder, progress=False)
    assert not held.exists()
    assert len(list(store.root.glob("gen-*"))) == 2


# ---- 4. a no-op ingest is cheap --------------------------------------------------------------

NOOP = (
    "import json, sys\n"
    "from assistant.cli import main\n"
    "rc = main(['ingest'])\n"
    "heavy = ('torch', 'sentence_transformers', 'transformers', 'chromadb', 'langchain_chroma',"
    " 'langchain_classic', 'langchain_text_splitters')\n"
    "print(json.dumps({'rc': rc, 'loaded': [m for m in heavy if m in sys.modules]}))\n"
)


@pytest.mark.slow
def test_noop_ingest_process_imports_no_model_or_vector_store(home: Path, corpus_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", NOOP],
        capture_output=True,
        text=True,
        env=env_of(home, corpus_dir),
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    *out, last = proc.stdout.strip().splitlines()
    assert out[-1].startswith("Index up to date: 1 sources,") and "embedded 0 texts" in out[-1]
    assert json.loads(last) == {"rc": 0, "loaded": []}
