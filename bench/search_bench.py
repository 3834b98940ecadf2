"""Search in a browser: time to the first result and bytes per page view and per query (issue #18).

    python bench/search_bench.py SITE_DIR [--query Novak --query excellent] [--page "" --page articles/]

serves a built site (`mkdocs build` output) on 127.0.0.1, opens each page in turn in one headless
Chromium context (the system `/usr/bin/chromium`, as the browser tests use), types a query into
Material's search box and waits for the first result. The first page is a first visit (empty HTTP
cache); the next ones are later page views of the same reader, with whatever the browser cached
(the server sends `Last-Modified`, no `Cache-Control`, like a plain static host).

Bytes are counted on the server, as written to the socket (headers and bodies, no compression):
what a reader's network carries, after the browser's cache. A request for a Pagefind index chunk
or fragment (`pagefind/index/`, `pagefind/fragment/`, `pagefind/filter/`) counts towards the
query; everything else (page, theme, scripts, `search_index.json`, Pagefind's loader and WASM)
towards the page view. Time to first result runs from the start of navigation to the first result
shown for the whole query (not for a prefix typed on the way), with the query typed as soon as the
page has loaded (a reader who opens a page to search).

`measure_search(site, queries, pages)` returns the same figures for `bench/run.py`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import socket
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOST = "127.0.0.1"
QUERY_PREFIXES = ("pagefind/index/", "pagefind/fragment/", "pagefind/filter/")
"""Requests made for a query rather than for the page view (Pagefind's chunks and fragments)."""


@dataclass
class View:
    """One page view: open `page`, type `query`, wait for the first result."""

    page: str
    query: str
    first_result_s: float
    """From the start of navigation to the first search result shown."""
    view_bytes: int
    """Bytes the server sent for this page view, other than query requests."""
    query_bytes: int
    """Bytes the server sent for the query (Pagefind index chunks and fragments)."""
    requests: int
    """Requests that reached the server (the rest came from the browser's cache)."""
    results: list[str] = field(default_factory=list)
    """Result links shown, in order (paths under the site root, page results only)."""
    result_count: str = ""
    """Material's result count line ("12 matching documents")."""


class _Counter:
    """Bytes written per request path, under a lock (the server is threaded)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent


class _CountingWriter:
    def __init__(self, raw: Any, on_write: Any) -> None:
        self._raw = raw
        self._on_write = on_write

    def write(self, data: bytes) -> int:
        self._on_write(len(data))
        return int(self._raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    counter: _Counter

    def setup(self) -> None:
        super().setup()
        self._count = 0

        def add(n: int) -> None:
            self._count += n

        self.wfile = _CountingWriter(self.wfile, add)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self._count = 0
        super().handle_one_request()
        if getattr(self, "path", None) and self._count:
            with self.counter.lock:
                self.counter.sent.append((unquote(urlsplit(self.path).path).lstrip("/"), self._count))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the figures are the output."""


@functools.cache
def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class _Server:
    def __init__(self, site: Path) -> None:
        self.counter = _Counter()
        handler = type("Handler", (_CountingHandler,), {"counter": self.counter})
        self.httpd = http.server.ThreadingHTTPServer((HOST, 0), functools.partial(handler, directory=str(site)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}/"

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _split(sent: list[tuple[str, int]]) -> tuple[int, int]:
    query = sum(n for path, n in sent if path.startswith(QUERY_PREFIXES))
    return sum(n for _, n in sent) - query, query


_FIRST_RESULT_JS = """last => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
    .some(a => (new URL(a.href).searchParams.get('h') || '').toLowerCase().split(/\\s+/).includes(last))
    || (document.querySelector('.md-search-result__meta').textContent.trim() === 'No matching documents'
        && document.querySelector('input.md-search__input').value.toLowerCase().trim().endsWith(last))"""
"""A result for the whole query is listed: Material's `?h=` names the query words a result matched
(results for a prefix typed on the way, "exc" for "excellent", do not count); or, the whole query
typed, Material says nothing matches."""


def _views(
    base_url: str, counter: _Counter, queries: Sequence[str], pages: Sequence[str], timeout_s: float
) -> Iterator[View]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="search-bench-profile-") as profile:
        # A profile on disk, as a reader's browser has: an incognito context keeps its HTTP cache in
        # memory and does not keep a response of tens of MB (Material's index) at all.
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            proxy={"server": f"http://{HOST}:{_closed_port()}", "bypass": HOST},  # offline: no CDN
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        try:
            context.set_default_timeout(timeout_s * 1000)
            foreign: list[str] = []
            context.on("request", lambda r: urlsplit(r.url).hostname not in (HOST, None) and foreign.append(r.url))
            page = context.pages[0] if context.pages else context.new_page()
            for path, query in zip(pages, queries, strict=True):
                page.goto("about:blank")
                time.sleep(0.3)
                counter.take()
                start = time.perf_counter()
                page.goto(urljoin(base_url, path), wait_until="load")
                page.keyboard.press("/")
                box = page.locator("input.md-search__input")
                box.wait_for(state="visible")
                box.press_sequentially(query)
                page.wait_for_function(_FIRST_RESULT_JS, arg=query.split()[-1].lower(), polling="raf")
                elapsed = time.perf_counter() - start
                page.wait_for_load_state("networkidle")  # let late index and fragment requests finish
                time.sleep(0.3)
                results = page.locator(".md-search-result__item > a.md-search-result__link:first-child").evaluate_all(
                    "els => els.map(e => new URL(e.href).pathname)"
                )
                count = page.locator(".md-search-result__meta").inner_text()
                sent = counter.take()
                view_bytes, query_bytes = _split(sent)
                yield View(path, query, elapsed, view_bytes, query_bytes, len(sent), results, count)
            if foreign:
                raise RuntimeError(f"requests left 127.0.0.1: {foreign[:5]}")
        finally:
            context.close()


def measure_search(
    site: Path,
    queries: Sequence[str] = ("Novak", "excellent", "helicopter"),
    pages: Sequence[str] = ("", "articles/", "actors/"),
    *,
    timeout_s: float = 120,
) -> list[View]:
    """Serve `site` on 127.0.0.1 and time one search per page view, in one browser context.

    Args:
        site: A built site folder (`mkdocs build` output).
        queries: The query typed on each page view (`queries[i]` on `pages[i]`).
        pages: Paths under the site root; the first is a first visit, the rest later views.
        timeout_s: The longest wait for a page or a first result.

    Returns:
        One `View` per page, in order.
    """
    if len(queries) != len(pages):
        raise ValueError(f"one query per page, got {len(queries)} queries for {len(pages)} pages")
    with _Server(site) as server:
        return list(_views(server.url, server.counter, queries, pages, timeout_s))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="built site folder (mkdocs build output)")
    parser.add_argument("--query", action="append", help="query per page view (repeat; default: three)")
    parser.add_argument("--page", action="append", help="page per view, under the site root (repeat)")
    parser.add_argument("--json", action="store_true", help="print the views as JSON")
    args = parser.parse_args()
    queries = args.query or ["Novak", "excellent", "helicopter"]
    pages = args.page or ["", "articles/", "actors/"][: len(queries)]
    views = measure_search(args.site, queries, pages)
    if args.json:
        print(json.dumps([asdict(v) for v in views], indent=2))
        return 0
    for i, v in enumerate(views):
        kind = "first view" if i == 0 else "later view"
        print(
            f"{kind:10} /{v.page:<12} {v.query!r:14} first result {v.first_result_s:6.2f} s   "
            f"view {v.view_bytes / 1e6:7.2f} MB   query {v.query_bytes / 1e3:7.1f} kB   "
            f"{v.requests:3} requests   {v.result_count}"
        )
        for href in v.results[:5]:
            print(f"{'':14}{href}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
