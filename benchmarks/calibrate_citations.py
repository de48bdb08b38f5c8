"""Calibrate the citation check on labelled claims (benchmarks/citation_claims.yaml).

For each claim cited to a roadmap section it prints the word-overlap score and
the MiniLM cosine, then for candidate thresholds how many supported claims
would lose their marker (false drops) and how many unsupported ones would keep
it (false keeps), for words alone and for words-then-embedding as
``assistant.answering.citations.check_support`` does. Needs only the corpus and the
packaged model. Run: .venv/bin/python benchmarks/calibrate_citations.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from assistant.answering.citations import EMBEDDING_SUPPORT, LEXICAL_SUPPORT, lexical_support
from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.corpus import load_corpus_sources, load_document
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.records import Chunk
from assistant.settings import PROJECT_ROOT, Settings, enforce_offline

HERE = Path(__file__).parent


def roadmap_chunks() -> list[Chunk]:
    (source,) = [s for s in load_corpus_sources(PROJECT_ROOT / "corpus") if s.kind == "roadmap"]
    return chunk_document(load_document(source))


def main() -> None:
    enforce_offline()
    claims = yaml.safe_load((HERE / "citation_claims.yaml").read_text())["claims"]
    chunks = roadmap_chunks()
    embedder = SentenceEmbedder(Settings.from_env())
    rows = []
    for item in claims:
        chunk = next(c for c in chunks if c.section.endswith(item["section"]))
        rows.append((item, chunk, lexical_support(item["claim"], f"{chunk.context}\n{chunk.text}")))
    vectors = np.asarray(
        embedder.embed_documents([r[0]["claim"] for r in rows] + [r[1].text for r in rows])
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    n = len(rows)
    cos = [float(vectors[i] @ vectors[n + i]) for i in range(n)]
    good = [i for i, r in enumerate(rows) if r[0]["supported"]]
    bad = [i for i, r in enumerate(rows) if not r[0]["supported"]]
    print(f"{len(good)} supported and {len(bad)} unsupported claims\n")
    print(" words  cosine  label  claim → section")
    for i, (item, _, lex) in enumerate(rows):
        label = "ok " if item["supported"] else "BAD"
        where = f"{item['claim'][:50]} → {item['section'][-40:]}"
        print(f"  {lex:.2f}   {cos[i]:.2f}   {label}  {where}")

    print("\nwords only:  threshold  false-drop(supported)  false-keep(unsupported)")
    for t in (0.2, 0.25, 0.3, 0.34, 0.4, 0.5):
        fd = sum(rows[i][2] < t for i in good) / len(good)
        fk = sum(rows[i][2] >= t for i in bad) / len(bad)
        mark = "  <- LEXICAL_SUPPORT" if abs(t - LEXICAL_SUPPORT) < 1e-9 else ""
        print(f"             {t:.2f}       {fd:.3f}                  {fk:.3f}{mark}")

    print(f"\nwords ≥ {LEXICAL_SUPPORT}, else cosine ≥ threshold:")
    for t in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6):

        def kept(i: int, t: float = t) -> bool:
            return rows[i][2] >= LEXICAL_SUPPORT or cos[i] >= t

        fd = sum(not kept(i) for i in good) / len(good)
        fk = sum(kept(i) for i in bad) / len(bad)
        mark = "  <- EMBEDDING_SUPPORT" if abs(t - EMBEDDING_SUPPORT) < 1e-9 else ""
        print(f"             {t:.2f}       {fd:.3f}                  {fk:.3f}{mark}")


if __name__ == "__main__":
    main()
