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
- `build_search_index(site_dir, session=...)` (under `mkdocs serve`): the first build as above; a
  rebuild indexes only the pages new or changed since then into `pagefind-delta/` and lists the
  main bundle's stale entries in `pagefind/digest-delta.json` (`scan_pages`, `plan_delta`); the
  worker merges the two bundles. Pagefind itself has no incremental mode.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import DigestError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

BUNDLE_DIR = "pagefind"
"""Pagefind's output under the site root: entry files, WASM, index chunks, page fragments."""
DELTA_DIR = "pagefind-delta"
"""Under `mkdocs serve`: a bundle of the pages changed since `pagefind/` was built, merged by the worker."""
DELTA_FILE = "digest-delta.json"
"""In `pagefind/`: whether a delta bundle exists and the main bundle's stale page ids (and URLs)."""
MAX_DELTA_PAGES = 2000
"""Past this many changed pages since the main bundle, a rebuild re-indexes every page. One dropped
bench article changes ~1,000 pages at 1,000 articles (its actors', places' and events' pages and the
indexes): 4.7 s as a delta against 26 s for all 10,682; 2,000 pages cost about a third of a full index."""
WORKER_PATH = "assets/javascripts/workers/digest-search.js"
"""Where the worker is written, beside Material's own (the worker finds the site root from it)."""
ROOT_SELECTOR = "article.md-content__inner"
"""Only the page body is page text: not the header, navigation tabs, table of contents or footer."""
EXCLUDE_SELECTORS = ("[data-search-exclude]",)
"""Elements left out of the index: what Material's search leaves out (the graph's Mermaid source)."""

_MATERIAL_WORKER_RE = re.compile(r'("search":\s*"[^"]*/)workers/search\.[0-9a-f]+\.min\.js"')
_ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
_ARTICLE_TAG_START = b'<article class="md-content__inner'
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True)
class SearchIndexReport:
    """What `build_search_index` did."""

    pages: int
    """Pages in the index."""
    seconds: float
    """Wall time of the whole step (Pagefind's run, the worker and `search_index.json`)."""
    bytes: int
    """Size on disk of the bundle written (the delta bundle on a delta rebuild)."""
    delta: bool = False
    """Only changed and new pages were indexed, into `pagefind-delta/` (a rebuild under `mkdocs serve`)."""
    stale: int = 0
    """Main-bundle entries the worker drops (changed or deleted pages), on a delta rebuild."""


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


def build_search_index(
    site_dir: Path,
    *,
    session: SearchSession | None = None,
    max_delta: int = MAX_DELTA_PAGES,
    touched: Iterable[str] | None = None,
) -> SearchIndexReport:
    """Index the pages of a built site with Pagefind and install the worker that reads the index.

    Without a `session` (`mkdocs build`) every page is indexed into `pagefind/`. With one (`mkdocs
    serve`), the first build does the same and records what it indexed; a later rebuild leaves
    `pagefind/` alone and indexes only the pages whose text changed or that are new into
    `pagefind-delta/`, listing in `pagefind/digest-delta.json` the main bundle's entries that are
    stale (changed or deleted pages); the worker merges the two. Past `max_delta` changed pages
    since the main bundle, it is rebuilt instead. `touched` (a rebuild under `mkdocs serve`): the
    pages (paths under site_dir) this rebuild wrote or deleted, when the caller knows them all;
    only those are looked at instead of every page of the site.

    A new bundle is written beside the old one and swapped in, so a reader searching during a
    `mkdocs serve` rebuild sees the old index or the new one, never half of one.

    Raises:
        DigestError: Material's search plugin wrote no `search_index.json`, or Pagefind failed.
    """
    start = time.perf_counter()
    _slim_material_index(site_dir / "search" / "search_index.json")
    worker = site_dir / WORKER_PATH
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_bytes(resources.files("digest").joinpath("assets").joinpath("search-worker.js").read_bytes())
    bundle = site_dir / BUNDLE_DIR
    if session is not None and session.ids:
        pages = scan_pages(site_dir, session.seen, touched=touched)
        delta = plan_delta(session.indexed, pages)
        if len(delta.changed) <= max_delta:
            if not (bundle / "pagefind-entry.json").is_file():  # a clean rebuild emptied site_dir
                _link_tree(session.stash, bundle)
            indexed, stale = _write_delta(site_dir, delta, session.ids)
            return SearchIndexReport(
                pages=indexed,
                seconds=time.perf_counter() - start,
                bytes=_size(site_dir / DELTA_DIR),
                delta=True,
                stale=len(stale),
            )
    count = _run_pagefind(site_dir, bundle)
    shutil.rmtree(site_dir / DELTA_DIR, ignore_errors=True)
    _write_json(bundle / DELTA_FILE, {"delta": False, "stale": [], "stale_urls": []})
    if session is not None:
        session.reset(site_dir, bundle)
    return SearchIndexReport(pages=count, seconds=time.perf_counter() - start, bytes=_size(bundle))


@dataclass
class SearchSession:
    """What the main bundle holds, kept by the plugin across the rebuilds of one `mkdocs serve`."""

    indexed: dict[str, str] = field(default_factory=dict)
    """Every page in the main bundle's build (path under site_dir → digest of its text): `page_digest`."""
    ids: dict[str, str] = field(default_factory=dict)
    """The main bundle's page URLs → Pagefind page ids (a fragment's file name, a result's `id`)."""
    seen: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """Path → (size, mtime_ns, digest) at the last scan: a file that kept its size and mtime is not read again."""
    stash: Path | None = None
    """A private copy (hard links) of the main bundle, put back when a clean rebuild empties site_dir."""

    def reset(self, site_dir: Path, bundle: Path) -> None:
        """Record a freshly built main bundle: its pages, their ids, and a stash of it."""
        self.indexed = scan_pages(site_dir, self.seen)
        self.ids = bundle_ids(bundle)
        self.close()
        self.stash = Path(tempfile.mkdtemp(prefix="digest-pagefind-")) / BUNDLE_DIR
        _link_tree(bundle, self.stash)

    def close(self) -> None:
        """Remove the stash (at the end of `mkdocs serve`)."""
        if self.stash is not None:
            shutil.rmtree(self.stash.parent, ignore_errors=True)
            self.stash = None


@dataclass(frozen=True)
class DeltaPlan:
    """Pages changed since the main bundle was built (`plan_delta`)."""

    changed: list[str]
    """Paths under site_dir of the pages that are new or whose text changed: they go into the delta bundle."""
    deleted: list[str]
    """Paths of pages in the main bundle that are gone."""


def page_digest(html: bytes) -> str:
    """Digest of what Pagefind reads of a page: the article (the root selector), or the whole file without one.

    The header, navigation and footer are left out, so a page whose navigation alone changed (a new
    page elsewhere in the nav, on a clean rebuild) is not re-indexed.
    """
    start = html.find(_ARTICLE_TAG_START)
    end = html.rfind(b"</article>")
    text = html[start:end] if 0 <= start < end else html
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def scan_pages(
    site_dir: Path, seen: dict[str, tuple[int, int, str]], *, touched: Iterable[str] | None = None
) -> dict[str, str]:
    """Every HTML page under `site_dir` (path → `page_digest`), reading only files whose size or mtime changed.

    `seen` is updated in place; the bundles' folders hold no HTML. With `touched` (the pages a
    rebuild wrote or deleted, and `seen` filled by an earlier scan), only those are looked at.
    """
    if touched is not None and seen:
        for rel in touched:
            path = site_dir / rel
            if not rel.endswith(".html") or rel.startswith("."):
                continue
            try:
                st = path.stat()
                data = path.read_bytes()
            except FileNotFoundError:
                seen.pop(rel, None)
                continue
            seen[rel] = (st.st_size, st.st_mtime_ns, page_digest(data))
        return {rel: known[2] for rel, known in seen.items()}
    pages: dict[str, str] = {}
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith("."):
            continue
        st = path.stat()
        known = seen.get(rel)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            pages[rel] = known[2]
            continue
        digest = page_digest(path.read_bytes())
        seen[rel] = (st.st_size, st.st_mtime_ns, digest)
        pages[rel] = digest
    for rel in set(seen) - set(pages):
        del seen[rel]
    return pages


def plan_delta(indexed: Mapping[str, str], pages: Mapping[str, str]) -> DeltaPlan:
    """Compare the pages now in site_dir with those the main bundle was built from."""
    changed = sorted(rel for rel, digest in pages.items() if indexed.get(rel) != digest)
    deleted = sorted(rel for rel in indexed if rel not in pages)
    return DeltaPlan(changed=changed, deleted=deleted)


def page_url(rel: str) -> str:
    """The URL Pagefind gives a page at `rel` under the site: `a/b/index.html` → `/a/b/`."""
    if rel == "index.html" or rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def bundle_ids(bundle: Path) -> dict[str, str]:
    """The pages of a Pagefind bundle: URL → page id (its fragment's file name without `.pf_fragment`)."""
    ids: dict[str, str] = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(_FRAGMENT_SIGNATURE) :])
        ids[fragment["url"]] = path.name[: -len(".pf_fragment")]
    return ids


def _write_delta(site_dir: Path, delta: DeltaPlan, main_ids: Mapping[str, str]) -> tuple[int, list[str]]:
    """Index the changed pages into `pagefind-delta/` and list the stale main-bundle ids in `digest-delta.json`.

    Returns the number of pages in the delta bundle and the stale ids.
    """
    out = site_dir / DELTA_DIR
    indexed = 0
    delta_ids: dict[str, str] = {}
    if delta.changed:
        with tempfile.TemporaryDirectory(prefix="digest-delta-") as tmp:
            src = Path(tmp) / "site"
            for rel in delta.changed:
                target = src / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site_dir / rel, target)
            staging = Path(tmp) / DELTA_DIR
            indexed = _run_pagefind(src, staging, swap=False)
            if indexed:
                delta_ids = bundle_ids(staging)
                new = site_dir / f".{DELTA_DIR}-new"
                shutil.rmtree(new, ignore_errors=True)
                shutil.copytree(staging, new)
                shutil.rmtree(out, ignore_errors=True)
                new.rename(out)
    if not indexed:
        shutil.rmtree(out, ignore_errors=True)
    same = set(delta_ids.values())  # a page whose fragment did not change keeps its id: not stale
    urls = sorted(
        url
        for url in (page_url(rel) for rel in [*delta.changed, *delta.deleted])
        if url in main_ids and main_ids[url] not in same
    )
    stale = [main_ids[url] for url in urls]
    _write_json(site_dir / BUNDLE_DIR / DELTA_FILE, {"delta": bool(indexed), "stale": stale, "stale_urls": urls})
    return indexed, stale


def _run_pagefind(site: Path, bundle: Path, *, swap: bool = True) -> int:
    """Run Pagefind over `site` into `bundle` (through a staging folder swapped in); the pages indexed."""
    staging = bundle.with_name(f".{bundle.name}-new") if swap else bundle
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [*_pagefind_command(), "--site", str(site), "--output-path", str(staging)]
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
    if not swap and proc.returncode and _NOTHING_TO_INDEX in proc.stdout + proc.stderr:
        shutil.rmtree(staging, ignore_errors=True)
        return 0  # a delta of pages all kept out of search (a deleted article's redirect page)
    if proc.returncode or not found:
        shutil.rmtree(staging, ignore_errors=True)
        output = (proc.stderr or proc.stdout).strip()[-2000:]
        raise DigestError(
            f"search: Pagefind failed (exit {proc.returncode}):\n{output}\n"
            "the binary comes with `pip install 'pagefind[bin]'` (a dependency of news-digest)"
        )
    if swap:
        shutil.rmtree(bundle, ignore_errors=True)
        staging.rename(bundle)
    return int(found.group(1))


def _pagefind_command() -> list[str]:
    """The Pagefind binary itself when the `pagefind` package finds it (a rebuild under `mkdocs serve`
    does not wait for a Python process to start and exec it), else `python -m pagefind`."""
    try:
        from pagefind.service import get_executable

        binary = get_executable()
    except ImportError:
        binary = None
    return [str(binary)] if binary is not None else [sys.executable, "-m", "pagefind"]


_NOTHING_TO_INDEX = "not able to build an index"
"""Pagefind's words when none of the pages it was given has anything to index."""


def _link_tree(src: Path | None, dst: Path) -> None:
    """Copy a bundle as hard links (a bundle's files are never rewritten in place), or as copies across devices."""
    if src is None:
        raise DigestError("search: the main bundle is gone and no copy of it was kept")
    shutil.rmtree(dst, ignore_errors=True)
    try:
        shutil.copytree(src, dst, copy_function=os.link)
    except OSError:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


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
