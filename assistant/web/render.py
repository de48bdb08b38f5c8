"""Turn answers into what the chat shows: linked citations, a sources block, a status line.

Everything a person typed, a page said or a model wrote goes through
``assistant.sanitize`` before it reaches the chat's Markdown renderer: ``<``
becomes ``&lt;``, so ``<img src=x onerror=…>`` shows as text; images become
their alt text, so the browser never fetches a remote URL; and links survive
only to the cited sources, the index's own URLs and URLs quoted verbatim in a
cited chunk (``known`` is the index's set). Citation markers
``[n]`` become links to the cited section (the step anchor or the page), and
the sources block lists title › section, link and snippet per source. This
module knows nothing about Gradio's events; it returns plain strings and
message dicts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from assistant.answering.assistant import Answer, Status
from assistant.records import Source
from assistant.sanitize import allowed_urls, clean_text, escape_html, safe_markdown

_UNLINKED_MARKER = re.compile(r"\[(\d{1,3})\](?!\()")
_MD_LINK_TEXT = re.compile(r"([\[\]\\`*_])")

OFFLINE_STATUS = (
    "**Offline mode** — answers are extracts from the roadmap and its linked pages; "
    "start Ollama for generated answers."
)


def escape_text(text: str) -> str:
    """Plain text safe to hand to the Markdown renderer: no HTML, no control characters."""
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_urls(sources: Sequence[Source], known: Collection[str] = ()) -> frozenset[str]:
    """The links an answer citing ``sources`` may keep: theirs, their chunks' and ``known``."""
    return allowed_urls(known, (s.url for s in sources), (u for s in sources for u in s.links))


def safe_answer(text: str, sources: Sequence[Source], known: Collection[str] = ()) -> str:
    """An answer's Markdown, sanitised, with ``[n]`` linked to its sources."""
    return link_citations(safe_markdown(text, answer_urls(sources, known)), sources)


def _link_text(text: str) -> str:
    return _MD_LINK_TEXT.sub(r"\\\1", escape_text(text))


def _title_attr(source: Source) -> str:
    where = f"{source.title} › {source.section}" if source.section else source.title
    return escape_text(where).replace('"', "&quot;")


def link_citations(text: str, sources: Sequence[Source]) -> str:
    """``[n]`` → a link to source n's URL (markers without a source are left as text)."""
    by_n = {s.n: s for s in sources}

    def link(match: re.Match[str]) -> str:
        source = by_n.get(int(match.group(1)))
        if source is None:
            return match.group(0)
        return f'[\\[{source.n}\\]]({source.url} "{_title_attr(source)}")'

    return _UNLINKED_MARKER.sub(link, text)


def sources_markdown(sources: Sequence[Source]) -> str:
    """One entry per source: number, title › section as a link, and the snippet."""
    lines = []
    for s in sources:
        where = f"{s.title} › {s.section}" if s.section else s.title
        lines.append(f"**[{s.n}]** [{_link_text(where)}]({s.url})  ")
        fetched = f" · fetched {escape_text(s.fetched)}" if s.fetched else ""
        lines.append(f"{escape_html(clean_text(s.url))}{fetched}  ")
        lines.append(f"> {safe_markdown(s.snippet, answer_urls([s]))}")
        lines.append("")
    return "\n".join(lines).strip()


def answer_messages(answer: Answer, known: Collection[str] = ()) -> list[dict[str, Any]]:
    """The chat messages for a finished answer: the answer, then a collapsed sources block."""
    messages: list[dict[str, Any]] = [
        {"role": "assistant", "content": safe_answer(answer.text, answer.sources, known)}
    ]
    if answer.sources:
        count = len(answer.sources)
        messages.append(
            {
                "role": "assistant",
                "content": sources_markdown(answer.sources),
                "metadata": {
                    "title": f"📚 Sources ({count})",
                    "status": "done",
                },
            }
        )
    return messages


def streaming_message(partial: str, known: Collection[str] = ()) -> dict[str, Any]:
    """The assistant message while an answer streams in (sanitised at every step)."""
    return {"role": "assistant", "content": safe_markdown(partial, known) or "…"}


def user_message(question: str, known: Collection[str] = ()) -> dict[str, Any]:
    """The learner's own message, as typed but sanitised: no image, no HTML, no unknown link."""
    return {"role": "user", "content": safe_markdown(question, known)}


def saved_messages(messages: Sequence[Any]) -> list[dict[str, Any]]:
    """Messages restored from the browser's storage, sanitised again before they are shown.

    They were sanitised when they were made, so their links stay; whatever an older version
    saved, no image and no HTML comes back.
    """
    shown = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        content = message.get("content")
        if isinstance(content, list):  # Gradio hands messages back as a list of typed parts
            texts = [p.get("text") for p in content if isinstance(p, dict)]
            content = "\n\n".join(t for t in texts if isinstance(t, str))
        if isinstance(content, str):
            shown.append({**message, "content": safe_markdown(content, None)})
    return shown


def status_markdown(status: Status | None, building: bool = False, problem: str = "") -> str:
    """The status line above the chat."""
    if problem:
        return f"⚠️ {safe_markdown(problem)}"
    if building or status is None:
        return (
            "⏳ **Building the index for the first time** — the terminal shows the progress. "
            "You can type your question meanwhile."
        )
    if status.mode.startswith("ollama:"):
        return f"🟢 **Ollama · {escape_text(status.mode.split(':', 1)[1])}** — generated answers"
    detail = f" <small>({safe_markdown(status.detail)})</small>" if status.detail else ""
    return f"⚪ {OFFLINE_STATUS}{detail}"
