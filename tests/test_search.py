"""Site search (`digest.search`, issue #18): the Pagefind index of a built site and Material's worker pointer.

These run the real Pagefind binary (from the `pagefind[bin]` dependency) over small hand-written
pages shaped like Material's; the browser tests (`test_browser.py`) search the real sample site.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import material
import pytest

from digest import search
from digest.errors import DigestError

_MATERIAL_WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"


def _page(title: str, body: str, *, depth: int = 1) -> str:
    """A page the way Material lays it out: header, the article, and the `__config` naming the worker."""
    up = "../" * depth
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f'<header class="md-header">News digest · Search</header>'
        f'<nav class="md-tabs">Home Stories Events Actors Articles</nav>'
        f'<article class="md-content__inner md-typeset"><h1 id="top">{title}</h1>{body}</article>'
        f'<script id="__config" type="application/json">{{"base": "{up[:-1] or "."}", '
        f'"search": "{up}assets/javascripts/workers/search.a7633da7.min.js"}}</script>'
        "</body></html>"
    )


@pytest.fixture
def built_site(tmp_path: Path) -> Path:
    """A small built site: two pages, a redirect page excluded from search, and Material's index."""
    site = tmp_path / "site"
    pages = {
        "actors/recep-tayyip-erdogan/index.html": (
            "Recep Tayyip Erdoğan",
            (
                "<p>Also written: Recep Tayyip Erdogan, Erdogan.</p>"
                '<pre class="digest-mermaid" data-search-exclude>graph LR\n  a ---|3| b</pre>'
            ),
            False,
        ),
        "articles/trump-putin-call/index.html": (
            "Trump and Putin speak by phone",
            '<p id="p3">Trump called the talks “excellent,” the White House said.</p>',
            False,
        ),
        "actors/erdogan/index.html": ("Moved: Recep Tayyip Erdoğan", "<p>This page has moved.</p>", True),
    }
    for rel, (title, body, excluded) in pages.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        html, found = search.mark_search_page(_page(title, body, depth=rel.count("/")), exclude=excluded)
        assert found
        path.write_text(html, encoding="utf-8")
    index = {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": [{"location": "", "title": "x", "text": "y"}]}
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return site


def _fragments(site: Path, bundle: str = "pagefind") -> dict[str, dict]:
    """Every page Pagefind stored, by URL (fragments are gzip'd JSON after a `pagefind_dcd` signature)."""
    found = {}
    for path in (site / bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


def test_mark_page_points_materials_worker_at_the_pagefind_worker():
    html, found = search.mark_search_page(_page("Home", "<p>Hi</p>", depth=2))
    assert found
    assert '"search": "../../assets/javascripts/workers/digest-search.js"' in html
    assert "search.a7633da7" not in html
    assert "data-pagefind-ignore" not in html


def test_mark_page_matches_the_worker_file_of_the_installed_material():
    """Material names its worker by content hash; an upgrade must still be pointed at ours."""
    (worker,) = (p for p in _MATERIAL_WORKERS.glob("search.*.min.js"))
    line = f'<script id="__config">{{"base": ".", "search": "assets/javascripts/workers/{worker.name}"}}</script>'
    html, found = search.mark_search_page(line)
    assert found, worker.name
    assert '"search": "assets/javascripts/workers/digest-search.js"' in html


def test_mark_page_keeps_an_excluded_page_out_and_leaves_other_pages_alone():
    html, _ = search.mark_search_page(_page("Moved", "<p>x</p>"), exclude=True)
    assert '<article class="md-content__inner md-typeset" data-pagefind-ignore="all">' in html
    bare = '<html><head><meta http-equiv="refresh" content="0; url=../x/"></head><body></body></html>'
    assert search.mark_search_page(bare) == (bare, False)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"search": {"exclude": True}}, True),
        ({"search": {"exclude": False}}, False),
        ({"search": {"boost": 2}}, False),
        ({"search": "exclude"}, False),
        ({}, False),
    ],
)
def test_is_excluded_reads_materials_front_matter_key(meta, expected):
    assert search.excluded_from_search(meta) is expected


def test_index_site_indexes_the_article_bodies_and_slims_materials_index(built_site):
    report = search.build_search_index(built_site)
    assert report.pages == 2, "the redirect page is excluded"
    assert report.bytes > 0
    fragments = _fragments(built_site)
    assert sorted(fragments) == ["/actors/recep-tayyip-erdogan/", "/articles/trump-putin-call/"]
    erdogan = fragments["/actors/recep-tayyip-erdogan/"]
    assert erdogan["meta"]["title"] == "Recep Tayyip Erdoğan"
    assert "Erdogan" in erdogan["content"]
    assert "graph LR" not in erdogan["content"], "the graph source is not page text"
    assert "News digest" not in erdogan["content"], "the header and tabs are not page text"
    assert "“excellent,”" in fragments["/articles/trump-putin-call/"]["content"]
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index == {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": []}
    worker = (built_site / search.WORKER_PATH).read_text(encoding="utf-8")
    assert 'import(new URL("pagefind/pagefind.js", ROOT)' in worker
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()


def test_index_site_again_reindexes_every_page_and_drops_deleted_ones(built_site):
    search.build_search_index(built_site)
    (built_site / "articles" / "trump-putin-call" / "index.html").unlink()
    new = built_site / "articles" / "harbour-strike" / "index.html"
    new.parent.mkdir(parents=True)
    new.write_text(search.mark_search_page(_page("Harbour strike ends", "<p>Rotterdam dockers.</p>", depth=2))[0])
    report = search.build_search_index(built_site)
    assert report.pages == 2
    assert sorted(_fragments(built_site)) == ["/actors/recep-tayyip-erdogan/", "/articles/harbour-strike/"]
    assert not list(built_site.glob(".pagefind*")), "the staging folder is swapped in, not left behind"


def test_index_site_without_materials_index_names_the_search_plugin(built_site):
    (built_site / "search" / "search_index.json").unlink()
    with pytest.raises(DigestError, match="list Material's `search` plugin before `digest`"):
        search.build_search_index(built_site)


# Under `mkdocs serve`: a delta bundle of the changed pages instead of re-indexing the site.


def _write(site: Path, rel: str, title: str, body: str, *, header: str = "") -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    html = search.mark_search_page(_page(title, body, depth=rel.count("/")))[0]
    path.write_text(html.replace("News digest · Search", f"News digest · Search{header}"), encoding="utf-8")


def _delta_file(site: Path) -> dict:
    return json.loads((site / "pagefind" / search.DELTA_FILE).read_text(encoding="utf-8"))


def _main_state(site: Path) -> dict[str, int]:
    """The main bundle's files and their mtimes: a delta rebuild must not touch them."""
    bundle = site / "pagefind"
    return {p.relative_to(bundle).as_posix(): p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}


def test_plain_build_has_no_delta_and_removes_an_old_one(built_site):
    (built_site / search.DELTA_DIR / "fragment").mkdir(parents=True)
    report = search.build_search_index(built_site)
    assert not report.delta
    assert not (built_site / search.DELTA_DIR).exists()
    assert _delta_file(built_site) == {"delta": False, "stale": [], "stale_urls": []}


def test_serve_rebuild_indexes_changed_and_new_pages_into_a_delta_and_lists_stale_entries(built_site):
    session = search.SearchSession()
    first = search.build_search_index(built_site, session=session)
    try:
        assert not first.delta and first.pages == 2
        assert sorted(session.ids) == ["/actors/recep-tayyip-erdogan/", "/articles/trump-putin-call/"]
        old_trump = session.ids["/articles/trump-putin-call/"]
        main = _main_state(built_site)
        _write(
            built_site, "articles/trump-putin-call/index.html", "Trump and Putin speak by phone", "<p>Ceasefire.</p>"
        )
        _write(built_site, "articles/harbour-strike/index.html", "Harbour strike ends", "<p>Rotterdam dockers.</p>")
        # A page whose header alone changed (a clean rebuild rewrites every page) is not re-indexed.
        _write(
            built_site,
            "actors/recep-tayyip-erdogan/index.html",
            "Recep Tayyip Erdoğan",
            (
                "<p>Also written: Recep Tayyip Erdogan, Erdogan.</p>"
                '<pre class="digest-mermaid" data-search-exclude>graph LR\n  a ---|3| b</pre>'
            ),
            header=" · Harbour strike ends",
        )
        report = search.build_search_index(built_site, session=session)
        assert report.delta and report.pages == 2 and report.stale == 1
        delta = _fragments(built_site, search.DELTA_DIR)
        assert sorted(delta) == ["/articles/harbour-strike/", "/articles/trump-putin-call/"]
        assert "Ceasefire" in delta["/articles/trump-putin-call/"]["content"]
        assert _delta_file(built_site) == {
            "delta": True,
            "stale": [old_trump],
            "stale_urls": ["/articles/trump-putin-call/"],
        }
        main_now = _main_state(built_site)
        del main[search.DELTA_FILE], main_now[search.DELTA_FILE]
        assert main_now == main, "the main bundle is left alone"

        # Later rebuilds index everything changed since the main bundle, and deletions are stale too.
        (built_site / "actors" / "recep-tayyip-erdogan" / "index.html").unlink()
        report = search.build_search_index(built_site, session=session)
        assert report.delta and report.pages == 2 and report.stale == 2
        assert sorted(_fragments(built_site, search.DELTA_DIR)) == [
            "/articles/harbour-strike/",
            "/articles/trump-putin-call/",
        ]
        assert _delta_file(built_site)["stale_urls"] == ["/actors/recep-tayyip-erdogan/", "/articles/trump-putin-call/"]
        assert not list(built_site.glob(".pagefind*")), "no staging folder is left behind"
    finally:
        session.close()
    assert session.stash is None


def test_serve_rebuild_with_only_deletions_writes_no_delta_bundle(built_site):
    session = search.SearchSession()
    search.build_search_index(built_site, session=session)
    try:
        erdogan = session.ids["/actors/recep-tayyip-erdogan/"]
        (built_site / "actors" / "recep-tayyip-erdogan" / "index.html").unlink()
        report = search.build_search_index(built_site, session=session)
        assert report.delta and report.pages == 0 and report.stale == 1
        assert not (built_site / search.DELTA_DIR).exists()
        assert _delta_file(built_site) == {
            "delta": False,
            "stale": [erdogan],
            "stale_urls": ["/actors/recep-tayyip-erdogan/"],
        }
    finally:
        session.close()


def test_serve_rebuild_past_the_limit_rebuilds_the_main_bundle(built_site):
    session = search.SearchSession()
    search.build_search_index(built_site, session=session)
    try:
        for n in range(3):
            _write(built_site, f"articles/new-{n}/index.html", f"New article {n}", f"<p>Word{n} here.</p>")
        report = search.build_search_index(built_site, session=session, max_delta=2)
        assert not report.delta and report.pages == 5
        assert not (built_site / search.DELTA_DIR).exists()
        assert _delta_file(built_site)["delta"] is False
        assert len(_fragments(built_site)) == 5 and len(session.ids) == 5
        again = search.build_search_index(built_site, session=session, max_delta=2)
        assert again.delta and again.pages == 0 and again.stale == 0, "the new main bundle is the reference now"
    finally:
        session.close()


def test_serve_rebuild_after_a_clean_build_puts_the_main_bundle_back(built_site):
    """A rebuild without `--dirty` empties site_dir (the bundle too) and rewrites every page."""
    session = search.SearchSession()
    search.build_search_index(built_site, session=session)
    try:
        main = sorted(_fragments(built_site))
        shutil.rmtree(built_site / "pagefind")
        for page in built_site.rglob("*.html"):
            page.write_bytes(page.read_bytes())
        report = search.build_search_index(built_site, session=session)
        assert report.delta and report.pages == 0 and report.stale == 0
        assert sorted(_fragments(built_site)) == main
        assert (built_site / "pagefind" / "pagefind.js").is_file()
    finally:
        session.close()


def test_plan_delta_and_page_urls():
    plan = search.plan_delta(
        {"a/index.html": "1", "b/index.html": "2", "c.html": "3"},
        {"a/index.html": "1", "b/index.html": "9", "d/index.html": "4"},
    )
    assert plan == search.DeltaPlan(changed=["b/index.html", "d/index.html"], deleted=["c.html"])
    assert [search.page_url(r) for r in ("index.html", "a/b/index.html", "404.html")] == ["/", "/a/b/", "/404.html"]
    body = b'<article class="md-content__inner md-typeset"><h1>T</h1></article>'
    assert search.page_digest(b"<header>x</header>" + body) == search.page_digest(b"<header>y</header>" + body)
    assert search.page_digest(body) != search.page_digest(body.replace(b"T", b"U"))


def test_scan_of_the_touched_pages_only_sees_what_a_full_scan_sees(built_site):
    seen: dict[str, tuple[int, int, str]] = {}
    search.scan_pages(built_site, seen)
    page = built_site / "articles/trump-putin-call/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("excellent", "superb"), encoding="utf-8")
    (built_site / "actors/erdogan/index.html").unlink()
    new = built_site / "events/e/index.html"
    new.parent.mkdir(parents=True)
    new.write_text('<article class="md-content__inner md-typeset"><h1>E</h1></article>', encoding="utf-8")
    touched = ["articles/trump-putin-call/index.html", "actors/erdogan/index.html", "events/e/index.html"]
    partial = search.scan_pages(built_site, dict(seen), touched=[*touched, "sitemap.xml"])
    assert partial == search.scan_pages(built_site, {})
    assert "actors/erdogan/index.html" not in partial
