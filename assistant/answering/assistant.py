"""The public answering API: ``Assistant.open()``, ``ask()`` and ``stream()``.

One question goes: clean → small talk? → standalone form (follow-ups) →
hybrid retrieval → decline when out of scope → generate with Ollama when it is
available, else compose the offline grounded answer → check and renumber the
citations → ``Answer``. A backend that is down, drops mid-stream or lacks its
model never costs the learner an answer: the offline mode answers instead, with
a note that says why and what to do. This module owns no retrieval, prompt or
citation logic of its own; it wires those modules together.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answering.answer import Answer, Status, history_messages
from assistant.answering.backends import Backend, Message, get_backend
from assistant.answering.citations import (
    StreamRenumberer,
    check_support,
    dangling_markers,
    finalise_citations,
)
from assistant.answering.followup import (
    Standalone,
    followup_forms,
    names_a_step,
    rewrite_followup,
)
from assistant.answering.learner_model import read_with_model
from assistant.answering.offline import compose_offline
from assistant.answering.prompt import (
    PLAN_TOKENS,
    build_answer_prompt,
    build_condense_prompt,
    build_plan_prompt,
)
from assistant.answering.question import clean_question, small_talk
from assistant.errors import BackendUnavailable, CorpusError, ProfileCorruptError, ReadingInvalid
from assistant.knowledge.embeddings import Embedder, SentenceEmbedder
from assistant.knowledge.graph import RoadmapGraph, load_roadmap_and_graph
from assistant.knowledge.roadmap import Roadmap
from assistant.knowledge.vocabulary import Vocabulary
from assistant.learner.explain import plan_offer, understood
from assistant.learner.planner import Plan, describe_plan, phrasing_problem, plan_next_steps
from assistant.learner.profile import Choices, Profile, ProfileStore
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.learner.statement import LearnerStatement
from assistant.records import Source
from assistant.search.index import IndexFollower
from assistant.search.retrieval import SOFT_RELEVANCE_THRESHOLD, HybridRetriever, Retrieval
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.knowledge.ingest import EmbedProgress

log = logging.getLogger(__name__)

#: Chunks retrieved per question.
DEFAULT_K = 6
#: Saved profiles whose last reading is remembered for correction in the UI.
MAX_READINGS = 1000
#: How much better (best cosine similarity) a follow-up with the earlier subject carried must
#: fit than the question as asked, offline. On the 8 follow-up questions of
#: eval/questions.yaml every margin from 0.0 to 0.1 scored the same (hit@5 1.00); 0.05 asks
#: for a clear win without being tuned to them.
FOLLOWUP_MARGIN = 0.05
OFFLINE = "offline"
#: How a reading begins when the server could not give one (so the answer says so).
SERVER_REFUSED = "offline (the server could not read it: "
DECLINE_TEXT = (
    "I can only answer from the AI Engineer Roadmap 2025/26 and the pages it links to, and "
    "they don't seem to cover this. I can help with the roadmap's steps, topics, tools, "
    "resources and projects — for example: “Which tools does the roadmap list for "
    "reinforcement learning?”"
)
OFFLINE_NOTE = "Offline mode: this answer is made of extracts from the sources, not generated."
OFFLINE_HOW_TO = (
    "For written answers, run Ollama (`ollama serve`, `ollama pull {model}`) and set "
    "ASSISTANT_BACKEND=auto."
)


class Assistant:
    """Answers questions about the roadmap with citations."""

    def __init__(
        self,
        settings: Settings,
        retriever: HybridRetriever,
        embedder: Embedder,
        backend: Backend | None,
        *,
        k: int = DEFAULT_K,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.backend = backend
        self.k = k
        self.embedder = embedder
        self._step_titles = retriever.step_titles
        self._planning: tuple[Roadmap, RoadmapGraph] | CorpusError | None = None
        self._vocabulary: Vocabulary | None = None
        self._reader: LearnerReader | None = None
        self._readings: OrderedDict[str, LearnerStatement] = OrderedDict()
        self._profiles: ProfileStore | None = None
        self._index: IndexFollower | None = None  # set by open(): follows newer generations

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        progress: bool = True,
        repair: bool = True,
        on_progress: EmbedProgress | None = None,
    ) -> Assistant:
        """An assistant from the environment; builds the index first when it is missing.

        ``repair`` rebuilds an index whose Chroma data is damaged (else ``IndexDamagedError``
        names the command). A build shows its progress bar (``progress``) and tells
        ``on_progress`` the same counts (the chat's status line). The assistant then follows
        newer index generations committed by any process, switching between questions.
        """
        from assistant.search.index import open_generation

        settings = settings or Settings.from_env()
        embedder = SentenceEmbedder(settings)
        try:  # read once: retrieval's synonyms and the learner vocabulary both come from it
            planning: tuple[Roadmap, RoadmapGraph] | CorpusError = load_roadmap_and_graph(
                settings.corpus_dir
            )
        except CorpusError as err:
            planning = err
        graph = planning[1] if isinstance(planning, tuple) else None
        retriever, folder = open_generation(
            settings,
            embedder,
            progress=progress,
            graph=graph,
            repair=repair,
            on_progress=on_progress,
        )
        embedder.embed_query("warm-up")  # load the model now, not on the first question
        bot = cls(settings, retriever, embedder, get_backend(settings))
        bot._planning = planning
        bot._index = IndexFollower(settings, embedder, graph, folder)
        return bot

    def _follow_index(self) -> None:
        """Between questions: serve the newest complete index generation, whoever built it.

        An answer under way keeps the retriever it started with (and so its generation's
        lease); the old generation is pruned once nothing holds it.
        """
        fresh = self._index.latest() if self._index is not None else None
        if fresh is not None and self._index is not None:
            self.retriever, self._step_titles = fresh, fresh.step_titles
            self._index.prune()

    # -- public ---------------------------------------------------------------------------

    def status(self) -> Status:
        """The mode the next answer will use, re-checking Ollama when its cache expired."""
        if self.backend is None:
            return Status(OFFLINE, "The offline mode is selected (ASSISTANT_BACKEND=offline).")
        if self.backend.available():
            return Status(self.backend.name, "")
        return Status(OFFLINE, self.backend.unavailable_reason())

    @property
    def profiles(self) -> ProfileStore:
        """Saved learner profiles (``ASSISTANT_HOME/profiles.sqlite3``)."""
        if self._profiles is None:
            try:
                vocabulary = self.vocabulary
                choices: Choices | None = Choices.of(vocabulary.graph, vocabulary.roadmap)
            except CorpusError:  # a corpus without a roadmap graph: names are only checked loosely
                choices = None
            self._profiles = ProfileStore(self.settings.profiles_path, choices)
        return self._profiles

    @property
    def vocabulary(self) -> Vocabulary:
        """The roadmap's vocabulary (steps, topics, tools, goals), read once."""
        if self._planning is None:
            try:
                self._planning = load_roadmap_and_graph(self.settings.corpus_dir)
            except CorpusError as err:
                self._planning = err  # remembered: not read again for every message
        if isinstance(self._planning, CorpusError):
            raise self._planning
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(*self._planning)
        return self._vocabulary

    @property
    def reader(self) -> LearnerReader:
        """The offline reader of learner messages (goals by meaning with this embedder)."""
        if self._reader is None:
            self._reader = LearnerReader(self.vocabulary, self.embedder)
        return self._reader

    def read(self, message: str, backend: Backend | None = None) -> LearnerStatement:
        """What ``message`` says about the learner, and what it asks.

        The offline reader always reads it. When it describes the learner and a ``backend``
        is up, the model's structured reading replaces it if it passes every check
        (``read_with_model``); otherwise the offline reading stands. A corpus without a
        roadmap graph has no planner: every message is then a question.
        """
        return self._read(message, backend)[0]

    def _read(self, message: str, backend: Backend | None) -> tuple[LearnerStatement, str]:
        """The statement and who read it: ``offline`` (and why), or the backend's name.

        Returned with the statement, not kept on the assistant, which answers several
        learners at once.
        """
        try:
            reader = self.reader
        except CorpusError as err:
            log.debug("no learner reading without the roadmap graph: %s", err)
            return LearnerStatement(), "offline"
        offline = reader.read(message)
        if backend is None or offline.route == "answer":
            return offline, "offline"
        try:
            statement = read_with_model(message, backend, self.vocabulary, offline)
        except ReadingInvalid as err:  # the model answered, badly: its reading is not used
            log.info("kept the offline reading: %s", err)
            return offline, f"offline ({err})"
        except BackendUnavailable as err:  # e.g. the server refuses structured outputs
            log.info("kept the offline reading: %s", err)
            return offline, f"{SERVER_REFUSED}{err})"
        return statement, backend.name

    def plan(self, profile: Profile) -> Plan:
        """The next 1–3 roadmap steps for ``profile``, with reasons and citations."""
        vocabulary = self.vocabulary
        return plan_next_steps(
            profile, vocabulary.roadmap, vocabulary.graph, self.retriever.page_titles
        )

    def ask(
        self,
        question: str | bytes,
        history: Sequence[Mapping[str, object]] | None = None,
        *,
        profile_id: str | None = None,
    ) -> Answer:
        """Answer ``question`` (``history``: earlier ``{"role", "content"}`` turns).

        Messages about the learner ("I know Python and want to do NLP — what next?") are
        answered by the planner; with ``profile_id`` the profile is loaded, updated and saved.
        """
        for event in self.stream(question, history, profile_id=profile_id):
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() ended without an Answer")  # pragma: no cover

    def stream(
        self,
        question: str | bytes,
        history: Sequence[Mapping[str, object]] | None = None,
        *,
        profile_id: str | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas as they are ready, then the final ``Answer``.

        Raises ``EmptyQueryError`` (a ``ValueError``) at once for an empty question. The
        final answer's text is authoritative: after generation, unsupported markers are
        dropped and the rest renumbered, so it can differ slightly from the deltas.
        """
        clean = clean_question(question)
        self._follow_index()
        return self._stream(clean.text, clean.note, history_messages(history), profile_id)

    # -- steps ----------------------------------------------------------------------------

    def _stream(
        self, question: str, cut_note: str | None, history: list[Message], profile_id: str | None
    ) -> Iterator[str | Answer]:
        started = time.perf_counter()
        notes = [cut_note] if cut_note else []
        reply = small_talk(question)
        backend = self.backend if self.backend is not None and self.backend.available() else None
        mode = backend.name if backend is not None else OFFLINE
        if reply is not None:
            yield reply
            seconds = _since(started)
            yield Answer(question, reply, [], mode, False, notes=tuple(notes), seconds=seconds)
            return
        statement, reading = self._read(question, backend)
        if statement.route == "plan":
            planned = yield from self._plan_answer(
                question, history, statement, reading, profile_id, backend, notes
            )
            yield _timed(planned, started)
            return
        asked = self.reader.question_part(question) if statement.route == "both" else question
        answer = yield from self._answer_question(asked, history, backend, mode, notes)
        answer = replace(answer, question=question)
        if statement.route == "both":  # answered; the facts are kept and the plan offered
            profile = self._learner_profile(history, statement, profile_id, notes)
            offer = "\n\n" + plan_offer(self.vocabulary, profile, statement, self.plan(profile))
            yield offer
            extra = {**answer.extra, "statement": statement, "profile": profile}
            answer = replace(answer, text=answer.text + offer, extra=extra)
        yield _timed(answer, started)

    def _answer_question(
        self,
        question: str,
        history: list[Message],
        backend: Backend | None,
        mode: str,
        notes: list[str],
    ) -> Generator[str, None, Answer]:
        """A roadmap question answered from retrieval: generated, offline, or declined."""
        standalone, retrieval = self._retrieve_followup(question, history, backend)
        if not self._in_scope(retrieval, standalone.query):
            text = _with_notes(DECLINE_TEXT, notes)
            yield text
            return Answer(
                question, text, [], mode, declined=True, query=standalone.query, notes=tuple(notes)
            )
        if backend is not None:
            try:
                return (yield from self._generate(question, standalone, retrieval, backend, notes))
            except BackendUnavailable as err:
                reason = f"{err} Switched to the offline mode for this answer."
                notes.append(reason)
                yield f"\n\n> {reason}\n\n"
                offline = self._compose_offline(question, standalone, retrieval, notes, "")
        elif self.backend is None:
            how_to = OFFLINE_HOW_TO.format(model=self.settings.ollama_model)
            offline = self._compose_offline(question, standalone, retrieval, notes, how_to)
        else:
            reason = self.backend.unavailable_reason()
            offline = self._compose_offline(question, standalone, retrieval, notes, reason)
        yield from offline.text.splitlines(keepends=True)
        return offline

    def _learner_profile(
        self,
        history: list[Message],
        statement: LearnerStatement,
        profile_id: str | None,
        notes: list[str],
    ) -> Profile:
        """The learner's profile with this message merged in (saved when ``profile_id``)."""
        profile = Profile(profile_id or "session")
        if not profile_id:  # no saved profile: the conversation so far describes the learner
            for turn in history:
                if turn.role == "user":
                    profile = apply_statement(profile, self.read(turn.content))
            return apply_statement(profile, statement)
        try:  # read, merged, written in one transaction: a change in the panel meanwhile stays
            profile = self.profiles.update(profile_id, lambda p: apply_statement(p, statement))
        except ProfileCorruptError as err:  # kept aside: this message starts a new profile
            notes.append(str(err))
            profile = self.profiles.update(profile_id, lambda p: apply_statement(p, statement))
        moved = self.profiles.recovery_note_for(profile_id)  # the store file was moved aside
        notes += [moved] if moved else []
        if statement.items:
            self._readings[profile_id] = statement
            self._readings.move_to_end(profile_id)
            while len(self._readings) > MAX_READINGS:
                self._readings.popitem(last=False)
        return profile

    def reading_of(self, profile_id: str) -> LearnerStatement | None:
        """The last message's reading for a saved profile (what the UI offers to correct)."""
        return self._readings.get(profile_id)

    def forget_reading(self, profile_id: str, ids: Iterable[str]) -> None:
        """Drop corrected items from the remembered reading."""
        statement = self._readings.get(profile_id)
        if statement is not None:
            gone = set(ids)
            items = tuple(i for i in statement.items if i.id not in gone)
            self._readings[profile_id] = statement.model_copy(update={"items": items})

    def _plan_answer(
        self,
        question: str,
        history: list[Message],
        statement: LearnerStatement,
        reading: str,
        profile_id: str | None,
        backend: Backend | None,
        notes: list[str],
    ) -> Generator[str, None, Answer]:
        profile = self._learner_profile(history, statement, profile_id, notes)
        if reading.startswith(SERVER_REFUSED):  # the learner is told, as the issue asks
            notes.append(
                f"The offline reader read your message: {reading[len(SERVER_REFUSED) : -1]}."
            )
        plan = self.plan(profile)
        head = understood(self.vocabulary, profile, statement)
        computed = describe_plan(plan, "")
        body, mode = computed, OFFLINE
        if backend is not None and plan.steps:
            yield head + "\n\n"
            phrased = yield from self._phrase_plan(plan, computed, backend, notes)
            if phrased is not None:
                body, mode = phrased, backend.name
        else:
            yield from f"{head}\n\n{computed}".splitlines(keepends=True)
        return Answer(
            question,
            _with_notes(f"{head}\n\n{body}", notes),
            [step.source for step in plan.steps],
            mode,
            False,
            query=question,
            notes=tuple(notes),
            extra={
                "plan": plan,
                "profile": profile,
                "statement": statement,
                "reading": reading,
            },
        )

    def _phrase_plan(
        self, plan: Plan, computed: str, backend: Backend, notes: list[str]
    ) -> Generator[str, None, str | None]:
        """The model's wording of the plan, streamed; ``None`` (with a note) if it is unusable."""
        parts: list[str] = []
        try:
            for delta in backend.generate(build_plan_prompt(computed), max_tokens=PLAN_TOKENS):
                parts.append(delta)
                yield delta
        except BackendUnavailable as err:
            notes.append(f"{err} The plan is shown as computed.")
            return None
        phrased = "".join(parts).strip()
        problem = phrasing_problem(phrased, plan, computed)
        if problem is not None:
            log.info("plan phrasing rejected: %s", problem)
            notes.append(
                f"The model's wording was not used ({problem}); this is the computed plan."
            )
            return None
        return phrased

    def _in_scope(self, retrieval: Retrieval, query: str) -> bool:
        """Covered by the corpus: similar enough, or a little less but naming a step."""
        if not retrieval.hits:
            return False
        if retrieval.in_scope:
            return True
        return retrieval.best_similarity >= SOFT_RELEVANCE_THRESHOLD and names_a_step(
            query, self._step_titles
        )

    def _retrieve_followup(
        self, question: str, history: list[Message], backend: Backend | None
    ) -> tuple[Standalone, Retrieval]:
        """The standalone question and its retrieval.

        With a model, the model condenses the follow-up. Offline, the question as asked and
        its carried forms are all retrieved, and a carried form is kept only when its best
        similarity beats the question's own by ``FOLLOWUP_MARGIN`` (evidence, not word lists).
        """
        retriever = self.retriever  # one generation for the whole question
        if backend is not None and any(m.role == "user" for m in history):
            standalone = self._standalone(question, history, backend)
            return standalone, retriever.retrieve(standalone.query, k=self.k)
        forms = followup_forms(question, history, self._step_titles)
        best = forms[0], retriever.retrieve(forms[0].query, k=self.k)
        for form in forms[1:]:
            retrieval = retriever.retrieve(form.query, k=self.k)
            if retrieval.best_similarity >= best[1].best_similarity + FOLLOWUP_MARGIN:
                best = form, retrieval
        return best

    def _standalone(
        self, question: str, history: list[Message], backend: Backend | None
    ) -> Standalone:
        fallback = rewrite_followup(question, history, self._step_titles)
        if backend is None or not any(m.role == "user" for m in history):
            return fallback
        try:
            messages = build_condense_prompt(question, history)
            text = "".join(backend.generate(messages, max_tokens=80)).strip()
        except BackendUnavailable as err:
            log.info("condensing the follow-up failed (%s); using the offline rewrite", err)
            return fallback
        text = text.splitlines()[0].strip().strip("\"'“”") if text else ""
        if not 3 <= len(text) <= 300:
            return fallback
        return Standalone(text, carried=None if text == question else text)

    def _generate(
        self,
        question: str,
        standalone: Standalone,
        retrieval: Retrieval,
        backend: Backend,
        notes: list[str],
    ) -> Generator[str, None, Answer]:
        prompt = build_answer_prompt(standalone.query, retrieval.hits, backend.num_ctx)
        renumber = StreamRenumberer(len(prompt.hits))
        raw: list[str] = []
        for delta in backend.generate(prompt.messages, max_tokens=prompt.max_tokens):
            raw.append(delta)
            shown = renumber.feed(delta)
            if shown:
                yield shown
        rest = renumber.flush()
        if rest:
            yield rest
        checked, dropped = check_support("".join(raw), prompt.hits, self.embedder)
        removed = dropped + dangling_markers(checked, len(prompt.hits))
        if removed:
            log.info("removed %d citation(s) (%d unsupported) for %r", removed, dropped, question)
        text, sources = finalise_citations(checked, prompt.hits)
        if not sources:
            notes.append("The model cited no sources for this answer; treat it with care.")
        return Answer(
            question,
            _with_notes(text, notes),
            sources,
            backend.name,
            False,
            standalone.query,
            tuple(notes),
            dropped,
            removed_citations=removed,
            extra={"num_ctx": backend.num_ctx, "prompt_tokens_estimate": prompt.estimated_tokens},
        )

    def _compose_offline(
        self,
        question: str,
        standalone: Standalone,
        retrieval: Retrieval,
        notes: list[str],
        why: str,
    ) -> Answer:
        note = f"{OFFLINE_NOTE} {why}".strip()
        text = compose_offline(standalone.query, retrieval.hits, note)
        text, sources = finalise_citations(text, retrieval.hits)
        return Answer(
            question,
            _with_notes(text, notes),
            sources,
            OFFLINE,
            declined=False,
            query=standalone.query,
            notes=tuple(notes),
        )


def _since(started: float) -> float:
    return time.perf_counter() - started


def _timed(answer: Answer, started: float) -> Answer:
    return replace(answer, seconds=_since(started))


def _with_notes(text: str, notes: Sequence[str]) -> str:
    if not notes:
        return text
    return "\n\n".join([*(f"> {n}" for n in notes), text])


__all__ = ["Answer", "Assistant", "Source", "Status"]
