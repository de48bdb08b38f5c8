"""YouTube links described from metadata only: titles and descriptions, never media.

With yt-dlp installed (the ``youtube`` extra), ``describe_video`` reads a
video's or playlist's metadata; without it, or with no network, the link is
described with the roadmap's own words about it. Nothing here stores anything.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from assistant.knowledge.fetch.http import FetchPolicy
from assistant.knowledge.fetch.links import Link


def describe_video(link: Link, policy: FetchPolicy, online: bool = True) -> tuple[str, str]:
    """Markdown about a YouTube link from metadata only, and how it was made."""
    intro = (
        f"# {link.title}\n\nA YouTube link from the AI Engineer Roadmap 2025/26, in "
        f"{link.context}.\n\n"
    )
    if importlib.util.find_spec("yt_dlp") is None:
        return (
            intro + f"Only the link and the roadmap's words about it are indexed: {link.title} "
            f"({link.url}).\n",
            "yt-dlp is not installed; indexed with the roadmap's context",
        )
    if not online:
        return (
            intro + f"Only the link is indexed: {link.title} ({link.url}).\n",
            "no network for yt-dlp; indexed with the roadmap's context",
        )
    yt_dlp: Any = importlib.import_module("yt_dlp")
    options = {
        "skip_download": True,
        "extract_flat": "in_playlist",
        "quiet": True,
        "no_warnings": True,
        "socket_timeout": policy.read_timeout,
        "http_headers": {"User-Agent": policy.user_agent},
    }
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(link.url, download=False)
    except Exception as err:  # yt-dlp raises many kinds; any of them means "no metadata"
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        return (
            intro + f"Only the link is indexed: {link.title} ({link.url}).\n",
            f"yt-dlp could not read it ({reason}); indexed with the roadmap's context",
        )
    lines = [f"# {info.get('title') or link.title}", "", intro.split("\n\n", 1)[1].strip(), ""]
    if info.get("description"):
        lines += [str(info["description"]).strip(), ""]
    titles = [str(e.get("title")) for e in info.get("entries") or [] if e and e.get("title")]
    if titles:
        lines += ["## Videos", "", *[f"- {t}" for t in titles[:200]], ""]
    return "\n".join(lines), "titles and descriptions read with yt-dlp (no media)"
