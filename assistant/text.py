"""Words: the citation marker, stopwords and content words, shared by several modules.

Citation support checks, follow-up detection and the offline mode's extract
scoring use this one tokeniser for "which words of a text carry meaning", so
they agree. Nothing here knows the roadmap or any index.
"""

from __future__ import annotations

import re

#: A citation marker in answer text: ``[3]``.
MARKER = re.compile(r"\[(\d{1,3})\]")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#.-]*[a-z0-9+#]|[a-z0-9]")


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (for word lists in code)."""
    return frozenset(text.split())


STOPWORDS = wordset(
    """a an the and or but if of to in on at for from by with about as into onto over under
    is are was were be been being am do does did done have has had having can could should
    would will shall may might must this that these those it its it's they them their there
    here what which who whom whose when where why how i you he she we me my your our his her
    not no yes so than then too very just also such some any each every all both more most
    other others own same only via per etc using use used e.g i.e like well one two"""
)


def content_words(text: str) -> set[str]:
    """Lower-cased content words with a light plural fold (``tools`` → ``tool``)."""
    words = set()
    for w in _WORD.findall(MARKER.sub(" ", text).lower()):
        if w in STOPWORDS or len(w) < 2:
            continue
        words.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return words
