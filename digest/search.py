"""Site search at archive scale: a Pagefind index of the built site, answered in Material's search box.

Where it sits: after MkDocs has written the site (the plugin's `on_post_page` and `on_post_build`).
Material's own search ships every page's full text (`search/search_index.json`, 16-30 MB at 1,000
articles) and builds a lunr index in the browser on every page view (issue #18: 5.5 s to the first
result). Here [Pagefind](https://pagefind.app) indexes the built HTML into small chunks and
fragments, and a Web Worker (`assets/search-worker.js`) that speaks Material's search-worker protocol
answers the search box from them, fetching only what a query needs: the header search box, the
result list and their look stay Material's, and everything is served from the site (no CDN).

- `mark_search_page(html, exclude=...)` (each page): points Material's config at the worker, and keeps a
  page with `search: exclude: true` in its front matter (redirect pages) out of the index.
- `build_search_index(site_dir)` (after the build): writes the worker, cuts `search_index.json` down to its
  config (Material's page script still fetches it) and runs Pagefind over every page in `site_dir`,
  so pages a partial rebuild did not touch stay findable.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from digest.errors import DigestError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

BUNDLE_DIR = "pagefind"
"""Pagefind's output under the site root: entry files, WASM, index chunks, page fragments."""
WORKER_PATH = "assets/javascripts/workers/digest-search.js"
"""Where the worker is written, beside Material's own (the worker finds the site root from it)."""
ROOT_SELECTOR = "article.md-content__inner"
"""Only the page body is page text: not the header, navigation tabs, table of contents or footer."""
EXCLUDE_SELECTORS = ("[data-search-exclude]",)
"""Elements left out of the index: what Material's search leaves out (the graph's Mermaid source)."""

_MATERIAL_WORKER_RE = re.compile(r'("search":\s*"[^"]*/)workers/search\.[0-9a-f]+\.min\.js"')
_ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True)
class SearchIndexReport:
    """What `build_search_index` did."""

    pages: int
    """Pages in the index."""
    seconds: float
    """Wall time of the whole step (Pagefind's run, the worker and `search_index.json`)."""
    bytes: int
    """Size of the Pagefind bundle on disk."""


def excluded_from_search(meta: Mapping[str, Any]) -> bool:
    """Whether a page's front matter keeps it out of search (`search: {exclude: true}`, as Material reads it)."""
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def mark_search_page(html: str, *, exclude: bool = False) -> tuple[str, bool]:
    """Point a rendered page's search at the Pagefind worker; mark an excluded page for Pagefind.

    Args:
        html: A page as Material rendered it.
        exclude: Keep the page out of the index (Pagefind skips a body marked `data-pagefind-ignore="all"`).

    Returns:
        The page, and whether it named Material's search worker (a page without Material's
        header, like a bare redirect template, does not).
    """
    html, found = _MATERIAL_WORKER_RE.subn(r'\1workers/digest-search.js"', html, count=1)
    if exclude:
        html = html.replace(_ARTICLE_TAG, _ARTICLE_TAG[:-1] + ' data-pagefind-ignore="all">', 1)
    return html, bool(found)


def build_search_index(site_dir: Path) -> SearchIndexReport:
    """Index every page of a built site with Pagefind and install the worker that reads the index.

    The new bundle is written beside the old one and swapped in, so a reader searching during a
    `mkdocs serve` rebuild sees the old index or the new one, never half of one.

    Raises:
        DigestError: Material's search plugin wrote no `search_index.json`, or Pagefind failed.
    """
    start = time.perf_counter()
    _slim_material_index(site_dir / "search" / "search_index.json")
    worker = site_dir / WORKER_PATH
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_bytes(resources.files("digest").joinpath("assets").joinpath("search-worker.js").read_bytes())
    staging = site_dir / f".{BUNDLE_DIR}-new"
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(staging)]
    cmd += ["--root-selector", ROOT_SELECTOR]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise DigestError(
            f"search: could not run Pagefind, got {exc}; install it with `pip install 'pagefind[bin]'`"
        ) from None
    found = _INDEXED_RE.search(proc.stdout)
    if proc.returncode or not found:
        shutil.rmtree(staging, ignore_errors=True)
        output = (proc.stderr or proc.stdout).strip()[-2000:]
        raise DigestError(
            f"search: Pagefind failed (exit {proc.returncode}):\n{output}\n"
            "the binary comes with `pip install 'pagefind[bin]'` (a dependency of news-digest)"
        )
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    staging.rename(bundle)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return SearchIndexReport(pages=int(found.group(1)), seconds=time.perf_counter() - start, bytes=size)


def _slim_material_index(path: Path) -> None:
    """Keep the config of Material's index and drop its documents: the worker reads Pagefind instead.

    Material's page script fetches `search_index.json` on every page view and hands it to the
    worker; its `config` (separator, language) also drives the highlighting of `?h=` terms.
    """
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DigestError(
            f"search: {path} not found; list Material's `search` plugin before `digest` under "
            "`plugins:` in mkdocs.yml (the search box and its config come from it)"
        ) from None
    if index.get("docs"):
        slim = path.with_name(f".{path.name}.tmp")
        slim.write_text(json.dumps({"config": index.get("config", {}), "docs": []}), encoding="utf-8")
        os.replace(slim, path)  # a new file: a reader never gets half of it, a hard-linked copy is untouched
