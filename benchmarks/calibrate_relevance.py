"""Retrieval quality and the relevance threshold, measured on benchmarks/calibration.yaml.

Prints hit@1/hit@3 for the in-scope questions, the best-similarity
distribution of in-scope and out-of-scope questions, and for each candidate
threshold the share of in-scope questions that would be declined and of
out-of-scope questions that would be let through. Uses the index under
ASSISTANT_HOME (built with the mirror from --mirror / ASSISTANT_MIRROR if
missing). Run: .venv/bin/python benchmarks/calibrate_relevance.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from assistant.search.index import open_retriever
from assistant.search.retrieval import RELEVANCE_THRESHOLD, HybridRetriever
from assistant.settings import Settings

HERE = Path(__file__).parent


def fresh_home(folder: Path, models: Path, mirror: Path | None) -> Settings:
    """Settings for an empty ASSISTANT_HOME at ``folder`` sharing an extracted model."""
    folder.mkdir()
    (folder / "models").symlink_to(models, target_is_directory=True)
    settings = Settings.from_env({"ASSISTANT_HOME": str(folder)})
    return settings.with_(mirror=mirror.resolve()) if mirror else settings


def matches(hit_url: str, step: int | None, expect: int | str) -> bool:
    if isinstance(expect, int):
        return step == expect and "AI%20Engineer" in hit_url
    return hit_url.startswith(expect)


def evaluate(retriever: HybridRetriever, data: dict, verbose: bool = False) -> dict[str, float]:
    hit1 = hit3 = 0
    in_sims, out_sims = [], []
    for item in data["in_scope"]:
        result = retriever.retrieve(item["q"], k=3)
        ok = [matches(h.chunk.url, h.chunk.step, item["expect"]) for h in result.hits]
        hit1 += bool(ok[:1] and ok[0])
        hit3 += any(ok)
        in_sims.append(result.best_similarity)
        if verbose and not (ok and ok[0]):
            top = result.hits[0].chunk
            print(f"  miss@1: {item['q']!r} -> {top.title} › {top.section}")
    for q in data["out_of_scope"]:
        out_sims.append(retriever.retrieve(q, k=3).best_similarity)
    n = len(data["in_scope"])
    return {"hit@1": hit1 / n, "hit@3": hit3 / n, "in": in_sims, "out": out_sims}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path)
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.mirror:
        settings = settings.with_(mirror=args.mirror.resolve())
    data = yaml.safe_load((HERE / "calibration.yaml").read_text())
    retriever = open_retriever(settings)
    res = evaluate(retriever, data, verbose=True)
    ins, outs = sorted(res["in"]), sorted(res["out"])  # type: ignore[type-var]
    print(f"in-scope: {len(ins)} questions, hit@1 {res['hit@1']:.3f}, hit@3 {res['hit@3']:.3f}")
    print(f"best similarity in-scope:  min {ins[0]:.3f}  median {ins[len(ins) // 2]:.3f}")
    print(f"best similarity out-scope: max {outs[-1]:.3f}  median {outs[len(outs) // 2]:.3f}")
    print("threshold  false-decline(in)  false-accept(out)")
    for t in [0.25, 0.28, 0.30, 0.32, 0.34, 0.36, 0.38, 0.40, 0.42, 0.45]:
        fd = sum(s < t for s in ins) / len(ins)
        fa = sum(s >= t for s in outs) / len(outs)
        mark = "  <- current" if abs(t - RELEVANCE_THRESHOLD) < 1e-9 else ""
        print(f"  {t:.2f}       {fd:.3f}              {fa:.3f}{mark}")


if __name__ == "__main__":
    main()
