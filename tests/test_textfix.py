from __future__ import annotations

import pytest

from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.corpus import load_corpus_sources, load_document
from assistant.knowledge.textfix import clean_text, repair_mojibake
from assistant.settings import PROJECT_ROOT

MOJIBAKE = ["‚âà", "‚Äô", "üòä", "\uf8ffüåê", "Ô£ø"]


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("‚âà", "≈"),
        ("you‚Äôll", "you’ll"),
        ("üòä", "😊"),
        ("\uf8ffüòä", "😊"),
        ("\uf8ffüåê", "🌐"),
        ("`AI Engineer` ‚âà `ML` üòä", "`AI Engineer` ≈ `ML` 😊"),
    ],
)
def test_repairs_the_roadmaps_mojibake(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "",
        "a",
        "plain ASCII text",
        "café naïve Übergröße",
        "“quoted” — dash",
        "😊 🌐 emoji",
        "ছোট করে একটা রোডম্যাপ",
        "naïve résumé, 5 ≥ 3",
    ],
)
def test_leaves_clean_text_alone(clean: str) -> None:
    assert repair_mojibake(clean) == clean


def test_clean_text_drops_controls_and_bad_bytes() -> None:
    assert clean_text(b"ok\x00\x07 text\xff\xfe\r\nline") == "ok text\nline"


def test_no_chunk_of_the_roadmap_shows_mojibake() -> None:
    raw = (PROJECT_ROOT / "corpus" / "ai-engineer-roadmap-2025-26.md").read_text(encoding="utf-8")
    assert any(m in raw for m in MOJIBAKE[:4]), "the seed copy must stay byte-identical"
    source = next(s for s in load_corpus_sources(PROJECT_ROOT / "corpus") if s.kind == "roadmap")
    doc = load_document(source)
    chunks = chunk_document(doc)
    text = " ".join(c.text + c.section for c in chunks)
    for bad in MOJIBAKE:
        assert bad not in text
    assert "≈" in text and "you’ll" in text and "😊" in text and "🌐" in text
