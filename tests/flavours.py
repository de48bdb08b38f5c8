"""The two generating backends as test parameters: Ollama and an OpenAI-compatible server.

The answer and hardening tests run once per flavour against its fake server
(``tests/fake_ollama.py``, ``tests/fake_openai.py``), so the behaviour above the
backend seam is the same by construction. A ``Flavour`` knows only what differs:
how a user points the assistant at the server, what the wire says about the
reply's token budget, the names in its messages, and the fake's health knobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.answering.backends import Backend
from assistant.settings import Settings
from tests.fake_ollama import FakeOllama
from tests.fake_openai import FakeOpenAI

MODEL = "llama3.2:3b"


@dataclass(frozen=True)
class Flavour:
    name: str
    """``ollama`` or ``openai``: the backend's name before the colon in ``Answer.mode``."""
    down: tuple[str, ...]
    """Words the reason gives when nothing answers at the address."""
    missing: str
    """What the reason says when the server lacks the model."""
    deadline_var: str
    """The setting the deadline reason names."""
    max_chars_var: str
    """The setting the character-cap reason names."""
    title: str
    """How the chat's status line names the backend."""

    def __str__(self) -> str:
        return self.name

    @property
    def mode(self) -> str:
        return f"{self.name}:{MODEL}"

    def fake(self, **kwargs: Any) -> Any:
        """A started fake server of this flavour."""
        kind = FakeOllama if self.name == "ollama" else FakeOpenAI
        return kind(**kwargs).start()

    def address(self, root: str) -> str:
        """The address a user sets for a server at ``root`` (``http://127.0.0.1:PORT``)."""
        return root if self.name == "ollama" else root + "/v1"

    def env(self, root: str, **env: str) -> dict[str, str]:
        """The environment that points the assistant at a server at ``root``."""
        if self.name == "ollama":
            return {"OLLAMA_HOST": root, **env}
        return {
            "ASSISTANT_BACKEND": "openai",
            "OPENAI_BASE_URL": self.address(root),
            "OPENAI_MODEL": MODEL,
            **env,
        }

    def settings(self, base: Settings, root: str, **changes: Any) -> Settings:
        """``base`` pointed at a server at ``root``."""
        if self.name == "ollama":
            return base.with_(ollama_host=root, backend="auto", **changes)
        return base.with_(
            openai_base_url=self.address(root), openai_model=MODEL, backend="openai", **changes
        )

    def backend(self, settings: Settings, **ttl: float) -> Backend:
        """This flavour's backend for ``settings`` (``health_ttl_up``/``_down`` in ``ttl``)."""
        if self.name == "ollama":
            from assistant.answering.backends.ollama import OllamaBackend

            return OllamaBackend(settings, **ttl)
        from assistant.answering.backends.openai import OpenAIBackend

        return OpenAIBackend(settings, **ttl)

    def max_tokens(self, chat: dict[str, Any]) -> int:
        """The reply's token budget as sent."""
        if self.name == "ollama":
            return int(chat["options"]["num_predict"])
        return int(chat["max_tokens"])

    def health_path(self) -> str:
        return "/api/tags" if self.name == "ollama" else "/v1/models"

    def slow_health(self, fake: Any, seconds: float) -> None:
        setattr(fake, "tags_delay" if self.name == "ollama" else "models_delay", seconds)

    def health_started(self, fake: Any) -> Any:
        """The event set when the fake's health endpoint is hit."""
        return fake.tags_started if self.name == "ollama" else fake.models_started

    def health_status(self, fake: Any, status: tuple[int, str]) -> None:
        setattr(fake, "tags_status" if self.name == "ollama" else "models_status", status)


OLLAMA = Flavour(
    name="ollama",
    down=("Ollama is not reachable", "ollama serve"),
    missing=f"ollama pull {MODEL}",
    deadline_var="OLLAMA_DEADLINE",
    max_chars_var="OLLAMA_MAX_CHARS",
    title="Ollama",
)
OPENAI = Flavour(
    name="openai",
    down=("Nothing answers at", "OPENAI_BASE_URL"),
    missing=f"does not serve the model {MODEL}",
    deadline_var="ASSISTANT_DEADLINE",
    max_chars_var="ASSISTANT_MAX_CHARS",
    title="OpenAI-compatible",
)
FLAVOURS = (OLLAMA, OPENAI)
