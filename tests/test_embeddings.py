from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import EmbeddingModelError
from assistant.knowledge.embeddings import (
    SentenceEmbedder,
    extract_packaged_model,
    packaged_model_zip,
)
from assistant.settings import Settings
from tests.conftest import link_models

UPSTREAM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def test_packaged_model_is_located_without_importing_it() -> None:
    code = (
        "import sys; from assistant.knowledge.embeddings import packaged_model_zip as p; "
        "print(p()); print('all_minilm_l6_v2' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0].endswith("all_minilm_l6_v2/model.zip") and out[1] == "False"
    assert packaged_model_zip().is_file()


def test_extracted_weights_match_upstream(models_dir: Path) -> None:
    target = extract_packaged_model(models_dir)  # second call: already there, not extracted again
    mtime = (target / "model.safetensors").stat().st_mtime_ns
    assert (
        hashlib.sha256((target / "model.safetensors").read_bytes()).hexdigest() == UPSTREAM_SHA256
    )
    assert extract_packaged_model(models_dir) == target
    assert (target / "model.safetensors").stat().st_mtime_ns == mtime


def test_real_minilm_vectors(tmp_path: Path, models_dir: Path) -> None:
    home = tmp_path / "home"
    link_models(home, models_dir)
    embedder = SentenceEmbedder(Settings.from_env({"ASSISTANT_HOME": str(home)}))
    assert embedder.dimension == 384
    a, b, c = embedder.embed_documents(
        ["reinforcement learning agents", "RL agents learn from rewards", "baking sourdough bread"]
    )
    dot = lambda x, y: sum(p * q for p, q in zip(x, y, strict=True))  # noqa: E731
    assert abs(dot(a, a) - 1) < 1e-5
    assert dot(a, b) > 0.5 > dot(a, c)
    assert embedder.texts_embedded == 3


def test_unknown_model_path_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"ASSISTANT_HOME": str(tmp_path), "EMBEDDING_MODEL": str(tmp_path / "nope")}
    )
    with pytest.raises(EmbeddingModelError, match="EMBEDDING_MODEL"):
        _ = SentenceEmbedder(settings).dimension
