"""Answer latency: offline ``ask`` (warm) and the Ollama path's first-token overhead.

1. Offline mode: every question of benchmarks/calibration.yaml (in-scope and
   out-of-scope, 52) plus follow-ups, asked ``--repeat`` times after a warm-up;
   prints p50/p95/mean of ``Assistant.ask`` wall time.
2. Generation: against the fake Ollama server from tests/ (real HTTP on
   127.0.0.1) that waits ``--model-delay`` seconds before its first token,
   prints the time from question to the first streamed delta minus that delay:
   the overhead our side adds (health check, retrieval, prompt, HTTP).

Uses the index under ASSISTANT_HOME (built with --mirror / ASSISTANT_MIRROR if
missing). Run: .venv/bin/python benchmarks/bench_answers.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

from assistant.answering.assistant import Answer, Assistant
from assistant.answering.backends.ollama import OllamaBackend
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.search.index import open_retriever
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline

sys.path.insert(0, str(PROJECT_ROOT))
from tests.fake_ollama import FakeOllama  # noqa: E402

HERE = Path(__file__).parent
FOLLOW_UPS = [
    ("What should I learn in the NLP step?", "And which resources does it recommend for that?"),
    ("Tell me about Step 8", "Which tools are listed there?"),
    ("Which resources are there for computer vision?", "What about generative AI?"),
]


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"n={len(ms)}  p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  "
        f"mean {statistics.fmean(ms):.1f} ms  max {ms[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model-delay", type=float, default=0.2)
    args = parser.parse_args()
    enforce_offline()
    settings = Settings.from_env()
    if args.mirror:
        settings = settings.with_(mirror=args.mirror.resolve())
    embedder = SentenceEmbedder(settings)
    retriever = open_retriever(settings, embedder)
    data = yaml.safe_load((HERE / "calibration.yaml").read_text())
    questions = [item["q"] for item in data["in_scope"]] + list(data["out_of_scope"])

    offline = Assistant(settings.with_(backend="offline"), retriever, embedder, None)
    for q in questions[:3]:
        offline.ask(q)  # warm-up: model weights, Chroma caches
    times: list[float] = []
    declined = 0
    for _ in range(args.repeat):
        for q in questions:
            started = time.perf_counter()
            answer = offline.ask(q)
            times.append(time.perf_counter() - started)
            declined += answer.declined
        for first, second in FOLLOW_UPS:
            history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
            started = time.perf_counter()
            offline.ask(second, history)
            times.append(time.perf_counter() - started)
    print(f"offline ask ({len(questions) + len(FOLLOW_UPS)} questions × {args.repeat}):")
    print(f"  {percentiles(times)}")
    print(f"  declined {declined // args.repeat} of {len(questions)} per pass")

    server = FakeOllama(reply=lambda body: ["The roadmap lists ", "OpenAI Gym [1]", "."]).start()
    server.first_token_delay = args.model_delay
    try:
        live = settings.with_(ollama_host=server.url, backend="auto")
        bot = Assistant(live, retriever, embedder, OllamaBackend(live))
        bot.ask(questions[0])  # warm-up (first health check)
        overheads: list[float] = []
        totals: list[float] = []
        for q in [item["q"] for item in data["in_scope"]]:
            started = time.perf_counter()
            first = None
            for event in bot.stream(q):
                if first is None and isinstance(event, str):
                    first = time.perf_counter() - started
                if isinstance(event, Answer):
                    assert event.mode.startswith("ollama:"), event.mode
            assert first is not None
            overheads.append(first - args.model_delay)
            totals.append(first)
    finally:
        server.stop()
    print(f"ollama first token (fake server, model delay {args.model_delay * 1000:.0f} ms):")
    print(f"  question → first delta:          {percentiles(totals)}")
    print(f"  overhead (minus the model delay): {percentiles(overheads)}")


if __name__ == "__main__":
    main()
