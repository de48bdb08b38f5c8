"""No-op ingest benchmark: the whole `roadmap-assistant ingest` process when nothing changed.

Builds (or updates) an index once, then runs `roadmap-assistant ingest` again N times as a
subprocess and prints each wall time and the median, then the slowest imports of one such
run (`python -X importtime`). The roadmap plus the mirror (--mirror DIR, default
ASSISTANT_MIRROR) is indexed in a fresh temporary home unless --home names one to reuse.
Not a timed test: it prints numbers.
Run: .venv/bin/python benchmarks/bench_noop_ingest.py --mirror ../shared/mirror
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.settings import PROJECT_ROOT, Settings

_IMPORT = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def command() -> list[str]:
    script = Path(sys.executable).parent / "roadmap-assistant"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "assistant.cli"]


def run_ingest(env: dict[str, str], *, importtime: bool = False) -> tuple[float, str, str]:
    """Wall seconds, stdout and stderr of one whole `ingest` process."""
    argv = command() + ["ingest"]
    if importtime:
        argv = [sys.executable, "-X", "importtime", "-m", "assistant.cli", "ingest"]
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return seconds, proc.stdout, proc.stderr


def top_imports(stderr: str, n: int) -> list[tuple[float, str]]:
    """The ``n`` top-level imports with the largest cumulative time (ms)."""
    rows = []
    for line in stderr.splitlines():
        m = _IMPORT.match(line)
        if m and len(m.group(3)) == 1:  # one space: imported by the program itself
            rows.append((int(m.group(2)) / 1000, m.group(4)))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    configured = Settings.from_env().mirror
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=configured, help="mirror folder")
    parser.add_argument("--home", type=Path, help="reuse this ASSISTANT_HOME (default: a temp one)")
    parser.add_argument("--runs", type=int, default=5, help="timed no-op runs (default 5)")
    parser.add_argument("--top", type=int, default=8, help="imports to list (default 8)")
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="bench-noop-"))
    env = {**os.environ, "ASSISTANT_HOME": str(home.resolve())}
    env.pop("ASSISTANT_MIRROR", None)
    if args.mirror is not None:
        env["ASSISTANT_MIRROR"] = str(args.mirror.resolve())
    print(f"home {home}  mirror {args.mirror or '(none)'}")

    seconds, out, _ = run_ingest(env)
    print(f"first run (build or update): {seconds:.2f} s — {out.strip().splitlines()[-1]}")
    times = []
    for i in range(args.runs):
        seconds, out, _ = run_ingest(env)
        summary = out.strip().splitlines()[-1]
        if "up to date" not in summary:
            sys.exit(f"run {i + 1} was not a no-op: {summary}")
        times.append(seconds)
        print(f"no-op run {i + 1}: {seconds:.3f} s")
    print(
        f"no-op ingest, whole process: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} runs)"
    )

    _, _, stderr = run_ingest(env, importtime=True)
    print("slowest imports of one no-op run (cumulative ms, python -X importtime):")
    for ms, name in top_imports(stderr, args.top):
        print(f"  {ms:8.1f}  {name}")
    loaded = [
        m
        for m in ("torch", "sentence_transformers", "chromadb", "langchain_chroma")
        if re.search(rf"\| +{m}$", stderr, re.M)
    ]
    print(f"heavy modules imported: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
