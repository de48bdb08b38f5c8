"""The ``roadmap-assistant`` command line: ingest, search, ask, chat, serve, profile.

This is the only place (with the UI) that turns typed errors into a sentence:
one line on stderr and exit code 2, never a traceback. Everything printed goes
through ``assistant.sanitize`` (``say``, ``_json``): no escape sequence from a
page or a model reaches the terminal. A closed pipe (``ask … | head``) ends the
command quietly with code 141, as it would any Unix tool. The commands build the
same objects the Python API uses; they add no logic of their own.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from assistant.errors import AssistantError, UsageError
from assistant.sanitize import clean_text, defuse_markdown
from assistant.settings import BACKENDS, PROJECT_ROOT, Settings, enforce_offline

if TYPE_CHECKING:
    from assistant.answering.assistant import Answer, Assistant
    from assistant.learner.profile import ProfileStore

EXIT_USAGE = 2
#: Exit code after the reader of our output went away (128 + SIGPIPE), printed nothing.
EXIT_PIPE = 141


def say(*parts: object, end: str = "\n", flush: bool = False) -> None:
    """``print`` for anything that may hold outside text: control and escape codes dropped."""
    print(clean_text(" ".join(str(p) for p in parts)), end=end, flush=flush)


def _json(data: object, links: frozenset[str] = frozenset()) -> str:
    """JSON with every string cleaned; answer ``text`` fields keep only ``links``."""

    def clean(value: object, key: str = "") -> object:
        if isinstance(value, str):
            return defuse_markdown(value, links) if key == "text" else clean_text(value)
        if isinstance(value, dict):
            return {k: clean(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(data), ensure_ascii=False, indent=2)


EVAL_DIR = PROJECT_ROOT / "eval"


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "mirror", None):
        settings = settings.with_(mirror=Path(args.mirror).expanduser().resolve())
    if getattr(args, "backend", None):
        settings = settings.with_(backend=args.backend)
    return settings


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.knowledge.ingest import ingest

    settings = _settings(args)
    if args.fetch:
        from assistant.knowledge.fetch import (
            FetchPolicy,
            PageCache,
            collect_links,
            fetch_pages,
        )

        policy = FetchPolicy(allow_hosts=frozenset(args.allow_host or ()))
        report = fetch_pages(
            collect_links(settings.corpus_dir), PageCache(settings.pages_dir), policy
        )
        for line in report.lines():
            print(line)
    summary = ingest(settings, rebuild=args.rebuild, progress=True)  # the model loads if needed
    for entry in summary.skipped:
        print(f"skipped {entry.name}: {entry.reason}", file=sys.stderr)
    if summary.repaired:
        print(f"The index was damaged ({summary.repaired}); rebuilt it from the sources.")
    state = "rebuilt" if summary.rebuilt else ("updated" if summary.changed else "up to date")
    print(
        f"Index {state}: {summary.sources} sources, {summary.chunks} chunks "
        f"(added {summary.added}, updated {summary.updated}, removed {summary.removed}, "
        f"unchanged {summary.unchanged}; embedded {summary.embedded} texts) "
        f"in {summary.seconds:.1f} s."
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.answering.question import clean_question
    from assistant.errors import EmptyQueryError
    from assistant.search.index import open_retriever

    try:  # the same cleaning as questions: invalid bytes, control characters, length
        query = clean_question(" ".join(args.query)).text
    except EmptyQueryError:
        raise_usage("The query is empty: give some words to search for.")
    retriever = open_retriever(_settings(args))
    result = retriever.retrieve(query, k=args.k, source=args.source, step=args.step)
    if args.json:
        rows = [
            {
                "rank": i + 1,
                "score": round(h.score, 5),
                "similarity": round(h.similarity, 4),
                "keyword": round(h.keyword, 3),
                "title": h.chunk.title,
                "section": h.chunk.section,
                "url": h.chunk.url,
                "source_id": h.chunk.source_id,
                "step": h.chunk.step,
                "start": h.chunk.start,
                "end": h.chunk.end,
                "text": h.chunk.text,
            }
            for i, h in enumerate(result.hits)
        ]
        out = {"query": result.query, "in_scope": result.in_scope, "hits": rows}
        out["best_similarity"] = round(result.best_similarity, 4)
        print(_json(out, retriever.known_urls))
        return 0
    if not result.in_scope:
        print("(The corpus does not seem to cover this; the closest matches follow.)")
    for i, hit in enumerate(result.hits, 1):
        where = f"{hit.chunk.title} › {hit.chunk.section}" if hit.chunk.section else hit.chunk.title
        snippet = " ".join(hit.chunk.text.split())[:160]
        say(f"{i}. [{hit.score:.4f}] {where}\n   {hit.chunk.url}\n   {snippet}")
    return 0


def _print_sources(answer: Answer) -> None:
    if answer.sources:
        print("\nSources:")
    for src in answer.sources:
        where = f"{src.title} › {src.section}" if src.section else src.title
        fetched = f" (fetched {src.fetched})" if src.fetched else ""
        say(f"  [{src.n}] {where}\n      {src.url}{fetched}")


def _stream_answer(
    bot: Assistant, question: str, history: list[dict[str, str]], profile: str | None = None
) -> Answer:
    """Print the answer as it streams; reprint it when the citation check changed it."""
    shown: list[str] = []
    answer: Answer | None = None
    for event in bot.stream(question, history, profile_id=profile):
        if isinstance(event, str):
            shown.append(event)
            say(event, end="", flush=True)
        else:
            answer = event
    assert answer is not None  # stream() always ends with an Answer
    print()
    streamed = "".join(shown).strip()
    if answer.text.strip() != streamed and not streamed.endswith(answer.text.strip()):
        print(f"\n--- checked answer ({answer.removed_citations} citation(s) removed) ---")
        say(answer.text)
    _print_sources(answer)
    return answer


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answering.assistant import Assistant

    question = " ".join(args.question)
    if not question.strip():
        raise_usage("The question is empty: ask something about the AI Engineer roadmap.")
    bot = Assistant.open(_settings(args), repair=False)  # a damaged index: say to ingest
    if args.json:
        answer = bot.ask(question, profile_id=args.profile)
        links = {u for s in answer.sources for u in (s.url, *s.links)}
        print(_json(answer.to_dict(), bot.retriever.known_urls | links))
    else:
        _stream_answer(bot, question, [], args.profile)
    return 0


PROFILE_HELP = (
    "/profile shows what I know about you; /profile done|learning|not <step or topic>, "
    "/profile clear <step or topic>, /profile goal <goal>, /profile hours <n> change it."
)
_LEVELS = {"done": "done", "learning": "learning", "not": "not started", "clear": None}


def profile_command(bot: Assistant, profile_id: str, argument: str) -> str:
    """``/profile …`` in the chat: show the learner's profile or change one thing in it.

    A change is one read-change-write transaction (``ProfileStore.update``), so it never
    undoes what another window saved meanwhile.
    """
    from collections.abc import Callable
    from dataclasses import replace

    from assistant.learner.profile import Profile
    from assistant.records import step_id

    vocabulary = bot.vocabulary
    profile = bot.profiles.get(profile_id) or Profile(profile_id)
    words = argument.split(maxsplit=1)
    verb, rest = (words[0].lower(), words[1] if len(words) > 1 else "") if words else ("", "")
    change: Callable[[Profile], Profile]
    if verb in _LEVELS and rest:
        ids = [f.item for f in vocabulary.find(rest)]
        m = re.search(r"\bstep\s*(\d{1,2})\b|^\s*(\d{1,2})\s*$", rest, re.I)
        if m and step_id(int(m.group(1) or m.group(2))) in vocabulary.step_ids:
            ids = [step_id(int(m.group(1) or m.group(2)))]
        if not ids:
            return f"I don't know {rest!r} as a roadmap step or topic. {PROFILE_HELP}"
        item, level = ids[0], _LEVELS[verb]
        change = lambda p: p.corrected(item, level)  # noqa: E731
        said = f"{vocabulary.title(ids[0])}: {verb if verb != 'not' else 'not yet'}"
    elif verb == "goal" and rest:
        goal = bot.reader.goal_of(rest) or (
            rest.strip().lower() if rest.strip().lower() in vocabulary.goals else None
        )
        if goal is None:
            return f"Goals: {', '.join(vocabulary.goals)}."
        change = lambda p: replace(p, goal=goal)  # noqa: E731
        said = f"goal: {vocabulary.goal(goal).name}"
    elif verb == "hours" and rest:
        try:
            hours = float(rest)
        except ValueError:
            hours = 0.0
        if not 1 <= hours <= 80:
            return "Hours per week must be a number from 1 to 80."
        change = lambda p: replace(p, hours_per_week=hours)  # noqa: E731
        said = f"{hours:g} h/week"
    elif verb:
        return PROFILE_HELP
    else:
        lines = [f"Goal: {vocabulary.goal(profile.goal).name} · {profile.hours_per_week:g} h/week"]
        names = {"done": "done", "learning": "learning", "not started": "not yet"}
        for item, level in sorted(profile.progress.items(), key=lambda kv: vocabulary.order(kv[0])):
            lines.append(f"  {vocabulary.title(item)}: {names.get(level, level)}")
        if not profile.progress:
            lines.append("  (nothing yet: tell me what you know, or /profile done <step>)")
        plan = bot.plan(profile)
        if plan.steps:
            lines.append(f"Next: {plan.steps[0].title}")
        return "\n".join(lines)
    profile = bot.profiles.update(profile_id, change)
    plan = bot.plan(profile)
    following = f" Next: {plan.steps[0].title}." if plan.steps else ""
    return f"Saved — {said}.{following}"


def cmd_chat(args: argparse.Namespace) -> int:
    import secrets

    from assistant.answering.assistant import Assistant

    bot = Assistant.open(_settings(args))
    status = bot.status()
    mode = status.mode if not status.detail else f"{status.mode} — {status.detail}"
    print(
        f"Roadmap Assistant ({mode}). Ask about the AI Engineer roadmap; "
        "/cv [FILE] (your CV), /profile, /clear, /exit."
    )
    # Without --profile, this chat keeps its own profile and deletes it at the end.
    profile_id = args.profile or f"cli-session-{secrets.token_hex(6)}"
    try:
        return _chat_loop(bot, args, profile_id)
    finally:
        if not args.profile:
            bot.profiles.delete(profile_id)


def _chat_loop(bot: Assistant, args: argparse.Namespace, profile_id: str) -> int:
    from assistant.cli_cv import chat_cv

    history: list[dict[str, str]] = []
    while True:
        try:
            line = input("\nyou> ")
        except EOFError:
            print()
            return 0
        command = line.strip().lower()
        if command in ("/exit", "/quit", "exit", "quit"):
            return 0
        if command == "/clear":
            history.clear()
            print("(conversation cleared)")
            continue
        if command == "/profile" or command.startswith("/profile "):
            try:
                say(profile_command(bot, profile_id, line.strip()[len("/profile") :].strip()))
            except AssistantError as err:
                print(f"error: {err}", file=sys.stderr)
            continue
        if command == "/cv" or command.startswith("/cv "):
            try:
                chat_cv(bot, profile_id, line.strip()[len("/cv") :].strip(), input)
            except AssistantError as err:
                print(f"error: {err}", file=sys.stderr)
            continue
        if not command:
            print("(type a question, or /exit)")
            continue
        try:
            answer = _stream_answer(bot, line, history, profile_id)
        except AssistantError as err:
            print(f"error: {err}", file=sys.stderr)
            continue
        history += [
            {"role": "user", "content": answer.question},
            {"role": "assistant", "content": answer.text},
        ]


def cmd_eval(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from assistant.answering.assistant import Assistant
    from assistant.errors import BackendUnavailable
    from assistant.evaluation.answerers import (
        BASELINE_CHUNK_OVERLAP,
        BASELINE_CHUNK_SIZE,
        AssistantAnswerer,
        BaselineAnswerer,
    )
    from assistant.evaluation.cvs import cv_table, offline_cv_reader, run_cv_eval
    from assistant.evaluation.inputs import load_eval_inputs
    from assistant.evaluation.learners import learner_table, plan_first_step, run_learner_eval
    from assistant.evaluation.metrics import failures, result_dicts, run_eval, summarise
    from assistant.evaluation.report import check_thresholds, deltas, summary_line, write_report
    from assistant.learner.reader import apply_statement

    if args.learners:
        return _learner_eval_only(args)
    # Every input is checked before the index is opened or a question is asked.
    inputs = load_eval_inputs(args.questions, args.out, gate=args.gate, against=args.against)
    questions, earlier = inputs.questions, inputs.earlier
    backend = args.backend if args.backend in ("offline", "openai") else "auto"
    settings = _settings(args).with_(backend=backend)
    bot = Assistant.open(settings)
    if args.backend != "offline" and bot.status().mode == "offline":
        raise BackendUnavailable(f"--backend {args.backend}: {bot.status().detail}")
    ours = AssistantAnswerer(bot)
    results = run_eval(ours, questions, k=args.k)
    summary = summarise(results, questions)
    report: dict[str, object] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "questions_file": str(args.questions),
        "k": args.k,
        "ours": {
            "name": ours.name,
            "summary": summary,
            "results": result_dicts(results),
            "failures": failures(results),
        },
        "baseline": None,
        "against": None,
    }
    if args.compare_baseline:
        print("Building the baseline (RecursiveCharacterTextSplitter 1000/200 + Chroma)…")
        baseline = BaselineAnswerer(settings, bot.embedder)
        base_results = run_eval(baseline, questions, k=args.k)
        report["baseline"] = {
            "summary": summarise(base_results, questions),
            "results": result_dicts(base_results),
            "chunks": baseline.chunks,
            "chunk_size": BASELINE_CHUNK_SIZE,
            "chunk_overlap": BASELINE_CHUNK_OVERLAP,
        }
    if earlier is not None:
        report["against"] = {"report": str(args.against), "deltas": deltas(report, earlier)}
    learners = run_learner_eval(EVAL_DIR, bot.read, plan_first_step(bot.plan, apply_statement))
    cvs = run_cv_eval(EVAL_DIR, *offline_cv_reader(settings.corpus_dir, bot.embedder))
    report.update(learners=learners, cvs=cvs)
    problems = check_thresholds(summary, inputs.thresholds) if inputs.thresholds else []
    if inputs.thresholds is not None:
        problems += learners["problems"]  # the CV gate: `eval --cvs` and its test, for now
        report["gate"] = {"thresholds": str(args.gate), "problems": problems}
    folder = write_report(report, inputs.out)
    print(summary_line(summary["overall"]))
    print("\n".join(learner_table(learners) + [""] + cv_table(cvs)))
    print(f"Report: {folder / 'report.md'}")
    for problem in problems:
        print(f"gate failed: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _learner_eval_only(args: argparse.Namespace) -> int:
    """``eval --learners``: the learner messages only (no index needed), held-out gated."""
    from assistant.evaluation.inputs import refuse_unused_flags
    from assistant.evaluation.learners import learner_table, offline_learner, run_learner_eval
    from assistant.knowledge.embeddings import SentenceEmbedder

    refuse_unused_flags(
        "eval --learners",
        {
            "--questions": args.questions != str(EVAL_DIR / "questions.yaml"),
            "--out": args.out != str(EVAL_DIR / "reports"),
            "--gate": args.gate is not None,
            "--against": args.against is not None,
            "--compare-baseline": args.compare_baseline,
        },
    )
    settings = _settings(args)
    read, first = offline_learner(settings.corpus_dir, SentenceEmbedder(settings))
    report = run_learner_eval(EVAL_DIR, read, first)
    print("\n".join(learner_table(report)))
    for problem in report["problems"]:
        print(f"gate failed: {problem}", file=sys.stderr)
    return 1 if report["problems"] else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.web.ui import serve

    settings = _settings(args)
    if args.host:
        settings = settings.with_(server_name=args.host)
    if args.port is not None:
        settings = settings.with_(server_port=args.port)
    if not 1 <= settings.server_port <= 65535:
        raise_usage(f"Port {settings.server_port} is out of range: use 1–65535 (default 7860).")
    try:
        serve(settings, insecure=args.insecure)
    except OSError as err:  # Gradio reports a busy port as OSError("Cannot find empty port…")
        why = "the port is in use" if "empty port" in str(err) else str(err)
        raise UsageError(
            f"Cannot serve on {settings.server_name}:{settings.server_port}: {why}. "
            "Choose another port with --port."
        ) from None
    return 0


def _profile_store(args: argparse.Namespace) -> ProfileStore:
    """The saved profiles, checked against the roadmap; a store file moved aside is told."""
    from assistant.knowledge.graph import load_roadmap_and_graph
    from assistant.learner.profile import Choices, ProfileStore

    settings = _settings(args)
    roadmap, graph = load_roadmap_and_graph(settings.corpus_dir)
    store = ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))
    if store.recovery_note is not None:
        print(f"note: {clean_text(store.recovery_note)}", file=sys.stderr)
    return store


def cmd_profile_import(args: argparse.Namespace) -> int:
    """``profile import FILE [--id ID]``: save an exported profile, checked, in one line."""
    from assistant.learner.profile import read_profile_bytes

    raw = read_profile_bytes(Path(args.file))
    profile = _profile_store(args).import_json(raw, profile_id=args.id)
    n = len(profile.progress)
    say(
        f"Imported profile {profile.id!r} from {args.file}: {n} step or topic level"
        f"{'s' if n != 1 else ''}, goal {profile.goal}, {profile.hours_per_week:g} h/week."
    )
    return 0


def cmd_profile_export(args: argparse.Namespace) -> int:
    """``profile export ID [--out FILE]``: the saved profile as JSON (standard output)."""
    text = _profile_store(args).export_json(args.id)
    if args.out is None:
        say(text)
        return 0
    try:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"Cannot write {args.out!r}: {err.strerror or err}.") from None
    say(f"Exported profile {args.id!r} to {args.out}.")
    return 0


def raise_usage(message: str) -> NoReturn:
    raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-assistant",
        description="A private, local assistant for the AI Engineer Roadmap 2025/26.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build or update the index")
    p.add_argument(
        "--mirror", metavar="DIR", help="folder of mirrored linked pages (manifest.json)"
    )
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument(
        "--fetch",
        action="store_true",
        help="download (or revalidate) the pages the roadmap links to first",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        metavar="HOST",
        help="fetch from this private or loopback host too (repeatable)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="show the chunks that match a query")
    p.add_argument("query", nargs="*", help="words to search for")
    p.add_argument("--k", type=int, default=5, help="number of results (default 5)")
    p.add_argument("--source", help="only this source id (e.g. ai-engineer-roadmap)")
    p.add_argument("--step", type=int, help="only this roadmap step number")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--mirror", metavar="DIR", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_search)

    for name, func, text in (
        ("ask", cmd_ask, "answer one question with citations"),
        ("chat", cmd_chat, "a conversation in the terminal (keeps history)"),
    ):
        p = sub.add_parser(name, help=text)
        if name == "ask":
            p.add_argument("question", nargs="*", help="the question")
            p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument(
            "--backend",
            choices=BACKENDS,
            help="auto (Ollama when reachable, else offline), openai (the OpenAI-compatible "
            "server at OPENAI_BASE_URL when reachable, else offline) or offline",
        )
        p.add_argument(
            "--profile",
            metavar="ID",
            help="keep what you say about yourself in this saved learner profile",
        )
        p.add_argument("--mirror", metavar="DIR", help=argparse.SUPPRESS)
        p.set_defaults(func=func)

    p = sub.add_parser("eval", help="run the evaluation questions offline and write a report")
    p.add_argument("--questions", default=str(EVAL_DIR / "questions.yaml"), help="question file")
    p.add_argument("--backend", choices=("offline", "ollama", "openai"), default="offline")
    p.add_argument("--k", type=int, default=5, help="retrieved chunks scored (default 5)")
    p.add_argument("--out", default=str(EVAL_DIR / "reports"), help="report folder")
    p.add_argument("--compare-baseline", action="store_true", help="also run a plain LangChain RAG")
    p.add_argument("--against", metavar="REPORT.json", help="show changes since that report")
    p.add_argument("--gate", metavar="THRESHOLDS.yaml", help="exit 1 if a metric misses it")
    p.add_argument("--mirror", metavar="DIR", help="folder of mirrored linked pages")
    p.add_argument(
        "--learners",
        action="store_true",
        help="only the learner messages (dev and held-out), gated on held-out; no index needed",
    )
    p.set_defaults(func=cmd_eval)
    from assistant.cli_cv import add_cv_commands  # plan --cv FILE [--save], eval --cvs

    add_cv_commands(sub, p)

    p = sub.add_parser("serve", help="the chat in your browser (http://127.0.0.1:7860)")
    p.add_argument("--host", help="address to bind (default 127.0.0.1, GRADIO_SERVER_NAME)")
    p.add_argument("--port", type=int, help="port (default 7860, GRADIO_SERVER_PORT)")
    p.add_argument(
        "--insecure",
        action="store_true",
        help="allow a non-loopback address without ASSISTANT_AUTH (trusted networks only)",
    )
    p.add_argument("--mirror", metavar="DIR", help="folder of mirrored linked pages")
    p.add_argument("--backend", choices=BACKENDS, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("profile", help="export or import a saved learner profile (JSON)")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("import", help="save a profile from an exported JSON file")
    q.add_argument("file", metavar="FILE", help="the exported file")
    q.add_argument("--id", metavar="ID", help="save it under this id (default: the file's own)")
    q.set_defaults(func=cmd_profile_import)
    q = actions.add_parser("export", help="print a saved profile as JSON")
    q.add_argument("id", metavar="ID", help="the profile id (as given to --profile)")
    q.add_argument("--out", metavar="FILE", help="write it to FILE instead of standard output")
    q.set_defaults(func=cmd_profile_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    enforce_offline()
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "k", 1) is not None and getattr(args, "k", 1) < 1:
        print("error: --k must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; the index is unchanged unless the build had finished.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read our output stopped reading: say nothing, and keep the interpreter's
        # final flush from raising again on the closed pipe.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE


if __name__ == "__main__":
    sys.exit(main())
