"""The one sanitiser for every text the assistant shows: browser, terminal or JSON.

Text reaches a person from many places: what a learner typed, a generated
answer, a snippet quoted from a linked page, a plan, a source title. Any of
them may carry a Markdown image (which a browser fetches as soon as it renders
it, with whatever the URL holds), a link to an unknown host, raw HTML or a
terminal escape sequence. This module defuses all of them:

- ``clean_text`` drops control characters and escape sequences (ANSI CSI, OSC
  window titles, C1 codes); newlines and tabs stay. Terminal and JSON output use it.
- ``defuse_markdown`` also turns every image into its alt text (the URL shown
  as code, never fetched) and keeps a link only when its URL is in ``allowed``:
  the cited sources' URLs, URLs in the index, or URLs written verbatim in the
  cited chunk. Other links, bare URLs and autolinks become inert code spans.
- ``safe_markdown`` also escapes HTML, for the browser's Markdown renderer.

It knows nothing about sources or indexes: callers say which URLs are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

#: ESC-introduced sequences: CSI (``ESC [ … final``), OSC/DCS/PM/APC strings (ended by BEL
#: or ST), and two-character escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
#: C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that can
#: make text read differently from what it is.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_URL_CHARS = r"[^\s<>()\[\]`\"']"
_URL = re.compile(rf"(?:https?://|www\.){_URL_CHARS}+(?:\({_URL_CHARS}*\){_URL_CHARS}*)*")
#: An inline image or link: ``![alt](dest "title")`` / ``[text](<dest> 'title')``.
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:\\.|[^\[\]\\\n]|\[(?:\\.|[^\[\]\\\n])*\])*)\]"
    r"\(\s*(?P<dest><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
#: The same with no brackets inside the text: the innermost constructs, replaced first.
_INNERMOST = re.compile(_INLINE.pattern.replace(r"|\[(?:\\.|[^\[\]\\\n])*\]", ""))
#: A link reference definition (``[ref]: http://…``), which would make ``![x][ref]`` work.
_REFERENCE = re.compile(r"^( {0,3})\[((?:\\.|[^\]\\\n])+)\]:", re.MULTILINE)
#: An autolink ``<http://…>``.
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|data|javascript|file):[^<>\s]*)>", re.I)
_TOKEN = "\ue000{}\ue001"
_TOKEN_RE = re.compile("\ue000(\\d+)\ue001")
_TRAILING = ".,;:!?"


def clean_text(text: str) -> str:
    """``text`` without escape sequences and control characters (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def urls_in(text: str) -> tuple[str, ...]:
    """The http(s) URLs written in ``text``, in order, without trailing punctuation."""
    found = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if url.startswith("http") and url not in found:
            found.append(url)
    return tuple(found)


def _code(text: str) -> str:
    """``text`` as an inline code span (never a link, whatever it holds)."""
    text = text.replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _bare_text(text: str) -> str:
    """Link or alt text with its own URLs made inert and no image/link syntax left."""
    text = _URL.sub(lambda m: _code(m.group(0)), text)
    return text.replace("![", "!\\[")


def defuse_markdown(text: str, allowed: Collection[str] | None = ()) -> str:
    """Markdown that renders no image and links only to ``allowed`` URLs (see module doc).

    ``allowed=None`` keeps every link (for text that was sanitised when it was made, such
    as a saved conversation): images are still never rendered.
    """
    text = clean_text(text).replace("\ue000", "").replace("\ue001", "")
    kept: list[str] = []

    def keep(piece: str) -> str:
        kept.append(piece)
        return _TOKEN.format(len(kept) - 1)

    def inline(match: re.Match[str]) -> str:
        label = match.group("text")
        dest = match.group("dest").strip("<>").strip()
        if match.group("bang"):
            alt = _bare_text(label).strip() or "image"
            shown = f"{alt} ({_code(dest)})" if dest else alt
            return keep(f"🖼 {shown}")
        if allowed is None or dest in allowed:
            title = (match.group("title") or "").replace("<", "&lt;")
            return keep(f"[{_bare_text(label)}]({dest}{title})")
        label_text = _bare_text(label).strip()
        if not dest:
            return keep(label_text)
        if label_text and label_text.strip("`") != dest:
            return keep(f"{label_text} ({_code(dest)})")
        return keep(_code(dest))

    # Innermost constructs first, so an image inside a link is an image, then the link.
    for pattern in (_INNERMOST, _INNERMOST, _INLINE):
        text = pattern.sub(inline, text)
    text = _REFERENCE.sub(lambda m: f"{m.group(1)}\\[{m.group(2)}\\]:", text)
    text = _AUTOLINK.sub(
        lambda m: keep(
            m.group(0)
            if allowed is None
            else m.group(1)
            if m.group(1) in allowed
            else _code(m.group(1))
        ),
        text,
    )

    def bare(match: re.Match[str]) -> str:
        url = match.group(0)
        if match.start() and text[match.start() - 1] == "`" and text[match.end() :][:1] == "`":
            return url  # already an inert code span
        trail = url[len(url.rstrip(_TRAILING)) :]
        url = url.rstrip(_TRAILING)
        return (url if allowed is None or url in allowed else _code(url)) + trail

    text = _URL.sub(bare, text).replace("![", "!\\[")
    for _ in range(5):  # a kept piece may hold the tokens of the pieces inside it
        text, count = _TOKEN_RE.subn(lambda m: kept[int(m.group(1))], text)
        if not count:
            break
    return text


def escape_html(text: str) -> str:
    """Every ``<`` escaped, so no HTML element comes out of Markdown (``>`` quotes still work)."""
    return text.replace("<", "&lt;")


def safe_markdown(text: str, allowed: Collection[str] | None = ()) -> str:
    """Markdown for the browser: ``defuse_markdown`` with every HTML tag shown as text."""
    return escape_html(defuse_markdown(text, allowed))


def allowed_urls(*groups: Iterable[str]) -> frozenset[str]:
    """One set of allowed URLs from several sources of them."""
    return frozenset(url for group in groups for url in group if url)
