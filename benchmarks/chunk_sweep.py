"""Chunk size and overlap, chosen by measurement: retrieval quality and cost per setting.

For each (size, overlap) it builds a fresh index of the roadmap plus the mirror
(--mirror DIR / ASSISTANT_MIRROR) with the real MiniLM model and prints the
number of chunks, ingest seconds and hit@1/hit@3 on benchmarks/calibration.yaml.
Run: .venv/bin/python benchmarks/chunk_sweep.py --mirror ../shared/mirror
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from calibrate_relevance import evaluate, fresh_home  # noqa: E402

from assistant.knowledge.embeddings import SentenceEmbedder, extract_packaged_model  # noqa: E402
from assistant.knowledge.ingest import ingest  # noqa: E402
from assistant.search.index import open_retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

SETTINGS = [(400, 50), (800, 100), (1200, 150)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Settings.from_env().mirror)
    parser.add_argument(
        "--settings", nargs="*", default=[f"{s}/{o}" for s, o in SETTINGS], help="SIZE/OVERLAP ..."
    )
    args = parser.parse_args()
    settings_list = [tuple(int(v) for v in item.split("/")) for item in args.settings]
    data = yaml.safe_load((Path(__file__).parent / "calibration.yaml").read_text())
    with tempfile.TemporaryDirectory(prefix="sweep-") as tmp:
        models = Path(tmp) / "models"
        extract_packaged_model(models)
        print("size overlap  chunks  ingest_s  hit@1  hit@3")
        for size, overlap in settings_list:
            settings = fresh_home(Path(tmp) / f"home-{size}-{overlap}", models, args.mirror)
            embedder = SentenceEmbedder(settings)
            _ = embedder.dimension
            t = time.perf_counter()
            summary = ingest(
                settings, embedder, progress=False, chunk_size=size, chunk_overlap=overlap
            )
            seconds = time.perf_counter() - t
            res = evaluate(open_retriever(settings, embedder, build_if_missing=False), data)
            print(
                f"{size:4d} {overlap:7d} {summary.chunks:7d} {seconds:9.1f}"
                f"  {res['hit@1']:.3f}  {res['hit@3']:.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
