"""The "My next steps" panel beside the chat: progress picture, the plan, the profile form.

``ProfilePanel`` turns a ``Profile`` into what the panel shows (a checklist of
steps and topics, goal, background, hours per week, the plan with linked
citations, the progress picture and an export file) and the panel's inputs
back into a ``Profile``, saved under the id this browser keeps
(``BrowserState``). Its handlers are plain methods so tests can call them;
``build`` lays the components out (in the caller's sidebar: the plan and the
form on two tabs, so the form is never below the fold) and wires the events. Bad input (an import
that is not a profile, a corrupt saved record, a store file that had to be moved
aside) becomes a one-line warning and nothing already saved is lost. A field
change saves only that field, read and written in one transaction, so a change
the chat saved meanwhile is kept. Planning, storage and the picture live in their
own modules.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering.assistant import Assistant
from assistant.errors import ProfileCorruptError, ProfileError
from assistant.knowledge.graph import RoadmapGraph, load_graph
from assistant.knowledge.roadmap import Roadmap
from assistant.learner.planner import Plan, describe_plan, plan_next_steps
from assistant.learner.profile import (
    DEFAULT_BACKGROUND,
    DEFAULT_GOAL,
    DEFAULT_HOURS,
    LEVELS,
    Choices,
    Profile,
    ProfileStore,
    read_profile_bytes,
)
from assistant.records import step_number
from assistant.settings import Settings
from assistant.web.progress_picture import progress_svg
from assistant.web.render import safe_answer

log = logging.getLogger(__name__)

PROFILE_KEY = "roadmap-assistant-profile"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


#: How each kind of reading is shown in the "What I understood" checklist.
UNDERSTOOD_LABELS = {"done": "✓ done: ", "learning": "◐ learning: ", "not_known": "✗ not yet: "}
_BROWSER_ID = re.compile(r"^browser-[A-Za-z0-9_-]{16,64}$")


def new_profile_id() -> str:
    """A fresh id for a browser that has none (unguessable: it is the only key)."""
    return "browser-" + secrets.token_urlsafe(18)


def valid_profile_id(value: object) -> str | None:
    """``value`` when it is an id this app handed out, else ``None``."""
    return value if isinstance(value, str) and _BROWSER_ID.match(value) else None


def export_folder(settings: Settings) -> Path:
    """Where profile exports wait to be downloaded: private to this user, inside the home."""
    folder = settings.home / "files" / "exports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class View:
    """Everything the panel shows for one profile, in the order of ``ProfilePanel.outputs``."""

    profile: Profile
    plan_markdown: str
    picture: str
    export_path: str


class ProfilePanel:
    """The panel's logic for one app: roadmap, graph, profile store and (once open) the bot."""

    def __init__(
        self,
        settings: Settings,
        roadmap: Roadmap,
        assistant: Callable[[], Assistant | None] = lambda: None,
    ) -> None:
        self.settings = settings
        self.roadmap = roadmap
        self.graph: RoadmapGraph = load_graph(settings.corpus_dir, roadmap)
        self.choices = Choices.of(self.graph, roadmap)
        self.store = ProfileStore(settings.profiles_path, self.choices)
        self._assistant = assistant
        self.components: dict[str, Any] = {}

    # -- logic ----------------------------------------------------------------------------

    def plan(self, profile: Profile) -> Plan:
        """The plan, with linked pages once the assistant (and its index) is open."""
        bot = self._assistant()
        pages = bot.retriever.page_titles if bot is not None else None
        return plan_next_steps(profile, self.roadmap, self.graph, pages)

    def plan_markdown(self, profile: Profile, plan: Plan) -> str:
        """The summary line and the plan, ``[n]`` linked to the cited roadmap sections."""
        numbers = sorted(step_number(s) for s in plan.done)
        details = self.graph.goal_details.get(profile.goal)
        goal = _capital(details.name if details else profile.goal)
        summary = f"**Goal:** {goal} · **{profile.hours_per_week:g} h/week** · **Done:** " + (
            ", ".join(f"Step {n}" for n in numbers) if numbers else "nothing yet"
        )
        text = describe_plan(plan, "")
        sources = [step.source for step in plan.steps]
        return summary + "\n\n" + safe_answer(text, sources)

    def view(self, profile: Profile) -> View:
        plan = self.plan(profile)
        return View(
            profile,
            self.plan_markdown(profile, plan),
            progress_svg(self.roadmap, self.graph, profile, plan),
            self.export_file(profile),
        )

    def export_file(self, profile: Profile) -> str:
        """The profile as JSON in a per-profile file only this user can read, for download."""
        digest = hashlib.sha256(profile.id.encode()).hexdigest()[:20]
        folder = export_folder(self.settings) / digest
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / "roadmap-profile.json"
        # each write has its own temporary name: two saves at once must not rename each
        # other's file (one of them then found its ".tmp" gone)
        temporary = folder / f".roadmap-profile.{secrets.token_hex(6)}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(profile.export_text() + "\n")
        os.replace(temporary, path)
        return str(path)

    def current(self, profile_id: str) -> Profile:
        """The saved profile, or a new one; a corrupt record is reported and kept aside."""
        try:
            return self.store.get(profile_id) or Profile(profile_id)
        except ProfileError as err:  # a corrupt record (kept aside), or a store in trouble
            gr.Warning(str(err))
            return Profile(profile_id)

    def _change(self, profile_id: str, change: Callable[[Profile], Profile]) -> Profile:
        """Apply ``change`` to the saved profile in one transaction (a corrupt record is kept
        aside, reported, and the change applied to a new profile)."""
        try:
            return self.store.update(profile_id, change)
        except ProfileCorruptError as err:
            gr.Warning(str(err))
            return self.store.update(profile_id, change)

    def from_form(
        self, profile_id: str, values: Sequence[Any], before: Profile | None = None
    ) -> Profile:
        """A profile from the form: goal, background, hours, then level and topics per step.

        The form cannot show a topic being learnt: those are kept from ``before`` (the saved
        profile, read when not given).
        """
        goal, background, hours, *per_step = values
        before = self.current(profile_id) if before is None else before
        try:
            weekly = float(hours) if hours else DEFAULT_HOURS
        except (TypeError, ValueError):
            raise ProfileError("Hours per week must be a number.") from None
        progress: dict[str, str] = {}
        for step, level, topics in zip(
            self.roadmap.steps, per_step[0::2], per_step[1::2], strict=True
        ):
            if level in LEVELS and level != "not started":
                progress[step.id] = level
            checked = set(topics or [])
            for topic in step.topics:
                if topic.id in checked:
                    progress[topic.id] = "done"
                elif before.level(topic.id) == "learning":  # the form cannot show "learning"
                    progress[topic.id] = "learning"
        return Profile.from_json(
            {
                **Profile(profile_id).to_json(),
                "progress": progress,
                "goal": goal or DEFAULT_GOAL,
                "background": background or DEFAULT_BACKGROUND,
                "hours_per_week": weekly,
            },
            self.choices,
        )

    def merged(
        self, profile_id: str, values: Sequence[Any], before: Profile, changed: str | None
    ) -> Profile:
        """``before`` with the form's ``changed`` field (a ``components`` key) taken from the
        form; the whole form when ``changed`` is ``None``."""
        form = self.from_form(profile_id, values, before)
        fields = {"goal": "goal", "background": "background", "hours": "hours_per_week"}
        if changed is None:
            return form
        if changed in fields:
            return replace(before, **{fields[changed]: getattr(form, fields[changed])})
        kind, _, step_id = changed.partition(":")
        step = next((s for s in self.roadmap.steps if s.id == step_id), None)
        if kind not in ("level", "topics") or step is None:
            raise ProfileError(f"The form has no field {changed!r}.")
        progress = dict(before.progress)
        for item in [step.id] if kind == "level" else [t.id for t in step.topics]:
            if item in form.progress:
                progress[item] = form.progress[item]
            else:
                progress.pop(item, None)
        return replace(before, progress=progress)

    def form_values(self, profile: Profile) -> list[Any]:
        values: list[Any] = [profile.goal, profile.background, profile.hours_per_week]
        for step in self.roadmap.steps:
            values.append(profile.level(step.id))
            values.append([t.id for t in step.topics if profile.level(t.id) == "done"])
        return values

    # -- handlers (outputs: see ``outputs``) ----------------------------------------------

    def load(self, profile_id: Any) -> list[Any]:
        """Page load or after an answer: this browser's id (made on first visit) and its view."""
        pid = valid_profile_id(profile_id) or new_profile_id()
        moved = self.store.recovery_note_for(pid)  # the store file was unreadable
        if moved is not None:
            gr.Warning(moved)
        view = self.view(self.current(pid))
        return [pid, *self.form_values(view.profile), *self._shown(view), self.understood(pid)]

    # -- what was understood, and corrections ---------------------------------------------

    def understood(self, pid: str) -> Any:
        """The last message's reading as ticked boxes (hidden when there is none)."""
        bot = self._assistant()
        reading = bot.reading_of(pid) if bot is not None else None
        if bot is None or reading is None or not reading.items:
            return gr.update(choices=[], value=[], visible=False)
        choices = []
        for item in reading.items:
            label = UNDERSTOOD_LABELS[item.polarity] + bot.vocabulary.title(item.id)
            if item.inferred:
                label += f" (you use {item.words.capitalize()} at a working level)"
            choices.append((label, f"{item.polarity}|{item.id}"))
        return gr.update(choices=choices, value=[v for _, v in choices], visible=True)

    def correct(self, profile_id: Any, ticked: Any) -> list[Any]:
        """Unticked readings are wrong: "done" becomes not started, the rest is forgotten."""
        pid = valid_profile_id(profile_id)
        bot = self._assistant()
        reading = bot.reading_of(pid) if bot is not None and pid else None
        if pid is None or bot is None or reading is None:
            return [gr.skip()] * (len(self.form) + len(self.shown) + 1)
        keep = set(ticked or [])
        wrong = [i for i in reading.items if f"{i.polarity}|{i.id}" not in keep]
        steps = {i.id.partition("/")[0] for i in wrong if "/" in i.id}
        wrong += [i for i in reading.items if i.inferred and i.id in steps and i not in wrong]

        def undo(profile: Profile) -> Profile:
            for item in wrong:
                level = "not started" if item.polarity == "done" else None
                profile = profile.corrected(item.id, level)
            return profile

        try:
            profile = self._change(pid, undo)
        except ProfileError as err:
            gr.Warning(str(err))
            return [gr.skip()] * (len(self.form) + len(self.shown) + 1)
        bot.forget_reading(pid, [i.id for i in wrong])
        view = self.view(profile)
        return [*self.form_values(profile), *self._shown(view), self.understood(pid)]

    def refresh(self, profile_id: Any) -> list[Any]:
        """After an answer (which may have changed the profile); no id yet → nothing to do."""
        if valid_profile_id(profile_id) is None:
            return self._unchanged()
        return self.load(profile_id)

    def save(self, profile_id: Any, *values: Any, changed: str | None = None) -> list[Any]:
        """A field changed: save it and redraw the plan and the picture.

        With ``changed`` (a ``components`` key: ``goal``, ``hours``, ``level:step-4``,
        ``topics:step-4``) only that field is taken from the form and the rest stays as
        saved: the chat may have changed it since the form was drawn. Without it the whole
        form is saved. Either way the profile is read and written in one transaction.
        """
        pid = valid_profile_id(profile_id)
        if pid is None:
            gr.Warning("The page is still loading your profile; try again in a moment.")
            return [gr.skip()] * 3
        try:
            profile = self._change(pid, lambda before: self.merged(pid, values, before, changed))
        except ProfileError as err:
            gr.Warning(str(err))
            return [gr.skip()] * 3
        return self._shown(self.view(profile))

    def save_field(self, changed: str, profile_id: Any, *values: Any) -> list[Any]:
        """One field of the form changed (what each field's event calls)."""
        return self.save(profile_id, *values, changed=changed)

    def import_file(self, profile_id: Any, file: Any) -> list[Any]:
        """Replace this browser's profile with an exported one; a bad file changes nothing."""
        pid = valid_profile_id(profile_id)
        path = Path(file) if isinstance(file, str | Path) else None
        if pid is None or path is None:
            return self._unchanged()
        try:
            profile = self.store.import_json(read_profile_bytes(path), profile_id=pid)
        except ProfileError as err:
            gr.Warning(f"Profile not imported: {err}")
            return self._unchanged()
        gr.Info("Profile imported.")
        view = self.view(profile)
        return [pid, *self.form_values(profile), *self._shown(view), self.understood(pid)]

    def delete(self, profile_id: Any) -> list[Any]:
        """Forget this browser's profile; the panel starts over."""
        pid = valid_profile_id(profile_id)
        if pid is None:
            return self._unchanged()
        removed = self.store.delete(pid)
        gr.Info("Your profile was deleted." if removed else "There was no saved profile.")
        profile = Profile(pid)
        shown = self._shown(self.view(profile))
        return [pid, *self.form_values(profile), *shown, gr.update(visible=False)]

    def _unchanged(self) -> list[Any]:
        """Leave every output as it is (id, form, plan, picture, export file, understood)."""
        return [gr.skip()] * (1 + 3 + 2 * len(self.roadmap.steps) + 3 + 1)  # see ``outputs``

    def _shown(self, view: View) -> list[Any]:
        return [view.plan_markdown, view.picture, view.export_path]

    # -- layout ---------------------------------------------------------------------------

    @property
    def form_keys(self) -> list[str]:
        """The ``components`` keys of the form's fields, in the order of ``form``."""
        keys = ["goal", "background", "hours"]
        for step in self.roadmap.steps:
            keys += [f"level:{step.id}", f"topics:{step.id}"]
        return keys

    @property
    def form(self) -> list[Any]:
        return [self.components[key] for key in self.form_keys]

    def _field_handler(self, key: str) -> Callable[..., list[Any]]:
        def changed(profile_id: Any, *values: Any) -> list[Any]:
            return self.save_field(key, profile_id, *values)

        return changed

    @property
    def shown(self) -> list[Any]:
        c = self.components
        return [c["plan"], c["picture"], c["export"]]

    @property
    def outputs(self) -> list[Any]:
        return [self.components["id"], *self.form, *self.shown, self.components["understood"]]

    def build(self, profile_state: Any) -> None:
        """Lay the panel out (inside the caller's sidebar) and wire its events.

        What the last message was understood as comes first, then two tabs: the plan
        (``plan``: picture and "My next steps") and the profile form (``profile``).
        """
        c = self.components
        c["id"] = profile_state
        gr.Markdown("## 🧭 My next steps")
        c["understood"] = gr.CheckboxGroup(
            [],
            label="What I understood from your last message — untick anything I got wrong",
            elem_id="understood",
            visible=False,
        )
        with gr.Tabs(selected="plan", elem_id="panel-tabs") as c["tabs"]:
            with gr.Tab("Plan", id="plan", elem_id="plan-tab", render_children=True):
                c["picture"] = gr.HTML(elem_id="progress-picture")
                c["plan"] = gr.Markdown(elem_id="my-next-steps")
            with gr.Tab("👤 My profile", id="profile", elem_id="profile", render_children=True):
                self._build_form()
        self._wire(profile_state)

    def _build_form(self) -> None:
        """The profile form: goal, background, hours, progress per step, export/import."""
        c = self.components
        goals = [(_capital(d.name), g) for g, d in self.graph.goal_details.items()]
        c["goal"] = gr.Dropdown(goals, value=DEFAULT_GOAL, label="Goal", elem_id="profile-goal")
        c["background"] = gr.Dropdown(
            [(b.capitalize(), b) for b in self.choices.backgrounds],
            value=DEFAULT_BACKGROUND,
            label="Background",
            elem_id="profile-background",
        )
        c["hours"] = gr.Slider(
            1, 60, value=DEFAULT_HOURS, step=1, label="Hours per week", elem_id="profile-hours"
        )
        gr.Markdown("**Progress** — open a step to tick the topics you know.")
        for step in self.roadmap.steps:
            with gr.Accordion(step.heading, open=False, elem_id=f"acc-{step.id}"):
                c[f"level:{step.id}"] = gr.Radio(
                    list(LEVELS),
                    value="not started",
                    label="This step",
                    elem_id=f"level-{step.id}",
                )
                c[f"topics:{step.id}"] = gr.CheckboxGroup(
                    [(t.name.rstrip("."), t.id) for t in step.topics],
                    label="Topics I know",
                    elem_id=f"topics-{step.id}",
                    visible=bool(step.topics),
                )
        with gr.Row():
            c["export"] = gr.DownloadButton(
                "⬇ Export", elem_id="export-profile", size="sm", variant="secondary"
            )
            c["import"] = gr.UploadButton(
                "⬆ Import",
                file_types=[".json"],
                file_count="single",
                elem_id="import-profile",
                size="sm",
            )
            c["delete"] = gr.Button("🗑 Delete", elem_id="delete-profile", size="sm")
        gr.Markdown(
            "<small>Kept on this computer under an id only this browser knows. You can "
            "also just tell the chat, e.g. “I know Python and pandas and want computer "
            "vision”.</small>"
        )

    def _wire(self, profile_state: Any) -> None:
        """The panel's events: each form field saves itself; import, delete, corrections."""
        c = self.components
        private: dict[str, Any] = {"api_visibility": "private"}
        for key, field in zip(self.form_keys, self.form, strict=True):
            event = field.release if isinstance(field, gr.Slider) else field.input
            event(self._field_handler(key), [profile_state, *self.form], self.shown, **private)
        c["import"].upload(self.import_file, [profile_state, c["import"]], self.outputs, **private)
        c["delete"].click(self.delete, [profile_state], self.outputs, **private)
        c["understood"].input(
            self.correct,
            [profile_state, c["understood"]],
            [*self.form, *self.shown, c["understood"]],
            **private,
        )
