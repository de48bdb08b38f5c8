"""The CLI: summaries, search output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import link_models


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {"ASSISTANT_HOME": str(tmp_path / "home")}
    assert "empty" in one_line_error(run(["search", "   "], env))
    assert "Mirror folder not found" in one_line_error(
        run(["ingest", "--mirror", str(tmp_path / "none")], env)
    )
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "manifest.json").write_text("[{")
    assert "Cannot read" in one_line_error(run(["ingest", "--mirror", str(bad)], env))


def test_index_of_another_model_from_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.knowledge.ingest import ingest
    from tests.fakes import FakeEmbedder

    home = tmp_path / "home"
    ingest(Settings.from_env({"ASSISTANT_HOME": str(home)}), FakeEmbedder("fake-a"), progress=False)
    line = one_line_error(run(["search", "anything"], {"ASSISTANT_HOME": str(home)}))
    assert "'fake-a'" in line and "roadmap-assistant ingest --rebuild" in line


def test_ingest_and_search_with_the_real_model(
    tmp_path: Path,
    models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    link_models(home, models_dir)
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Index rebuilt: 1 sources,") and "embedded" in out
    assert main(["ingest"]) == 0
    again = capsys.readouterr().out
    assert again.startswith("Index up to date") and "embedded 0 texts" in again
    assert (
        main(
            [
                "search",
                "Which tools does the roadmap list for reinforcement learning?",
                "--k",
                "3",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["in_scope"] and data["hits"][0]["step"] == 8
    assert data["hits"][0]["url"].split("#")[1] in STEP8_ANCHORS  # its own subsection
    assert main(["search", "Which tools does the roadmap list for reinforcement learning?"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("1. [") and "Step 8: Reinforcement Learning (RL)" in text


RL = "Which tools does the roadmap list for reinforcement learning?"
#: The anchors GitHub gives Step 8's subsections (repeated headings get -1, -2, …).
STEP8_ANCHORS = {
    "why-learn-reinforcement-learning",
    "what-to-learn-7",
    "tools-and-frameworks",
    "resources-7",
}


@pytest.fixture
def real_env(real_index: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    from tests.fake_ollama import free_port

    env = {
        "ASSISTANT_HOME": str(real_index.home),
        "OLLAMA_HOST": f"http://127.0.0.1:{free_port()}",  # nothing listens: offline mode
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_ask_prints_a_cited_answer_with_its_links(
    real_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", RL]) == 0
    out = capsys.readouterr().out
    for tool in ("OpenAI Gym", "Stable-Baselines3", "Ray RLlib"):
        assert f"- {tool} [1]" in out
    assert "Offline mode" in out and "Ollama is not reachable" in out
    sources = out.split("\nSources:\n", 1)[1]
    assert sources.startswith(
        "  [1] AI Engineer Roadmap 2025/26 › Step 8: Reinforcement Learning (RL) › Tools and "
        "Frameworks\n      https://github.com/rashakil-ds/Roadmap-Docs/blob/main/AI%20Engineer/"
        "README.md#tools-and-frameworks"
    )


def test_ask_json_in_a_real_process(real_env: dict[str, str]) -> None:
    proc = run(["ask", RL, "--json", "--backend", "offline"], real_env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["mode"] == "offline" and data["declined"] is False
    assert set(data["sources"][0]) == {
        "n",
        "title",
        "section",
        "url",
        "snippet",
        "score",
        "kind",
        "fetched",
        "links",
    }
    assert all(isinstance(u, str) for s in data["sources"] for u in s["links"])
    assert data["sources"][0]["n"] == 1 and "Stable-Baselines3" in data["text"]
    assert data["sources"][0]["url"].endswith("#tools-and-frameworks")


def test_ask_empty_question_is_one_line_exit_2(tmp_path: Path) -> None:
    line = one_line_error(run(["ask", "  "], {"ASSISTANT_HOME": str(tmp_path / "home")}))
    assert "empty" in line


def test_chat_keeps_history_for_follow_ups(
    real_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    turns = (
        "hello\n\nWhat should I learn in the NLP step?\nAnd which resources does it recommend?\n"
    )
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(turns + "/clear\nWhat is the capital of France?\n")
    )
    assert main(["chat", "--backend", "offline"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Roadmap Assistant (offline")
    banner, hello, empty, nlp, resources, cleared, france, _ = out.split("you> ")
    assert "Hello!" in hello and empty.strip() == "(type a question, or /exit)"
    assert "Tokenization" in nlp and "Step 5" in nlp
    assert "Hugging Face Tutorials" in resources and "› Resources" in resources
    assert "(conversation cleared)" in cleared and "don't seem to cover this" in france


def test_serve_refuses_an_open_address_without_a_password(tmp_path: Path) -> None:
    env = {"ASSISTANT_HOME": str(tmp_path / "home"), "GRADIO_SERVER_NAME": "0.0.0.0"}
    line = one_line_error(run(["serve"], env))
    assert "Refusing to serve on 0.0.0.0" in line and "ASSISTANT_AUTH=user:password" in line


def test_ask_with_a_profile_remembers_the_learner_between_runs(
    real_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    profile = f"cli-{os.getpid()}"
    said = "I finished step 4 and want to get into computer vision. What next?"
    assert main(["ask", "--profile", profile, said]) == 0
    first = capsys.readouterr().out
    assert "I understood:" in first and "**1. Step 6: Computer Vision** [1]" in first
    assert main(["ask", "--profile", profile, "What should I learn next?"]) == 0
    again = capsys.readouterr().out  # a new process-level ask: the profile was saved
    assert "goal: computer vision" in again and "**1. Step 6: Computer Vision** [1]" in again
    assert main(["ask", "What should I learn next?"]) == 0  # no profile: starts from scratch
    assert "**1. Step 1: Programming Fundamentals** [1]" in capsys.readouterr().out


def test_chat_profile_shows_and_corrects_the_reading(
    real_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    turns = (
        "I write Python every day and my goal is NLP. What next?\n"
        "/profile\n"
        "/profile not python\n"
        "/profile goal computer vision\n"
        "/profile done step 4\n"
        "/profile hours 500\n"
        "/profile done quantum knitting\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(turns))
    assert main(["chat", "--backend", "offline"]) == 0
    out = capsys.readouterr().out
    _, plan, shown, not_python, goal, step4, hours, unknown, _ = out.split("you> ")
    assert "I counted Step 1: Programming Fundamentals as done" in plan
    assert "**1. Step 2: Mathematics for AI** [1]" in plan
    assert "Goal: NLP · 6 h/week" in shown and "Python Basics: done" in shown
    assert "Next: Step 2: Mathematics for AI" in shown
    # Python is not known after all: Step 1 comes first again.
    assert "Saved — Python Basics: not yet. Next: Step 1: Programming Fundamentals." in not_python
    assert "Saved — goal: computer vision." in goal
    assert "Saved — Step 4: Deep Learning: done." in step4
    assert "from 1 to 80" in hours and "don't know 'quantum knitting'" in unknown


def test_chat_cv_reads_a_file_or_a_paste_and_saves_only_on_yes(
    real_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    dev = PROJECT_ROOT / "eval" / "cvs" / "dev"
    pasted = (dev / "cv-dev-11.md").read_text(encoding="utf-8")
    turns = (
        f"/cv {dev / 'cv-dev-02.pdf'}\nn\n/profile\n"
        f"/cv {dev / 'cv-dev-02.pdf'}\nyes\n/profile\n"
        f"/cv\n{pasted}\n.\nn\n"
        "/cv no-such-cv.pdf\n/cv notes.xls\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(turns))
    assert main(["chat", "--backend", "offline"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "/cv [FILE] (your CV)" in out.splitlines()[0]
    _, declined, before, kept, after, paste, missing, wrong_type, _ = out.split("you> ")
    assert "✓ done      Python Basics" in declined and "◐ learning  Frameworks" in declined
    assert "Skill gap per step:" in declined and "Nothing was saved." in declined
    assert "(nothing yet" in before  # "n" kept nothing
    assert "Saved. Change one item with /profile" in kept
    assert "Python Basics: done" in after and "Goal: reinforcement learning" in after
    assert "Paste your CV's text, then a line with just '.'" in paste
    assert "YOLO" in paste and "Nothing was saved." in paste
    errors = captured.err.splitlines()
    assert len(errors) == 2 and all(e.startswith("error: ") for e in errors)
    assert missing.strip() == wrong_type.strip() == ""
