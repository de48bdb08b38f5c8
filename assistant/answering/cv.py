"""Bring your CV: a CV file or pasted text becomes a proposed profile, a skill-gap view and a plan.

``CVService`` wires the pieces: ``extract_cv_text`` (in memory), the offline
``CVReader``, and, with a local model up, ``read_cv_with_model`` (checked; the
offline reading stands when it fails, with a note). The reading is only a
proposal: ``proposed`` turns it, with the learner's corrections (items unticked,
levels changed, another goal), into a ``Profile`` without saving anything, and
``confirm`` merges it into the saved profile in one ``ProfileStore.update``
transaction. ``gap`` and ``plan`` show what the profile means. ``read_cv(bot,
data, filename)`` is the API for an open ``Assistant``.

The CV text lives only in memory, for the duration of a call: it is never
written, cached or logged (log lines name ids and reasons, never CV words); only
the confirmed profile (ids and levels) is stored. It is sent to a model only when
the model server is on this machine (loopback): a CV never leaves it. A text with no roadmap skill
and no goal raises ``CVError`` ("I found no skills I can map to the roadmap").
"""

from __future__ import annotations

import ipaddress
import logging
import weakref
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from assistant.answering.backends import Backend, get_backend
from assistant.answering.cv_model import read_cv_with_model
from assistant.errors import BackendUnavailable, CVError, ReadingInvalid
from assistant.knowledge.cv_words import cv_vocabulary, load_cv_words
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.graph import RoadmapGraph, load_roadmap_and_graph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.cv_doubt import load_doubt
from assistant.learner.cv_reader import NO_SKILLS, CVItem, CVReader, CVReading
from assistant.learner.cv_text import CVText, cv_text_from_paste, extract_cv_text
from assistant.learner.planner import Plan, plan_next_steps
from assistant.learner.profile import Choices, Profile, ProfileStore
from assistant.learner.reader import LearnerReader, apply_statement
from assistant.learner.skill_gap import StepGap, skill_gap
from assistant.learner.statement import LearnerStatement, Polarity, StatedItem
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.answering.assistant import Assistant

log = logging.getLogger(__name__)

NO_ITEMS_NOTE = (
    "I found no skills I can map to the roadmap, only a goal: the plan starts from the "
    "beginning. Tick what you know in the profile if that is wrong."
)


class CVService:
    """Read CVs into proposed profiles, confirm them, and show the gap and the plan."""

    def __init__(
        self,
        roadmap: Roadmap,
        graph: RoadmapGraph,
        reader: CVReader,
        store: ProfileStore | None = None,
        backend: Backend | None = None,
        pages: Mapping[str, str] | None = None,
    ) -> None:
        self.roadmap = roadmap
        self.graph = graph
        self.reader = reader
        self.store = store
        self.backend = backend
        self.pages = pages
        self.remote_model: str | None = None
        """The model server's host when it is not this machine (the CV is then never sent)."""

    @classmethod
    def open(
        cls,
        settings: Settings,
        embedder: Embedder | None = None,
        backend: Backend | None = None,
        *,
        store: ProfileStore | None = None,
        pages: Mapping[str, str] | None = None,
    ) -> CVService:
        """A service from the corpus (no index needed); profiles in ``settings``' home."""
        roadmap, graph = load_roadmap_and_graph(settings.corpus_dir)
        words = load_cv_words(settings.corpus_dir, roadmap, graph)
        vocabulary = cv_vocabulary(roadmap, graph, words)
        reader = CVReader(
            vocabulary,
            words,
            LearnerReader(vocabulary, embedder),
            load_doubt(settings.corpus_dir, embedder),
        )
        if store is None:
            store = ProfileStore(settings.profiles_path, Choices.of(graph, roadmap))
        service = cls(roadmap, graph, reader, store, backend, pages)
        server = settings.openai_base_url if settings.backend == "openai" else settings.ollama_host
        service.remote_model = None if on_this_machine(server) else urlsplit(server).hostname
        return service

    # -- reading --------------------------------------------------------------------------

    def read_file(self, data: bytes, filename: str) -> CVReading:
        """The proposed profile in a CV file (PDF, DOCX, TXT, MD); ``CVError`` when unusable."""
        return self._read(extract_cv_text(data, filename))

    def read_paste(self, text: str) -> CVReading:
        """The proposed profile in pasted CV text; ``CVError`` when it names no skill."""
        return self._read(cv_text_from_paste(text))

    def _read(self, cv: CVText) -> CVReading:
        offline = self.reader.read(cv.text)
        reading, notes = offline, []
        if cv.truncated:
            notes.append("The CV is long: only its first 100,000 characters were read.")
        backend = self.backend
        if backend is not None and self.remote_model is not None:
            backend = None  # a CV never leaves this machine, not even for a trusted server
            notes.append(
                f"Read without the model: its server ({self.remote_model}) is not on this "
                "machine, and your CV stays here."
            )
        if backend is not None and offline.items and backend.available():
            try:
                reading = read_cv_with_model(cv.text, backend, self.reader, offline)
            except (ReadingInvalid, BackendUnavailable) as err:
                log.info("kept the offline CV reading: %s", err)
                notes.append(f"The local model's reading was not used ({err}).")
        if not reading.items and reading.goal is None:
            raise CVError(NO_SKILLS)
        if not reading.items:
            notes.append(NO_ITEMS_NOTE)
        return reading.model_copy(update={"notes": (*reading.notes, *notes)})

    # -- confirming -----------------------------------------------------------------------

    def corrected(
        self,
        reading: CVReading,
        keep: Collection[str] | None = None,
        levels: Mapping[str, Polarity] | None = None,
        goal: str | None = None,
    ) -> LearnerStatement:
        """The reading with the learner's corrections, as a statement.

        ``keep``: the ids still ticked (``None``: all); ``levels``: a new polarity per id;
        ``goal``: the goal chosen instead of the one read. Step 1 read from Python at a
        working level goes when Python is unticked or is not done any more.
        """
        kept: list[CVItem] = []
        for item in reading.items:
            if keep is not None and item.id not in keep:
                continue
            polarity = (levels or {}).get(item.id, item.polarity)
            kept.append(item.model_copy(update={"polarity": polarity}))
        done = {i.id for i in kept if i.polarity == "done"}
        cores = self.graph.core_topics
        kept = [i for i in kept if not (i.inferred and cores.get(i.id) not in done)]
        return LearnerStatement(
            items=tuple(
                StatedItem(
                    id=i.id, polarity=i.polarity, words=i.evidence[:200], inferred=i.inferred
                )
                for i in kept
            ),
            goal=goal or reading.goal,
            hours_per_week=reading.hours_per_week,
        )

    def proposed(
        self,
        reading: CVReading,
        base: Profile,
        keep: Collection[str] | None = None,
        levels: Mapping[str, Polarity] | None = None,
        goal: str | None = None,
    ) -> Profile:
        """``base`` with the (corrected) reading merged in; nothing is saved."""
        return apply_statement(base, self.corrected(reading, keep, levels, goal))

    def confirm(
        self,
        profile_id: str,
        reading: CVReading,
        keep: Collection[str] | None = None,
        levels: Mapping[str, Polarity] | None = None,
        goal: str | None = None,
    ) -> Profile:
        """Merge the confirmed reading into the saved profile (one transaction); the result."""
        if self.store is None:
            raise CVError("There is no profile store to save the CV's profile in.")
        return self.store.update(
            profile_id, lambda before: self.proposed(reading, before, keep, levels, goal)
        )

    # -- what it means ----------------------------------------------------------------------

    def gap(self, profile: Profile) -> tuple[StepGap, ...]:
        """Per step: topics covered, being learned and missing."""
        return skill_gap(profile, self.roadmap, self.graph)

    def plan(self, profile: Profile) -> Plan:
        """The next 1–3 steps for the profile, with reasons and citations."""
        return plan_next_steps(profile, self.roadmap, self.graph, self.pages)

    def title(self, item: str) -> str:
        """How the roadmap names a step or topic."""
        return self.reader.vocabulary.title(item)


def on_this_machine(url: str) -> bool:
    """Whether a server URL points at this machine (loopback), so a CV may be sent to it."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SERVICES: weakref.WeakKeyDictionary[Assistant, CVService] = weakref.WeakKeyDictionary()


def cv_service(bot: Assistant) -> CVService:
    """The CV service of an open assistant: its embedder, model backend, profiles and pages."""
    service = _SERVICES.get(bot)
    if service is None:
        service = CVService.open(
            bot.settings,
            bot.embedder,
            bot.backend,
            store=bot.profiles,
            pages=bot.retriever.page_titles,
        )
        _SERVICES[bot] = service
    return service


def read_cv(bot: Assistant, data: bytes, filename: str) -> CVReading:
    """The API: the proposed profile in a CV file's bytes, read by an open ``Assistant``.

    Nothing is saved: pass the reading (and the learner's corrections) to
    ``cv_service(bot).confirm(profile_id, reading, …)`` once they confirm.
    """
    return cv_service(bot).read_file(data, filename)


def service_for(settings: Settings, embedder: Embedder | None = None) -> CVService:
    """A service for the command line: the corpus, the settings' backend, no index."""
    return CVService.open(settings, embedder, get_backend(settings))
