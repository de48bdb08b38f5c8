"""The page's look and its two side panels: theme, CSS, the scroll script, when panels open.

The chat takes the width; the saved conversations (left) and "My next steps"
(right) are ``gr.Sidebar`` panels. The conversations list starts open only on a
wide window; the plan panel opens by itself after an answer that made a plan,
unless the window is so narrow that it would cover the answer, and closes the
conversations list when both would leave the chat less than 60% of the width.
Handlers get the window's width through ``WITH_WIDTH`` (a ``js=`` that fills in
the last input). ``SCROLL_JS`` keeps a new question at the top of the chat while
its answer grows, so the answer is read from its first line. This module wires
no events and knows nothing of answers.
"""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

#: From this window width (px) the conversations list starts open.
WIDE = 1200
#: From this width a plan opens its panel by itself. Below it Gradio's sidebar covers the
#: whole page (its breakpoint is 768 px), so there the learner opens the panel.
PANEL_OPENS_FROM = 769
#: Below this width a plan that opens its panel closes the conversations list, so the chat
#: keeps 60% of the window.
KEEP_BOTH_FROM = 2100
LIST_WIDTH = "280px"
PANEL_WIDTH = "min(440px, 40vw)"
#: The page's own rules (Gradio scopes them to its container).
LAYOUT_CSS = """
#app-title {padding: 0 var(--size-8)}
#app-title h1 {font-size: 1.25rem !important; margin: 0; white-space: nowrap}
.sidebar h2 {font-size: var(--text-lg); margin: 0}
/* Gradio's clear-chat icon floats over the first message; "Clear" below does it, saved. */
#chat .top-panel {display: none}
@media (width <= 600px) {
  #status small {display: none}
  #status p {display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
             overflow: hidden}
}
"""
#: Gradio pads the page for an open sidebar with one variable that both sidebars overwrite:
#: pad each side for its own sidebar (below 769 px an open sidebar covers the page). In
#: ``head``: Gradio scopes the ``css`` rules to its container, inside the padded element.
SIDEBAR_CSS = f"""
@media (width > 768px) {{
  .sidebar-parent {{padding-left: 0 !important; padding-right: 0 !important}}
  .sidebar-parent:has(#conversations-panel.open) {{
    padding-left: calc({LIST_WIDTH} + 1em) !important
  }}
  .sidebar-parent:has(#plan-panel.open) {{padding-right: calc({PANEL_WIDTH} + 1em) !important}}
}}
"""
#: Runs once on page load (the chat's own autoscroll is off): a new question is scrolled to
#: the top of the chat, and kept there while its answer grows below it, so the answer is
#: read from its first line. Scrolling, clicking or a key in the chat lets go of it.
SCROLL_JS = """
() => {
  let seen = "", pinned = false;
  const chat = () => document.querySelector("#chat [role=log]");
  new MutationObserver(() => {
    const log = chat();
    const rows = log ? log.querySelectorAll(".user-row") : [];
    const last = rows[rows.length - 1];
    if (!last) return;
    const key = rows.length + "|" + last.textContent;
    if (key !== seen) [seen, pinned] = [key, true];
    const gap = last.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    if (pinned && gap > 1) log.scrollTop += gap;
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
  const letGo = (event) => { if (chat()?.contains(event.target)) pinned = false; };
  for (const name of ["wheel", "touchstart", "mousedown", "keydown"])
    document.addEventListener(name, letGo, {capture: true, passive: true});
}
"""


def open_when_wide(width: Any) -> Any:
    """On load: the conversations list opens on a wide window, else stays closed."""
    return gr.Sidebar(open=True) if _px(width) >= WIDE else gr.skip()


def open_plan_panel(planned: Any, width: Any) -> tuple[Any, Any, Any]:
    """After an answer that made a plan: open its panel at the plan (and make room for it by
    closing the conversations list), unless the window is so narrow that the panel would
    cover the answer. Outputs: plan panel, its tabs, conversations list."""
    px = _px(width)
    if planned is not True or px < PANEL_OPENS_FROM:
        return gr.skip(), gr.skip(), gr.skip()
    room = gr.skip() if px >= KEEP_BOTH_FROM else gr.Sidebar(open=False)
    return gr.Sidebar(open=True), gr.Tabs(selected="plan"), room


def open_cv_panel(reading: Any, width: Any) -> tuple[Any, Any]:
    """After a CV was pasted into the chat: open the panel holding its reading (closing the
    conversations list when both would not fit). Outputs: plan panel, conversations list."""
    if not reading:
        return gr.skip(), gr.skip()
    room = gr.skip() if _px(width) >= KEEP_BOTH_FROM else gr.Sidebar(open=False)
    return gr.Sidebar(open=True), room


#: Shows the CV panel's reading once it is filled in.
SHOW_CV_JS = "() => document.querySelector('#cv-status')?.scrollIntoView({block: 'start'})"


def show_pasted_cv_js(placeholder: str) -> str:
    """``SHOW_CV_JS`` after a chat turn, only when that turn was a pasted CV (its user
    message is ``placeholder``): an ordinary answer, or one stopped, leaves the page as it is."""
    return (
        "() => { const asked = [...document.querySelectorAll('#chat .message.user')].pop();"
        f" if (asked?.innerText.trim().startsWith({json.dumps(placeholder)})) ({SHOW_CV_JS})(); }}"
    )


def _px(width: Any) -> float:
    return float(width) if isinstance(width, int | float) else 0.0


#: Hands the window's width to a handler (its last input; the others pass through).
WITH_WIDTH = "(...inputs) => [...inputs.slice(0, -1), window.innerWidth]"


def theme() -> gr.themes.Base:
    """Gradio's Soft theme with darker accents, so text passes WCAG AA contrast (axe), and
    the computer's own fonts (a web font would be fetched from Google)."""
    return gr.themes.Soft(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    ).set(
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        block_label_text_color="*primary_700",
        block_title_text_color="*primary_700",
        checkbox_label_background_fill_selected="*primary_600",
        color_accent="*primary_600",
        body_text_color_subdued="*neutral_600",
    )
