"""`mkdocs serve --dirty`: an added, edited or deleted article re-renders only the pages it changes (#18).

The builds run in this process the way `mkdocs serve --dirty` runs them (`mkdocs.commands.serve`):
`on_startup(command="serve", dirty=True)` once, then `build(config, dirty=True)` into one site
folder, with the configuration loaded again for every rebuild. After each change the site must
equal, byte for byte, a clean build of the same content from the same state.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from digest.memo import BuildMemo, keep_between_builds, next_build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "content"
SERVE_URL = "http://127.0.0.1:8000/"

NEW_ARTICLE = """---
title: "Harbour workers end strike after pay deal"
date: 2024-03-08
source: Test Wire
---

Harbour workers in Rotterdam ended a three-day strike on Friday after union leader Anna de Vries
signed a pay agreement with the port authority.

"We got what we asked for," de Vries said.
"""


def _project(folder: Path, content: Path) -> Path:
    folder.mkdir()
    shutil.copytree(content, folder / "content")
    for name in ("site_config", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _config(project: Path, site: Path) -> MkDocsConfig:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


class DirtySession:
    """One `mkdocs serve --dirty` session without the HTTP server: a site folder and its rebuilds."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        config = _config(project, site)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=SERVE_URL, dirty=True)

    def rebuild(self) -> set[str]:
        """Rebuild as serve does after a change; returns the HTML pages written (by mtime).

        The state this build starts from (the front page's record of what was published, the
        address record) is kept in `state`, for the clean build to compare with.
        """
        state = self.project.parent / "state-before"
        shutil.rmtree(state, ignore_errors=True)
        shutil.copytree(self.project / ".cache" / "digest" / "state", state / ".cache" / "digest" / "state")
        if (self.project / "addresses.json").is_file():
            shutil.copy(self.project / "addresses.json", state / "addresses.json")
        before = _mtimes(self.site)
        build(_config(self.project, self.site), serve_url=SERVE_URL, dirty=True)
        after = _mtimes(self.site)
        return {rel for rel, t in after.items() if rel.endswith(".html") and before.get(rel) != t}


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def _clean_build(project: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean `mkdocs build` of a copy of `project` (content, addresses and front-page state)."""
    copy = tmp / "reference"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("pages"))
    state = tmp / "state-before"
    if state.exists():  # the state the last dirty build started from
        shutil.copytree(state, copy, dirs_exist_ok=True)
    site = copy / "site"
    # MkDocs keeps one plugin object per name for the whole process (`Plugins.plugin_cache`);
    # the reference build gets its own, as a separate `mkdocs build` process would.
    with monkeypatch.context() as m:
        m.setattr(MkDocsConfig.plugins, "plugin_cache", {})
        config = _config(copy, site)
        config.plugins.on_startup(command="build", dirty=False)  # memos off: nothing reused
        build(config, serve_url=SERVE_URL)
    keep_between_builds(True)  # the serve session goes on with what its last build kept
    return site


_SEARCH_BUNDLES = ("pagefind/", "pagefind-delta/")
"""Pagefind's bundles: under serve a delta beside the main one, compared by what they find."""


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _pages(site: Path) -> dict[str, bytes]:
    """The site's files but the search bundles."""
    return {rel: data for rel, data in _tree(site).items() if not rel.startswith(_SEARCH_BUNDLES)}


def _assert_same_site(served: Path, clean: Path) -> None:
    got, want = _pages(served), _pages(clean)
    assert sorted(got) == sorted(want)
    different = [rel for rel in want if got[rel] != want[rel]]
    assert different == [], different
    assert _search_locations(served) == _search_locations(clean)  # the same pages are found


def _page_texts(project: Path) -> dict[str, str]:
    """The generated files of the session's last build, as the digest plugin handed them to MkDocs."""
    plugin = _config(project, project / "site").plugins["digest"]  # MkDocs keeps one object per session
    return {rel: file.content_string for rel, file in plugin.kept.items()}


def _changed_pages(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The HTML outputs of the generated Markdown pages that are new or changed."""
    changed = {rel for rel, data in after.items() if rel.endswith(".md") and before.get(rel) != data}
    return {
        rel.removesuffix(".md") + "/index.html" if not rel.endswith("index.md") else rel[:-2] + "html"
        for rel in changed
    }


def _fragment_urls(bundle: Path) -> list[str]:
    """The URLs of a Pagefind bundle's page fragments (gzip'd JSON after a `pagefind_dcd` signature)."""
    if not (bundle / "fragment").is_dir():
        return []
    return [
        json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["url"]
        for path in sorted((bundle / "fragment").iterdir())
    ]


def _search_locations(site: Path) -> list[str]:
    """The pages the site's search finds, as site-relative locations: the main Pagefind bundle's,
    less those its delta record marks stale (changed or deleted under serve), plus the delta's."""
    record = json.loads((site / "pagefind" / "digest-delta.json").read_text(encoding="utf-8"))
    stale = set(record.get("stale_urls", []))
    urls = [u for u in _fragment_urls(site / "pagefind") if u not in stale] + _fragment_urls(site / "pagefind-delta")
    return sorted({u.lstrip("/") for u in urls})


@pytest.mark.model
@pytest.mark.slow
def test_dirty_serve_renders_only_changed_pages_and_equals_a_clean_build(tmp_path, monkeypatch):
    project = _project(tmp_path / "project", GOLDEN)
    site = tmp_path / "served"
    session = DirtySession(project, site)
    pages = {rel for rel in _tree(site) if rel.endswith(".html")}
    _assert_same_site(site, _clean_build(project, tmp_path, monkeypatch))

    # Drop an article: its page, and only the pages whose Markdown changed, are rendered.
    before = _page_texts(project)
    (project / "content" / "harbour-strike.md").write_text(NEW_ARTICLE, encoding="utf-8")
    written = session.rebuild()
    expected = _changed_pages(before, _page_texts(project))
    assert "articles/harbour-strike/index.html" in written
    assert written == expected | {"404.html"}  # the theme's 404 page is written by every build
    assert len(pages - written) >= 10  # pages the new article does not touch are not rendered
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert "harbour-strike" in [a["id"] for a in digest["articles"]]
    assert "articles/harbour-strike/" in _search_locations(site)
    _assert_same_site(site, _clean_build(project, tmp_path, monkeypatch))

    # Edit it: the new words are on its page and in the search index.
    before = _page_texts(project)
    edited = NEW_ARTICLE.replace("three-day strike", "four-day strike")
    (project / "content" / "harbour-strike.md").write_text(edited, encoding="utf-8")
    written = session.rebuild()
    assert "articles/harbour-strike/index.html" in written
    assert written == _changed_pages(before, _page_texts(project)) | {"404.html"}
    page = html.unescape((site / "articles" / "harbour-strike" / "index.html").read_text(encoding="utf-8"))
    assert "four-day strike" in page
    _assert_same_site(site, _clean_build(project, tmp_path, monkeypatch))

    # Nothing changed: nothing but the theme's 404 page is rendered.
    assert session.rebuild() == {"404.html"}

    # Delete it: the address redirects (addresses.json), digest.json and search forget it.
    (project / "content" / "harbour-strike.md").unlink()
    session.rebuild()
    redirect = (site / "articles" / "harbour-strike" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert "harbour-strike" not in [a["id"] for a in digest["articles"]]
    _assert_same_site(site, _clean_build(project, tmp_path, monkeypatch))


@pytest.mark.model
@pytest.mark.slow
def test_without_an_address_record_a_deleted_article_leaves_the_served_site(tmp_path, monkeypatch):
    project = _project(tmp_path / "project", GOLDEN)
    yml = project / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("content_dir: content", 'content_dir: content\n      addresses: ""')
    )
    (project / "content" / "harbour-strike.md").write_text(NEW_ARTICLE, encoding="utf-8")
    site = tmp_path / "served"
    session = DirtySession(project, site)
    assert (site / "articles" / "harbour-strike" / "index.html").is_file()

    (project / "content" / "harbour-strike.md").unlink()
    session.rebuild()
    assert not (site / "articles" / "harbour-strike").exists()
    assert not any(loc.startswith("articles/harbour-strike/") for loc in _search_locations(site))
    _assert_same_site(site, _clean_build(project, tmp_path, monkeypatch))


def test_build_memo_keeps_what_the_last_build_used_and_only_while_on():
    calls: list[str] = []

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    memo: BuildMemo[str, str] = BuildMemo()
    try:
        keep_between_builds(False)
        assert memo.get("a", lambda: compute("a")) == "A"
        assert memo.get("a", lambda: compute("a")) == "A"
        assert calls == ["a", "a"]  # off: nothing kept

        keep_between_builds(True)
        next_build()
        memo.get("a", lambda: compute("a"))
        memo.get("b", lambda: compute("b"))
        next_build()
        memo.get("a", lambda: compute("a"))  # kept from the last build
        next_build()  # "b" was not used by the last build: dropped
        memo.get("b", lambda: compute("b"))
        assert calls == ["a", "a", "a", "b", "b"]
    finally:
        keep_between_builds(False)
