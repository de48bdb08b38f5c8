"""What the learner typed, made safe to search: cleaning, length limit, small talk.

``clean_question`` repairs invalid UTF-8 and strips control characters, keeps
Markdown/HTML as plain text (rendering is the UI's job), raises
``EmptyQueryError`` (a ``ValueError``) for an empty question and cuts a question
longer than ``MAX_QUESTION_CHARS`` at a word boundary, saying so. ``small_talk``
recognises greetings and thanks, which get a short reply without retrieval.
This module does not retrieve or answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.errors import EmptyQueryError

#: Longest question searched; longer ones are cut here with a note in the answer.
MAX_QUESTION_CHARS = 2000

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


@dataclass(frozen=True)
class CleanQuestion:
    """A question ready to search."""

    text: str
    """Cleaned text, at most ``MAX_QUESTION_CHARS`` characters."""
    truncated_from: int | None = None
    """Original length when the question was cut, else ``None``."""

    @property
    def note(self) -> str | None:
        """The sentence shown to the user when the question was cut."""
        if self.truncated_from is None:
            return None
        return (
            f"Your question was {self.truncated_from:,} characters long; only the first "
            f"{MAX_QUESTION_CHARS:,} were used."
        )


def clean_question(raw: str | bytes) -> CleanQuestion:
    """Clean, validate and (if needed) shorten a question."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        raise EmptyQueryError("The question must be text.")
    text = raw.replace("\r\n", "\n").replace("\ufffd", " ")
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or not unicodedata.category(ch).startswith(("C",)) or ch == "\u200d"
    )
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise EmptyQueryError("The question is empty: ask something about the AI Engineer roadmap.")
    if len(text) <= MAX_QUESTION_CHARS:
        return CleanQuestion(text)
    cut = text[:MAX_QUESTION_CHARS]
    if " " in cut[-200:]:
        cut = cut[: cut.rfind(" ")]
    return CleanQuestion(cut.rstrip(), truncated_from=len(text))


_GREETING = re.compile(
    r"^(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|"
    r"hi there|hello there|hey there)\b[\s!.,]*(assistant|bot|there|friend)?[\s!.,:)]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^(thanks|thank you|thank u|thx|ty|cheers|great,? thanks|thanks a lot|many thanks|"
    r"thank you so much|awesome,? thanks|perfect,? thanks|ok,? thanks|okay,? thanks)"
    r"\b[\s!.,]*(a lot|so much|very much)?[\s!.,:)]*$",
    re.IGNORECASE,
)
_BYE = re.compile(r"^(bye|goodbye|see you|see ya|later)\b[\s!.,]*$", re.IGNORECASE)

HELP_LINE = (
    "I answer questions about the AI Engineer Roadmap 2025/26 and the pages it links to — its "
    "steps, topics, tools and resources — and every answer cites where it comes from."
)


def small_talk(text: str) -> str | None:
    """A short friendly reply for greetings, thanks and goodbyes; ``None`` otherwise."""
    t = text.strip().rstrip("!.?,: ")
    # Strip emoji and other symbols at the ends ("thanks 😊").
    t = "".join(ch for ch in t if not unicodedata.category(ch).startswith("S")).strip()
    if not t or len(t) > 60:
        return None
    if _GREETING.match(t):
        return f"Hello! {HELP_LINE} Try: “What should I learn in the NLP step?”"
    if _THANKS.match(t):
        return "You're welcome! Ask me anything else about the roadmap whenever you like."
    if _BYE.match(t):
        return "Goodbye, and good luck with the roadmap!"
    return None
