"""Repair text before anything else sees it: mojibake, control characters, bad bytes.

The roadmap arrived as UTF-8 that was once decoded as Mac Roman, so ``≈`` reads
``‚âà`` and ``🌐`` reads ``\\uf8ffüåê``. ftfy repairs most such text; the emoji
whose first byte (0xF0) became Apple's private-use logo U+F8FF are beyond it,
so a second pass re-encodes runs of Mac Roman characters and keeps the result
only where it decodes as valid UTF-8. This module does not guess other
encodings and does not touch text that is already clean.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Characters that Mac Roman maps from bytes 0x80-0xFF (all non-ASCII).
_MAC_ROMAN_HIGH = "".join(bytes([b]).decode("mac_roman") for b in range(0x80, 0x100))
_RUN = re.compile("[" + re.escape(_MAC_ROMAN_HIGH) + "]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _utf8_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _fix_mac_roman_run(match: re.Match[str]) -> str:
    """Decode the run's Mac Roman bytes as UTF-8 wherever a whole sequence decodes.

    Bytes that form no valid sequence keep their original character, so a
    legitimate ``é`` next to mojibake survives. A four-byte emoji whose 0xF0
    lead was lost (``üòä`` for 😊) is recognised by its 0x9F second byte.
    """
    data = match.group(0).encode("mac_roman")
    out: list[str] = []
    i = 0
    while i < len(data):
        n = _utf8_length(data[i])
        candidates = [data[i : i + n]] if n else []
        if data[i] == 0x9F:
            candidates.append(b"\xf0" + data[i : i + 3])
        for candidate in candidates:
            try:
                char = candidate.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char)[0] in "MC":
                continue  # a combining mark or control is no plausible repair
            out.append(char)
            i += len(candidate) if candidate[0] != 0xF0 or data[i] == 0xF0 else 3
            break
        else:
            out.append(data[i : i + 1].decode("mac_roman"))
            i += 1
    return "".join(out)


def repair_mojibake(text: str) -> str:
    """Return ``text`` with Mac Roman mojibake undone; clean text is unchanged.

    ftfy runs first and fixes the common kinds (cp1252/latin-1 mojibake, HTML
    entities left in text); quote uncurling stays off, since it would turn the
    ``‚`` of ``‚Äô`` into an ASCII quote and make that run unrecoverable. The
    Mac Roman pass then repairs what ftfy does not recognise.
    """
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    return _RUN.sub(_fix_mac_roman_run, text)


def clean_text(text: str | bytes) -> str:
    """Decode bytes leniently, drop control characters and normalise to NFC.

    Newlines and tabs are kept. Invalid UTF-8 bytes become U+FFFD and are then
    removed, so junk input never reaches the index or a prompt.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffd", "")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
