"""Turn answers into what the chat shows: linked citations, a sources block, a status line.

Everything a person typed, a page said or a model wrote goes through
``assistant.sanitize`` before it reaches the chat's Markdown renderer: ``<``
becomes ``&lt;``, so ``<img src=x onerror=…>`` shows as text; images become
their alt text, so the browser never fetches a remote URL; and links survive
only to the cited sources, the index's own URLs and URLs quoted verbatim in a
cited chunk (``known`` is the index's set). Citation markers
``[n]`` become links to the cited subsection (its GitHub anchor) or page, and
the sources block lists ``[n] Title › Section · domain`` per source with the
first lines of its snippet, line breaks kept, then "… more" linking to the rest
(plain Markdown, no HTML of our own, so a restored conversation, sanitised
again, looks the same). This module knows nothing about Gradio's events; it
returns plain strings and message dicts.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Sequence
from typing import Any
from urllib.parse import urlsplit

from assistant.answering.assistant import Answer, Status
from assistant.answering.backends import BACKEND_TITLES
from assistant.records import Source
from assistant.sanitize import allowed_urls, clean_text, safe_markdown

_UNLINKED_MARKER = re.compile(r"\[(\d{1,3})\](?!\()")
_MD_LINK_TEXT = re.compile(r"([\[\]\\`*_])")
#: Lines of a source's snippet shown in the sources block, and at most this many of their
#: characters as read (a link counts as its text); "… more" links to the rest.
SNIPPET_SHOWN_LINES = 3
SNIPPET_SHOWN_CHARS = 240
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*\)")
_PIECE = re.compile(r"!?\[[^\]\n]*\]\([^)\s]*\)|\S+|\s+")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE_LINE = re.compile(r"^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$")

OFFLINE_STATUS = (
    "**Offline mode** — answers are extracts from the roadmap and its linked pages; "
    "start Ollama (or your OpenAI-compatible server) for generated answers."
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


def domain_of(url: str) -> str:
    """The host a URL points to, without ``www.``: what the sources block shows of it."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL shows no domain
        return ""
    return host.removeprefix("www.")


def _read_length(text: str) -> int:
    """Characters as read: a Markdown link counts as its text."""
    return len(_MD_LINK.sub(r"\1", text.strip()))


def _cut_line(line: str, room: int) -> str:
    """The words of ``line`` that fit in ``room`` characters as read; a link is never split."""
    out, used = "", 0
    for piece in _PIECE.findall(line):
        used += _read_length(piece) if piece.strip() else len(piece)
        if used > room:
            break
        out += piece
    return out.rstrip()


def snippet_preview(snippet: str) -> tuple[list[str], bool]:
    """The snippet's first lines for the sources block, and whether anything is left out.

    At most ``SNIPPET_SHOWN_LINES`` non-blank lines and ``SNIPPET_SHOWN_CHARS`` characters
    as read, cut between words; headings become bold lines, rules go, indentation is kept
    relative to the first line shown (nested list items stay nested).
    """
    cut_before = snippet.endswith(" …")  # already shortened when the source was made
    body = snippet[: -len(" …")] if cut_before else snippet
    shown: list[str] = []
    used = count = 0
    for line in body.split("\n"):
        if _RULE_LINE.match(line):
            continue
        if heading := _HEADING_LINE.match(line):
            line = f"**{heading.group(1)}**" if heading.group(1) else ""
        if not line.strip():
            if shown and shown[-1]:
                shown.append("")
            continue
        length = _read_length(line)
        if count == SNIPPET_SHOWN_LINES or used + length > SNIPPET_SHOWN_CHARS:
            part = _cut_line(line, SNIPPET_SHOWN_CHARS - used)
            if count < SNIPPET_SHOWN_LINES and (part or not count):
                shown.append(part or line)  # a first line of one over-long word stays whole
            return _dedented(shown), True
        shown.append(line)
        used, count = used + length, count + 1
    return _dedented(shown), cut_before


def _dedented(lines: list[str]) -> list[str]:
    text = textwrap.dedent("\n".join(lines)).strip("\n")
    return text.split("\n") if text.strip() else []


def _snippet_quote(source: Source) -> str:
    """The snippet preview as a Markdown quote, sanitised, with "… more" when it is cut."""
    lines, more = snippet_preview(source.snippet)
    if not lines:
        return ""
    # Two trailing spaces: a line break however the renderer treats single newlines.
    text = safe_markdown("  \n".join(lines), answer_urls([source]))
    if more:
        text += f' … [more]({source.url} "The whole section")'
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def sources_markdown(sources: Sequence[Source]) -> str:
    """One entry per source: ``[n] Title › Section · domain`` and its snippet's first lines.

    The title › section links to the cited subsection; the domain (and a fetched page's
    date) stands for the URL, which is not repeated.
    """
    entries = []
    for s in sources:
        where = f"{s.title} › {s.section}" if s.section else s.title
        about = [escape_text(domain_of(s.url))]
        if s.fetched:
            about.append(f"fetched {escape_text(s.fetched)}")
        head = " · ".join([f"**[{s.n}]** [{_link_text(where)}]({s.url})", *filter(None, about)])
        quote = _snippet_quote(s)
        entries.append(f"{head}\n{quote}" if quote else head)
    return "\n\n".join(entries)


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


def status_markdown(
    status: Status | None,
    building: bool = False,
    problem: str = "",
    progress: tuple[int, int] | None = None,
) -> str:
    """The status line above the chat.

    ``status`` is ``None`` while the assistant opens: ``building`` the index for the first
    time (``progress``: chunks embedded, chunks to embed) or opening the one there is.
    """
    if problem:
        return f"⚠️ {safe_markdown(problem)}"
    if building:
        if progress is None:
            done = "reading the sources and loading the model"
        elif progress[0] < progress[1]:
            done = f"{progress[0]:,}/{progress[1]:,} chunks embedded"
        else:
            done = f"{progress[1]:,} chunks embedded, writing the index"
        return (
            f"⏳ **Building the index for the first time** — {done}. "
            "Ask away: your question is answered as soon as it is ready."
        )
    if status is None:
        return "⏳ **Opening the index** — loading the embedding model."
    backend, _, model = status.mode.partition(":")
    if model and backend in BACKEND_TITLES:
        return f"🟢 **{BACKEND_TITLES[backend]} · {escape_text(model)}** — generated answers"
    detail = f" <small>({safe_markdown(status.detail)})</small>" if status.detail else ""
    return f"⚪ {OFFLINE_STATUS}{detail}"
