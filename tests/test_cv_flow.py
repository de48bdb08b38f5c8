"""The CV flow through the answering layer and the CLI: read, correct, confirm, gap, plan;
the local model's reading used only when it checks out; nothing saved before confirmation."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.answering.backends import Message
from assistant.answering.cv import CVService, read_cv
from assistant.errors import BackendUnavailable, CVError
from assistant.learner.cv_reader import NO_SKILLS, CVReading
from assistant.learner.profile import Profile, ProfileStore
from assistant.learner.skill_gap import describe_gap
from assistant.settings import Settings
from tests.conftest import link_models
from tests.cv_files import pdf_bytes

CV = """# Jane Roe
## Summary
Data analyst, four years. I want to move into computer vision: detecting defects in images.
## Experience
- Automated reports with Python and pandas every day
- Trained a random forest with scikit-learn to predict churn
## Skills
- Basic knowledge of PyTorch
- Docker (beginner)
"""


@pytest.fixture
def service(settings: Settings) -> CVService:
    return CVService.open(settings)  # offline, goals by words only


def stored(settings: Settings) -> list[str]:
    """Ids of the profiles saved so far (none when the store was never written)."""
    if not settings.profiles_path.exists():
        return []
    with sqlite3.connect(settings.profiles_path) as db:
        return [row[0] for row in db.execute("SELECT id FROM profiles")]


def test_a_cv_becomes_a_proposal_and_nothing_is_saved_before_confirmation(
    service: CVService, settings: Settings
) -> None:
    reading = service.read_file(CV.encode(), "jane.md")
    assert [(i.id, i.polarity, i.inferred) for i in reading.items] == [
        ("step-1", "done", True),
        ("step-1/python-basics", "done", False),
        ("step-1/libraries", "done", False),
        ("step-3/supervised-learning", "done", False),
        ("step-4/frameworks", "learning", False),
        ("step-9/tools-and-frameworks", "learning", False),
    ]
    assert reading.goal == "computer-vision" and reading.read_by == "offline"
    proposal = service.proposed(reading, Profile("b1"))
    assert service.plan(proposal).steps[0].step_id == "step-2"
    assert stored(settings) == []  # reading and proposing saved nothing


def test_confirming_merges_the_corrected_reading_into_the_saved_profile(
    service: CVService, settings: Settings
) -> None:
    assert service.store is not None
    service.store.put(Profile("b1", {"step-2": "done", "step-8": "learning"}, hours_per_week=9))
    reading = service.read_file(CV.encode(), "jane.md")
    keep = [i.id for i in reading.items if i.id != "step-9/tools-and-frameworks"]
    profile = service.confirm(
        "b1", reading, keep=keep, levels={"step-4/frameworks": "done"}, goal="nlp"
    )
    assert profile == service.store.get("b1")
    assert profile.progress == {
        "step-1": "done",
        "step-1/python-basics": "done",
        "step-1/libraries": "done",
        "step-2": "done",  # kept from before
        "step-3/supervised-learning": "done",
        "step-4/frameworks": "done",  # the learner says it is done after all
        "step-8": "learning",
    }
    assert profile.goal == "nlp" and profile.hours_per_week == 9
    assert service.plan(profile).steps[0].step_id == "step-3"


def test_unticking_python_takes_the_step_it_implied_with_it(service: CVService) -> None:
    reading = service.read_file(CV.encode(), "jane.md")
    keep = [i.id for i in reading.items if i.id != "step-1/python-basics"]
    profile = service.proposed(reading, Profile("b1"), keep=keep)
    assert "step-1" not in profile.progress and "step-1/python-basics" not in profile.progress
    learning = service.proposed(reading, Profile("b1"), levels={"step-1/python-basics": "learning"})
    assert "step-1" not in learning.progress
    assert service.plan(learning).steps[0].step_id == "step-1"


def test_the_gap_view_per_step(service: CVService) -> None:
    reading = service.read_file(CV.encode(), "jane.md")
    view = service.gap(service.proposed(reading, Profile("b1")))
    assert (
        "- **Step 3: Machine Learning Basics** — ◑ partly covered · *towards your goal*\n"
        "    - covered: Supervised Learning\n"
        "    - missing: Unsupervised Learning, Model Optimization\n"
        "- **Step 4: Deep Learning** — ◐ learning · *towards your goal*\n"
    ) in describe_gap(view)
    gaps = {g.step_id: g for g in view}
    assert gaps["step-1"].state == "done" and gaps["step-1"].missing == ()
    # Working Python counts Step 1; what the CV did not show is counted, not claimed covered.
    assert gaps["step-1"].covered == ("Python Basics", "Libraries")
    assert gaps["step-1"].counted == ("Additional Languages (Optional)",)
    assert "    - counted with the step: Additional Languages (Optional)\n" in describe_gap(view)
    assert gaps["step-2"].state == "not started" and gaps["step-2"].on_path
    assert gaps["step-3"].state == "partial"
    assert gaps["step-3"].covered == ("Supervised Learning",)
    assert gaps["step-3"].missing == ("Unsupervised Learning", "Model Optimization")
    assert gaps["step-4"].state == "learning" and gaps["step-4"].learning == ("Frameworks",)
    assert gaps["step-6"].on_path and not gaps["step-5"].on_path


def test_a_text_that_is_not_a_cv_is_refused_and_a_goal_alone_is_noted(service: CVService) -> None:
    with pytest.raises(CVError, match="^I found no skills I can map to the roadmap"):
        service.read_paste("Preheat the oven to 180 °C. Whisk two eggs with the sugar.")
    reading = service.read_paste("## Objective\nI want to become an AI engineer.\n")
    assert reading.items == () and reading.goal == "general"
    assert any("only a goal" in n for n in reading.notes)
    assert NO_SKILLS.startswith("I found no skills I can map to the roadmap")


class FakeBackend:
    """A structured-output backend with a queued reply (or a failure)."""

    name = "fake:model"
    num_ctx = 8192

    def __init__(self, reply: Callable[[list[Message]], str]) -> None:
        self.reply = reply
        self.requests: list[tuple[list[Message], dict[str, Any]]] = []

    def available(self) -> bool:
        return True

    def unavailable_reason(self) -> str:
        return ""

    def structured(self, messages: Any, schema: dict[str, Any], *, max_tokens: int) -> str:
        self.requests.append((list(messages), schema))
        return self.reply(list(messages))


def model_reading(**changes: Any) -> str:
    item = {"id": "step-3/supervised-learning", "polarity": "done", "inferred": False}
    item["evidence"] = "Trained a random forest with scikit-learn to predict churn"
    data: dict[str, Any] = {"items": [item], "goal": "computer-vision", "notes": []}
    data["goal_evidence"] = "I want to move into computer vision: detecting defects in images."
    data.update(changes)
    return json.dumps(data)


def test_a_valid_model_reading_is_used_and_the_request_is_structured(
    service: CVService,
) -> None:
    service.backend = FakeBackend(lambda _: model_reading())  # type: ignore[assignment]
    reading = service.read_file(CV.encode(), "jane.md")
    assert reading.read_by == "fake:model" and reading.notes == ()
    assert [i.id for i in reading.items] == ["step-3/supervised-learning"]
    ((messages, schema),) = service.backend.requests  # type: ignore[union-attr]
    assert schema == CVReading.model_json_schema()
    assert messages[1] == Message("user", CV)  # the CV as data, in the user message
    assert "step-4/frameworks: Frameworks (Step 4: Deep Learning)" in messages[0].content


def test_the_offline_reading_says_which_words_make_an_item_learning(service: CVService) -> None:
    reading = service.read_file(CV.encode(), "jane.md")
    why = {i.id: i.why for i in reading.items}
    assert why["step-4/frameworks"] == "Basic knowledge of"
    assert why["step-9/tools-and-frameworks"] == "beginner"
    assert why["step-3/supervised-learning"] == ""  # done: nothing to explain


def test_a_models_why_that_is_not_in_its_evidence_is_dropped(service: CVService) -> None:
    pytorch = {"id": "step-4/frameworks", "polarity": "learning", "inferred": False}
    pytorch["evidence"] = "Basic knowledge of PyTorch"
    docker = {"id": "step-9/tools-and-frameworks", "polarity": "learning", "inferred": False}
    docker["evidence"] = "Docker (beginner)"
    reply = model_reading(
        items=[{**pytorch, "why": "basic knowledge"}, {**docker, "why": "never used it"}]
    )
    service.backend = FakeBackend(lambda _: reply)  # type: ignore[assignment]
    reading = service.read_file(CV.encode(), "jane.md")
    assert reading.read_by == "fake:model"
    assert [i.why for i in reading.items] == ["basic knowledge", ""]


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("{not json", "is not valid"),
        (
            model_reading(items=[{"id": "step-40", "polarity": "done", "evidence": "Python"}]),
            "unknown id 'step-40'",
        ),
        (
            model_reading(
                items=[
                    {
                        "id": "step-5",
                        "polarity": "done",
                        "evidence": "Five years of NLP research at Google",
                    }
                ]
            ),
            "cites a line the CV does not have",
        ),
        (
            model_reading(
                items=[
                    {
                        "id": "step-4/frameworks",
                        "polarity": "done",
                        "evidence": "Basic knowledge of PyTorch",
                    }
                ]
            ),
            "read step-4/frameworks as done; the CV hedges it",
        ),
        (model_reading(goal="astronaut"), "unknown goal 'astronaut'"),
    ],
)
def test_an_invalid_model_reading_keeps_the_offline_one_with_a_note(
    service: CVService, reply: str, why: str
) -> None:
    service.backend = FakeBackend(lambda _: reply)  # type: ignore[assignment]
    reading = service.read_file(CV.encode(), "jane.md")
    assert reading.read_by == "offline"
    assert any(why in note for note in reading.notes), reading.notes
    assert ("step-4/frameworks", "learning") in [(i.id, i.polarity) for i in reading.items]


def test_a_model_that_is_down_keeps_the_offline_reading(service: CVService) -> None:
    def down(_: Any) -> str:
        raise BackendUnavailable("Ollama is not reachable at http://127.0.0.1:9.")

    service.backend = FakeBackend(down)  # type: ignore[assignment]
    reading = service.read_file(CV.encode(), "jane.md")
    assert reading.read_by == "offline"
    assert reading.notes == (
        "The local model's reading was not used (Ollama is not reachable at http://127.0.0.1:9.).",
    )


def test_a_cv_is_never_sent_to_a_model_server_on_another_machine(settings: Settings) -> None:
    service = CVService.open(settings.with_(ollama_host="http://gpu-box.lan:11434"))
    fake = FakeBackend(lambda _: model_reading())
    service.backend = fake  # type: ignore[assignment]
    reading = service.read_file(CV.encode(), "jane.md")
    assert fake.requests == [] and reading.read_by == "offline"
    assert reading.notes == (
        "Read without the model: its server (gpu-box.lan) is not on this machine, and your CV "
        "stays here.",
    )


class Bot:
    """What ``read_cv`` uses of an open ``Assistant`` (no index needed here)."""

    def __init__(self, settings: Settings) -> None:
        from tests.fakes import FakeEmbedder

        self.settings = settings
        self.embedder = FakeEmbedder()
        self.backend = None
        self.profiles = ProfileStore(settings.profiles_path)
        self.retriever = type("R", (), {"page_titles": {}})()


def test_the_api_reads_a_pdf_with_an_assistant(settings: Settings) -> None:
    bot = Bot(settings)
    data = pdf_bytes(["Skills", "Python (6 years, daily), NumPy", "Exposure to Keras"])
    reading = read_cv(bot, data, "cv.pdf")  # type: ignore[arg-type]
    assert {i.id: i.polarity for i in reading.items} == {
        "step-1": "done",
        "step-1/python-basics": "done",
        "step-1/libraries": "done",
        "step-4/frameworks": "learning",
    }


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def cli_home(settings: Settings, models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    link_models(settings.home, models_dir)
    monkeypatch.setenv("ASSISTANT_HOME", str(settings.home))
    monkeypatch.setenv("ASSISTANT_CORPUS", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_BACKEND", "offline")
    return settings


def test_plan_cv_prints_the_proposal_the_gap_and_the_plan_and_saves_nothing(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    cv = tmp_path / "jane.md"
    cv.write_text(CV, encoding="utf-8")
    assert main(["plan", "--cv", str(cv)]) == 0
    out = capsys.readouterr().out
    assert "Proposed profile (6 items, read by offline):" in out
    assert (
        "  ◐ learning  Frameworks (Step 4: Deep Learning)\n      ← “Basic knowledge of PyTorch”"
        in out
    )
    assert "Goal: computer vision ← “I want to move into computer vision" in out
    assert "Step 3: Machine Learning Basics — ◑ partly covered (on the way to your goal)" in out
    assert "**1. Step 2: Mathematics for AI** [1]" in out
    assert out.rstrip().endswith(
        "Nothing was saved. To keep this profile: add --save --profile ID."
    )
    assert stored(cli_home) == []


def test_plan_cv_save_keeps_the_profile_and_plan_profile_shows_it_again(
    cli_home: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    cv = tmp_path / "jane.md"
    cv.write_text(CV, encoding="utf-8")
    assert main(["plan", "--cv", str(cv), "--profile", "me", "--goal", "nlp", "--save"]) == 0
    assert "Saved to profile 'me'" in capsys.readouterr().out
    assert stored(cli_home) == ["me"]
    assert main(["plan", "--profile", "me"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Profile 'me'.") and "**1. Step 2: Mathematics for AI** [1]" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--cv", "{dir}/cv.odt", "--profile", "me", "--save"], "Unsupported file type .odt"),
        (["--cv", "{dir}/recipe.txt", "--profile", "me", "--save"], "I found no skills"),
        (["--cv", "{dir}/missing.pdf", "--profile", "me", "--save"], "Cannot read"),
        (["--cv", "{dir}/recipe.txt", "--save"], "--save needs --cv FILE and --profile ID"),
        (["--cv", "{dir}/recipe.txt", "--goal", "astronaut"], "Unknown goal 'astronaut'"),
        ([], "Give --cv FILE"),
    ],
)
def test_plan_cv_bad_input_is_one_line_exit_2_and_nothing_saved(
    cli_home: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    says: str,
) -> None:
    from assistant.cli import main

    (tmp_path / "cv.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "recipe.txt").write_text("Whisk two eggs with the sugar.", encoding="utf-8")
    code = main(["plan", *[a.format(dir=tmp_path) for a in args]])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and says in err
    assert stored(cli_home) == []


# -- what the planner counts as done (changed for #16; each case failed before) ---------------


@pytest.mark.parametrize(
    ("progress", "goal", "first"),
    [
        # still learning Python: Step 1 is not behind them, whatever a degree says of Step 2
        ({"step-2": "done", "step-1/python-basics": "learning"}, "general", "step-1"),
        # ML and MLOps done, goal generative AI: the goal's Step 4 before Step 11 projects
        ({"step-3": "done", "step-9": "done"}, "generative-ai", "step-4"),
        # every MLOps tool (Docker, Flask, AWS, CI/CD) is not machine learning, nor Python
        (
            {
                "step-9/tools-and-frameworks": "done",
                "step-9/deployment": "done",
                "step-9/cloud-platforms": "done",
                "step-9/monitoring-and-retraining": "done",
            },
            "mlops",
            "step-1",
        ),
    ],
)
def test_the_plan_for_cv_shaped_profiles(
    service: CVService, progress: dict[str, str], goal: str, first: str
) -> None:
    assert service.plan(Profile("p", progress, goal=goal)).steps[0].step_id == first


def test_the_checklist_labels_follow_the_still_learning_list(settings: Settings) -> None:
    """Moving an item into "still learning" relabels it (a new user saw "✓ done" stay)."""
    from assistant.web.cv_panel import CVPanel

    panel = CVPanel(settings, lambda: None)
    reading = panel.service().read_paste(
        "Skills\nPython (5 years), pandas, scikit-learn\nPyTorch (basic)\n"
    )
    ticked = [i.id for i in reading.items]
    labels = dict(
        (value, label)
        for label, value in panel.relabel(reading, ticked, ["step-1/libraries"])["choices"]
    )
    assert labels["step-1/libraries"].startswith("◐ learning · Libraries")
    assert labels["step-4/frameworks"].startswith("✓ done · Frameworks")  # taken out: done
    assert panel.relabel(reading, ticked, ["step-1/libraries"])["value"] == ticked
    assert panel.relabel(None, ticked, []) is not None  # nothing read yet: no change, no error


def test_the_command_line_reads_a_cv_up_to_the_limit_whole_and_refuses_one_byte_more(
    tmp_path: Path,
) -> None:
    from assistant.cli_cv import read_cv_file
    from assistant.learner.cv_text import MAX_CV_BYTES

    at_limit = tmp_path / "cv.md"
    at_limit.write_bytes(b"# Skills\nPython\n" + b" " * (MAX_CV_BYTES - 16))
    assert len(read_cv_file(str(at_limit))) == MAX_CV_BYTES == 5 * 2**20
    over = tmp_path / "big.md"
    over.write_bytes(b"x" * (MAX_CV_BYTES + 1))
    with pytest.raises(CVError, match="at most 5 MB"):
        read_cv_file(str(over))
