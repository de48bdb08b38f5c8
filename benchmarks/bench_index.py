"""Index benchmark: ours vs a plain LangChain baseline, on the same corpus, in one run.

Prints, for the roadmap plus the mirror (--mirror DIR / ASSISTANT_MIRROR):
full ingest seconds, no-op re-ingest seconds, retrieval p50/p95 over the
warm calibration queries (>= 50), retrieval hit@1/hit@3, peak RSS. The baseline
is RecursiveCharacterTextSplitter(1000, 200) + Chroma similarity search with
the same embedder and the same normalised documents. Both start from a fresh
temporary home (the model is extracted beforehand and not timed).
Run: .venv/bin/python benchmarks/bench_index.py --mirror ../shared/mirror
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from calibrate_relevance import evaluate, fresh_home  # noqa: E402

from assistant.knowledge.corpus import gather_sources, load_document  # noqa: E402
from assistant.knowledge.embeddings import SentenceEmbedder, extract_packaged_model  # noqa: E402
from assistant.knowledge.ingest import ingest  # noqa: E402
from assistant.search.index import open_retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

HERE = Path(__file__).parent


def cpu_s() -> float:
    """User + system CPU seconds of this process so far (all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def queries() -> tuple[list[str], list[dict]]:
    data = yaml.safe_load((HERE / "calibration.yaml").read_text())
    return [i["q"] for i in data["in_scope"]] + list(data["out_of_scope"]), data["in_scope"]


def bench_ours(settings: Settings) -> dict[str, float]:
    embedder = SentenceEmbedder(settings)
    _ = embedder.dimension  # load the model outside the timed part, as the baseline does
    t, c = time.perf_counter(), cpu_s()
    first = ingest(settings, embedder, progress=False)
    full, full_cpu = time.perf_counter() - t, cpu_s() - c
    t = time.perf_counter()
    again = ingest(settings, embedder, progress=False)
    noop = time.perf_counter() - t
    assert again.embedded == 0
    retriever = open_retriever(settings, embedder, build_if_missing=False)
    qs, _ = queries()
    for q in qs[:5]:
        retriever.retrieve(q)  # warm-up
    times, embed_times = [], []
    for q in qs:
        t0 = time.perf_counter()
        embedder.embed_query(q)
        embed_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        retriever.retrieve(q, k=5)
        times.append(time.perf_counter() - t0)
    quality = evaluate(retriever, yaml.safe_load((HERE / "calibration.yaml").read_text()))
    return {
        "chunks": first.chunks,
        "embedded": first.embedded,
        "full_s": full,
        "full_cpu_s": full_cpu,
        "noop_s": noop,
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * pct(times, 95),
        "embed_p50_ms": 1000 * statistics.median(embed_times),
        "queries": len(qs),
        "hit1": quality["hit@1"],
        "hit3": quality["hit@3"],
        "rss_mb": rss_mb(),
    }


def bench_baseline(settings: Settings, home: Path) -> dict[str, float]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embedder = SentenceEmbedder(settings)
    _ = embedder.dimension
    t, c = time.perf_counter(), cpu_s()
    sources, _ = gather_sources(settings.corpus_dir, settings.mirror)
    docs = []
    for s in sources:
        doc = load_document(s)
        docs.append(Document(doc.text, metadata={"url": s.url, "title": s.title}))
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
        docs
    )
    client = chromadb.PersistentClient(
        str(home / "baseline"), ChromaSettings(anonymized_telemetry=False)
    )
    store = Chroma(
        client=client,
        collection_name="baseline",
        embedding_function=embedder,
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    store.add_documents(splits)
    full, full_cpu = time.perf_counter() - t, cpu_s() - c
    qs, labelled = queries()
    for q in qs[:5]:
        store.similarity_search(q, k=5)
    times = []
    for q in qs:
        t0 = time.perf_counter()
        store.similarity_search(q, k=5)
        times.append(time.perf_counter() - t0)
    hit1 = hit3 = 0
    for item in labelled:
        got = store.similarity_search(item["q"], k=3)
        expect = item["expect"]
        # The baseline has no sections or steps: a roadmap step counts when the chunk
        # is from the AI Engineer roadmap and contains that step's heading.
        ok = [
            (f"Step {expect}:" in d.page_content and "AI%20Engineer" in d.metadata["url"])
            if isinstance(expect, int)
            else d.metadata["url"].startswith(expect.split("#")[0])
            for d in got
        ]
        hit1 += bool(ok and ok[0])
        hit3 += any(ok)
    return {
        "chunks": len(splits),
        "full_s": full,
        "full_cpu_s": full_cpu,
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * pct(times, 95),
        "hit1": hit1 / len(labelled),
        "hit3": hit3 / len(labelled),
        "rss_mb": rss_mb(),
    }


def warm_up(models: Path) -> None:
    """Run the model once over short to full-length batches, untimed.

    The first big batches in a process pay for allocator growth and page faults
    (seen here: the same ingest took 99 s of CPU first and 80 s later), which
    would otherwise penalise whichever side happens to run first.
    """
    embedder = SentenceEmbedder(fresh_home(models.parent / "warm-up", models, None))
    words = "learning models data deployment vision language agents " * 40
    texts = [" ".join(words.split()[: 4 + (i * 7) % 250]) for i in range(256)]
    embedder.embed_documents(sorted(texts, key=len))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Settings.from_env().mirror)
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per side, alternating order (default 2)"
    )
    args = parser.parse_args()
    print(f"corpus: roadmap + {'mirror ' + str(args.mirror) if args.mirror else 'no mirror'}")
    runs: dict[str, list[dict[str, float]]] = {"ours": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        models = Path(tmp) / "models"
        extract_packaged_model(models)
        warm_up(models)
        for i in range(args.repeat):
            # Alternate which side goes first: this machine's speed drifts between runs.
            for side in ("ours", "baseline") if i % 2 == 0 else ("baseline", "ours"):
                home = Path(tmp) / f"{side}-{i}"
                settings = fresh_home(home, models, args.mirror)
                result = bench_ours(settings) if side == "ours" else bench_baseline(settings, home)
                runs[side].append(result)
                print(
                    f"  run {i + 1} {side}: full ingest {result['full_s']:.1f} s wall, "
                    f"{result['full_cpu_s']:.1f} s CPU",
                    flush=True,
                )
    ours = {k: statistics.median(r[k] for r in runs["ours"]) for k in runs["ours"][0]}
    base = {k: statistics.median(r[k] for r in runs["baseline"]) for k in runs["baseline"][0]}
    print(f"medians over {args.repeat} alternating runs per side:")
    print(
        f"ours:     {ours['chunks']:.0f} chunks; full ingest {ours['full_s']:.1f} s "
        f"({ours['full_cpu_s']:.1f} s CPU); "
        f"no-op re-ingest {ours['noop_s']:.2f} s; retrieval p50 {ours['p50_ms']:.1f} ms, "
        f"p95 {ours['p95_ms']:.1f} ms over {ours['queries']:.0f} warm queries "
        f"(query embedding alone p50 {ours['embed_p50_ms']:.1f} ms); "
        f"hit@1 {ours['hit1']:.3f}, hit@3 {ours['hit3']:.3f}; peak RSS {ours['rss_mb']:.0f} MB"
    )
    print(
        f"baseline: {base['chunks']:.0f} chunks; full ingest {base['full_s']:.1f} s "
        f"({base['full_cpu_s']:.1f} s CPU); "
        f"retrieval p50 {base['p50_ms']:.1f} ms, p95 {base['p95_ms']:.1f} ms; "
        f"hit@1 {base['hit1']:.3f}, hit@3 {base['hit3']:.3f}; "
        f"peak RSS (cumulative) {base['rss_mb']:.0f} MB"
    )
    print(
        f"ratios (ours/baseline): full ingest {ours['full_s'] / base['full_s']:.2f} wall, "
        f"{ours['full_cpu_s'] / base['full_cpu_s']:.2f} CPU, "
        f"retrieval p50 {ours['p50_ms'] / base['p50_ms']:.2f}"
    )


if __name__ == "__main__":
    main()
