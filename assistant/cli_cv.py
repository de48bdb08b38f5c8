"""The CV commands of ``roadmap-assistant``: ``plan --cv FILE`` and ``eval --cvs``.

``plan --cv FILE`` reads a CV (PDF, DOCX, TXT or MD) in memory and prints the
proposed profile, each item with the CV line that supports it, then the
skill-gap view per step and the plan for the goal (``--goal`` or the CV's
objective). It saves nothing unless ``--save`` is given, and then only the
profile (ids and levels, never CV text) under ``--profile ID``, merged in one
transaction. ``plan --profile ID`` without a CV shows a saved profile's gap and
plan. ``eval --cvs`` scores the CV sets (dev beside held-out, gated on
held-out). ``cli.py`` registers both with ``add_cv_commands``; errors become one
line there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import CVError, UsageError
from assistant.sanitize import clean_text
from assistant.settings import BACKENDS, PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from assistant.answering.assistant import Assistant
    from assistant.answering.cv import CVService
    from assistant.learner.cv_reader import CVReading
    from assistant.learner.profile import Profile

EVAL_DIR = PROJECT_ROOT / "eval"
LEVEL_MARKS = {"done": "✓ done    ", "learning": "◐ learning", "not_known": "✗ not yet "}


def say(*parts: object) -> None:
    """``print`` for text that holds CV or roadmap words: control and escape codes dropped."""
    print(clean_text(" ".join(str(p) for p in parts)))


def add_cv_commands(sub: Any, eval_parser: argparse.ArgumentParser) -> None:
    """Add ``plan`` and ``eval --cvs`` to the command line's parsers."""
    p = sub.add_parser("plan", help="read your CV into a proposed profile, its gap and a plan")
    p.add_argument("--cv", metavar="FILE", help="your CV: PDF, DOCX, TXT or MD (at most 5 MB)")
    p.add_argument(
        "--profile", metavar="ID", help="merge into (and with --save, keep) this profile"
    )
    p.add_argument("--goal", metavar="GOAL", help="plan for this goal instead of the CV's")
    p.add_argument(
        "--save",
        action="store_true",
        help="confirm: save the proposed profile under --profile (nothing is saved otherwise)",
    )
    p.add_argument(
        "--backend", choices=BACKENDS, help="auto (a local model reads it too) or offline"
    )
    p.set_defaults(func=cmd_plan)
    eval_parser.add_argument(
        "--cvs",
        action="store_true",
        help="only the CV sets (dev and held-out), gated on held-out; no index needed",
    )
    answer_eval: Callable[[argparse.Namespace], int] = eval_parser.get_default("func")
    eval_parser.set_defaults(
        func=lambda args: cmd_eval_cvs(args) if args.cvs else answer_eval(args)
    )


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "backend", None):
        settings = settings.with_(backend=args.backend)
    return settings


def read_cv_file(path: str) -> bytes:
    """A CV file's bytes, its size checked before it is read (``CVError``, ``UsageError``)."""
    from assistant.learner.cv_text import MAX_CV_BYTES, check_size, cv_kind

    file = Path(path)
    cv_kind(file.name)  # an unsupported type is refused before the file is opened
    try:
        check_size(file.stat().st_size)
        with file.open("rb") as handle:
            data = handle.read(MAX_CV_BYTES + 1)
    except OSError as err:
        raise UsageError(f"Cannot read {path!r}: {err.strerror or err}.") from None
    check_size(len(data))
    return data


def _goal(service: CVService, words: str) -> str:
    goals = service.reader.vocabulary.goals
    wanted = words.strip().lower()
    goal = wanted if wanted in goals else service.reader.reader.goal_of(wanted)
    if goal is None:
        raise UsageError(f"Unknown goal {words!r}: use one of {', '.join(goals)}.")
    return goal


def print_reading(service: CVService, reading: CVReading) -> None:
    """The proposed profile, one item per line with its evidence, then the goal."""
    vocabulary = service.reader.vocabulary
    print(f"Proposed profile ({len(reading.items)} items, read by {reading.read_by}):")
    for item in reading.items:
        how = " (inferred: working-level use, or a course covering it all)" if item.inferred else ""
        say(f"  {LEVEL_MARKS[item.polarity]}  {vocabulary.title(item.id)}{how}")
        say(f"      ← “{item.evidence}”")
    if reading.goal:
        say(f"Goal: {vocabulary.goal(reading.goal).name} ← “{reading.goal_evidence}”")
    else:
        print("Goal: none stated in the CV (use --goal to choose one)")
    for note in reading.notes:
        say(f"note: {note}")


def cmd_plan(args: argparse.Namespace) -> int:
    """``plan --cv FILE [--profile ID] [--goal G] [--save]``: propose, show gap and plan."""
    from assistant.answering.cv import service_for
    from assistant.knowledge.embeddings import SentenceEmbedder
    from assistant.learner.profile import Profile

    if args.save and not (args.profile and args.cv):
        raise UsageError("--save needs --cv FILE and --profile ID: the profile to keep it in.")
    if not args.cv and not args.profile:
        raise UsageError("Give --cv FILE (your CV), or --profile ID to see a saved profile.")
    data = read_cv_file(args.cv) if args.cv else None
    settings = _settings(args)
    service = service_for(settings, SentenceEmbedder(settings))
    goal = _goal(service, args.goal) if args.goal else None
    if service.store is None:  # pragma: no cover - service_for always opens the store
        raise CVError("No profile store.")
    saved = service.store.get(args.profile) if args.profile else None
    base = saved or Profile(args.profile or "cv-preview")
    if data is None:
        profile = base if goal is None else replace(base, goal=goal)
        say(f"Profile {args.profile!r}" + ("" if saved else " (not saved yet)") + ".")
    else:
        reading = service.read_file(data, Path(args.cv).name)
        data = b""  # the CV's bytes are not kept beyond the reading
        print_reading(service, reading)
        if args.save:
            profile = service.confirm(args.profile, reading, goal=goal)
        else:
            profile = service.proposed(reading, base, goal=goal)
    print_gap_and_plan(service, profile)
    if args.save:
        say(f"Saved to profile {args.profile!r} (its steps and levels only; not the CV).")
    elif args.cv:
        print("Nothing was saved. To keep this profile: add --save --profile ID.")
    return 0


def print_gap_and_plan(service: CVService, profile: Profile) -> None:
    """The skill-gap view per step, then the plan for the profile's goal."""
    from assistant.learner.planner import describe_plan
    from assistant.learner.skill_gap import gap_lines

    print("\nSkill gap per step:")
    for line in gap_lines(service.gap(profile)):
        say(line)
    print()
    say(describe_plan(service.plan(profile), ""))
    print()


#: How ``/cv`` in the chat ends a pasted CV.
PASTE_END = "."


def chat_cv(bot: Assistant, profile_id: str, argument: str, ask: Callable[[str], str]) -> None:
    """``/cv FILE`` or ``/cv`` (then paste) in the chat: propose, show the gap and the plan,
    and save the profile only when the learner answers yes (``ask`` reads their reply)."""
    from assistant.answering.cv import cv_service
    from assistant.learner.profile import Profile

    service = cv_service(bot)
    if argument:
        reading = service.read_file(read_cv_file(argument), Path(argument).name)
    else:
        print(f"Paste your CV's text, then a line with just {PASTE_END!r} (or Ctrl-D):")
        lines: list[str] = []
        while True:
            try:
                line = ask("")
            except EOFError:
                break
            if line.strip() == PASTE_END:
                break
            lines.append(line)
        reading = service.read_paste("\n".join(lines))
        lines.clear()  # the CV's text is not kept beyond the reading
    print_reading(service, reading)
    base = bot.profiles.get(profile_id) or Profile(profile_id)
    print_gap_and_plan(service, service.proposed(reading, base))
    try:
        keep = ask("Keep this profile for our chat (its steps and levels, not the CV)? [y/N] ")
    except EOFError:
        keep = ""
    if keep.strip().lower() in ("y", "yes"):
        service.confirm(profile_id, reading)
        print("Saved. Change one item with /profile done|learning|not <topic>.")
    else:
        print("Nothing was saved.")


def cmd_eval_cvs(args: argparse.Namespace) -> int:
    """``eval --cvs``: the CV sets only (no index needed), dev beside held-out, gated."""
    from assistant.evaluation.cvs import offline_cv_reader, run_cv_eval
    from assistant.knowledge.embeddings import SentenceEmbedder

    given = {
        "--learners": bool(getattr(args, "learners", False)),
        "--questions": args.questions != str(EVAL_DIR / "questions.yaml"),
        "--out": args.out != str(EVAL_DIR / "reports"),
        "--gate": args.gate is not None,
        "--against": args.against is not None,
        "--compare-baseline": args.compare_baseline,
    }
    unused = [flag for flag, was_given in given.items() if was_given]
    if unused:
        raise UsageError(
            f"eval --cvs runs only the CV sets (gated on held-out); it does not use "
            f"{', '.join(unused)}. Drop --cvs to run the question set."
        )
    settings = _settings(args).with_(backend="offline")
    read, first, required = offline_cv_reader(settings.corpus_dir, SentenceEmbedder(settings))
    report = run_cv_eval(EVAL_DIR, read, first, required)
    print("\n".join(report_lines(report)))
    for problem in report["problems"]:
        print(f"gate failed: {problem}", file=sys.stderr)
    return 1 if report["problems"] else 0


def report_lines(report: dict[str, Any]) -> list[str]:
    """The table, then the dev mistakes (held-out ones are counted, never listed)."""
    from assistant.evaluation.cvs import cv_table

    lines = cv_table(report)
    for failure in report.get("dev_failures", []):
        lines.append(f"dev {failure['id']}: " + "; ".join(failure["wrong"]))
    lines.append(f"held-out CVs with any mistake: {report.get('heldout_wrong', 0)}")
    return lines
