"""The Gradio chat: a chat-first page with cited answers, saved conversations and a plan panel.

``build_ui(runtime)`` lays out a Blocks app around Gradio's own ``Chatbot``
(messages format), which takes the page's width: the answer streams in, then
becomes Markdown with linked ``[n]`` markers and a collapsed "Sources" block.
Two ``gr.Sidebar`` panels flank it: the saved conversations on the left (they
live in the browser, ``BrowserState``, encrypted with a per-installation secret
so they survive a server restart) and "My next steps" on the right (the
``ProfilePanel``), which opens by itself when a message produced a plan. On a
narrow window both start closed (when panels open, the theme and the scroll
script: ``page.py``). The assistant is opened in a background thread
(``runtime.py``): the page is served at once and shows the index build's
progress, and a question asked meanwhile waits for the index, then is answered.
``serve`` applies the safe launch defaults: loopback unless auth or
``--insecure``, never share, analytics off. Answer logic stays in ``answering``;
rendering in ``render.py``; the panel's logic in ``profile_panel.py``.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets
from collections.abc import Generator, Iterator
from typing import Any

import gradio as gr

from assistant.answering.assistant import Answer, Assistant
from assistant.errors import AssistantError, StorageError
from assistant.knowledge.roadmap import Roadmap, load_roadmap
from assistant.learner.cv_paste import looks_like_cv
from assistant.learner.cv_text import MAX_CV_BYTES
from assistant.settings import Settings, private_files
from assistant.web.conversations import Store
from assistant.web.cv_panel import CVPanel
from assistant.web.page import (
    LAYOUT_CSS,
    LIST_WIDTH,
    PANEL_WIDTH,
    SCROLL_JS,
    SIDEBAR_CSS,
    WITH_WIDTH,
    open_cv_panel,
    open_plan_panel,
    open_when_wide,
    show_pasted_cv_js,
    theme,
)
from assistant.web.profile_panel import PROFILE_KEY, ProfilePanel, valid_profile_id
from assistant.web.render import (
    answer_messages,
    saved_messages,
    streaming_message,
    user_message,
)
from assistant.web.runtime import Runtime

log = logging.getLogger(__name__)

#: Seconds between status-line refreshes (Ollama going down or coming back, build progress).
STATUS_EVERY = 5.0
#: Seconds between status-line refreshes while the assistant opens (the build's progress).
OPENING_STATUS_EVERY = 1.0
#: Seconds between refreshes of an early question's "waiting for the index" line.
WAIT_EVERY = 1.0
#: Answers generated at the same time; more wait in Gradio's queue.
GENERATION_CONCURRENCY = 2
STORAGE_KEY = "roadmap-assistant-conversations"
#: What the conversation keeps in place of a CV pasted into the chat.
PASTED_CV = "📄 A pasted CV"
CSS = """
#status {min-height: 1.6em}
#status p {margin: 0}
/* sources block (render.py's "📚 Sources (n)" message, a Gradio "thought"): its title row
   already toggles on click; it is stretched over the box's padding so the whole summary,
   edge to edge, opens and closes it. Then compact entries: one line of title, a short quote. */
#chat .thought-group > [role=button] {
  margin: calc(-1 * var(--spacing-md));
  padding: var(--spacing-md);
  width: calc(100% + 2 * var(--spacing-md));
  border-radius: var(--radius-sm);
}
#chat .thought-group > [role=button].expanded {margin-bottom: 0}
#chat .thought-group > [role=button]:hover {background: var(--background-fill-secondary)}
#chat .thought-group p {margin: 0.6em 0 0.1em}
/* Gradio's .prose sets blockquote margins with !important */
#chat .thought-group blockquote {margin: 0.1em 0 0.2em !important; padding: 0 0 0 0.8em;
  border-left-width: 3px}
#chat .thought-group blockquote p, #chat .thought-group blockquote ul,
#chat .thought-group blockquote ol {margin: 0}
#chat .thought-group blockquote li {margin: 0}
/* end of sources block */
"""


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
#: An answer's outputs: ``Out``, then whether it made a plan (which opens the plan panel).
Answered = tuple[Any, Any, Any, Any, Any]


def _list_update(store: Store) -> Any:
    return gr.update(choices=store.choices(), value=store.current)


def wait_for_index(
    runtime: Runtime, message: str, shown: list[dict[str, Any]]
) -> Generator[Answered, None, Assistant | None]:
    """Show the question, with the build's progress as the answer, until the index is ready.

    Returns the assistant; ``None`` (with a warning, the question back in the box) when it
    could not be opened.
    """
    live = [*shown, user_message(message), streaming_message(runtime.waiting())]
    yield live, gr.skip(), "", gr.skip(), False
    while not runtime.wait(WAIT_EVERY) and not runtime.failed:
        live[-1] = streaming_message(runtime.waiting())
        yield live, gr.skip(), gr.skip(), gr.skip(), gr.skip()
    bot = runtime.assistant
    if bot is None:
        gr.Warning(runtime.error or "The assistant could not start; the terminal shows why.")
        yield shown, gr.skip(), message, gr.skip(), False
    return bot


def respond(
    runtime: Runtime,
    message: str,
    shown: list[dict[str, Any]],
    saved: Any,
    profile_id: str | None = None,
) -> Iterator[Answered]:
    """Stream one answer; yields (chat, saved store, textbox, conversation list, planned).

    ``profile_id`` is this browser's learner profile: messages about the learner update it.
    A question asked while the index is built waits for it, showing the build's progress.
    """
    if not message or not message.strip():
        gr.Warning("Type a question first, e.g. “What should I learn in the NLP step?”")
        yield shown, gr.skip(), message, gr.skip(), False
        return
    store = Store.from_json(saved)
    bot = runtime.assistant
    if bot is None:
        bot = yield from wait_for_index(runtime, message, shown)
        if bot is None:
            return
    conversation = store.on_screen
    turns = list(conversation.turns) if conversation else []
    try:
        events = bot.stream(message, turns, profile_id=valid_profile_id(profile_id))
        before = list(shown)
        known = bot.retriever.known_urls
        live = [*before, user_message(message, known), streaming_message("")]
        yield live, gr.skip(), "", gr.skip(), False  # the question leaves the box once, here
        partial = ""
        answer: Answer | None = None
        for event in events:
            if isinstance(event, Answer):
                answer = event
            else:
                partial += event
                live[-1] = streaming_message(partial, known)
                yield live, gr.skip(), gr.skip(), gr.skip(), gr.skip()  # keeps what is typed
    except AssistantError as err:
        gr.Warning(str(err))
        yield shown, gr.skip(), message, gr.skip(), False
        return
    if answer is None:  # pragma: no cover - stream() always ends with an Answer
        return
    final = [*before, user_message(answer.question, known), *answer_messages(answer, known)]
    turns += [
        {"role": "user", "content": answer.question},
        {"role": "assistant", "content": answer.text},
    ]
    store = store.record(final, turns)
    yield final, store.to_json(), gr.skip(), _list_update(store), "plan" in answer.extra


def respond_cv(
    cv: CVPanel, message: str, shown: list[dict[str, Any]], saved: Any
) -> Iterator[tuple[Any, ...]]:
    """A CV pasted into the chat: read in memory, proposed in the CV panel for confirmation.

    Yields what ``respond`` yields, then the reading for ``CVPanel.show_pasted``. The
    conversation keeps a placeholder in place of the CV's text (it is saved in the browser).
    """
    store = Store.from_json(saved)
    conversation = store.on_screen
    turns = list(conversation.turns) if conversation else []
    lines = sum(1 for line in message.splitlines() if line.strip())
    placeholder = f"{PASTED_CV} ({lines} lines; read in memory, not kept here)"
    asked = {"role": "user", "content": placeholder}
    live = [*shown, asked, streaming_message("Reading your CV…")]
    yield live, gr.skip(), "", gr.skip(), False, None
    reply, reading = cv.read_chat(message)
    final = [*shown, asked, {"role": "assistant", "content": reply}]
    turns += [{"role": "user", "content": placeholder}, {"role": "assistant", "content": reply}]
    store = store.record(final, turns)
    yield final, store.to_json(), gr.skip(), _list_update(store), False, reading


def retry(
    runtime: Runtime, shown: list[dict[str, Any]], saved: Any, profile_id: str | None = None
) -> Iterator[Answered]:
    """Ask the last question of the conversation on screen again."""
    store = Store.from_json(saved)
    conversation = store.on_screen
    if conversation is None or not conversation.turns:
        gr.Info("Nothing to retry yet.")
        yield shown, gr.skip(), gr.skip(), gr.skip(), False
        return
    users = [i for i, t in enumerate(conversation.turns) if t["role"] == "user"]
    last = users[-1]
    question = conversation.turns[last]["content"]
    if question.startswith(PASTED_CV):
        gr.Info("The CV was not kept, so it cannot be read again: paste it again.")
        yield shown, gr.skip(), gr.skip(), gr.skip(), False
        return
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
    with gr.Blocks(
        title="Roadmap Assistant", analytics_enabled=False, fill_height=True, fill_width=True
    ) as demo:
        secret = browser_secret(runtime.settings)
        saved = gr.BrowserState(None, storage_key=STORAGE_KEY, secret=secret)
        profile_id = gr.BrowserState(None, storage_key=PROFILE_KEY, secret=secret)
        planned = gr.State(False)  # the last answer made a plan
        width = gr.Number(visible=False)  # the window's width, filled in by WITH_WIDTH
        with gr.Sidebar(
            label="Conversations", open=False, width=LIST_WIDTH, elem_id="conversations-panel"
        ) as left:
            gr.Markdown("## Conversations")
            new_btn = gr.Button("+ New conversation", elem_id="new-chat", variant="primary")
            conversations = gr.Radio(
                choices=[], label="Saved conversations", elem_id="conversations"
            )
            delete_btn = gr.Button("🗑 Delete this conversation", elem_id="delete-chat", size="sm")
            gr.Markdown(
                "<small>Conversations are saved in this browser only. Answers come from the "
                "AI Engineer Roadmap 2025/26 and the pages it links to.</small>"
            )
        panel = profile_panel(runtime, roadmap)
        cv: CVPanel | None = None
        if panel is not None:
            with gr.Sidebar(
                label="My next steps",
                open=False,
                position="right",
                width=PANEL_WIDTH,
                elem_id="plan-panel",
            ) as right:
                cv = CVPanel(runtime.settings, lambda: runtime.assistant)  # "Bring your CV"
                cv.build(profile_id)  # first: a closed accordion a newcomer sees at once
                panel.build(profile_id)
                cv.wire(panel.refresh, [profile_id], panel.outputs)
        gr.Markdown("# 🗺️ Roadmap Assistant", elem_id="app-title")
        status = gr.Markdown(runtime.status(), elem_id="status")
        chat = gr.Chatbot(
            elem_id="chat",
            label="Conversation",
            show_label=False,
            placeholder=(
                "**Ask about the AI Engineer Roadmap 2025/26** — its steps, topics, "
                "tools and resources. Every answer cites the section it comes from. "
                "Or paste your CV here (or open **📄 Bring your CV** in *My next steps*) "
                "for a plan from what you already know."
            ),
            examples=[{"text": q} for q in examples],
            sanitize_html=True,
            render_markdown=True,
            layout="bubble",
            autoscroll=False,  # SCROLL_JS shows a new question at the top instead
            scale=1,  # with fill_height: all the height the window has
            min_height=280,
            buttons=["copy"],
            feedback_options=None,
        )
        with gr.Row(equal_height=True):
            question = gr.Textbox(
                placeholder="Ask a question about the roadmap…",
                label="Your question",
                show_label=False,
                elem_id="question",
                scale=8,
                max_lines=6,
                autofocus=True,
            )
            send = gr.Button("Send", variant="primary", elem_id="send", scale=1, min_width=72)
        with gr.Row():
            stop = gr.Button("■ Stop", elem_id="stop", size="sm", min_width=72)
            retry_btn = gr.Button("↻ Retry last question", elem_id="retry", size="sm")
            clear_btn = gr.Button("Clear (start a new conversation)", elem_id="clear", size="sm")

        outputs = [chat, saved, question, conversations]
        pasted = gr.State(None)  # a CV pasted into the chat: its reading, for the CV panel
        answered = [*outputs, planned, pasted]

        def _respond(
            message: str, shown: list[dict[str, Any]], store: Any, pid: Any = None
        ) -> Iterator[tuple[Any, ...]]:
            if cv is not None and isinstance(message, str) and looks_like_cv(message):
                yield from respond_cv(cv, message, shown, store)
                return
            for out in respond(runtime, message, shown, store, pid):
                yield (*out, None)

        def _retry(
            shown: list[dict[str, Any]], store: Any, pid: Any = None
        ) -> Iterator[tuple[Any, ...]]:
            for out in retry(runtime, shown, store, pid):
                yield (*out, None)

        answer_opts: dict[str, Any] = {
            "concurrency_limit": GENERATION_CONCURRENCY,
            "concurrency_id": "answers",
            "show_progress_on": [chat],  # not over the box being typed in, nor the list
        }
        private: dict[str, Any] = {"api_visibility": "private"}
        asked = [question, chat, saved, profile_id]
        submitted = question.submit(_respond, asked, answered, api_name="chat", **answer_opts)
        clicked = send.click(_respond, asked, answered, **private, **answer_opts)

        def _example(evt: gr.SelectData) -> str:
            return str(evt.value["text"])

        picked = chat.example_select(_example, None, question, **private).then(
            _respond, asked, answered, **private, **answer_opts
        )
        retried = retry_btn.click(
            _retry, [chat, saved, profile_id], answered, **private, **answer_opts
        )
        # No loading overlay: a sidebar's would cover the chat while these run.
        quiet: dict[str, Any] = {"show_progress": "hidden", **private}
        if panel is not None:  # an answer may have updated the profile ("I finished step 4")
            for event in (submitted, clicked, picked, retried):
                event.then(panel.refresh, [profile_id], panel.outputs, **quiet).then(
                    open_plan_panel,
                    [planned, width],
                    [right, panel.components["tabs"], left],
                    js=WITH_WIDTH,
                    **quiet,
                )
            demo.load(panel.load, [profile_id], panel.outputs, **private)
        if cv is not None:  # a CV pasted into the chat is shown in the CV panel, opened
            shows = [*cv.read_outputs, cv.components["accordion"]]
            for event in (submitted, clicked):
                event.then(cv.show_pasted, [pasted], shows, **quiet).then(
                    open_cv_panel, [pasted, width], [right, left], js=WITH_WIDTH, **quiet
                ).then(None, None, None, js=show_pasted_cv_js(PASTED_CV), **quiet)
        stop.click(None, None, None, cancels=[submitted, clicked, picked, retried])
        for button in (new_btn, clear_btn):
            button.click(new_conversation, [saved], outputs, **private)
        conversations.select(open_conversation, [conversations, saved], outputs, **private)
        delete_btn.click(delete_conversation, [saved], outputs, **private)
        demo.load(restore, [saved], outputs, **private)
        demo.load(open_when_wide, [width], [left], js=WITH_WIDTH, queue=False, **quiet)
        timer = gr.Timer(STATUS_EVERY)
        timer.tick(runtime.status, None, status, queue=False, **quiet)
        opening = gr.Timer(OPENING_STATUS_EVERY, active=not runtime.opened)

        def _opening() -> tuple[str, Any]:  # stops itself once the assistant is open
            return runtime.status(), gr.Timer(active=False) if runtime.opened else gr.skip()

        opening.tick(_opening, None, [status, opening], queue=False, **quiet)
        demo.load(runtime.status, None, status, queue=False, **quiet)
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
        "css": CSS + LAYOUT_CSS,
        "head": f"<style>{SIDEBAR_CSS}</style>",
        "js": SCROLL_JS,
        "theme": theme(),
        "footer_links": [],
        # Profile exports live in the home's private files folder (see export_folder).
        "allowed_paths": [str(settings.home / "files" / "exports")],
        # The browser refuses a bigger file before sending it (and the server stops one
        # mid-upload): a CV over 5 MB never reaches the disk, even for a moment.
        "max_file_size": MAX_CV_BYTES,
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
