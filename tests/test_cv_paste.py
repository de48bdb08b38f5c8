"""Which chat messages are pasted CVs: every dev CV (as Markdown and as the text extracted from
its PDF or DOCX) is one; no learner message and no eval question is. The held-out CVs and
learner messages were never used to write ``looks_like_cv``; they are measured, and gated."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.learner.cv_paste import looks_like_cv
from assistant.learner.cv_text import extract_cv_text
from assistant.settings import PROJECT_ROOT

EVAL = PROJECT_ROOT / "eval"


def cv_files(split: str) -> list[Path]:
    folder = EVAL / "cvs" / split
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".pdf", ".docx"))


def messages(name: str) -> list[str]:
    rows = yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
    return [str(row["message"]) for row in rows]


def dev_messages() -> list[str]:
    return [m for f in sorted(EVAL.glob("learners-dev*.yaml")) for m in messages(f.name)]


def text_of(path: Path) -> str:
    return extract_cv_text(path.read_bytes(), path.name).text


@pytest.mark.parametrize("path", cv_files("dev"), ids=lambda p: p.name)
def test_every_dev_cv_reads_as_a_pasted_cv(path: Path) -> None:
    assert looks_like_cv(text_of(path))


def test_no_dev_learner_message_and_no_eval_question_reads_as_a_cv() -> None:
    rows = yaml.safe_load((EVAL / "questions.yaml").read_text(encoding="utf-8"))
    questions = [str(q["question"]) for q in rows["questions"]]
    said = dev_messages() + questions
    assert len(said) > 600
    assert [m for m in said if looks_like_cv(m)] == []


@pytest.mark.parametrize(
    "text",
    [
        "What should I learn first?\nI know Python.\nI like maths.\nI want NLP.\nHelp?\nThanks",
        "Skills\nPython",  # too short to be a CV
        "",
        "\n\n\n",
    ],
)
def test_short_or_chatty_text_is_not_a_cv(text: str) -> None:
    assert not looks_like_cv(text)


def test_a_plain_text_cv_with_a_contact_line_and_one_section_is_one() -> None:
    text = "Ana Gómez\nana@example.org · +34 600 000 000\n\nSkills\nPython\nPandas\nSQL\n"
    assert looks_like_cv(text)


def test_held_out_cvs_and_messages_gate() -> None:
    """The held-out split, measured with the rules as they are: every CV file reads as a CV,
    and no learner message does."""
    cvs = cv_files("heldout")
    found = sum(looks_like_cv(text_of(p)) for p in cvs)
    said = messages("learners-heldout.yaml")
    false = sum(looks_like_cv(m) for m in said)
    assert (found, false) == (len(cvs), 0), f"held-out: {found}/{len(cvs)} CVs, {false} messages"
