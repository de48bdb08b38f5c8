"""Split a document's text into heading-delimited sections, with offsets.

Markdown (ATX ``#`` headings, fenced code skipped) and reStructuredText
(underlined / overlined titles) both become a flat list of ``Section`` records
whose ``path`` is the chain of headings above the section's body. A Markdown
section also carries the anchor GitHub gives its heading, computed once for the
whole document in order, so that repeated headings get GitHub's ``-1``, ``-2``
suffixes (``what-to-learn``, ``what-to-learn-1``, …). This module only finds
structure; it does not chunk, clean or embed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# An optional closing run of "#" needs a space before it: "## C#" is the heading "C#".
_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_RST_ADORN = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}[ \t]*$")


@dataclass(frozen=True)
class Section:
    """One heading and the body text under it, up to the next heading."""

    path: tuple[str, ...]
    """Heading chain from the top (the document's own title excluded)."""
    level: int
    """Heading depth: 1 for the top level, 0 for text before any heading."""
    heading: str
    """This section's own heading as displayed (markup removed)."""
    start: int
    """Offset of the body's first character in the document text."""
    end: int
    """Offset just past the body's last character."""
    body: str
    """The body text, ``text[start:end]``."""
    anchor: str = ""
    """The anchor GitHub gives this heading, unique in its document (Markdown only; empty for
    text before any heading, for reStructuredText and for folded sections)."""


def clean_heading(raw: str) -> str:
    """Drop emphasis/code markup and a trailing colon: ``**Resources:**`` → ``Resources``."""
    text = re.sub(r"[*_`]+", "", raw).strip()
    text = re.sub(r"\s+", " ", text)
    return text[:-1].rstrip() if text.endswith(":") else text


def heading_text(raw: str) -> str:
    """A heading's text as GitHub renders it: ``**Resources:**`` → ``Resources:``.

    A link keeps its text; images, HTML tags and code or emphasis marks go (the spaces
    around them stay, as in GitHub's text). An underscore inside a word is not emphasis,
    so ``my_var`` stays ``my_var``.
    """
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", raw)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]*>", "", text)
    return re.sub(r"[*`]+|(?<!\w)_+|_+(?!\w)", "", text)


def _kept_in_slug(char: str) -> bool:
    """Letters, marks, decimal digits and ``_`` (Ruby's ``\\p{Word}``), ``-`` and space."""
    category = unicodedata.category(char)
    return char in "- " or category[0] in "LM" or category in ("Nd", "Pc")


def github_slug(text: str) -> str:
    """GitHub's slug of a heading's rendered text, before de-duplication.

    Lower case; every character but letters, marks, digits, ``_``, ``-`` and spaces is
    dropped (punctuation, emoji); each space becomes ``-`` (runs are not collapsed).
    """
    return "".join(c for c in text.lower() if _kept_in_slug(c)).replace(" ", "-")


def unique_anchors(slugs: Iterable[str]) -> list[str]:
    """GitHub's de-duplication of one document's slugs, in document order.

    The first ``what-to-learn`` stays, the next ones become ``what-to-learn-1``,
    ``what-to-learn-2``…; a suffixed anchor that is itself taken counts on
    (``a``, ``a-1``, ``a`` → ``a``, ``a-1``, ``a-2``), as github-slugger does.
    """
    seen: dict[str, int] = {}
    anchors = []
    for slug in slugs:
        anchor = slug
        while anchor in seen:
            seen[slug] += 1
            anchor = f"{slug}-{seen[slug]}"
        seen[anchor] = 0
        anchors.append(anchor)
    return anchors


def github_anchor(heading: str) -> str:
    """The anchor of a heading that occurs once in its document (no ``-1`` suffix).

    Prefer ``Section.anchor``, which is de-duplicated across the whole document.
    """
    return github_slug(heading_text(heading))


def heading_anchors(text: str) -> list[tuple[str, str]]:
    """(heading, anchor) for every Markdown heading of ``text``, in document order."""
    return [(s.heading, s.anchor) for s in split_markdown(text) if s.level > 0]


def _build(
    text: str, heads: list[tuple[int, int, int, str]], anchors: Sequence[str] = ()
) -> list[Section]:
    """``heads`` holds (level, heading_start, body_start, heading) in document order;
    ``anchors``, when given, one anchor per head."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    top_level = min((h[0] for h in heads), default=1)
    # A single top-level heading is the document's title: it is not part of paths.
    title_levels = sum(1 for h in heads if h[0] == top_level)
    first_start = heads[0][1] if heads else len(text)
    if text[:first_start].strip():
        sections.append(Section((), 0, "", 0, first_start, text[:first_start]))
    for i, (level, _hstart, body_start, heading) in enumerate(heads):
        body_end = heads[i + 1][1] if i + 1 < len(heads) else len(text)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))
        path = tuple(h for lv, h in stack if not (lv == top_level and title_levels == 1))
        anchor = anchors[i] if anchors else ""
        sections.append(
            Section(path, level, heading, body_start, body_end, text[body_start:body_end], anchor)
        )
    return sections


def split_markdown(text: str) -> list[Section]:
    """Sections of a Markdown document, by ATX headings outside code fences."""
    heads: list[tuple[int, int, int, str]] = []
    slugs: list[str] = []
    offset = 0
    in_fence = False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _ATX.match(line.rstrip("\r\n"))):
            heads.append((len(m.group(1)), offset, offset + len(line), clean_heading(m.group(2))))
            slugs.append(github_slug(heading_text(m.group(2))))
        offset += len(line)
    return _build(text, heads, unique_anchors(slugs))


def split_rst(text: str) -> list[Section]:
    """Sections of a reStructuredText document, by its title adornments.

    Levels follow the order in which adornment styles first appear, as
    docutils does.
    """
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    styles: list[tuple[str, bool]] = []
    heads: list[tuple[int, int, int, str]] = []
    i = 0
    while i < len(lines) - 1:
        title = lines[i].strip()
        over = False
        if _RST_ADORN.match(lines[i].rstrip("\n")) and i + 2 < len(lines):
            # Overline, title, underline.
            under = lines[i + 2].rstrip("\n")
            if _RST_ADORN.match(under) and under.strip()[0] == lines[i].strip()[0]:
                title, over = lines[i + 1].strip(), True
        if over:
            style, head_line, body_line = (lines[i].strip()[0], True), i, i + 3
        elif (
            title
            and not _RST_ADORN.match(lines[i].rstrip("\n"))
            and _RST_ADORN.match(lines[i + 1].rstrip("\n"))
            and len(lines[i + 1].strip()) >= len(title)
            and not lines[i].startswith((" ", "\t"))
        ):
            style, head_line, body_line = (lines[i + 1].strip()[0], False), i, i + 2
        else:
            i += 1
            continue
        if style not in styles:
            styles.append(style)
        heads.append((styles.index(style) + 1, starts[head_line], starts[body_line], title))
        i = body_line
    return _build(text, heads)
