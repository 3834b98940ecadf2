"""The published site in headless Chromium: search, links, graphs, dark mode, feed, hostile articles (issue 8).

One `mkdocs build --strict` of the sample project plus a payload article is served on 127.0.0.1 and
driven with Playwright through the system Chromium (`/usr/bin/chromium`; `playwright install` cannot
download a browser here). Screenshots go to `test-artifacts/browser/` for the CI artifacts.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Locator, Page, Request, Response

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
HOST = "127.0.0.1"
TIMEOUT_MS = 10_000  # every Playwright wait is bounded by this unless it says otherwise
BUILD_TIMEOUT_S = 240

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.model]

PAYLOAD_TITLE = "Payload <script>window.__pwned=1</script> & <b>bold</b> test"
# Each of these must reach the reader as literal text, and none of them may run.
PAYLOAD_STRINGS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "[click](javascript:window.__pwned=3)",
    '{: onclick="window.__pwned=4" }',
    '<div onmouseover="window.__pwned=5">',
    "AT&T",
)
PAYLOAD_ARTICLE = f"""---
title: "{PAYLOAD_TITLE}"
date: 2024-03-08
source: "Test <i>Wire</i>"
---

Harbour workers in Rotterdam ended a strike on Friday after union leader {PAYLOAD_STRINGS[0]} signed a pay \
agreement with the port authority.

"We got what we asked for {PAYLOAD_STRINGS[1]}," said Anna de Vries, the mayor of Rotterdam.

Officials said a {PAYLOAD_STRINGS[2]} link circulated among dock workers at {PAYLOAD_STRINGS[5]} in Rotterdam.

The mayor Anna de Vries praised the deal. {PAYLOAD_STRINGS[3]}

{PAYLOAD_STRINGS[4]}Raw HTML block</div>
"""

# A follow-up to the sample's Trump–Putin call, so the site has a story of two articles.
FOLLOW_UP_ARTICLE = """---
title: "Russia and Ukraine open ceasefire talks two days after Trump call"
date: 2025-05-21
source: "Test Wire"
---

Delegations from Russia and Ukraine opened talks on a ceasefire in Istanbul on Wednesday, two days after \
President Donald Trump spoke with Russian President Vladimir Putin by phone.

Ukrainian President Volodymyr Zelensky called the talks "a first step, not a peace," and said his \
delegation would press for an exchange of prisoners.

The Kremlin said Putin would follow the negotiations closely. Trump said on Wednesday that he \
expected "real progress" in Istanbul.
"""

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
"""Widths the closing-note screenshots are taken at."""


# --------------------------------------------------------------------------------------------------
# Fixtures: one build, one server, one browser per module; a fresh context (and page) per test.


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project plus `content/payload-article.md`, built with `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("browser-site")
    for name in ("content", "site_config", "docs"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "payload-article.md").write_text(PAYLOAD_ARTICLE, encoding="utf-8")
    (root / "content" / "ceasefire-talks-open.md").write_text(FOLLOW_UP_ARTICLE, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"mkdocs build --strict took more than {BUILD_TIMEOUT_S} s:\n{exc.stderr or ''}")
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    assert (root / "site" / "index.html").is_file()
    return root


@pytest.fixture(scope="module")
def digest(project: Path) -> dict[str, Any]:
    """`site/digest.json` of the build, the source of truth for what the pages should show."""
    return json.loads((project / "site" / "digest.json").read_text(encoding="utf-8"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean; failed requests are caught in the browser instead."""


@pytest.fixture(scope="module")
def base_url(project: Path) -> Iterator[str]:
    """`site/` served over http on 127.0.0.1 (Material's search worker does not run from file://)."""
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)  # port 0: the OS picks a free one
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    url = f"http://{HOST}:{server.server_address[1]}/"
    deadline = time.monotonic() + 10
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # loopback only
                if resp.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The system Chromium, launched once. Missing Chromium is a failure: CI installs it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing or not executable; the browser tests need the Debian package "
            "`chromium` (`apt-get install chromium`, as .ci/run does)",
            pytrace=False,
        )
    # Everything but 127.0.0.1 goes to a closed local port, so a stray CDN request fails at once (and
    # is reported by the `tab` fixture) instead of waiting on the network. Cheaper than `route()`,
    # which sends every request through Python and turns the HTTP cache off.
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=30_000,
            proxy={"server": f"http://{HOST}:{_closed_port()}", "bypass": HOST},
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """`test-artifacts/browser/` under the project root (gitignored), for screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Tab:
    """A page plus everything that went wrong while it was open."""

    page: Page
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    """Console messages of type `error`, and uncaught exceptions."""
    failed_requests: list[str] = field(default_factory=list)
    """Requests that failed at the network level, or answered with HTTP 4xx/5xx."""
    aborted_requests: list[str] = field(default_factory=list)
    """Requests cancelled (`net::ERR_ABORTED`), normally because the test navigated on before they ended."""
    foreign_requests: list[str] = field(default_factory=list)
    """Requests to any host other than 127.0.0.1 (they fail at the proxy: the site must work offline)."""

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    def goto(self, path: str) -> Response:
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None, path
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return response

    def problems(self, *, count_aborted: bool = False) -> dict[str, list[str]]:
        """Everything that went wrong; cancelled requests only with `count_aborted` (a page left to settle)."""
        found = {
            "console errors": self.console_errors,
            "failed requests": self.failed_requests,
            "requests leaving 127.0.0.1": self.foreign_requests,
        }
        if count_aborted:
            found["aborted requests"] = self.aborted_requests
        return {name: items for name, items in found.items() if items}


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A fresh context (light colour scheme, empty localStorage) that records errors and off-host requests."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", reduced_motion="reduce", service_workers="block"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(15_000)
    page = context.new_page()
    tab = Tab(page=page, base_url=base_url)

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != HOST:
            tab.foreign_requests.append(request.url)

    def on_failed(request: Request) -> None:
        if urlsplit(request.url).hostname != HOST:  # reported by on_request; they fail at the proxy
            return
        failures = tab.aborted_requests if request.failure == "net::ERR_ABORTED" else tab.failed_requests
        failures.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            tab.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page.on("request", on_request)
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and tab.console_errors.append(f"{msg.text} ({msg.location.get('url')}:{msg.location.get('lineNumber')})")
        ),
    )
    page.on("pageerror", lambda exc: tab.console_errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        yield tab
    finally:
        context.close()


# --------------------------------------------------------------------------------------------------
# Picking subjects from digest.json, so the tests follow the sample content instead of hard-coding it.


def _actor(digest: dict[str, Any], actor_id: str) -> dict[str, Any]:
    return next(a for a in digest["actors"] if a["id"] == actor_id)


def _top_person(digest: dict[str, Any]) -> dict[str, Any]:
    people = [a for a in digest["actors"] if a["type"] == "person"]
    assert people, "digest.json lists no person actor"
    return min(people, key=lambda a: (-a["mentions"], a["id"]))


def _busiest_event(digest: dict[str, Any]) -> dict[str, Any]:
    events = [e for e in digest["events"] if len(e["participants"]) >= 2]
    assert events, "digest.json lists no event with two or more participants"
    return min(events, key=lambda e: (-len(e["participants"]), e["id"]))


def _graph_actor(digest: dict[str, Any]) -> dict[str, Any]:
    with_related = [a for a in digest["actors"] if a.get("related")]
    assert with_related, "digest.json lists no actor with related actors"
    return min(with_related, key=lambda a: (-a["mentions"], a["id"]))


def _graph_labels(page: Page) -> list[str]:
    """Wait until the first related-actor graph is drawn; return its node labels in document order."""
    page.wait_for_function("document.querySelectorAll('pre.digest-mermaid svg .node').length >= 2", timeout=TIMEOUT_MS)
    return page.locator("pre.digest-mermaid").first.evaluate(
        "pre => [...pre.querySelectorAll('svg .node')].map(n => n.textContent.trim())"
    )


def _open_search(page: Page) -> Locator:
    """Open Material's search the way a reader does: the `/` shortcut, as the header label hides on desktop."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('input.md-search__input')", timeout=TIMEOUT_MS
    )
    return box


def _search_hit(page: Page, target: str) -> Locator:
    """The search result for the whole page `target` (not one of its sections), once it is listed.

    Results carry `?h=<query>` for `search.highlight`, and section results add `#anchor`.
    """
    hit = page.locator(f'.md-search-result__item a.md-search-result__link[href*="/{target}?"]:not([href*="#"])')
    hit.first.wait_for(state="visible")  # the worker indexes in the background; the query re-runs when ready
    return hit.first


def _h1(page: Page) -> str:
    return page.locator("article h1").first.inner_text().strip()


# --------------------------------------------------------------------------------------------------
# 1. Search


def test_searching_an_actors_surname_lists_their_page_and_opens_it(tab, digest, artifacts):
    actor = _top_person(digest)
    surname = actor["name"].split()[-1]
    page = tab.page
    tab.goto("")
    box = _open_search(page)
    box.press_sequentially(surname, delay=30)
    hit = _search_hit(page, actor["page"])
    page.screenshot(path=artifacts / "search.png")
    assert page.locator(".md-search-result__item").count() >= 1
    hit.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/{actor['page']}"))
    assert _h1(page) == actor["name"]
    page.screenshot(path=artifacts / "search-opened.png")
    assert tab.problems() == {}


# --------------------------------------------------------------------------------------------------
# 2. Event → participant links


def test_event_participant_links_open_each_actor_page(tab, digest, artifacts):
    event = _busiest_event(digest)
    page = tab.page
    tab.goto(event["page"])
    links = page.locator('article p:has(> strong:text-is("Participants:")) a')
    hrefs = [h.rstrip("/").rsplit("/", 1)[-1] for h in links.evaluate_all("els => els.map(e => e.href)")]
    assert hrefs == event["participants"], "the Participants: line should link every participant, in order"
    page.screenshot(path=artifacts / "event.png", full_page=True)
    for index, actor_id in enumerate(event["participants"]):
        if index:
            page.go_back(wait_until="load")
        actor = _actor(digest, actor_id)
        link = links.nth(index)
        assert link.inner_text().strip() == actor["name"]
        with page.expect_response(lambda r, a=actor_id: r.url.endswith(f"/actors/{a}/")) as answer:
            link.click()
        assert answer.value.status == 200, answer.value.url
        page.wait_for_url(f"**/actors/{actor_id}/")
        assert _h1(page) == actor["name"]
    assert tab.problems() == {}


# --------------------------------------------------------------------------------------------------
# 3. Mermaid graph


def test_related_actor_graph_renders_as_svg(tab, digest, artifacts):
    actor = _graph_actor(digest)
    page = tab.page
    tab.goto(actor["page"])
    svg = page.locator("pre.digest-mermaid svg").first
    labels = _graph_labels(page)
    # Mermaid draws a "Syntax error" SVG on bad input, so an <svg> alone proves nothing: read the nodes.
    assert "Syntax error" not in (svg.text_content() or "")
    strongest = max(actor["related"], key=lambda r: r["weight"])
    assert labels[0] == actor["name"], labels
    assert _actor(digest, strongest["actor"])["name"] in labels
    assert len(labels) >= 2
    svg.scroll_into_view_if_needed()
    page.locator("pre.digest-mermaid").first.screenshot(path=artifacts / "graph.png")
    assert tab.problems() == {}


# --------------------------------------------------------------------------------------------------
# 4. Dark mode


_NODE_FILL_JS = "pre => getComputedStyle(pre.querySelector('svg .node rect, svg .node polygon')).fill"


def test_palette_toggle_switches_dark_mode_and_back(tab, digest, artifacts):
    page = tab.page
    tab.goto(_graph_actor(digest)["page"])
    _graph_labels(page)
    graph = page.locator("pre.digest-mermaid").first
    light_node = graph.evaluate(_NODE_FILL_JS)
    body = page.locator("body")
    toggle = page.locator('form[data-md-component="palette"] label.md-header__button:visible')

    assert body.get_attribute("data-md-color-scheme") == "default"
    light_bg = body.evaluate("el => getComputedStyle(el).backgroundColor")
    assert toggle.get_attribute("title") == "Switch to dark mode"
    toggle.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=TIMEOUT_MS)
    dark_bg = body.evaluate("el => getComputedStyle(el).backgroundColor")
    assert dark_bg != light_bg, "the scheme attribute changed but the page did not"
    graph.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.screenshot(path=artifacts / "dark.png")

    page.reload(wait_until="load")  # Material keeps the choice in localStorage
    assert body.get_attribute("data-md-color-scheme") == "slate"
    _graph_labels(page)
    assert graph.evaluate(_NODE_FILL_JS) != light_node, "a page opened in dark mode should draw a dark graph"
    graph.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.screenshot(path=artifacts / "dark-reloaded.png")

    assert toggle.get_attribute("title") == "Switch to light mode"
    toggle.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=TIMEOUT_MS)
    assert body.evaluate("el => getComputedStyle(el).backgroundColor") == light_bg
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / "light.png")
    assert tab.problems() == {}


def test_graph_follows_a_palette_switch_without_reload(tab, digest):
    page = tab.page
    tab.goto(_graph_actor(digest)["page"])
    _graph_labels(page)
    graph = page.locator("pre.digest-mermaid").first
    light_node = graph.evaluate(_NODE_FILL_JS)
    page.locator('form[data-md-component="palette"] label.md-header__button:visible').click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=TIMEOUT_MS)
    try:  # a fix may redraw asynchronously; give it a moment
        page.wait_for_function(
            f"(({_NODE_FILL_JS})(document.querySelector('pre.digest-mermaid'))) !== {json.dumps(light_node)}",
            timeout=3_000,
        )
    except PlaywrightTimeoutError:
        pass
    assert graph.evaluate(_NODE_FILL_JS) != light_node


def _pagefind_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Every page in the Pagefind index, by URL (fragments are gzip'd JSON after a `pagefind_dcd` signature)."""
    pages = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        pages[fragment["url"]] = fragment
    return pages


def test_search_index_leaves_out_graph_source(project, digest):
    pages = _pagefind_pages(project / "site")
    assert f"/{_graph_actor(digest)['page']}" in pages, "actor pages with a graph are indexed"
    leaked = [url for url, page in pages.items() if "graph LR" in page["content"] or "---|" in page["content"]]
    assert leaked == []
    assert not [url for url in pages if "404" in url], "the 404 page is never a search result"
    assert len(pages) == len(list((project / "site").rglob("index.html"))), "every page is indexed"
    # Material's index keeps its config only: the full text is no longer shipped on every page view.
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []


# --------------------------------------------------------------------------------------------------
# 5. Console and network


@pytest.mark.parametrize("kind", ["home", "article", "actor", "event", "story"])
def test_pages_load_without_console_errors_or_failed_requests(tab, digest, artifacts, kind):
    path = {
        "home": "",
        "article": min(digest["articles"], key=lambda a: a["id"])["page"],
        "actor": _graph_actor(digest)["page"],
        "event": _busiest_event(digest)["page"],
        "story": _two_article_story(digest)["page"],
    }[kind]
    page = tab.page
    tab.goto(path)
    if kind == "actor":
        _graph_labels(page)
    # Let the search worker fetch its index, and late module scripts settle (bounded).
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    page.screenshot(path=artifacts / f"console-{kind}.png")
    assert tab.problems(count_aborted=True) == {}, path


# --------------------------------------------------------------------------------------------------
# 6. Hostile article


_ON_ATTRIBUTES_JS = """root => [...root.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))"""


def _assert_inert(page: Page, where: str) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", f"{where}: the payload ran"
    article = page.locator("article.md-content__inner")
    assert article.locator("script").count() == 0, f"{where}: <script> inside the article body"
    assert article.locator("img, iframe, object, embed").count() == 0, f"{where}: payload markup became elements"
    assert article.locator('[href^="javascript:" i], [src^="javascript:" i]').count() == 0, where
    assert article.evaluate(_ON_ATTRIBUTES_JS) == [], f"{where}: event-handler attributes in the article"


def test_payload_article_shows_its_text_and_runs_nothing(tab, digest, artifacts):
    article = next(a for a in digest["articles"] if a["file"].endswith("payload-article.md"))
    assert article["title"] == PAYLOAD_TITLE
    page = tab.page
    tab.goto(article["page"])
    # Give anything that could fire (onerror, module scripts) the chance to, then poke the handlers.
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    for paragraph in page.locator("article p").all():
        paragraph.hover()
        paragraph.click(position={"x": 2, "y": 2})
    _assert_inert(page, article["page"])
    assert _h1(page) == PAYLOAD_TITLE
    assert PAYLOAD_TITLE in page.title()
    text = page.locator("article.md-content__inner").inner_text()
    for payload in PAYLOAD_STRINGS:
        assert payload in text, f"{payload!r} should be shown as text"
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-page in a full-page shot
    page.screenshot(path=artifacts / "payload.png", full_page=True)

    # The pages that quote it (its actors, incl. quote speakers; its events) and the search results.
    events = {e["id"]: e for e in digest["events"]}
    quoting = [_actor(digest, a)["page"] for a in article["actors"]] + [events[e]["page"] for e in article["events"]]
    for target in quoting:
        tab.goto(target)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        _assert_inert(page, target)
    tab.goto("")
    _open_search(page).press_sequentially("Payload", delay=30)  # lunr keeps `window.__pwned=1` as one token
    hit = _search_hit(page, article["page"])
    assert "<script>window.__pwned=1</script>" in hit.inner_text(), "the result should show the title as text"
    page.screenshot(path=artifacts / "payload-search.png")
    assert page.evaluate("typeof window.__pwned") == "undefined", "search results ran the payload"
    assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    assert tab.problems() == {}


# --------------------------------------------------------------------------------------------------
# 7. Feed


def test_feed_is_linked_from_home_and_parses(tab, digest, artifacts):
    page = tab.page
    tab.goto("")
    link = page.locator('article a:text-is("Atom feed")')
    assert link.count() == 1, "the home page should link the Atom feed once"
    href = link.get_attribute("href") or ""
    feed_url = urljoin(page.url, href)
    assert feed_url == tab.url("feed.xml")
    response = page.request.get(feed_url)
    assert response.status == 200
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert PAYLOAD_TITLE in titles, "hostile titles should come back as the same text"
    assert len(feed.entries) >= len(digest["articles"])
    for entry in feed.entries:  # relative links resolve against the feed's own address
        target = page.request.get(urljoin(feed_url, entry.link))
        assert target.status == 200, entry.link
    link.scroll_into_view_if_needed()
    link.evaluate("el => el.style.outline = '3px solid red'")
    page.screenshot(path=artifacts / "feed-link.png")
    assert tab.problems() == {}


# --------------------------------------------------------------------------------------------------
# 8. The briefing: front page, story pages, search that finds, a readable report


def _two_article_story(digest: dict[str, Any]) -> dict[str, Any]:
    stories = [s for s in digest["stories"] if len(s["articles"]) >= 2]
    assert stories, "the sample plus its follow-up should make a story of two articles"
    return stories[0]


def test_front_page_lists_stories_with_a_lead_sentence(tab, digest, artifacts):
    page = tab.page
    tab.goto("")
    headlines = page.locator('article h3 a[href*="stories/"]')
    assert headlines.count() >= min(len(digest["stories"]), 10)
    story = _two_article_story(digest)
    link = page.locator(f'article h3 a[href$="stories/{story["id"]}/"]')
    assert link.inner_text().strip() == story["title"]
    text = page.locator("article.md-content__inner").inner_text()
    latest = max((a for a in digest["articles"] if a["id"] in story["articles"]), key=lambda a: a["date"])
    assert latest["summary"][0] in text, "each story shows one lead sentence of its latest article"
    assert "2 articles" in text
    assert page.locator('article a[href$="report/"]').count() >= 1, "the build report is always linked"
    link.click()
    page.wait_for_url(f"**/stories/{story['id']}/")
    assert _h1(page) == story["title"]
    assert tab.problems() == {}


def test_story_page_lists_every_article_and_a_dated_timeline(tab, digest, artifacts):
    story = _two_article_story(digest)
    page = tab.page
    tab.goto(story["page"])
    sources = page.locator('article h2:text-is("Sources") + ul a')
    hrefs = sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in sources.evaluate_all("els => els.map(e => e.href)"))
    assert hrefs == sorted(story["articles"])
    timeline = page.locator('article h2:text-is("Timeline") + ul li')
    assert timeline.count() == len(story["events"]) >= 1
    assert timeline.first.locator("strong").first.inner_text()[:4].isdigit(), "timeline lines start with a date"
    assert page.locator('article h2:has-text("Latest development")').count() == 1
    feed_link = page.locator('article a:text-is("Atom feed")')
    response = page.request.get(urljoin(page.url, feed_link.get_attribute("href") or ""))
    feed = feedparser.parse(response.body())
    assert response.status == 200 and not feed.bozo
    assert {e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries} >= set(story["articles"])
    # An article of the story names it and links its other article.
    tab.goto(next(a for a in digest["articles"] if a["id"] == story["articles"][0])["page"])
    assert page.locator(f'article a[href$="stories/{story["id"]}/"]').count() == 1
    other = story["articles"][1]
    assert page.locator(f'article h2:text-is("Other articles of this story") + ul a[href$="/{other}/"]').count() == 1
    assert tab.problems() == {}


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("excellent", lambda d: next(a["page"] for a in d["articles"] if a["file"].endswith("trump-putin-call.txt"))),
        ("Erdogan", lambda d: next(a["page"] for a in d["actors"] if "Erdoğan" in a["name"])),
    ],
    ids=["word-in-quotation-marks", "name-without-diacritics"],
)
def test_search_finds_words_beside_quote_marks_and_names_without_diacritics(tab, digest, artifacts, query, target):
    page = tab.page
    tab.goto("")
    _open_search(page).press_sequentially(query, delay=30)
    hit = _search_hit(page, target(digest))
    page.screenshot(path=artifacts / f"search-{query.lower()}.png")
    assert hit.is_visible()
    assert tab.problems() == {}


def test_search_shows_results_in_materials_style_with_the_match_marked(tab, digest, artifacts):
    """Pagefind answers Material's search box: the result list keeps Material's markup and look."""
    actor = next(a for a in digest["actors"] if "Erdoğan" in a["name"])
    page = tab.page
    tab.goto("")
    _open_search(page).press_sequentially("Erdogan", delay=30)
    hit = _search_hit(page, actor["page"])
    assert hit.locator("article.md-search-result__article h1").inner_text().strip() == actor["name"]
    assert page.locator(".md-search-result__meta").inner_text().endswith("matching documents") or (
        page.locator(".md-search-result__meta").inner_text() == "1 matching document"
    )
    assert page.locator(".md-search-result__item mark").count() >= 1, "the matched words are marked"
    page.screenshot(path=artifacts / "search-look.png")
    hit.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/{actor['page']}"))
    assert "h=erdogan" in page.url.lower(), "search.highlight still gets the query terms"
    assert tab.problems() == {}


def test_a_persons_full_name_lists_their_actor_page_first_and_enter_opens_it(tab, digest):
    actor = _top_person(digest)
    page = tab.page
    tab.goto("")
    box = _open_search(page)
    box.press_sequentially(actor["name"], delay=30)
    _search_hit(page, actor["page"])
    first = page.locator(".md-search-result__item > a.md-search-result__link:first-child").first
    assert urlsplit(first.get_attribute("href") or "").path.endswith(f"/{actor['page']}")
    box.press("Enter")  # Material opens the result with the best score
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/{actor['page']}"))
    assert _h1(page) == actor["name"]
    assert tab.problems() == {}


def test_search_fetches_only_the_index_chunks_and_fragments_a_query_needs(tab, digest, project):
    """No whole-site index per page view (issue #18): Material's index is config only, and a query
    loads a few of Pagefind's chunks and at most 20 page fragments, not every page."""
    site = project / "site"
    fetched: list[str] = []
    tab.page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path.lstrip("/")))
    page = tab.page
    tab.goto("")
    actor = _top_person(digest)
    box = _open_search(page)
    box.fill(actor["name"].split()[-1])  # one query, as if pasted (each typed prefix is a query of its own)
    box.press("End")  # Material reads the box on keyup
    _search_hit(page, actor["page"])
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    assert "search/search_index.json" in fetched
    assert (site / "search" / "search_index.json").stat().st_size < 2_000
    fragments = {p for p in fetched if p.startswith("pagefind/fragment/")}
    assert 1 <= len(fragments) <= 20
    assert len(fragments) < len(list((site / "pagefind" / "fragment").iterdir()))
    search_bytes = sum((site / p).stat().st_size for p in set(fetched) if p.startswith("pagefind/"))
    assert search_bytes < 400_000, f"{search_bytes} bytes of search data for one query"
    assert "lunr" not in " ".join(fetched), "Material's lunr worker is not used"
    assert tab.problems() == {}


def _result_links(page: Page, query: str) -> list[str]:
    """Search `query` on a fresh page view and return the listed page links, once Material shows a count."""
    _open_search(page).press_sequentially(query, delay=30)
    page.wait_for_function(
        "(document.querySelector('.md-search-result__meta') || {}).textContent?.includes('matching document')",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(500)  # the worker's second batch of results (pages 11-20)
    hrefs = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [urlsplit(urljoin(page.url, h)).path for h in hrefs if "#" not in h]


def test_search_follows_articles_dropped_edited_and_deleted_while_mkdocs_serve_runs(browser, tmp_path):
    """`mkdocs serve` keeps search current without re-indexing the site: a rebuild indexes the changed
    pages into `pagefind-delta/`, and the worker drops the main bundle's entries for changed and
    deleted pages. A dropped article is found by its words, an edited one by its new words and not
    by its old ones, and a deleted one no more."""
    for name in ("content", "site_config", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = _closed_port()
    base = f"http://{HOST}:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    edited = tmp_path / "content" / "eastmed-pipeline-mitsotakis.md"
    with (tmp_path / "serve.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"{HOST}:{port}"],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_page(base + "pagefind/pagefind-entry.json", '"languages"')
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            # Before: the main bundle finds both by words the changes take away.
            page.goto(base, wait_until="load")
            assert "/articles/eastmed-pipeline-mitsotakis/" in _result_links(page, "streamed")
            page.goto(base, wait_until="load")
            assert "/articles/kobe-bryant-helicopter-crash/" in _result_links(page, "Gianna")
            context.close()
            text = edited.read_text(encoding="utf-8")
            assert "live-streamed" in text
            edited.write_text(text.replace("live-streamed", "Zanzibar-broadcast"), encoding="utf-8")
            (tmp_path / "content" / "kobe-bryant-helicopter-crash.md").unlink()
            (tmp_path / "content" / "harbour-strike.md").write_text(
                "---\ntitle: Harbour workers end strike after pay deal\ndate: 2024-03-08\nsource: Test Wire\n---\n\n"
                "Harbour workers in Rotterdam ended a three-day strike on Friday after union leader Anna de Vries "
                "signed a pay agreement with the port authority.\n",
                encoding="utf-8",
            )
            _wait_for_page(base + "articles/harbour-strike/", "Harbour workers end strike")
            for url in ("/articles/eastmed-pipeline-mitsotakis/", "/articles/kobe-bryant-helicopter-crash/"):
                _wait_for_page(base + "pagefind/digest-delta.json", url)
            context = browser.new_context(service_workers="block")
            try:
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                deadline = time.monotonic() + BUILD_TIMEOUT_S
                while True:  # the page is written before the index: retry until the rebuild has ended
                    page.goto(base, wait_until="load")
                    _open_search(page).press_sequentially("Rotterdam", delay=30)
                    try:
                        _search_hit(page, "articles/harbour-strike/")
                        break
                    except PlaywrightTimeoutError:
                        if time.monotonic() > deadline:
                            raise
                delta = json.loads(urllib.request.urlopen(base + "pagefind/digest-delta.json", timeout=5).read())
                assert delta["delta"] is True, "served from a delta bundle, not a full re-index"
                page.goto(base, wait_until="load")
                assert "/articles/eastmed-pipeline-mitsotakis/" in _result_links(page, "Zanzibar")
                page.goto(base, wait_until="load")
                assert "/articles/eastmed-pipeline-mitsotakis/" not in _result_links(page, "streamed"), "old words"
                page.goto(base, wait_until="load")
                assert "/articles/cairo-summit-turkey-libya-deal/" in _result_links(page, "Cairo"), "main bundle"
                page.goto(base, wait_until="load")
                assert "/articles/kobe-bryant-helicopter-crash/" not in _result_links(page, "Gianna")
            finally:
                context.close()
            log.flush()
            served = (tmp_path / "serve.log").read_text()
            assert "digest: search delta of" in served, served[-3000:]
        finally:
            proc.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs runs on_shutdown (the stash of the bundle goes)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_for_page(url: str, text: str) -> None:
    deadline = time.monotonic() + BUILD_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # loopback only
                if text in resp.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not show {text!r} within {BUILD_TIMEOUT_S} s")
        time.sleep(0.5)


def test_report_shows_paths_as_text(tab, digest, artifacts):
    page = tab.page
    tab.goto("report/")
    text = page.locator("article.md-content__inner").inner_text()
    assert "&#" not in text and "&amp;" not in text, "character references shown as text"
    assert "Skipped files (" in text and "Warnings (" in text
    assert tab.problems() == {}


def test_graph_boxes_open_the_actor_pages(tab, digest):
    actor = _graph_actor(digest)
    page = tab.page
    tab.goto(actor["page"])
    _graph_labels(page)
    node = page.locator('pre.digest-mermaid svg .node[role="link"]').first
    name = node.text_content().strip()
    target = next(a for a in digest["actors"] if a["name"] == name)
    node.click()
    page.wait_for_url(f"**/actors/{target['id']}/")
    assert _h1(page) == target["name"]
    assert tab.problems() == {}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_screenshots_of_each_page_kind(browser, base_url, digest, artifacts, viewport):
    """Home, a story, an event and an actor at desktop and phone widths, for people to look at."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme="light", service_workers="block")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        pages = {
            "home": "",
            "story": _two_article_story(digest)["page"],
            "event": _busiest_event(digest)["page"],
            "actor": _graph_actor(digest)["page"],
        }
        for kind, path in pages.items():
            response = page.goto(urljoin(base_url, path), wait_until="load")
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
            page.screenshot(path=artifacts / f"{kind}-{VIEWPORTS[viewport]['width']}.png", full_page=True)
        assert errors == []
    finally:
        context.close()
