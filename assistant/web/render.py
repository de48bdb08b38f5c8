"""Turn answers into what the chat shows: linked citations, a sources block, a status line.

Everything a person typed or a page said is escaped before it reaches the
chat's Markdown renderer: ``<`` becomes ``&lt;``, so ``<img src=x
onerror=…>`` shows as text and never becomes an element. Citation markers
``[n]`` become links to the cited section (the step anchor or the page), and
the sources block lists title › section, link and snippet per source. This
module knows nothing about Gradio's events; it returns plain strings and
message dicts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.answering.assistant import Answer, Status
from assistant.records import Source

_UNLINKED_MARKER = re.compile(r"\[(\d{1,3})\](?!\()")
_MD_LINK_TEXT = re.compile(r"([\[\]\\`*_])")

OFFLINE_STATUS = (
    "**Offline mode** — answers are extracts from the roadmap and its linked pages; "
    "start Ollama for generated answers."
)


def escape_text(text: str) -> str:
    """Text safe to hand to the Markdown renderer: no HTML can come out of it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_answer(text: str) -> str:
    """An answer's Markdown with raw HTML neutralised (``>`` quotes keep working)."""
    return text.replace("<", "&lt;")


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
        lines.append(f"<small>{escape_text(s.url)}{fetched}</small>  ")
        lines.append(f"> {escape_text(s.snippet)}")
        lines.append("")
    return "\n".join(lines).strip()


def answer_messages(answer: Answer) -> list[dict[str, Any]]:
    """The chat messages for a finished answer: the answer, then a collapsed sources block."""
    messages: list[dict[str, Any]] = [
        {"role": "assistant", "content": link_citations(escape_answer(answer.text), answer.sources)}
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


def streaming_message(partial: str) -> dict[str, Any]:
    """The assistant message while an answer streams in."""
    return {"role": "assistant", "content": escape_answer(partial) or "…"}


def user_message(question: str) -> dict[str, Any]:
    """The learner's own message, shown exactly as typed."""
    return {"role": "user", "content": escape_text(question)}


def status_markdown(status: Status | None, building: bool = False, problem: str = "") -> str:
    """The status line above the chat."""
    if problem:
        return f"⚠️ {escape_text(problem)}"
    if building or status is None:
        return (
            "⏳ **Building the index for the first time** — the terminal shows the progress. "
            "You can type your question meanwhile."
        )
    if status.mode.startswith("ollama:"):
        return f"🟢 **Ollama · {escape_text(status.mode.split(':', 1)[1])}** — generated answers"
    detail = f" <small>({escape_text(status.detail)})</small>" if status.detail else ""
    return f"⚪ {OFFLINE_STATUS}{detail}"
