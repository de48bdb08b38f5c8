"""A CV's text as logical lines, each with the section it is in, and evidence cut from a line.

``cv_lines`` drops headings (in any of ``cv_sections``' languages) and Markdown marks, keeps a
skills table's level cell with its row, and carries a lead-in's hedge ("In progress (Spring
2026):") to the list below it. ``evidence_of`` cuts a long line around the words that named
an item. Nothing here finds skills or decides a level (``cv_reader``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.learner import cv_cues as cue
from assistant.learner.cv_sections import section_of

#: Longest evidence line kept per item (the CV line, cut around the words that named it).
EVIDENCE_CHARS = 240
#: Longest line read at once; a longer one (a wall of text) is read in pieces.
MAX_LINE = 1500


@dataclass(frozen=True)
class CVLine:
    """One logical line of a CV and the section it is in."""

    section: str
    """A kind of ``cv_sections.SECTION_WORDS`` (``skills``, ``objective`` …) or ``preamble``."""
    text: str
    """The line without bullets, Markdown marks or table pipes' padding."""


def cv_lines(text: str) -> list[CVLine]:
    """The CV's logical lines with their sections (headings themselves are left out)."""
    section, level, lead_in = "preamble", 0, False
    out: list[CVLine] = []
    raws = text.splitlines()
    for at, raw in enumerate(raws):
        hashes = re.match(r"\s*(#{1,6})\s", raw)
        marked = bool(hashes) or bool(re.fullmatch(r"\s*\*\*[^*]+\*\*\s*", raw))
        line = cue.LINE_MARKS.sub("", raw).strip()
        if re.fullmatch(r"[\s|:\-]*", line):
            continue  # a Markdown table rule, or nothing
        # a PDF table's cells one per line: "C#", "Intermediate", "Unity side projects"
        after_level = bool(out) and _level_cell(out[-1].text)
        kind = section_of(line, marked, loose=not after_level)
        if kind == "learning" and not marked and out and out[-1].section == section == "skills":
            after = next((r for r in raws[at + 1 :] if r.strip()), "")
            rhythm = len(out) > 1 and _level_cell(out[-2].text)  # "Docker", "Intermediate", …
            if not after or section_of(cue.LINE_MARKS.sub("", after).strip()) is not None or rhythm:
                # a skills table's level cell on a line of its own ("PyTorch" then
                # "currently learning"), not a section with nothing in it
                out[-1] = CVLine("skills", f"{out[-1].text} | {line}")
                continue
        depth = len(hashes.group(1)) if hashes else 7
        if hashes and kind == "other" and section != "preamble" and depth > level:
            kind = None  # a sub-heading ("### BSc Mathematics — Leeds"): a line of its section
        if kind is not None:  # a heading before any line is the name: still the preamble
            section = kind if out or kind != "other" else "preamble"
            level = depth if hashes else 0
            lead_in = False
            continue
        line = re.sub(r"\s*\|\s*", " | ", line.strip("| ")).replace("**", "").replace("__", "")
        if line.endswith(":") and len(line.split()) <= 6:  # "In progress (Spring 2026):"
            lead_in = bool(cue.HEDGE.search(line))  # its list is learning, up to the next one
            out.append(CVLine(section, line))
            continue
        kind_here = "learning" if lead_in and section not in cue.UNREAD else section
        while len(line) > MAX_LINE:  # a wall of text: read in pieces, cut at a space
            cut = line.rfind(" ", MAX_LINE // 2, MAX_LINE)
            cut = cut if cut > 0 else MAX_LINE
            out.append(CVLine(kind_here, line[:cut]))
            line = line[cut:].lstrip()
        out.append(CVLine(kind_here, line))
    return out


def _level_cell(text: str) -> bool:
    """A table's level cell on a line of its own: "Intermediate", "Advanced (5 years)"."""
    return len(text.split()) <= 2 and bool(cue.LEVEL_FIRST.match(text))


def evidence_of(line: str, words: str = "") -> str:
    """The line as evidence: whole when short, else a window around ``words`` with "…"."""
    line = " ".join(line.split())
    if len(line) <= EVIDENCE_CHARS:
        return line
    at = max(0, line.lower().find(words.lower())) if words else 0
    start = max(0, min(at - EVIDENCE_CHARS // 3, len(line) - EVIDENCE_CHARS + 2))
    cut = line[start : start + EVIDENCE_CHARS - 2].strip()
    return (
        ("…" if start > 0 else "") + cut + ("…" if start + EVIDENCE_CHARS - 2 < len(line) else "")
    )
