"""Everything ``roadmap-assistant eval`` reads or writes, checked before a question is asked.

``load_eval_inputs`` reads the question file, the thresholds file (``--gate``) and the
earlier report (``--against``), and makes sure the report folder (``--out``) can be written,
so that a bad input costs a second, not a whole evaluation, and is refused in one line
(``EvalError`` / ``UsageError``) naming the file. ``refuse_unused_flags`` refuses flags that
``eval --learners`` would silently ignore (``--gate`` among them). It opens no index and asks
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import UsageError
from assistant.evaluation.files import check_writable_folder
from assistant.evaluation.questions import Question, load_questions
from assistant.evaluation.report import Thresholds, load_report, load_thresholds


@dataclass(frozen=True)
class EvalInputs:
    """The checked inputs of one evaluation run."""

    questions: list[Question]
    """The question set (``--questions``)."""
    out: Path
    """The report folder (``--out``); it exists and can be written."""
    thresholds: Thresholds | None = None
    """The gate (``--gate``), when given."""
    earlier: dict[str, Any] | None = None
    """The earlier report.json (``--against``), when given."""


def _path(flag: str, value: str) -> Path:
    if not value.strip():  # ``--gate "$UNSET"`` must not quietly mean "no gate"
        raise UsageError(f"{flag} is empty: give a file or folder name.")
    return Path(value).expanduser()


def load_eval_inputs(
    questions: str, out: str, gate: str | None = None, against: str | None = None
) -> EvalInputs:
    """Read and check every input (the CLI's values as given; ``None`` = flag not given).

    The output folder is checked last, since checking it may create it.
    """
    loaded = load_questions(_path("--questions", questions))
    thresholds = load_thresholds(_path("--gate", gate)) if gate is not None else None
    earlier = load_report(_path("--against", against)) if against is not None else None
    folder = _path("--out", out)
    check_writable_folder(folder, "--out")
    latest = folder / "latest"
    if latest.is_dir() and not latest.is_symlink():
        raise UsageError(
            f"--out {folder}: {latest} is a folder, not the link to the newest report; "
            "move it away or choose another --out."
        )
    return EvalInputs(loaded, folder, thresholds, earlier)


def refuse_unused_flags(command: str, given: dict[str, bool]) -> None:
    """``UsageError`` naming the flags that were given but that ``command`` would ignore."""
    unused = [flag for flag, was_given in given.items() if was_given]
    if unused:
        raise UsageError(
            f"{command} runs only the learner messages (gated on held-out); it does not "
            f"use {', '.join(unused)}. Drop --learners to run the question set."
        )
