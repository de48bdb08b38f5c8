"""Whether a chat message is a pasted CV: then the chat hands it to the CV reader.

``looks_like_cv`` is a router, so it is judged like one: it was written from the
dev CVs and the dev learner messages, and ``tests/test_cv_paste.py`` measures it on
the held-out CVs and messages too. It reads the text's shape only (section
headings, a contact line, dated jobs); what a CV says is ``cv_reader.py``'s job.
"""

from __future__ import annotations

import re

from assistant.learner import cv_cues as cue
from assistant.learner.cv_sections import section_of

#: A chat message is read as a pasted CV from this many non-empty lines…
PASTE_MIN_LINES = 6
#: …with this many kinds of section heading (or one and a contact line at the top).
PASTE_MIN_SECTIONS = 2


def looks_like_cv(text: str) -> bool:
    """Whether a chat message is a pasted CV (several lines under CV section headings, such
    as "Experience" and "Skills", or a contact line and dated jobs), not a question or a
    statement about the learner."""
    lines = [raw for raw in text.splitlines() if raw.strip()]
    if len(lines) < PASTE_MIN_LINES:
        return False
    kinds = set()
    for raw in lines:
        marked = bool(re.match(r"\s*#{1,6}\s", raw))
        kind = section_of(cue.LINE_MARKS.sub("", raw).strip(), marked)
        if kind is not None and kind != "other":
            kinds.add(kind)
    contact = any(cue.CONTACT.search(raw) for raw in lines[:PASTE_MIN_LINES])
    dated = sum(1 for raw in lines if cue.DATE_RANGE.search(raw))  # "2019 – present"
    return (
        len(kinds) >= PASTE_MIN_SECTIONS
        or (len(kinds) == 1 and contact)
        or (contact and dated >= PASTE_MIN_SECTIONS)
    )
