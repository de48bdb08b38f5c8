"""The same ingest and retrieval against a real ``chroma run`` server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.knowledge.ingest import ingest
from assistant.knowledge.store import IndexStore
from assistant.search.index import open_retriever
from assistant.settings import Settings
from tests.conftest import ROADMAP_FILE
from tests.fakes import FakeEmbedder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    proc = subprocess.Popen(
        [
            exe,
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.2)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_ingest_and_retrieve_through_a_chroma_server(
    settings: Settings, chroma_server: int
) -> None:
    server = settings.with_(chroma_host="127.0.0.1", chroma_port=chroma_server)
    embedder = FakeEmbedder()
    first = ingest(server, embedder, progress=False)
    assert first.rebuilt and first.chunks > 30
    store = IndexStore(server)
    assert store.server and not (store.current_folder() / "chroma").exists()  # type: ignore[operator]

    again = ingest(server, embedder, progress=False)
    assert again.embedded == 0 and not again.changed

    roadmap = server.corpus_dir / ROADMAP_FILE
    roadmap.write_text(roadmap.read_text().replace("- Ray RLlib\n", "- Ray RLlib\n- PettingZoo\n"))
    edited = ingest(server, embedder, progress=False)
    assert edited.embedded == 1 and edited.chunks == first.chunks

    retriever = open_retriever(server, embedder)
    result = retriever.retrieve("Tools and Frameworks OpenAI Gym Stable-Baselines3 PettingZoo", k=3)
    assert result.hits[0].chunk.step == 8 and "PettingZoo" in result.hits[0].chunk.text
    only_step_2 = retriever.retrieve("learn", k=5, step=2)
    assert only_step_2.hits and {h.chunk.step for h in only_step_2.hits} == {2}

    # Generations are server collections; old ones are pruned, the live one is kept.
    gen, manifest = store.open_current()
    names = {c if isinstance(c, str) else c.name for c in gen.client.list_collections()}
    assert manifest.collection in names and len(names) <= 2
