"""The CLI under hostile input: junk bytes, bad ports, closed pipes, bad mirrors, escapes.

Each case ran into a traceback (or leaked) before the hardening issue; each now ends
in one line and exit code 2, a quiet exit, or sanitised output.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import MirrorError
from assistant.knowledge.corpus import load_mirror_sources
from assistant.settings import PROJECT_ROOT, Settings
from tests.fake_ollama import FakeOllama
from tests.test_cli import one_line_error, run

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


@pytest.fixture
def real_env(real_index: Settings) -> dict[str, str]:
    return {"ASSISTANT_HOME": str(real_index.home), "ASSISTANT_MIRROR": ""}


def run_bytes(args: list[bytes], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"assistant.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def test_search_cleans_junk_bytes_as_ask_does(real_env: dict[str, str]) -> None:
    assert "empty" in one_line_error(run_bytes([b"search", b"\xff\xfe"], real_env))
    found = run_bytes([b"search", b"\xff\xfereinforcement learning tools\x1b[2J", b"--k", b"2"],
                      real_env)  # fmt: skip
    assert found.returncode == 0 and "Traceback" not in found.stderr, found.stderr
    assert "Reinforcement Learning" in found.stdout


def test_ports_out_of_range_or_busy_are_one_line(tmp_path: Path) -> None:
    env = {"ASSISTANT_HOME": str(tmp_path / "home")}
    assert "out of range" in one_line_error(run(["serve", "--port", "99999"], env))
    assert "out of range" in one_line_error(run(["serve", "--port", "0"], env))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_line_error(run(["serve", "--port", str(port)], env))
    assert f"127.0.0.1:{port}: the port is in use" in line


def test_a_closed_pipe_ends_quietly(real_env: dict[str, str]) -> None:
    """`ask … | head -1`: the reader goes away before the answer is printed."""
    for args in (["ask", "What should I learn in the NLP step?"], ["search", "rag", "--k", "50"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **real_env},
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=600) == 141
        assert err == ""


@pytest.mark.parametrize("manifest", ["{}", "[]", "null", '{"entries": []}', "5"])
def test_a_manifest_without_entries_gets_one_clear_message(tmp_path: Path, manifest: str) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "manifest.json").write_text(manifest)
    with pytest.raises(MirrorError, match="must hold a list of entries"):
        load_mirror_sources(mirror)
    line = one_line_error(
        run(["ingest", "--mirror", str(mirror)], {"ASSISTANT_HOME": str(tmp_path)})
    )
    assert "manifest.json must hold a list of entries" in line


def test_a_mirror_file_linking_outside_the_mirror_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "evil.txt").symlink_to(secret)
    (mirror / "good.md").write_text("# Good\n\nA page about embeddings.\n")
    (mirror / "inside.md").symlink_to(mirror / "good.md")  # a link within the mirror is fine
    entries = [
        {"url": "https://example.org/evil", "title": "Evil", "file": "evil.txt", "format": "text"},
        {
            "url": "https://example.org/good",
            "title": "Good",
            "file": "good.md",
            "format": "markdown",
        },
        {"url": "https://example.org/in", "title": "In", "file": "inside.md", "format": "markdown"},
    ]
    (mirror / "manifest.json").write_text(json.dumps(entries))
    sources, skipped = load_mirror_sources(mirror)
    assert [s.title for s in sources] == ["Good", "In"]
    assert [(s.name, s.reason.split(":")[0]) for s in skipped] == [
        ("evil.txt", "file is a link to outside the mirror folder")
    ]


def test_terminal_and_json_output_carry_no_escapes_or_images(real_index: Settings) -> None:
    """A model (or an injected page) writes escape codes and a remote image."""
    leak = "![x](http://127.0.0.1:9/leak?q=conversation)"
    server = FakeOllama(reply=lambda body: ["Gym ", ESCAPES, "is listed [1]. ", leak]).start()
    env = {
        "ASSISTANT_HOME": str(real_index.home),
        "ASSISTANT_MIRROR": "",
        "OLLAMA_HOST": server.url,
        "ASSISTANT_BACKEND": "ollama",
    }
    try:
        question = "Which tools does the roadmap list for reinforcement learning?"
        shown, printed = (
            subprocess.run(
                [sys.executable, "-m", "assistant.cli", "ask", *flags, question],
                capture_output=True,
                text=True,
                env={**os.environ, **env},
                timeout=600,
                cwd=PROJECT_ROOT,
            )
            for flags in ([], ["--json"])
        )
    finally:
        server.stop()
    assert shown.returncode == 0, shown.stderr
    assert "Gym is listed" in shown.stdout
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    answer = json.loads(printed.stdout)
    assert answer["mode"].startswith("ollama:"), answer["mode"]
    assert "\x1b" not in answer["text"] and "![" not in answer["text"]
    assert "🖼 x (`http://127.0.0.1:9/leak?q=conversation`)" in answer["text"]
