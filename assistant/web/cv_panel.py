"""The "Bring your CV" panel: upload or paste a CV, confirm what was read, see the gap and plan.

``CVPanel`` is a self-contained component: ``build(profile_state)`` lays it out
inside the caller's column or sidebar and wires its own events, and
``wire(then, inputs, outputs)`` runs another handler after a confirmation (the
profile panel's refresh). The flow: a PDF, DOCX, TXT or MD file (``gr.File``) or
pasted text is read by ``CVService``; the proposed profile appears as a
pre-ticked checklist with each item's evidence (the CV line), a "still
learning" list for levels and the goal read from the objective; "Confirm" merges
it into this browser's profile (nothing is saved before), then the skill-gap
view per step and the plan for the goal are shown.

Privacy: Gradio writes an upload into its temp folder (``GRADIO_TEMP_DIR``,
which ``settings.private_files`` points into ``ASSISTANT_HOME``); the handler
reads it into memory and deletes that copy (and its folder) at once, whether
the CV can be read or not, and clears the file box. The reading lives in a
per-session ``gr.State`` (server memory). Everything shown goes through
``assistant.sanitize``. Reading and planning are in ``answering/cv.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering.assistant import Assistant
from assistant.answering.cv import CVService, cv_service
from assistant.errors import AssistantError, CVError, ProfileCorruptError
from assistant.knowledge.embeddings import SentenceEmbedder
from assistant.learner.cv_reader import CVReading
from assistant.learner.cv_text import MAX_CV_BYTES, check_size
from assistant.learner.planner import describe_plan
from assistant.learner.profile import Profile
from assistant.learner.skill_gap import describe_gap
from assistant.learner.statement import Polarity
from assistant.sanitize import clean_text, safe_markdown
from assistant.settings import Settings
from assistant.web.page import SHOW_CV_JS
from assistant.web.profile_panel import valid_profile_id
from assistant.web.render import escape_text, safe_answer

log = logging.getLogger(__name__)

LEVEL_LABELS = {"done": "✓ done", "learning": "◐ learning", "not_known": "✗ not yet"}
#: Characters of evidence shown in a checklist label (the full line is in the list below).
LABEL_EVIDENCE = 70
NO_GOAL = "(none stated)"
PRIVACY_NOTE = (
    "<small>Your CV is read in memory on this computer and never stored: the uploaded copy "
    "is deleted as soon as it is read. Only what you confirm is saved, as steps and levels "
    "in your profile.</small>"
)


def upload_folder() -> Path:
    """Where Gradio keeps uploads (``GRADIO_TEMP_DIR``, set by ``settings.private_files``)."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def take_upload(path: str) -> bytes:
    """The bytes of an uploaded file, whose copy in Gradio's upload folder is then deleted.

    Only a file inside the upload folder is ever deleted (a path from elsewhere is read,
    never removed). The size is checked before reading (``CVError`` over 5 MB).
    """
    file = Path(path)
    inside = file.resolve().is_relative_to(upload_folder())
    try:
        check_size(file.stat().st_size)
        with file.open("rb") as handle:
            return handle.read(MAX_CV_BYTES + 1)
    except OSError as err:
        raise CVError(f"The uploaded file cannot be read ({err.strerror}); try again.") from None
    finally:
        if inside:
            forget_upload(file)


def forget_upload(file: Path) -> None:
    """Delete an upload's copy and its (per-upload) folder when that is left empty."""
    try:
        file.unlink(missing_ok=True)
        if file.parent.resolve() != upload_folder() and not any(file.parent.iterdir()):
            file.parent.rmdir()
    except OSError as err:  # already gone, or a folder another upload shares
        log.debug("upload copy not removed: %s", err.strerror)


class CVPanel:
    """The CV panel's logic and layout for one app."""

    def __init__(self, settings: Settings, assistant: Callable[[], Assistant | None]) -> None:
        self.settings = settings
        self._assistant = assistant
        self._offline: CVService | None = None
        self.components: dict[str, Any] = {}

    def service(self) -> CVService:
        """The assistant's CV service once it is open (goals by meaning, the local model);
        until then an offline one from the corpus, with the same embedding model (the
        reader's second opinion needs it)."""
        bot = self._assistant()
        if bot is not None:
            return cv_service(bot)
        if self._offline is None:
            self._offline = CVService.open(self.settings, SentenceEmbedder(self.settings))
        return self._offline

    # -- showing a reading ------------------------------------------------------------------

    def label(self, service: CVService, item_id: str, polarity: str, evidence: str) -> str:
        """A checklist label (Gradio shows it as text): level, name and the start of the line."""
        short = evidence if len(evidence) <= LABEL_EVIDENCE else evidence[: LABEL_EVIDENCE - 1]
        short = short.rstrip() + ("…" if len(evidence) > LABEL_EVIDENCE else "")
        return clean_text(f"{LEVEL_LABELS[polarity]} · {service.title(item_id)} — “{short}”")

    def evidence_markdown(self, service: CVService, reading: CVReading) -> str:
        """Each proposed item with its whole evidence line, then the goal and the notes."""
        lines = ["**What your CV shows** (the line behind each item):", ""]
        for item in reading.items:
            how = (
                " — inferred (working-level use, or a course covering it all)"
                if item.inferred
                else f" (it says “{escape_text(item.why)}”)"
                if item.why
                else " (the line reads as still in progress)"
                if item.polarity == "learning"
                else ""
            )
            lines.append(
                f"- {LEVEL_LABELS[item.polarity]} **{escape_text(service.title(item.id))}**"
                f"{how}: “{escape_text(item.evidence)}”"
            )
        if reading.goal:
            name = service.reader.vocabulary.goal(reading.goal).name
            lines += ["", f"**Goal:** {escape_text(name)} — “{escape_text(reading.goal_evidence)}”"]
        else:
            lines += ["", "**Goal:** none stated in the CV — choose one below."]
        lines += [f"\n> {escape_text(note)}" for note in reading.notes]
        return safe_markdown("\n".join(lines))

    def shown(self, reading: CVReading | None, message: str = "") -> list[Any]:
        """Outputs for a new reading (or none): state, checklist, learning, goal, evidence,
        confirm button, status, gap, plan."""
        hidden = gr.update(visible=False)
        if reading is None:
            status = safe_markdown(message) if message else ""
            return [None, hidden, hidden, hidden, "", hidden, status, "", ""]
        service = self.service()
        choices = [(self.label(service, i.id, i.polarity, i.evidence), i.id) for i in reading.items]
        learning = [(service.title(i.id), i.id) for i in reading.items]
        goals = [(NO_GOAL, "")] + [
            (_capitalised(service.reader.vocabulary.goal(g).name), g)
            for g in service.reader.vocabulary.goals
        ]
        status = (
            f"I read **{len(reading.items)}** items from your CV. Untick anything wrong, move "
            "items you are still learning to the list below, check the goal, then **Confirm**. "
            "Nothing is saved until you do."
        )
        return [
            reading,
            gr.update(choices=choices, value=[i.id for i in reading.items], visible=True),
            gr.update(
                choices=learning,
                value=[i.id for i in reading.items if i.polarity == "learning"],
                visible=True,
            ),
            gr.update(choices=goals, value=reading.goal or "", visible=True),
            self.evidence_markdown(service, reading),
            gr.update(visible=True),
            status,
            "",
            "",
        ]

    # -- handlers (outputs: see ``read_outputs``) -------------------------------------------

    def read_upload(self, file: Any) -> list[Any]:
        """A CV file was uploaded: read it in memory, delete Gradio's copy, show the reading."""
        path = file if isinstance(file, str) else getattr(file, "path", None)
        if not path:
            return [*self.shown(None), None]
        try:
            data = take_upload(str(path))
            reading = self.service().read_file(data, Path(str(path)).name)
        except CVError as err:
            gr.Warning(str(err))
            return [*self.shown(None, f"⚠️ {err} Nothing was saved."), None]
        return [*self.shown(reading), None]  # the file box is cleared: its copy is gone

    def read_paste(self, text: Any) -> list[Any]:
        """Pasted CV text: read it the same way (nothing is kept but the reading)."""
        if not isinstance(text, str) or not text.strip():
            gr.Warning("Paste your CV's text first.")
            return self.shown(None)
        try:
            reading = self.service().read_paste(text)
        except CVError as err:
            gr.Warning(str(err))
            return self.shown(None, f"⚠️ {err} Nothing was saved.")
        return self.shown(reading)

    def read_chat(self, text: str) -> tuple[str, CVReading | str]:
        """A CV pasted into the chat: read it like the paste box. The chat's reply, and the
        reading for ``show_pasted`` (or the one-line reason it could not be read)."""
        try:
            service = self.service()
            reading = service.read_paste(text)
        except AssistantError as err:
            gr.Warning(str(err))
            return f"⚠️ {err} Nothing was saved.", f"⚠️ {err} Nothing was saved."
        done = [service.title(i.id) for i in reading.items if i.polarity == "done"]
        learning = [service.title(i.id) for i in reading.items if i.polarity == "learning"]
        lines = [
            "That looks like a CV, so I read it as one, in memory (it is not kept in "
            "this conversation)."
        ]
        if done:
            lines.append(f"- **You know** ({len(done)}): {_listed(done)}")
        if learning:
            lines.append(f"- **Still learning** ({len(learning)}): {_listed(learning)}")
        if reading.goal:
            goal = service.reader.vocabulary.goal(reading.goal).name
            lines.append(f"- **Goal**: {escape_text(_capitalised(goal))}")
        lines.append(
            "\nCheck each item and the CV line behind it in **📄 Bring your CV** (in *My next "
            "steps*, on the right), then **Confirm**. Nothing is saved until you do; the "
            "proposal lives in this page only, so after a reload paste the CV again."
        )
        return safe_markdown("\n".join(lines)), reading

    def show_pasted(self, pasted: Any) -> list[Any]:
        """After a CV was pasted into the chat: its reading in this panel, which opens.
        Outputs: ``read_outputs``, then the panel's accordion."""
        if isinstance(pasted, CVReading):
            return [*self.shown(pasted), gr.Accordion(open=True)]
        if isinstance(pasted, str) and pasted:
            return [*self.shown(None, pasted), gr.Accordion(open=True)]
        return [gr.skip()] * (len(self.read_outputs) + 1)

    def relabel(self, reading: Any, ticked: Any, learning: Any) -> Any:
        """The checklist's labels after items were moved in or out of "still learning"
        (what stays ticked stays ticked)."""
        if not isinstance(reading, CVReading):
            return gr.skip()
        service = self.service()
        levels = {i.id: i.polarity for i in reading.items}
        levels.update(self.levels(reading, [str(x) for x in learning or []]))
        choices = [
            (self.label(service, i.id, levels[i.id], i.evidence), i.id) for i in reading.items
        ]
        return gr.update(choices=choices, value=[t for t in ticked or [] if isinstance(t, str)])

    def levels(self, reading: CVReading, learning: Sequence[str]) -> dict[str, Polarity]:
        """Each item's level from the "still learning" list: in it, learning; taken out of
        it, done; a "not yet" stays."""
        chosen = set(learning)
        out: dict[str, Polarity] = {}
        for item in reading.items:
            if item.id in chosen:
                out[item.id] = "learning"
            elif item.polarity == "learning":
                out[item.id] = "done"
        return out

    def confirm(
        self, profile_id: Any, reading: Any, ticked: Any, learning: Any, goal: Any
    ) -> list[Any]:
        """Save the confirmed reading into this browser's profile; show the gap and the plan."""
        pid = valid_profile_id(profile_id)
        if pid is None:
            gr.Warning("The page is still loading your profile; try again in a moment.")
            return [gr.skip()] * 3
        if not isinstance(reading, CVReading):
            gr.Warning("Upload or paste your CV first.")
            return [gr.skip()] * 3
        service = self.service()
        keep = [str(t) for t in ticked or [] if isinstance(t, str)]
        chosen = (
            str(goal) if isinstance(goal, str) and goal in service.reader.vocabulary.goals else None
        )
        levels = self.levels(reading, [str(x) for x in learning or []])
        try:
            try:
                profile = service.confirm(pid, reading, keep, levels, chosen)
            except ProfileCorruptError as err:  # kept aside; the CV starts a new profile
                gr.Warning(str(err))
                profile = service.confirm(pid, reading, keep, levels, chosen)
        except AssistantError as err:
            gr.Warning(str(err))
            return [gr.skip()] * 3
        gr.Info("Saved: your profile now follows your CV.")
        status = (
            f"Saved **{len(keep)}** items to your profile (steps and levels only; not the CV). "
            "The gap and the plan below, and the panel above, follow it."
        )
        return [status, *self.gap_and_plan(service, profile)]

    def gap_and_plan(self, service: CVService, profile: Profile) -> list[str]:
        """The skill-gap view and the plan, sanitised, ``[n]`` linked to the roadmap."""
        goal = service.reader.vocabulary.goal(profile.goal).name
        gap = f"### Skill gap per step\n\nGoal: **{escape_text(goal)}**\n\n"
        gap += safe_markdown(describe_gap(service.gap(profile)))
        plan = service.plan(profile)
        sources = [step.source for step in plan.steps]
        return [gap, "### Your plan\n\n" + safe_answer(describe_plan(plan, ""), sources)]

    # -- layout -----------------------------------------------------------------------------

    @property
    def read_outputs(self) -> list[Any]:
        c = self.components
        return [
            c["reading"],
            c["items"],
            c["learning"],
            c["goal"],
            c["evidence"],
            c["confirm"],
            c["status"],
            c["gap"],
            c["plan"],
        ]

    def build(self, profile_state: Any) -> None:
        """Lay the panel out (inside the caller's column or sidebar) and wire its events."""
        c = self.components
        c["id"] = profile_state
        with gr.Accordion("📄 Bring your CV", open=False, elem_id="cv-panel") as c["accordion"]:
            gr.Markdown(
                "Upload your CV (PDF, DOCX, TXT or MD, at most 5 MB) or paste its text: I "
                "propose what you know, with the line that shows it, and you confirm."
            )
            c["file"] = gr.File(
                label="Your CV",
                file_types=[".pdf", ".docx", ".txt", ".md"],
                file_count="single",
                type="filepath",
                elem_id="cv-file",
            )
            with gr.Accordion("…or paste the text", open=False, elem_id="cv-paste-box"):
                c["paste"] = gr.Textbox(lines=6, max_lines=20, show_label=False, elem_id="cv-paste")
                c["read"] = gr.Button("Read the pasted text", size="sm", elem_id="cv-read")
            c["reading"] = gr.State(None)
            c["status"] = gr.Markdown(elem_id="cv-status")
            c["items"] = gr.CheckboxGroup(
                [],
                label="What I read — untick anything wrong",
                elem_id="cv-items",
                visible=False,
            )
            c["learning"] = gr.Dropdown(
                [],
                multiselect=True,
                label="Still learning (not done yet)",
                elem_id="cv-learning",
                visible=False,
            )
            c["goal"] = gr.Dropdown([], label="Goal", elem_id="cv-goal", visible=False)
            c["confirm"] = gr.Button(
                "Confirm and save to my profile",
                variant="primary",
                elem_id="cv-confirm",
                visible=False,
            )
            c["evidence"] = gr.Markdown(elem_id="cv-evidence")
            c["gap"] = gr.Markdown(elem_id="cv-gap")
            c["plan"] = gr.Markdown(elem_id="cv-plan")
            gr.Markdown(PRIVACY_NOTE)
        private: dict[str, Any] = {"api_visibility": "private"}
        shown = {"js": SHOW_CV_JS, "show_progress": "hidden", **private}
        c["file"].upload(
            self.read_upload, [c["file"]], [*self.read_outputs, c["file"]], **private
        ).then(None, None, None, **shown)  # the proposal is below the box: bring it into view
        c["read"].click(self.read_paste, [c["paste"]], self.read_outputs, **private).then(
            None, None, None, **shown
        )
        c["learning"].change(
            self.relabel, [c["reading"], c["items"], c["learning"]], [c["items"]], **private
        )
        c["confirmed"] = c["confirm"].click(
            self.confirm,
            [profile_state, c["reading"], c["items"], c["learning"], c["goal"]],
            [c["status"], c["gap"], c["plan"]],
            **private,
        )

    def wire(self, then: Callable[..., Any], inputs: list[Any], outputs: list[Any]) -> None:
        """Run ``then(*inputs)`` into ``outputs`` after each confirmation (e.g. the profile
        panel's refresh, so its plan and picture follow the CV)."""
        self.components["confirmed"].then(then, inputs, outputs, api_visibility="private")


def _listed(titles: Sequence[str], at_most: int = 8) -> str:
    shown = ", ".join(escape_text(t) for t in titles[:at_most])
    return shown + (f" and {len(titles) - at_most} more" if len(titles) > at_most else "")


def _capitalised(name: str) -> str:
    """The name with a capital first letter ("Computer vision"; "NLP" stays "NLP")."""
    return name[:1].upper() + name[1:]
