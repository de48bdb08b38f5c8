"""Settings read from the environment, with defaults for missing or bad values."""

from __future__ import annotations

from assistant.settings import DEFAULT_OLLAMA_NUM_CTX, DEFAULT_OLLAMA_TIMEOUT, Settings


def test_answer_settings_from_env() -> None:
    s = Settings.from_env(
        {
            "ASSISTANT_HOME": "/tmp/x",
            "ASSISTANT_BACKEND": " Offline ",
            "OLLAMA_HOST": "http://10.0.0.5:11434",
            "OLLAMA_MODEL": "qwen2.5:3b",
            "OLLAMA_NUM_CTX": "4096",
            "OLLAMA_TIMEOUT": "12.5",
        }
    )
    assert (s.backend, s.ollama_host, s.ollama_model) == (
        "offline",
        "http://10.0.0.5:11434",
        "qwen2.5:3b",
    )
    assert (s.ollama_num_ctx, s.ollama_timeout) == (4096, 12.5)


def test_defaults_and_bad_values() -> None:
    s = Settings.from_env(
        {"ASSISTANT_BACKEND": "gpt-5", "OLLAMA_NUM_CTX": "big", "OLLAMA_TIMEOUT": "-3"}
    )
    assert s.backend == "auto"
    assert s.ollama_num_ctx == DEFAULT_OLLAMA_NUM_CTX == 8192
    assert s.ollama_timeout == DEFAULT_OLLAMA_TIMEOUT == 60.0
    assert (s.ollama_host, s.ollama_model) == ("http://127.0.0.1:11434", "llama3.2:3b")
