"""The chat-first layout in Debian's Chromium at 1440, 900 and 400 px, checked with axe-core.

One offline app over the session's real index serves every width. Each width asks a
question, a follow-up and a plan, expands the sources, opens and closes the panels, and
measures what a learner sees: the chat's share of the width, the first line of the newest
answer in view and covered by nothing, the sidebars closed on load on a narrow window (and
opening). axe-core runs on the empty page and on the page with an answer and a plan: no
serious or critical violation may come from markup the project controls; the ones left in
Gradio's own markup are listed in ``GRADIO_MARKUP`` and printed. A generated answer (the fake
Ollama citing three subsections of one step) checks that each citation opens its own
subsection. The README's screenshots are saved under ``artifacts/ui``; with
``UPDATE_SCREENSHOTS=1`` they are copied to ``docs/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from assistant.settings import PROJECT_ROOT, Settings
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, running_app
from tests.conftest import link_models
from tests.fake_ollama import FakeOllama, free_port

QUESTION = "Which tools does the roadmap list for reinforcement learning?"
FOLLOW_UP = "And which resources does it recommend for that?"
PLAN = "I know Python and pandas, what should I learn next?"
WIDTHS = [(1440, 900), (900, 900), (400, 800)]
#: Below this width both sidebars start closed (ui.WIDE).
WIDE = 1200
DOCS = PROJECT_ROOT / "docs"

#: Serious/critical axe findings in Gradio's own markup (rule id, a class of the element):
#: what they are. Anything else is the project's and fails the test.
GRADIO_MARKUP = {
    ("aria-required-children", "examples"): "Chatbot examples: role=list holding buttons",
    ("button-name", "icon-button"): "Chatbot metadata block: its arrow button has no name",
    ("nested-interactive", "title"): "Chatbot metadata block: role=button holding a button",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()


def shared_home(real_index: Settings, folder: Path) -> Path:
    """A home on the session's real index (read-only use) with its own secret and profiles."""
    home = folder / "app-home"
    home.mkdir()
    (home / "index").symlink_to(real_index.index_dir, target_is_directory=True)
    (home / "cache").symlink_to(real_index.home / "cache", target_is_directory=True)
    link_models(home, real_index.home / "models")
    return home


@pytest.fixture(scope="module")
def offline_app(real_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = shared_home(real_index, tmp_path_factory.mktemp("layout"))
    port = free_port()
    env = {"ASSISTANT_BACKEND": "offline"}
    with running_app(home, port, env, log=ARTIFACTS / "app-layout.log"):
        yield f"http://127.0.0.1:{port}/"
    assert "Traceback" not in (ARTIFACTS / "app-layout.log").read_text(errors="replace")


def open_page(
    browser: Browser, url: str, width: int, height: int, ready: str = "Offline mode"
) -> Page:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    expect(page.locator("#status")).to_contain_text(ready, timeout=60_000)
    return page


def ask(page: Page, question: str, answers: int) -> None:
    """Ask, and wait until the chat shows ``answers`` finished answers (each has sources)."""
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    summaries = page.locator("#chat .bot-row").get_by_text(re.compile(r"Sources \(\d+\)"))
    expect(summaries).to_have_count(answers, timeout=60_000)


# -- what the page shows, measured in the browser ---------------------------------------------

#: The first line of the newest answer: its box, whether the chat shows it, what covers it.
FIRST_LINE = """() => {
  const rows = document.querySelectorAll('#chat .bot-row');
  const row = rows[rows.length - 1];
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT,
    {acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
  const text = walker.nextNode();
  const range = document.createRange();
  range.selectNodeContents(text);
  const line = range.getClientRects()[0];
  let holder = text.parentElement;  // the block the line belongs to
  while (getComputedStyle(holder).display.startsWith('inline')) holder = holder.parentElement;
  const log = document.querySelector('#chat [role=log]').getBoundingClientRect();
  const inView = line.top >= log.top && line.bottom <= log.bottom && line.left >= 0
    && line.right <= innerWidth && line.bottom <= innerHeight;
  const name = e => {
    const classes = typeof e.className === 'string' ? e.className.trim().split(/\\s+/) : [];
    return [e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''), ...classes].join('.');
  };
  const covering = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.contains(holder) || holder.contains(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || +style.opacity === 0) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const x = Math.min(box.right, line.right) - Math.max(box.left, line.left);
    const y = Math.min(box.bottom, line.bottom) - Math.max(box.top, line.top);
    if (x > 1 && y > 1) covering.push(name(el));
  }
  const hits = [0.1, 0.5, 0.9].map(f => document.elementFromPoint(
    line.left + f * line.width, line.top + line.height / 2));
  const hidden = hits.filter(h => !h || !holder.contains(h)).map(h => h ? name(h) : 'nothing');
  return {text: text.textContent.trim().slice(0, 60), line: [line.top, line.bottom],
          log: [log.top, log.bottom], inView, covering, hidden};
}"""

#: Every [n] link of every answer: its answer, marker, href and title (the cited section).
CITATIONS = """() => [...document.querySelectorAll('#chat .bot-row')].flatMap((row, i) =>
  [...row.querySelectorAll('a')].filter(a => /^\\[\\d+\\]$/.test(a.textContent.trim()))
    .map(a => [i, a.textContent.trim(), a.getAttribute('href'), a.getAttribute('title')]))"""

SIDEBAR = """id => {
  const e = document.getElementById(id);
  const b = e.getBoundingClientRect();
  return {open: e.classList.contains('open'), onScreen: b.right > 1 && b.left < innerWidth - 1};
}"""


def share(page: Page) -> float:
    return float(page.evaluate("() => document.querySelector('#chat').offsetWidth / innerWidth"))


def sidebar(page: Page, elem_id: str) -> dict[str, bool]:
    return dict(page.evaluate(SIDEBAR, elem_id))


def toggle(page: Page, elem_id: str, opened: bool) -> None:
    page.locator(f"#{elem_id} .toggle-button").click()
    expect(page.locator(f"#{elem_id}")).to_have_class(
        re.compile(r"\bopen\b") if opened else re.compile(r"^(?!.*\bopen\b)")
    )
    page.wait_for_timeout(400)  # the slide-in transition
    assert sidebar(page, elem_id) == {"open": opened, "onScreen": opened}


def assert_first_line_readable(page: Page, label: str) -> None:
    """The newest answer's first line is inside the chat's view and nothing lies over it."""
    # The answer has just finished: give the page a moment to settle (the question pinned at
    # the top, Gradio's loading overlay faded out); the assertions say what never settled.
    readable = f"() => {{ const s = ({FIRST_LINE})(); return s.inView && !s.covering.length"
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(readable + " && !s.hidden.length; }", timeout=5_000)
    seen = page.evaluate(FIRST_LINE)
    assert seen["inView"], f"{label}: first line out of view: {seen}"
    assert seen["covering"] == [], f"{label}: elements over the first line: {seen}"
    assert seen["hidden"] == [], f"{label}: the first line is covered at some point: {seen}"


def assert_citations_per_section(page: Page) -> int:
    """Within an answer, [n] markers citing different sections open different anchors.

    Returns how many pairs of differently-titled markers were compared."""
    compared = 0
    links = page.evaluate(CITATIONS)
    by_answer: dict[int, dict[str, tuple[str, str]]] = {}
    for answer, marker, href, title in links:
        by_answer.setdefault(answer, {})[marker] = (href, title)
    for markers in by_answer.values():
        items = sorted(markers.items())
        for i, (m1, (href1, title1)) in enumerate(items):
            for m2, (href2, title2) in items[i + 1 :]:
                if title1 != title2:
                    compared += 1
                    assert href1 != href2, f"{m1} and {m2} cite {title1!r}, {title2!r}: {href1}"
    return compared


def serious_violations(page: Page) -> tuple[list[str], list[str]]:
    """axe-core's serious and critical findings: (the project's, Gradio's own)."""
    ours: list[str] = []
    gradio: list[str] = []
    for rule in Axe().run(page).response["violations"]:
        if rule["impact"] not in ("serious", "critical"):
            continue
        for node in rule["nodes"]:
            found = re.search(r'class="([^"]*)"', node["html"].split(">", 1)[0])
            classes = set(found.group(1).split()) if found else set()
            known = [k for (rid, k) in GRADIO_MARKUP if rid == rule["id"] and k in classes]
            line = f"{rule['id']} ({rule['impact']}): {node['target']} {node['html'][:100]}"
            (gradio if known else ours).append(line)
    return ours, gradio


def check_axe(page: Page, label: str) -> None:
    ours, gradio = serious_violations(page)
    print(f"\naxe {label}: {len(ours)} in the project's markup, {len(gradio)} in Gradio's")
    for line in gradio:
        print("  gradio:", line)
    assert ours == [], f"{label}: axe finds serious problems in our markup:\n" + "\n".join(ours)


def save_screenshot(page: Page, name: str) -> None:
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(path, DOCS / name)


# -- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), WIDTHS, ids=[f"{w}px" for w, _ in WIDTHS])
def test_chat_first_layout(browser: Browser, offline_app: str, width: int, height: int) -> None:
    page = open_page(browser, offline_app, width, height)
    wide = width >= WIDE

    # On load: the conversations list is open on a wide window only; the plan panel is closed.
    assert sidebar(page, "conversations-panel") == {"open": wide, "onScreen": wide}
    assert sidebar(page, "plan-panel") == {"open": False, "onScreen": False}
    assert page.locator("#chat label").count() == 0  # no floating label over the messages
    if not wide:  # both can be opened, and closed again
        for elem_id in ("conversations-panel", "plan-panel"):
            toggle(page, elem_id, opened=True)
            toggle(page, elem_id, opened=False)
    check_axe(page, f"{width}px empty page")

    ask(page, QUESTION, answers=1)
    last = page.locator("#chat .bot-row").last
    expect(last).to_contain_text("Ray RLlib")
    assert_first_line_readable(page, f"{width}px answer")
    if width == 400:
        save_screenshot(page, "screenshot-phone.png")
    first_cite = last.locator("a", has_text="[1]").first
    href = first_cite.get_attribute("href") or ""
    assert re.search(r"/AI%20Engineer/README\.md#[a-z0-9-]+$", href), href  # a roadmap section
    last.get_by_text(re.compile(r"Sources \(\d+\)")).click()  # expand the sources
    entry = last.locator(f'a[href="{href}"]:not(:text-is("[1]"))').first
    expect(entry).to_be_visible()
    if width == 1440:
        page.wait_for_timeout(600)  # the block's opening animation
        save_screenshot(page, "screenshot-answer.png")
    print(f"\n{width}px: chat {share(page):.2f} of the width with an answer")
    if width == 1440:
        assert share(page) >= 0.6

    ask(page, FOLLOW_UP, answers=2)
    assert_first_line_readable(page, f"{width}px follow-up")

    ask(page, PLAN, answers=3)
    expect(page.locator("#chat .bot-row").last).to_contain_text("I understood")
    assert_first_line_readable(page, f"{width}px plan")
    panel_opens = width > 768  # below, an open sidebar would cover the whole answer
    expect(page.locator("#my-next-steps")).to_contain_text("Step 2", timeout=15_000)
    if panel_opens:
        expect(page.locator("#plan-panel")).to_have_class(re.compile(r"\bopen\b"))
        page.wait_for_timeout(400)
        assert sidebar(page, "plan-panel") == {"open": True, "onScreen": True}
        assert_first_line_readable(page, f"{width}px plan, panel open")
        print(f"{width}px: chat {share(page):.2f} of the width with the plan panel open")
        if width == 1440:
            assert share(page) >= 0.6  # the conversations list made room
            save_screenshot(page, "screenshot-plan.png")
        toggle(page, "plan-panel", opened=False)
    else:
        assert sidebar(page, "plan-panel") == {"open": False, "onScreen": False}
    # The profile form is one click away in the panel, not below the plan.
    toggle(page, "plan-panel", opened=True)
    page.locator("#profile-button").click()
    expect(page.locator("#profile-goal")).to_be_visible()
    assert page.locator("#profile-goal").bounding_box()["y"] < height  # type: ignore[index]
    check_axe(page, f"{width}px answer and plan")
    page.locator("#plan-tab-button").click()
    toggle(page, "plan-panel", opened=False)
    assert_first_line_readable(page, f"{width}px plan, panel closed")
    assert_citations_per_section(page)
    page.context.close()


def cite_three_sections(body: dict[str, Any]) -> list[str]:
    """A model citing the page with the most differently-titled sections in the prompt: one
    sentence (a line of the source's own text) for each of up to three of its sections."""
    prompt = body["messages"][-1]["content"]
    sources = re.findall(
        r'<source n="(\d+)" kind="[^"]*" title="[^"]*" section="([^"]*)" url="([^"]*)">\n'
        r"(.*?)\n</source>",
        prompt,
        re.S,
    )
    by_page: dict[str, list[tuple[str, str]]] = {}
    for n, section, url, text in sources:
        lines = [line.strip("-*# ").strip() for line in text.splitlines()]
        line = next((ln for ln in lines if len(ln.split()) >= 3 and "›" not in ln), "")
        cited = by_page.setdefault(url.partition("#")[0], [])
        if line and section not in [s for s, _ in cited]:
            cited.append((section, f"{line} [{n}]. "))
    best = max(by_page.values(), key=len, default=[])
    return [sentence for _, sentence in best[:3]] or ["Nothing to cite."]


def test_citations_open_their_own_subsections(
    browser: Browser, real_index: Settings, tmp_path: Path
) -> None:
    fake = FakeOllama(reply=cite_three_sections).start()
    port = free_port()
    home = shared_home(real_index, tmp_path)
    env = {"OLLAMA_HOST": fake.url}
    try:
        with running_app(home, port, env, log=ARTIFACTS / "app-layout-cited.log"):
            page = open_page(browser, f"http://127.0.0.1:{port}/", 1440, 900, "Ollama")
            ask(page, "What does the roadmap teach about reinforcement learning?", answers=1)
            links = page.evaluate(CITATIONS)
            titles = {title for _, _, _, title in links}
            assert len(titles) >= 2, f"the answer should cite several sections: {links}"
            assert assert_citations_per_section(page) >= 1
            page.context.close()
    finally:
        fake.stop()
