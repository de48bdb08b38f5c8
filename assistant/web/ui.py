"""The Gradio chat: streaming cited answers, saved conversations, a live status line.

``build_ui(runtime)`` lays out a Blocks app around Gradio's own ``Chatbot``
(messages format): the answer streams in, then becomes Markdown with linked
``[n]`` markers and a collapsed "Sources" block. Conversations live in the
browser (``BrowserState``, encrypted with a per-installation secret so they
survive a server restart); several can be kept, resumed or deleted. The
assistant is opened in a background thread (``Runtime``) so the page is served
at once and says the index is being built on first start. ``serve`` applies the
safe launch defaults: loopback unless auth or ``--insecure``, never share,
analytics off. Answer logic stays in ``answering.py``; rendering in ``render.py``.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets
import threading
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering.assistant import Answer, Assistant
from assistant.errors import AssistantError, StorageError
from assistant.knowledge.roadmap import Roadmap, load_roadmap
from assistant.settings import Settings, private_files
from assistant.web.conversations import Store
from assistant.web.profile_panel import PROFILE_KEY, ProfilePanel, valid_profile_id
from assistant.web.render import (
    answer_messages,
    saved_messages,
    status_markdown,
    streaming_message,
    user_message,
)

log = logging.getLogger(__name__)

#: Seconds between status-line refreshes (Ollama going down or coming back).
STATUS_EVERY = 5.0
#: Answers generated at the same time; more wait in Gradio's queue.
GENERATION_CONCURRENCY = 2
STORAGE_KEY = "roadmap-assistant-conversations"
CSS = """
#status {min-height: 1.6em}
#status p {margin: 0}
"""


class Runtime:
    """Holds the assistant, opened in the background so the page can say it is building."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._assistant: Assistant | None = None
        self.error: str | None = None
        self._done = threading.Event()

    def start(self) -> Runtime:
        threading.Thread(target=self._open, name="open-assistant", daemon=True).start()
        return self

    def _open(self) -> None:
        try:
            self._assistant = Assistant.open(self.settings, progress=True)
        except AssistantError as err:
            self.error = str(err)
            log.error("cannot open the assistant: %s", err)
        except Exception:  # an unexpected failure must not leave the page "building" forever
            log.exception("cannot open the assistant")
            self.error = "The assistant could not start; the terminal shows why."
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the assistant is open (or failed); True when it is ready."""
        self._done.wait(timeout)
        return self._assistant is not None

    @property
    def assistant(self) -> Assistant | None:
        return self._assistant

    def status(self) -> str:
        """The status line's Markdown."""
        if self.error:
            return status_markdown(None, problem=self.error)
        if self._assistant is None:
            return status_markdown(None, building=True)
        return status_markdown(self._assistant.status())


def example_questions(roadmap: Roadmap, limit: int = 5) -> list[str]:
    """Questions drawn from the roadmap's own steps: topics, tools, resources, projects."""
    asked: list[str] = []
    used: set[int] = set()
    kinds = ["topics", "tools", "resources", "projects", "topics", "resources"]
    for kind in kinds:
        for step in roadmap.steps:
            name = re.sub(r"\s*\([^)]*\)", "", step.title)
            if step.number in used:
                continue
            if kind == "topics" and step.topics and step.number > 1:
                asked.append(f"What should I learn in {step.heading}?")
            elif kind == "tools" and step.tools:
                asked.append(f"Which tools does the roadmap list for {name.lower()}?")
            elif kind == "resources" and step.resources and step.number > 4:
                asked.append(f"Which resources does the roadmap recommend for {name.lower()}?")
            elif kind == "projects" and step.project_ideas:
                asked.append("Give me project ideas for my portfolio")
            else:
                continue
            used.add(step.number)
            break
    return asked[:limit]


def example_roadmap(settings: Settings) -> Roadmap | None:
    """The parsed roadmap for the example questions; ``None`` (no examples) if unreadable."""
    try:
        return load_roadmap(settings.corpus_dir)
    except AssistantError as err:
        log.warning("no example questions: %s", err)
        return None


# -- event handlers (plain functions of the runtime, so tests can call them) -----------------


Out = tuple[Any, Any, Any, Any]


def _list_update(store: Store) -> Any:
    return gr.update(choices=store.choices(), value=store.current)


def respond(
    runtime: Runtime,
    message: str,
    shown: list[dict[str, Any]],
    saved: Any,
    profile_id: str | None = None,
) -> Iterator[Out]:
    """Stream one answer; yields (chat, saved store, textbox, conversation list).

    ``profile_id`` is this browser's learner profile: messages about the learner update it.
    """
    store = Store.from_json(saved)
    bot = runtime.assistant
    if bot is None:
        gr.Warning(
            runtime.error or "The index is still being built (see the terminal); ask again soon."
        )
        yield shown, gr.skip(), message, gr.skip()
        return
    if not message or not message.strip():
        gr.Warning("Type a question first, e.g. “What should I learn in the NLP step?”")
        yield shown, gr.skip(), message, gr.skip()
        return
    conversation = store.on_screen
    turns = list(conversation.turns) if conversation else []
    try:
        events = bot.stream(message, turns, profile_id=valid_profile_id(profile_id))
        before = list(shown)
        known = bot.retriever.known_urls
        live = [*before, user_message(message, known), streaming_message("")]
        yield live, gr.skip(), "", gr.skip()  # the question leaves the box once, here
        partial = ""
        answer: Answer | None = None
        for event in events:
            if isinstance(event, Answer):
                answer = event
            else:
                partial += event
                live[-1] = streaming_message(partial, known)
                yield live, gr.skip(), gr.skip(), gr.skip()  # never wipe what is typed next
    except AssistantError as err:
        gr.Warning(str(err))
        yield shown, gr.skip(), message, gr.skip()
        return
    if answer is None:  # pragma: no cover - stream() always ends with an Answer
        return
    final = [*before, user_message(answer.question, known), *answer_messages(answer, known)]
    turns += [
        {"role": "user", "content": answer.question},
        {"role": "assistant", "content": answer.text},
    ]
    store = store.record(final, turns)
    yield final, store.to_json(), gr.skip(), _list_update(store)


def retry(
    runtime: Runtime, shown: list[dict[str, Any]], saved: Any, profile_id: str | None = None
) -> Iterator[Out]:
    """Ask the last question of the conversation on screen again."""
    store = Store.from_json(saved)
    conversation = store.on_screen
    if conversation is None or not conversation.turns:
        gr.Info("Nothing to retry yet.")
        yield shown, gr.skip(), gr.skip(), gr.skip()
        return
    users = [i for i, t in enumerate(conversation.turns) if t["role"] == "user"]
    last = users[-1]
    question = conversation.turns[last]["content"]
    cut = [i for i, m in enumerate(conversation.messages) if m.get("role") == "user"][-1]
    store = store.record(list(conversation.messages[:cut]), list(conversation.turns[:last]))
    yield from respond(
        runtime, question, list(conversation.messages[:cut]), store.to_json(), profile_id
    )


def new_conversation(saved: Any) -> Out:
    store = Store.from_json(saved).start_new()
    return [], store.to_json(), "", _list_update(store)


def _on_screen(store: Store) -> list[dict[str, Any]]:
    """The saved messages of the conversation on screen, sanitised again for display."""
    on_screen = store.on_screen
    return saved_messages(on_screen.messages) if on_screen else []


def open_conversation(conversation_id: str | None, saved: Any) -> Out:
    store = Store.from_json(saved)
    if not conversation_id or store.get(conversation_id) is None:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip()
    store = store.select(conversation_id)
    return _on_screen(store), store.to_json(), gr.skip(), gr.skip()


def delete_conversation(saved: Any) -> Out:
    store = Store.from_json(saved)
    if store.on_screen is None:
        gr.Info("This conversation is not saved yet; nothing to delete.")
        return gr.skip(), gr.skip(), gr.skip(), gr.skip()
    store = store.delete(store.current)
    return _on_screen(store), store.to_json(), gr.skip(), _list_update(store)


def restore(saved: Any) -> Out:
    """On page load: show the conversation that was on screen, and the list."""
    store = Store.from_json(saved)
    if store.problem:
        gr.Warning(store.problem)
    return _on_screen(store), store.to_json(), gr.skip(), _list_update(store)


# -- layout -----------------------------------------------------------------------------------


def browser_secret(settings: Settings) -> str:
    """A per-installation secret for BrowserState, so saved chats survive restarts."""
    path = settings.home / "ui-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def profile_panel(runtime: Runtime, roadmap: Roadmap | None) -> ProfilePanel | None:
    """The profile panel, or ``None`` (chat only) when the roadmap graph cannot be read."""
    if roadmap is None:
        return None
    try:
        return ProfilePanel(runtime.settings, roadmap, lambda: runtime.assistant)
    except AssistantError as err:
        log.warning("no profile panel: %s", err)
        return None


def build_ui(runtime: Runtime) -> gr.Blocks:
    """The chat app (not launched)."""
    roadmap = example_roadmap(runtime.settings)
    examples = example_questions(roadmap) if roadmap else []
    with gr.Blocks(title="Roadmap Assistant", analytics_enabled=False, fill_height=True) as demo:
        secret = browser_secret(runtime.settings)
        saved = gr.BrowserState(None, storage_key=STORAGE_KEY, secret=secret)
        profile_id = gr.BrowserState(None, storage_key=PROFILE_KEY, secret=secret)
        with gr.Sidebar(label="Conversations", open=True):
            gr.Markdown("### 🗺️ Roadmap Assistant")
            new_btn = gr.Button("+ New conversation", elem_id="new-chat", variant="primary")
            conversations = gr.Radio(
                choices=[], label="Saved conversations", elem_id="conversations"
            )
            delete_btn = gr.Button("🗑 Delete this conversation", elem_id="delete-chat", size="sm")
            gr.Markdown(
                "<small>Conversations are saved in this browser only. Answers come from the "
                "AI Engineer Roadmap 2025/26 and the pages it links to.</small>"
            )
        status = gr.Markdown(runtime.status(), elem_id="status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=420):
                chat = gr.Chatbot(
                    elem_id="chat",
                    label="Roadmap Assistant",
                    placeholder=(
                        "**Ask about the AI Engineer Roadmap 2025/26** — its steps, topics, "
                        "tools and resources. Every answer cites the section it comes from."
                    ),
                    examples=[{"text": q} for q in examples],
                    sanitize_html=True,
                    render_markdown=True,
                    layout="bubble",
                    scale=1,
                    height="70vh",
                    buttons=["copy"],
                    feedback_options=None,
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask a question about the roadmap…",
                        show_label=False,
                        elem_id="question",
                        scale=8,
                        max_lines=6,
                        autofocus=True,
                    )
                    send = gr.Button(
                        "Send", variant="primary", elem_id="send", scale=1, min_width=80
                    )
                    stop = gr.Button("Stop", elem_id="stop", scale=1, min_width=80)
                with gr.Row():
                    retry_btn = gr.Button("↻ Retry last question", elem_id="retry", size="sm")
                    clear_btn = gr.Button(
                        "Clear (start a new conversation)", elem_id="clear", size="sm"
                    )

            panel = profile_panel(runtime, roadmap)
            if panel is not None:
                with gr.Column(scale=4, min_width=340, elem_id="profile-panel"):
                    panel.build(profile_id)

        outputs = [chat, saved, question, conversations]

        def _respond(
            message: str, shown: list[dict[str, Any]], store: Any, pid: Any = None
        ) -> Iterator[Out]:
            yield from respond(runtime, message, shown, store, pid)

        def _retry(shown: list[dict[str, Any]], store: Any, pid: Any = None) -> Iterator[Out]:
            yield from retry(runtime, shown, store, pid)

        answer_opts: dict[str, Any] = {
            "concurrency_limit": GENERATION_CONCURRENCY,
            "concurrency_id": "answers",
        }
        asked = [question, chat, saved, profile_id]
        submitted = question.submit(_respond, asked, outputs, api_name="chat", **answer_opts)
        clicked = send.click(_respond, asked, outputs, api_visibility="private", **answer_opts)

        def _example(evt: gr.SelectData) -> str:
            return str(evt.value["text"])

        picked = chat.example_select(_example, None, question, api_visibility="private").then(
            _respond, asked, outputs, api_visibility="private", **answer_opts
        )
        retried = retry_btn.click(
            _retry, [chat, saved, profile_id], outputs, api_visibility="private", **answer_opts
        )
        if panel is not None:  # an answer may have updated the profile ("I finished step 4")
            for event in (submitted, clicked, picked, retried):
                event.then(panel.refresh, [profile_id], panel.outputs, api_visibility="private")
            demo.load(panel.load, [profile_id], panel.outputs, api_visibility="private")
        stop.click(None, None, None, cancels=[submitted, clicked, picked, retried])
        for button in (new_btn, clear_btn):
            button.click(new_conversation, [saved], outputs, api_visibility="private")
        conversations.select(
            open_conversation, [conversations, saved], outputs, api_visibility="private"
        )
        delete_btn.click(delete_conversation, [saved], outputs, api_visibility="private")
        demo.load(restore, [saved], outputs, api_visibility="private")
        timer = gr.Timer(STATUS_EVERY)
        timer.tick(runtime.status, None, status, api_visibility="private", queue=False)
        demo.load(runtime.status, None, status, api_visibility="private", queue=False)
    return demo


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch_kwargs(settings: Settings, insecure: bool) -> dict[str, Any]:
    """Arguments for ``Blocks.launch``; refuses an open bind without auth or --insecure."""
    host, port = settings.server_name, settings.server_port
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        if not user or not password:
            raise AssistantError("ASSISTANT_AUTH must look like user:password.")
        auth = (user, password)
    if not is_loopback(host) and auth is None and not insecure:
        raise AssistantError(
            f"Refusing to serve on {host} without a password: set ASSISTANT_AUTH=user:password, "
            "or pass --insecure if this network is trusted."
        )
    return {
        "server_name": host,
        "server_port": port,
        "auth": auth,
        "share": False,
        "show_error": False,
        "quiet": True,
        "css": CSS,
        "theme": gr.themes.Soft(),
        "footer_links": [],
        # Profile exports live in the home's private files folder (see export_folder).
        "allowed_paths": [str(settings.home / "files" / "exports")],
    }


def serve(settings: Settings, *, insecure: bool = False) -> None:
    """Open the assistant in the background and serve the chat until interrupted."""
    kwargs = launch_kwargs(settings, insecure)
    try:
        private_files(settings)
    except OSError as err:
        raise StorageError(
            f"Cannot use {settings.home / 'files'} for the chat's files: {err.strerror}."
        ) from None
    runtime = Runtime(settings).start()
    demo = build_ui(runtime)
    demo.queue(default_concurrency_limit=GENERATION_CONCURRENCY)
    print(f"Roadmap Assistant: http://{settings.server_name}:{settings.server_port}", flush=True)
    demo.launch(**kwargs)
