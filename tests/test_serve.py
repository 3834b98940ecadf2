"""`mkdocs serve --dirty` on 127.0.0.1 (the README's command): a dropped article appears without a
restart and is found by search; a bad one never stops it; a deleted one redirects and leaves search."""

from __future__ import annotations

import html
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.model, pytest.mark.slow]

NEW_ARTICLE = """---
title: "Harbour workers end strike after pay deal"
date: 2024-03-08
source: Test Wire
---

Harbour workers in Rotterdam ended a three-day strike on Friday after union leader Anna de Vries
signed a pay agreement with the port authority.

"We got what we asked for," de Vries said.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            # Pages entity-encode article text; compare what a reader sees.
            return resp.status, html.unescape(resp.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, predicate, *, timeout: float = 180.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and predicate(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show the expected page within {timeout:.0f} s")


@pytest.fixture
def served_site(tmp_path):
    for name in ("content", "site_config", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    # Material's own index (`pagefind: false`): its per-page merge under a dirty serve is what this
    # file checks over HTTP; Pagefind's index of a dropped article is checked in a browser
    # (`test_browser.py::test_search_finds_an_article_dropped_while_mkdocs_serve_runs`).
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      content_dir: content\n" in config
    config = config.replace("      content_dir: content\n", "      content_dir: content\n      pagefind: false\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _search_locations(base: str) -> set[str]:
    status, body = _get(base + "search/search_index.json")
    assert status == 200
    return {doc["location"].split("#")[0] for doc in json.loads(body)["docs"]}


def test_dropped_article_appears_bad_file_is_reported_then_recovers(served_site):
    root, base = served_site
    _wait_for(base + "articles/", lambda body: "Articles" in body)
    assert _get(base + "articles/harbour-strike/")[0] == 404

    (root / "content" / "harbour-strike.md").write_text(NEW_ARTICLE, encoding="utf-8")
    body = _wait_for(base + "articles/harbour-strike/", lambda body: "Harbour workers end strike" in body)
    assert "Rotterdam" in body
    locations = _search_locations(base)
    assert "articles/harbour-strike/" in locations
    assert "articles/cairo-summit-turkey-libya-deal/" in locations  # the pages not rebuilt stay

    (root / "content" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    report = _wait_for(base + "report/", lambda body: "broken.md" in body)
    assert "not valid YAML" in report
    # The good pages are still served.
    assert _get(base + "articles/harbour-strike/")[0] == 200

    # Fixed, it publishes on the next rebuild without a restart.
    (root / "content" / "broken.md").write_text(
        "---\ntitle: Repaired report\n---\nThe council met on Friday.\n", encoding="utf-8"
    )
    _wait_for(base + "articles/broken/", lambda body: "Repaired report" in body)
    assert "broken.md" not in _get(base + "report/")[1]

    # Deleted, its address redirects (addresses.json) and search forgets it.
    (root / "content" / "harbour-strike.md").unlink()
    _wait_for(base + "articles/harbour-strike/", lambda body: 'http-equiv="refresh"' in body)
    assert "articles/harbour-strike/" not in _search_locations(base)
    assert "articles/broken/" in _search_locations(base)
